m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
cw = [list(r) for r in zip(*m[::-1])]
ccw = [list(r) for r in zip(*m)][::-1]
print(cw)
print(ccw)
r180 = [row[::-1] for row in m[::-1]]
print(r180)
t = [[m[j][i] for j in range(3)] for i in range(3)]
print(t)
n = len(m)
for i in range(n // 2):
    for j in range(i, n - 1 - i):
        tmp = m[i][j]
        m[i][j] = m[n - 1 - j][i]
        m[n - 1 - j][i] = m[n - 1 - i][n - 1 - j]
        m[n - 1 - i][n - 1 - j] = m[j][n - 1 - i]
        m[j][n - 1 - i] = tmp
print(m == cw)
