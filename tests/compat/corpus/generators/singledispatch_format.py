from functools import singledispatch


@singledispatch
def describe(obj):
    return f"object of type {type(obj).__name__}"


@describe.register
def _(obj: int):
    return f"integer {obj} ({'even' if obj % 2 == 0 else 'odd'})"


@describe.register(list)
def _(obj):
    return f"list of {len(obj)}: " + ", ".join(describe(x) for x in obj)


@describe.register(str)
def _(obj):
    return f"string {obj!r}"


for v in [4, "hi", [1, "x"], 2.5, None]:
    print(describe(v))
