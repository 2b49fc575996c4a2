phrases = [
    "Portable Network Graphics",
    "as soon as possible",
    "complementary metal-oxide semiconductor",
    "Ruby on Rails",
    "  GNU   Image Manipulation Program ",
]

for p in phrases:
    words = p.replace("-", " ").split()
    acronym = "".join(w[0].upper() for w in words)
    print(f"{p.strip()!r:45} {acronym}")

skip = {"on", "of", "as"}
print(
    "".join(w[0] for w in "Bureau of Alcohol Tobacco and Firearms".split() if w.lower() not in skip)
)
