import math

h = 0.0
for n in range(1, 1001):
    h += 1 / n
print(round(h, 10), round(math.log(1000) + 0.5772156649, 4))
leibniz = sum((-1) ** k / (2 * k + 1) for k in range(100000)) * 4
print(round(leibniz, 4), abs(leibniz - math.pi) < 1e-4)
e_approx = sum(1 / math.factorial(k) for k in range(20))
print(e_approx == math.e, round(e_approx, 12))
basel = sum(1 / k**2 for k in range(1, 10001))
print(round(math.sqrt(basel * 6), 3))
