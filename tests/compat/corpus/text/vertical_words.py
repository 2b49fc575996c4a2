words = "TO BE OR NOT TO BE".split()
height = max(map(len, words))
for i in range(height):
    print("".join(w[i] if i < len(w) else " " for w in words).rstrip())
print()
for line in ["HOW", "ARE", "YOU"]:
    print(" ".join(line))
