import re


def syllables(word):
    word = word.lower().strip(".,!?")
    groups = re.findall(r"[aeiouy]+", word)
    n = len(groups)
    if word.endswith("e") and n > 1 and not word.endswith("le"):
        n -= 1
    return max(n, 1)


poem = "The old pond, a frog jumps in, the sound of water."
counts = [(w, syllables(w)) for w in poem.split()]
print(counts)
print("total:", sum(c for _, c in counts))
