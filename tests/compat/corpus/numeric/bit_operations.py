n = 0b10110
print(n, bin(n), n.bit_length(), n.bit_count(), bin(n).count("1"))
print(n & 0b1100, n | 1, n ^ 0xFF, ~n, n << 3, n >> 2)
flags = 0
READ, WRITE, EXEC = 1, 2, 4
flags |= READ | EXEC
print(bool(flags & WRITE), bool(flags & EXEC), flags)
flags &= ~READ
print(flags, format(flags, "03b"))
print([i for i in range(20) if i & (i - 1) == 0 and i])
x = 0xDEADBEEF
print(hex(x >> 16), hex(x & 0xFFFF), (x >> 31) & 1)
print((-1) >> 5, -16 >> 2, 1 << 64)
