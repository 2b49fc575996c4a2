values = [1, 2.5, "s", [1], (1,), {"a": 1}, {1}, None, True, b"x", range(3)]
for v in values:
    kinds = []
    if isinstance(v, bool):
        kinds.append("bool")
    if isinstance(v, int):
        kinds.append("int")
    if isinstance(v, (list, tuple)):
        kinds.append("sequence")
    if isinstance(v, (str, bytes)):
        kinds.append("text")
    print(f"{type(v).__name__:<8} {kinds}")
print(type(True) is bool, type(1) is int, isinstance(True, int))
print(issubclass(bool, int), issubclass(dict, object), type(type).__name__)
