names = ["a", "b", "c"]
vals = [1, 2, 3]
print(list(zip(names, vals, strict=True)))
try:
    list(zip(names, [1, 2], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(dict(enumerate(names, start=1)))
print(list(reversed(range(5))), list(range(10, 0, -3)))
print(sum(range(101)), min([], default="empty"), max([3, 9, 2], key=lambda x: -x))
print(sorted("banana", reverse=True), list(map(int, "1 2 3".split())))
print(round(sum(x / 3 for x in range(3)), 2), abs(-7), pow(3, 4), divmod(17, 5))
