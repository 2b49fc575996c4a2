def percentile(data, p):
    s = sorted(data)
    k = (len(s) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


latencies = [120, 95, 300, 110, 105, 98, 2500, 130, 101, 99, 115, 140]
for p in (50, 90, 95, 99):
    print(f"p{p}: {percentile(latencies, p):.1f} ms")
mean = sum(latencies) / len(latencies)
print(f"mean {mean:.2f} vs median {percentile(latencies, 50)}")
iqr = percentile(latencies, 75) - percentile(latencies, 25)
print("outliers:", [x for x in latencies if x > percentile(latencies, 75) + 1.5 * iqr])
