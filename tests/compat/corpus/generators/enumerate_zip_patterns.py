names = ["ann", "bob", "cy", "dee"]
ages = [31, 25, 40]
for i, name in enumerate(names):
    print(i, name)
for i, (n, a) in enumerate(zip(names, ages), start=1):
    print(f"{i}. {n} is {a}")
print(dict(zip(names, ages)))
print(list(zip(*[(1, "a"), (2, "b"), (3, "c")])))
print(list(enumerate("xyz", 10)))
pairs = list(zip(range(3), "abc", [True, False, True]))
print(pairs)
print([n for n, keep in zip(names, [1, 0, 1, 1]) if keep])
