matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([x for row in matrix for x in row])
print([[row[i] for row in matrix] for i in range(3)])
print([(i, j) for i in range(3) for j in range(i)])
print({x: x**3 for x in range(5)})
print(sorted({w[0] for w in ["apple", "avocado", "banana", "cherry"]}))
print([[1 if i == j else 0 for j in range(3)] for i in range(3)])
words = ["alpha", "beta", "gamma"]
print({w: [c for c in w if c in "aeiou"] for w in words})
print([x if x % 2 else -x for x in range(6)])
pyth = [
    (a, b, c)
    for c in range(1, 30)
    for b in range(1, c)
    for a in range(1, b)
    if a * a + b * b == c * c
]
print(pyth)
