words = ["banana", "apple", "cherry", "avocado", "blueberry", "cranberry", "apricot", "date"]

index = {}
for w in sorted(words):
    index.setdefault(w[0].upper(), []).append(w)

for letter, items in index.items():
    print(f"{letter} ({len(items)}): {' '.join(items)}")

lengths = {w: len(w) for w in words if len(w) > 5}
print(lengths)
print({k: v for k, v in sorted(lengths.items(), key=lambda kv: kv[1])})
