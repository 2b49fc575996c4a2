def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    for i in range(2, int(limit**0.5) + 1):
        if is_prime[i]:
            is_prime[i * i :: i] = [False] * len(is_prime[i * i :: i])
    return [i for i, p in enumerate(is_prime) if p]


primes = sieve(10000)
print(len(primes), primes[:10], primes[-3:])
twins = [(p, p + 2) for p in primes if p + 2 in set(primes)][:8]
print(twins)
gaps = [b - a for a, b in zip(primes, primes[1:])]
print("max gap under 10000:", max(gaps))
