def cleanup():
    raise OSError("cleanup failed")


try:
    try:
        1 / 0
    except ZeroDivisionError:
        cleanup()
except OSError as e:
    print("caught:", e)
    print("context:", type(e.__context__).__name__, e.__context__)
    print("cause:", e.__cause__)

try:
    raise ValueError("plain")
except ValueError as e:
    print(e.__context__ is None, e.__cause__ is None)
