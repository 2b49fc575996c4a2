import re

lines = [
    "GET /index.html 200 1043",
    "POST /api/login 401 87",
    "GET /images/logo.png 200 20411",
    "GET /missing 404 0",
    "garbage line",
]

pat = re.compile(r"(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) (?P<size>\d+)")
total = 0
for line in lines:
    m = pat.fullmatch(line)
    if m is None:
        print("skip:", line)
        continue
    d = m.groupdict()
    total += int(d["size"])
    print(d["method"], d["path"], d["status"], m.group("size"), m.span("path"))
print("bytes:", total)
