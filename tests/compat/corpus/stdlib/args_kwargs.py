def report(title, *values, sep=", ", **options):
    line = f"{title}: " + sep.join(str(v) for v in values)
    if options.get("upper"):
        line = line.upper()
    extras = {k: v for k, v in options.items() if k != "upper"}
    return line + (f" {extras}" if extras else "")


print(report("nums", 1, 2, 3))
print(report("words", "a", "b", sep="|", upper=True))
print(report("empty", color="red", size=2))
args = (10, 20)
kwargs = {"sep": " + "}
print(report("unpacked", *args, *[30], **kwargs))


def keyword_only(a, b=2, *, c, d=4):
    return a, b, c, d


def positional_only(x, y, /, z=0):
    return x + y + z


print(keyword_only(1, c=3), keyword_only(1, 5, c=6, d=7))
print(positional_only(1, 2), positional_only(1, 2, z=3))
try:
    keyword_only(1, 2, 3)
except TypeError:
    print("c must be passed by keyword")
