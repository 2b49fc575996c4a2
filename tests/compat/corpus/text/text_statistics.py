import re

text = """It was the best of times, it was the worst of times. It was the age of
wisdom, it was the age of foolishness! Was it the epoch of belief? It was."""

sentences = [s for s in re.split(r"[.!?]+", text) if s.strip()]
words = re.findall(r"[A-Za-z']+", text)
print("sentences:", len(sentences))
print("words:", len(words))
print("characters (no spaces):", len(text.replace(" ", "").replace("\n", "")))
print("average word length:", round(sum(map(len, words)) / len(words), 3))
print("longest word:", max(words, key=len))
freq = {}
for w in words:
    freq[w.lower()] = freq.get(w.lower(), 0) + 1
print("most common:", sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
