def newton_sqrt(x, tol=1e-12):
    if x == 0:
        return 0.0
    guess = x / 2 if x > 1 else 1.0
    steps = 0
    while abs(guess * guess - x) > tol * x:
        guess = (guess + x / guess) / 2
        steps += 1
    return guess, steps


for x in [2, 9, 0.25, 1e6, 12345]:
    r, steps = newton_sqrt(x)
    print(x, round(r, 10), steps, abs(r - x**0.5) < 1e-9)


def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x, y = y, (y + n // y) // 2
    return x


print(isqrt(10**40), isqrt(2 * 10**30))
