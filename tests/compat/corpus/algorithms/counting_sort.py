def counting_sort(a, max_value):
    counts = [0] * (max_value + 1)
    for x in a:
        counts[x] += 1
    out = []
    for value, c in enumerate(counts):
        out.extend([value] * c)
    return out


grades = [4, 2, 2, 8, 3, 3, 1, 0, 8, 5, 5, 5]
print(counting_sort(grades, 10))
words = ["pear", "fig", "banana", "kiwi", "apple", "date"]
by_len = {}
for w in words:
    by_len.setdefault(len(w), []).append(w)
print([w for n in sorted(by_len) for w in by_len[n]])
