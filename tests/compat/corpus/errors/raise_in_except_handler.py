def lookup(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(f"unknown key {key!r}")


try:
    lookup({"a": 1}, "b")
except LookupError as e:
    print(type(e).__name__, e)
    print("during handling of:", type(e.__context__).__name__)

errors = []
for exc in (ValueError, TypeError, KeyError):
    try:
        raise exc("demo")
    except (ValueError, TypeError) as e:
        errors.append(f"tuple caught {type(e).__name__}")
    except Exception as e:
        errors.append(f"generic caught {type(e).__name__}")
print(errors)
