def count_calls(fn):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@count_calls
def greet(name, punct="!"):
    return f"Hello, {name}{punct}"


print(greet("Ann"))
print(greet("Bob", punct="?"))
print(greet.calls)


@count_calls
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(15), fib.calls)
