def digits(n):
    return [int(d) for d in str(abs(n))]


def digital_root(n):
    while n >= 10:
        n = sum(digits(n))
    return n


for n in [0, 9, 38, 12345, 987654321, 2**64]:
    print(n, sum(digits(n)), digital_root(n), int(str(n)[::-1]))
print([n for n in range(100, 1000) if n == sum(d**3 for d in digits(n))])
print(sorted(digits(31415926535), reverse=True))
print(int("".join(sorted(str(2024), reverse=True))))
