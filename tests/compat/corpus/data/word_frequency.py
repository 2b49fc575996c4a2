text = """The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs away! A quick fox is a happy fox."""

counts = {}
for raw in text.split():
    word = raw.strip(".,;!?").lower()
    if word:
        counts[word] = counts.get(word, 0) + 1

top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f"{word}: {n}")
print("unique words:", len(counts))
print("words seen once:", sorted(w for w, c in counts.items() if c == 1))
