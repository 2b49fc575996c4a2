def bold(fn):
    def wrapper(*a):
        return "<b>" + fn(*a) + "</b>"

    return wrapper


def italic(fn):
    def wrapper(*a):
        return "<i>" + fn(*a) + "</i>"

    return wrapper


def trace(label):
    def deco(fn):
        def wrapper(*a):
            print(f"[{label}] calling with {a}")
            return fn(*a)

        return wrapper

    return deco


@trace("outer")
@bold
@italic
@trace("inner")
def greet(name):
    return f"hi {name}"


print(greet("ann"))
print(bold(italic(str.upper))("plain"))
