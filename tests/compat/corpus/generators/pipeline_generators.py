LOG = """\
INFO user=ann action=login
ERROR user=bob action=upload size=20MB
INFO user=cy action=logout
ERROR user=ann action=download
WARN user=bob action=login
ERROR user=cy action=upload size=5MB
"""


def read_lines(text):
    for line in text.splitlines():
        yield line.strip()


def only(level, lines):
    return (ln for ln in lines if ln.startswith(level))


def parse(lines):
    for ln in lines:
        level, *pairs = ln.split()
        yield level, dict(p.split("=") for p in pairs)


errors = parse(only("ERROR", read_lines(LOG)))
for level, fields in errors:
    print(level, fields["user"], fields["action"], fields.get("size", "-"))
users = {f["user"] for _, f in parse(read_lines(LOG))}
print(sorted(users))
