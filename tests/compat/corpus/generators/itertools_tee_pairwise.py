from itertools import islice, pairwise, tee

temps = [21, 23, 22, 25, 27, 26]
print(list(pairwise(temps)))
print([b - a for a, b in pairwise(temps)])
a, b = tee(iter(temps))
print(list(a), list(islice(b, 3)))


def triplewise(it):
    x, y, z = tee(it, 3)
    next(y, None)
    next(z, None)
    next(z, None)
    return zip(x, y, z)


print(list(triplewise("ABCDE")))
