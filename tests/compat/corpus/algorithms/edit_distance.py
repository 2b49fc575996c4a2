def levenshtein(s, t):
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i]
        for j, ct in enumerate(t, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct)))
        prev = cur
    return prev[-1]


pairs = [
    ("kitten", "sitting"),
    ("flaw", "lawn"),
    ("intention", "execution"),
    ("", "abc"),
    ("same", "same"),
]
for a, b in pairs:
    print(f"{a!r} -> {b!r}: {levenshtein(a, b)}")

words = ["apple", "apply", "ape", "maple", "applet", "people"]
query = "appel"
print(sorted(words, key=lambda w: (levenshtein(query, w), w))[:3])
