s = "one fish two fish red fish blue fish"
print(s.replace("fish", "cat"))
print(s.replace("fish", "cat", 2))
print(s.replace(" ", ""))
print(s.replace("", "-", 3))
print("aaaa".replace("aa", "b"))
template = "Hello NAME, welcome to PLACE."
for name, place in [("Ann", "Oslo"), ("Bo", "Lima")]:
    print(template.replace("NAME", name).replace("PLACE", place))
