from functools import wraps


def logged(fn):
    @wraps(fn)
    def inner(*args, **kwargs):
        result = fn(*args, **kwargs)
        print(f"{fn.__name__}{args} -> {result!r}")
        return result

    return inner


def bare(fn):
    def inner(*args):
        return fn(*args)

    return inner


@logged
def add(a, b):
    """Add two numbers."""
    return a + b


@bare
def sub(a, b):
    """Subtract."""
    return a - b


add(2, 3)
add("x", "y")
print(add.__name__, add.__doc__, add.__wrapped__(10, 1))
print(sub.__name__, sub.__doc__)
