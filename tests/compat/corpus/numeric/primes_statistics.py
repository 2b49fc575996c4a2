def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    i = 3
    while i * i <= n:
        if n % i == 0:
            return False
        i += 2
    return True


primes = [n for n in range(2000) if is_prime(n)]
print(len(primes), sum(primes), primes[-5:])
last_digits = {}
for p in primes:
    last_digits[p % 10] = last_digits.get(p % 10, 0) + 1
print(dict(sorted(last_digits.items())))
print([p for p in primes if is_prime(p + 2)][:10])
print(is_prime(2**31 - 1), is_prime(10**9 + 7), is_prime(561))
