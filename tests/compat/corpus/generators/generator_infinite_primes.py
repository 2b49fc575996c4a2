from itertools import count, islice


def primes():
    found = []
    for n in count(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n


print(list(islice(primes(), 20)))
p = primes()
for _ in range(99):
    next(p)
print("100th prime:", next(p))
print(sum(islice(primes(), 50)))
