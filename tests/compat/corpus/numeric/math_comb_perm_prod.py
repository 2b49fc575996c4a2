import math

print(math.comb(5, 2), math.comb(52, 5), math.perm(5, 2), math.perm(4))
print(math.prod([1, 2, 3, 4, 5]), math.prod(range(1, 21)), math.prod([]))
print(math.isqrt(10**20 + 1), math.isqrt(99))
lottery = math.comb(49, 6)
print(f"1 in {lottery:,}")
row = [math.comb(10, k) for k in range(11)]
print(row, sum(row) == 2**10)
print(math.factorial(25) // (math.factorial(20) * math.factorial(5)) == math.comb(25, 5))
