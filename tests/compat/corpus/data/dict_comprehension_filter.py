prices = {"apple": 1.2, "bread": 2.5, "caviar": 95.0, "dates": 4.75, "eggs": 3.1}

cheap = {k: v for k, v in prices.items() if v < 3}
print(cheap)
taxed = {k: round(v * 1.08, 2) for k, v in prices.items()}
print(taxed)
upper = {k.upper(): v for k, v in prices.items() if "a" in k}
print(upper)
print(dict(sorted(prices.items(), key=lambda kv: -kv[1])[:2]))
print(list(prices.keys())[1:3], list(prices.values())[-1])
