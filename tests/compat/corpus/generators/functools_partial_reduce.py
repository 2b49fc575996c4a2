from functools import partial, reduce

print(reduce(lambda a, b: a * b, range(1, 11)))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde", "f"], 0))
print(reduce(max, [3, 9, 2, 7]))
nested = [[1, 2], [3], [4, 5, 6]]
print(reduce(lambda a, b: a + b, nested, []))

int_base2 = partial(int, base=2)
print(int_base2("1011"), int_base2("11111111"))


def power(base, exp):
    return base**exp


square = partial(power, exp=2)
cube = partial(power, exp=3)
print([square(x) for x in range(5)], cube(3))
print(square.func.__name__, square.keywords)
