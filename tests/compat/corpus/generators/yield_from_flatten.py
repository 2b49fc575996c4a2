def flatten(items):
    for x in items:
        if isinstance(x, (list, tuple)):
            yield from flatten(x)
        else:
            yield x


def chain(*iterables):
    for it in iterables:
        yield from it


nested = [1, [2, 3, [4, [5, 6]], 7], (8, [9]), [], 10]
print(list(flatten(nested)))
print(list(chain("ab", [1, 2], range(3))))


def inner():
    yield 1
    yield 2
    return "inner done"


def outer():
    result = yield from inner()
    yield result


print(list(outer()))
