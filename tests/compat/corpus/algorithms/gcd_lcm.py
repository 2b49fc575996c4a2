import math


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


pairs = [(48, 18), (17, 5), (100, 75), (0, 9), (270, 192)]
for a, b in pairs:
    print(a, b, gcd(a, b), math.gcd(a, b), a * b // gcd(a, b) if a and b else 0)

print(math.lcm(4, 6, 10))
print(math.gcd(12, 18, 30))
nums = list(range(1, 21))
lcm = 1
for n in nums:
    lcm = lcm * n // math.gcd(lcm, n)
print("lcm(1..20) =", lcm)
