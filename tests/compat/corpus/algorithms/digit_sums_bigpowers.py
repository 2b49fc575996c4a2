print(sum(map(int, str(2**1000))))
print(len(str(3**1000)))
n = 1
for i in range(1, 101):
    n *= i
print(str(n)[:20], str(n)[-30:])
a, b, idx = 1, 1, 2
while len(str(b)) < 100:
    a, b = b, a + b
    idx += 1
print("first fib with 100 digits is F", idx)
print(10**30 // 7, 10**30 % 7, divmod(-(10**20), 3))
print((1 << 100) | 1, (1 << 100).bit_length())
