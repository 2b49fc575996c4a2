import math

scores = [72, 85, 90, 66, 85, 78, 95, 85, 70, 88]
n = len(scores)
mean = sum(scores) / n
ordered = sorted(scores)
median = (ordered[n // 2 - 1] + ordered[n // 2]) / 2 if n % 2 == 0 else ordered[n // 2]
counts = {}
for s in scores:
    counts[s] = counts.get(s, 0) + 1
mode = max(counts, key=counts.get)
var = sum((s - mean) ** 2 for s in scores) / (n - 1)
std = math.sqrt(var)
print(f"mean={mean} median={median} mode={mode}")
print(f"variance={var:.4f} stdev={std:.4f}")
print("range:", ordered[-1] - ordered[0])
z = [round((s - mean) / std, 2) for s in scores]
print(z)
