from itertools import islice, takewhile


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(islice(fibonacci(), 15)))
print(list(islice(fibonacci(), 10, 15)))
print(list(takewhile(lambda x: x < 1000, fibonacci())))
print(next(x for x in fibonacci() if x > 10**12))
print(list(islice(fibonacci(), 0, 30, 5)))
