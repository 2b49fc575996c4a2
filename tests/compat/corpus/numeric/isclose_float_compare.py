import math

a = 0.1 + 0.2
print(a, a == 0.3, math.isclose(a, 0.3))
print(math.isclose(1e-10, 0, abs_tol=1e-9), math.isclose(100, 101, rel_tol=0.02))
print(sum([0.1] * 10), math.fsum([0.1] * 10))
print(1.1 * 3, 0.1 * 3, 1 / 3)
print(round(2.675, 2), round(0.5), round(1.5), round(2.5))
print(float("1e308") * 10, -float("inf"), math.isinf(1e309), math.isnan(float("nan")))
print(float("nan") == float("nan"), 2**0.5)
