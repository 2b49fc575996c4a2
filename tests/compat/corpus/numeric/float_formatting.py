values = [0.1, 1 / 3, 2 / 3, 100.0, 1e16, 1.5e-7, 123456.789, -0.0, 1e22, 12345678912345.678]
for v in values:
    print(v, repr(v), str(v), f"{v:.3f}", f"{v:g}")
print(3.0, 3.10, 2.50, float(10**16), 1e100)
print(str(1 / 7), 22 / 7)
