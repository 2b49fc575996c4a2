import math

for x in [0.5, 0.1, 2.0, -1.25, 3.75]:
    print(x, x.as_integer_ratio(), x.is_integer(), math.modf(x), math.frexp(x))
print((2.5).hex(), float.fromhex("0x1.4p+1"))
print(int(1e20), int(-0.9), float("-0"), math.floor(1e20) == 10**20)
print(7.0 // 2, 7.5 % 2, -7.5 // 2, math.fmod(-7.5, 2), math.remainder(7, 4))
print(abs(-3.5), max(1, 2.5, -1), min(3, 3.0), sum([1, 2.0]))
