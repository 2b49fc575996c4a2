def c_to_f(c):
    return c * 9 / 5 + 32


def f_to_c(f):
    return (f - 32) * 5 / 9


print(f"{'C':>6} {'F':>7} {'K':>8}")
for c in range(-40, 101, 20):
    print(f"{c:>6} {c_to_f(c):>7.1f} {c + 273.15:>8.2f}")
print([round(f_to_c(f), 1) for f in (0, 32, 98.6, 212)])
print(c_to_f(37), f_to_c(c_to_f(25.5)))
