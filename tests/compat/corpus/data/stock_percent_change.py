closes = {
    "ACME": [10.0, 10.5, 10.2, 11.0],
    "BETA": [55.0, 54.0, 53.5, 52.0],
    "GAMA": [3.0, 3.3, 3.6, 3.3],
}

for ticker, series in closes.items():
    change = (series[-1] - series[0]) / series[0] * 100
    daily = [(b - a) / a * 100 for a, b in zip(series, series[1:])]
    worst = min(daily)
    print(f"{ticker}: {change:+.2f}% overall, worst day {worst:+.2f}%")

best = max(closes, key=lambda t: closes[t][-1] / closes[t][0])
print("best performer:", best)
