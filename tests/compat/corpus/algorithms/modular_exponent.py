def power_mod(base, exp, mod):
    result = 1
    base %= mod
    while exp:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result


M = 10**9 + 7
for b, e in [(2, 10), (3, 200), (7, 10**18), (123456789, 987654321)]:
    print(b, e, power_mod(b, e, M), pow(b, e, M) == power_mod(b, e, M))

inv = pow(3, -1, 11)
print("inverse of 3 mod 11:", inv, 3 * inv % 11)
print("fermat inverse:", pow(10, M - 2, M) * 10 % M)
