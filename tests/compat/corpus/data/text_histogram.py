ages = [23, 35, 41, 19, 28, 33, 52, 47, 38, 29, 61, 24, 36, 44, 31]

bins = {}
for age in ages:
    lo = age // 10 * 10
    bins[lo] = bins.get(lo, 0) + 1

for lo in sorted(bins):
    label = f"{lo}-{lo + 9}"
    print(f"{label:>6} | {'#' * bins[lo]} ({bins[lo]})")

print("oldest bucket:", max(bins), "largest bucket:", max(bins, key=bins.get))
