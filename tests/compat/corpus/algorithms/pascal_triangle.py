def pascal(n):
    rows = [[1]]
    for _ in range(n - 1):
        prev = rows[-1]
        rows.append([1] + [a + b for a, b in zip(prev, prev[1:])] + [1])
    return rows


tri = pascal(8)
width = len(" ".join(map(str, tri[-1])))
for row in tri:
    print(" ".join(map(str, row)).center(width).rstrip())
print(sum(pascal(20)[-1]), pascal(31)[-1][15])
