def is_happy(n):
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1


def is_perfect(n):
    return n > 1 and sum(d for d in range(1, n // 2 + 1) if n % d == 0) == n


def is_armstrong(n):
    s = str(n)
    return n == sum(int(d) ** len(s) for d in s)


print("happy:", [n for n in range(1, 50) if is_happy(n)])
print("perfect:", [n for n in range(1, 500) if is_perfect(n)])
print("armstrong:", [n for n in range(1, 10000) if is_armstrong(n)])
