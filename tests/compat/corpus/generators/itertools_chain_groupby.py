from itertools import chain, groupby

print(list(chain([1, 2], (3, 4), "ab")))
print(list(chain.from_iterable([[1], [2, 3], []])))

records = [
    ("fruit", "apple"),
    ("fruit", "pear"),
    ("veg", "kale"),
    ("fruit", "fig"),
    ("veg", "leek"),
]
for key, group in groupby(sorted(records), key=lambda r: r[0]):
    print(key, [name for _, name in group])

s = "aaabbbcccaad"
print([(k, len(list(g))) for k, g in groupby(s)])
print("".join(k for k, _ in groupby(s)))
