text = "she sells sea shells by the sea shore"
freq = {}
for ch in text:
    if ch != " ":
        freq[ch] = freq.get(ch, 0) + 1

for ch, n in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{ch}: {'*' * n} {n}")
print("distinct:", len(freq))
print("first non-repeated:", next(ch for ch in text if text.count(ch) == 1))
