values = [1 + 2, 1 + 2.0, True + True, 3 / 1, 7 // 2, 7.0 // 2, 2**3, 2**-2, 2**0.5, 10 % 3.0]
for v in values:
    print(repr(v), type(v).__name__)
print(1 == 1.0 == True, 0.0 == -0.0)
print(sum([True, True, False]), max(True, 2), int(True), float(False))
print(complex(1, 0) == 1, 3 * "ab", [0] * 3)
