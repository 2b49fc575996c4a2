class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __iadd__(self, other):
        for r1, r2 in zip(self.rows, other.rows):
            for i in range(len(r1)):
                r1[i] += r2[i]
        return self

    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])

    def __getitem__(self, idx):
        r, c = idx
        return self.rows[r][c]

    def __eq__(self, other):
        return self.rows == other.rows

    def __repr__(self):
        return f"Matrix({self.rows})"


a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a + b)
print(a @ b)
alias = a
a += b
print(alias is a, a, a[1, 0])
print(a == Matrix([[1, 3], [4, 4]]))
