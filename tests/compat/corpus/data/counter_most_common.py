from collections import Counter

visits = "home about home products home contact products home blog about".split()
c = Counter(visits)
print(c.most_common(3))
print(c["home"], c["missing"])
print(sorted(c.items()))
letters = Counter("mississippi")
print(letters.most_common(2))
print(sum(letters.values()), len(letters))
