import re

samples = ["1h30m", "45m", "2h", "1h5m30s", "90s", "3d4h", "bad"]
UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse(text):
    parts = re.findall(r"(\d+)([dhms])", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"cannot parse {text!r}")
    return sum(int(n) * UNITS[u] for n, u in parts)


for s in samples:
    try:
        secs = parse(s)
        h, rem = divmod(secs, 3600)
        m, sec = divmod(rem, 60)
        print(f"{s:>8} = {secs:>6}s = {h:02}:{m:02}:{sec:02}")
    except ValueError as e:
        print(e)
