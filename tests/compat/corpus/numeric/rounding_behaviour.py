values = [0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001]
print([round(v) for v in values])
print([round(v, 1) for v in [1.25, 1.35, 1.45, 0.05]])
print(round(1234.5678, -2), round(1250, -2), round(1350, -2))
print(int(3.99), int(-3.99), int("12"), float(7))
print(f"{2.5:.0f} {3.5:.0f} {0.125:.2f} {0.375:.2f}")
print(round(10 / 3, 3), round(7), type(round(7.0)).__name__, type(round(7.0, 1)).__name__)
