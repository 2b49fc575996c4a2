def quickselect(a, k):
    pivot = a[len(a) // 2]
    lows = [x for x in a if x < pivot]
    highs = [x for x in a if x > pivot]
    pivots = [x for x in a if x == pivot]
    if k < len(lows):
        return quickselect(lows, k)
    if k < len(lows) + len(pivots):
        return pivot
    return quickselect(highs, k - len(lows) - len(pivots))


data = [7, 10, 4, 3, 20, 15, 4, 8, 1]
for k in range(len(data)):
    print(k, quickselect(data, k), sorted(data)[k])
median = quickselect(data, len(data) // 2)
print("median:", median)
