matrix = [
    [3, 8, 1, 9],
    [4, 0, 7, 2],
    [6, 5, 5, 1],
]

row_sums = [sum(r) for r in matrix]
col_sums = [sum(c) for c in zip(*matrix)]
print("rows:", row_sums)
print("cols:", col_sums)
print("total:", sum(row_sums))
diag = [matrix[i][i] for i in range(min(len(matrix), len(matrix[0])))]
print("diag:", diag)
for row in matrix:
    print(" ".join(f"{x:3d}" for x in row), "|", f"{sum(row):3d}")
print("-" * 16)
print(" ".join(f"{x:3d}" for x in col_sums))
