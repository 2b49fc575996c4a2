import functools


def retry(times, exceptions=(Exception,)):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions as e:
                    print(f"attempt {attempt} failed: {e}")
            return None

        return wrapper

    return decorator


state = {"n": 0}


@retry(times=3, exceptions=(ConnectionError,))
def flaky_fetch(url):
    """Fetch a URL, failing the first two times."""
    state["n"] += 1
    if state["n"] < 3:
        raise ConnectionError(f"timeout on {url}")
    return f"content of {url}"


print(flaky_fetch("http://example.com"))
print(flaky_fetch.__name__, flaky_fetch.__doc__)
