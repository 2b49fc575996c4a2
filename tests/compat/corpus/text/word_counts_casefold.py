text = "Go go GO! The Go language; go-lang is not Python. PYTHON python."
tokens = [t.strip(".;!").casefold() for t in text.replace("-", " ").split()]
counts = {}
for t in tokens:
    counts[t] = counts.get(t, 0) + 1
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{word:<10}{n}")
