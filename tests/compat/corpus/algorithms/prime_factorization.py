def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors


def fmt(f):
    return " * ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in f.items())


for n in [2, 12, 97, 360, 1001, 65536, 600851475143, 9999991]:
    f = factorize(n)
    divisors = 1
    for e in f.values():
        divisors *= e + 1
    print(f"{n} = {fmt(f)}  ({divisors} divisors)")
