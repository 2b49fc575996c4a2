import string

sentences = [
    "The quick brown fox jumps over the lazy dog",
    "Hello world",
    "Pack my box with five dozen liquor jugs!",
    "Sphinx of black quartz, judge my vow",
]

for s in sentences:
    missing = set(string.ascii_lowercase) - set(s.lower())
    if missing:
        print(f"NO  ({len(missing)} missing: {''.join(sorted(missing))[:6]}...) {s}")
    else:
        print("YES", s)
