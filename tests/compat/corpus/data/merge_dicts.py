defaults = {"color": "blue", "size": "M", "qty": 1}
user = {"size": "L", "gift": True}

merged = {**defaults, **user}
print(merged)

merged2 = defaults | user
print(merged2 == merged)

settings = dict(defaults)
settings |= {"qty": 3}
print(settings)

counts_a = {"x": 1, "y": 2}
counts_b = {"y": 5, "z": 1}
combined = {k: counts_a.get(k, 0) + counts_b.get(k, 0) for k in counts_a.keys() | counts_b.keys()}
print(sorted(combined.items()))
