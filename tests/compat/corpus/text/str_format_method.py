print("{} + {} = {}".format(2, 3, 5))
print("{0} {1} {0}".format("ping", "pong"))
print("{name} is {age} years old".format(name="Ann", age=30))
point = {"x": 3, "y": -1}
print("({x}, {y})".format(**point))
print("{0[0]} and {0[1]}".format(["first", "second"]))
print("{:>8.2f}|{:<6}|{:^7}".format(3.14159, "ab", "mid"))
template = "{greeting}, {who}!"
for who in ("world", "team"):
    print(template.format(greeting="Hello", who=who))
print("{:,}".format(9876543210))
