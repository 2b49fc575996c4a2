orders = [
    {"sku": "A100", "qty": 3, "unit": 9.99},
    {"sku": "B200", "qty": 1, "unit": 49.5},
    {"sku": "A100", "qty": 2, "unit": 9.99},
    {"sku": "C300", "qty": 10, "unit": 1.25},
    {"sku": "D400", "qty": 1, "unit": 120.0},
    {"sku": "B200", "qty": 2, "unit": 49.5},
]

revenue = {}
for o in orders:
    revenue[o["sku"]] = revenue.get(o["sku"], 0.0) + o["qty"] * o["unit"]

ranked = sorted(revenue.items(), key=lambda kv: kv[1], reverse=True)
for rank, (sku, rev) in enumerate(ranked, start=1):
    print(f"#{rank} {sku} ${rev:,.2f}")
print("top 2:", [sku for sku, _ in ranked[:2]])
