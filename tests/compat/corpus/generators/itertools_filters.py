from itertools import compress, dropwhile, filterfalse, starmap, takewhile

data = [1, 4, 6, 4, 1, 9, 2]
print(list(takewhile(lambda x: x < 5, data)))
print(list(dropwhile(lambda x: x < 5, data)))
print(list(filterfalse(lambda x: x % 2, data)))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(lambda a, b: f"{a}:{b}", enumerate("xyz"))))
