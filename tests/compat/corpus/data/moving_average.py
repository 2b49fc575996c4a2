prices = [101.5, 102.0, 99.8, 100.4, 103.9, 104.2, 102.7, 105.0, 106.3, 104.8]


def moving_average(values, window):
    out = []
    total = sum(values[:window])
    out.append(total / window)
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        out.append(total / window)
    return out


for w in (3, 5):
    ma = moving_average(prices, w)
    print(f"MA{w}:", [round(x, 2) for x in ma])

changes = [round(b - a, 2) for a, b in zip(prices, prices[1:])]
print("changes:", changes)
print("up days:", sum(1 for c in changes if c > 0))
