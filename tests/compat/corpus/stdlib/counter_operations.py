from collections import Counter

a = Counter("abracadabra")
b = Counter("alakazam")
print(a.most_common(3))
print(sorted((a + b).items()))
print(sorted((a - b).items()))
print(sorted((a & b).items()), sorted((a | b).items()))
print(sorted(a.elements())[:8])
a.update("zzz")
a.subtract({"a": 2})
print(a["a"], a["z"], a.total())
inventory = Counter(apples=3, pears=0)
print(+inventory, list(inventory))
