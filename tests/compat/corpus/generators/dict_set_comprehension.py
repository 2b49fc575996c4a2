text = "to be or not to be that is the question"
words = text.split()
lengths = {w: len(w) for w in words}
print(lengths)
unique_lengths = {len(w) for w in words}
print(sorted(unique_lengths))
positions = {}
for i, w in enumerate(words):
    positions.setdefault(w, []).append(i)
print({w: p for w, p in positions.items() if len(p) > 1})
squares = {n: n * n for n in range(10) if n % 2}
print(squares, sum(squares.values()))
swapped = {v: k for k, v in {"a": 1, "b": 2}.items()}
print(swapped)
