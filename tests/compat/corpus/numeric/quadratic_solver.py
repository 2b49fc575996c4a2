import math


def solve(a, b, c):
    if a == 0:
        return (-c / b,) if b else ()
    d = b * b - 4 * a * c
    if d < 0:
        return ()
    if d == 0:
        return (-b / (2 * a),)
    s = math.sqrt(d)
    return tuple(sorted(((-b - s) / (2 * a), (-b + s) / (2 * a))))


for coeffs in [(1, -3, 2), (1, 2, 1), (1, 0, 1), (2, -7, 3), (0, 2, -8), (1, 0, -2)]:
    roots = solve(*coeffs)
    print(coeffs, "->", [round(r, 6) for r in roots])
