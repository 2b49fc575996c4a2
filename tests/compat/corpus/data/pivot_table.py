rows = [
    {"month": "Jan", "product": "A", "sales": 10},
    {"month": "Jan", "product": "B", "sales": 4},
    {"month": "Feb", "product": "A", "sales": 7},
    {"month": "Feb", "product": "C", "sales": 9},
    {"month": "Mar", "product": "B", "sales": 3},
    {"month": "Mar", "product": "A", "sales": 12},
]

months = []
products = []
for r in rows:
    if r["month"] not in months:
        months.append(r["month"])
    if r["product"] not in products:
        products.append(r["product"])
products.sort()

table = {m: {p: 0 for p in products} for m in months}
for r in rows:
    table[r["month"]][r["product"]] += r["sales"]

print("month " + " ".join(f"{p:>4}" for p in products) + " total")
for m in months:
    vals = [table[m][p] for p in products]
    print(f"{m:<5} " + " ".join(f"{v:>4}" for v in vals) + f" {sum(vals):>5}")
