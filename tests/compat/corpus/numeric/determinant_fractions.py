from fractions import Fraction


def det(m):
    m = [[Fraction(x) for x in row] for row in m]
    n = len(m)
    result = Fraction(1)
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != col:
            m[col], m[pivot] = m[pivot], m[col]
            result = -result
        result *= m[col][col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            m[r] = [a - factor * b for a, b in zip(m[r], m[col])]
    return result


print(det([[1, 2], [3, 4]]))
print(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]))
print(det([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
print(det([[Fraction(1, 2), 1], [1, Fraction(1, 3)]]))
