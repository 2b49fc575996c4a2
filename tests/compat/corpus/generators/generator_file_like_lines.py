import io

content = io.StringIO("""# comment
alpha 1
beta 2

gamma 3
# another
delta 4
""")


def records(f):
    for lineno, line in enumerate(f, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, value = line.split()
        yield lineno, name, int(value)


total = 0
for lineno, name, value in records(content):
    total += value
    print(f"line {lineno}: {name}={value}")
print("total:", total)
