def numbers():
    for i in range(1, 4):
        print(f"  producing {i}")
        yield i


def doubled(items):
    for x in items:
        print(f"  doubling {x}")
        yield x * 2


print("building pipeline")
pipe = doubled(numbers())
print("consuming")
for value in pipe:
    print("got", value)

print("map is lazy too")
m = map(lambda x: print("  mapping", x) or x + 1, [10, 20])
print("before list")
print(list(m))
