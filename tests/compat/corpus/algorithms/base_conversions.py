def to_base(n, base):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return sign + "".join(reversed(out))


for n in [0, 5, 255, -42, 1000, 2**40]:
    print(n, to_base(n, 2), to_base(n, 7), to_base(n, 16), to_base(n, 36))
print(int("11111111", 2), int("zz", 36), int("-7f", 16), int("0o17", 8), int("  42  "))
print(bin(37), oct(37), hex(37), f"{37:b}")
