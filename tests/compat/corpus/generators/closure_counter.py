def make_counter(start=0, step=1):
    count = start

    def counter():
        nonlocal count
        count += step
        return count

    return counter


c1 = make_counter()
c2 = make_counter(100, 10)
print(c1(), c1(), c1(), c2(), c2())


def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]


print([m(10) for m in make_multipliers()])
late = [lambda x: x * i for i in range(4)]
print([m(10) for m in late])


def accumulate():
    items = []

    def add(x):
        items.append(x)
        return list(items)

    return add


acc = accumulate()
acc(1)
print(acc(2), acc.__closure__ is not None)
