def parse_numbers(items):
    for item in items:
        yield int(item)


gen = parse_numbers(["1", "2", "oops", "4"])
collected = []
try:
    for n in gen:
        collected.append(n)
except ValueError as e:
    print("stopped:", e)
print(collected)
print(next(gen, "generator finished"))


def safe(items):
    for item in items:
        try:
            yield int(item)
        except ValueError:
            yield None


print(list(safe(["5", "x", "6"])))
