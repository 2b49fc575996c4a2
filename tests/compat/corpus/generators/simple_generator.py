def squares(n):
    for i in range(n):
        yield i * i


def evens_up_to(limit):
    n = 0
    while n <= limit:
        yield n
        n += 2


print(list(squares(6)))
g = evens_up_to(7)
print(next(g), next(g))
print(list(g))
print(list(g))
print(sum(squares(100)), max(evens_up_to(15)))
print(type(squares(1)).__name__)
