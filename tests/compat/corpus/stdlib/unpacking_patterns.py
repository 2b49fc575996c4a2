first, *middle, last = [1, 2, 3, 4, 5]
print(first, middle, last)
head, *tail = "hello"
print(head, tail)
a, b = b, a = 1, 2
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (name, score) in enumerate([("ann", 90), ("bob", 85)]):
    print(i, name, score)
*init, end = range(4)
print(init, end)
merged = [*range(3), *"ab", *[None]]
print(merged)
d = {**{"a": 1}, "b": 2, **dict(c=3)}
print(d)
print(*[1, 2, 3], sep="-")
key, value = next(iter({"only": 42}.items()))
print(key, value)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
