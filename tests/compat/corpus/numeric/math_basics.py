import math

print(math.sqrt(144), math.sqrt(2))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), round(-2.5))
print(math.pi, round(math.pi, 4), math.e)
print(math.factorial(20), math.pow(2, 10), 2**10)
print(math.hypot(3, 4), math.dist((0, 0), (6, 8)))
print(math.degrees(math.pi / 2), math.radians(180))
print(round(math.sin(math.pi / 6), 10), round(math.cos(0), 3), math.atan2(1, 1))
print(math.log(math.e), math.log10(1000), math.log2(1024), math.log(8, 2))
print(math.exp(0), math.fabs(-3), math.copysign(2, -0.0))
