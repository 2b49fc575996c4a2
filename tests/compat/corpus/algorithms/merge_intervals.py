def merge(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


meetings = [(1, 3), (2, 6), (8, 10), (15, 18), (17, 20), (9, 12)]
merged = merge(meetings)
print(merged)
busy = sum(e - s for s, e in merged)
print("busy hours:", busy)
gaps = [(a[1], b[0]) for a, b in zip(merged, merged[1:])]
print("free:", gaps)
print(merge([]), merge([(5, 5), (1, 10)]))
