INF = float("inf")
names = ["A", "B", "C", "D"]
w = [
    [0, 3, INF, 7],
    [8, 0, 2, INF],
    [5, INF, 0, 1],
    [2, INF, INF, 0],
]

n = len(w)
d = [row[:] for row in w]
for k in range(n):
    for i in range(n):
        for j in range(n):
            if d[i][k] + d[k][j] < d[i][j]:
                d[i][j] = d[i][k] + d[k][j]

print("    " + "".join(f"{x:>4}" for x in names))
for name, row in zip(names, d):
    print(f"{name:>4}" + "".join(f"{v:>4}" for v in row))
