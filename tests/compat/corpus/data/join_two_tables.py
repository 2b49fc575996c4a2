customers = [
    {"id": 1, "name": "Acme"},
    {"id": 2, "name": "Globex"},
    {"id": 3, "name": "Initech"},
]
invoices = [
    {"cust": 1, "amount": 250},
    {"cust": 3, "amount": 120},
    {"cust": 1, "amount": 75},
    {"cust": 4, "amount": 999},
]

by_id = {c["id"]: c for c in customers}
joined = []
orphans = []
for inv in invoices:
    cust = by_id.get(inv["cust"])
    if cust is None:
        orphans.append(inv)
    else:
        joined.append({"name": cust["name"], **inv})

for row in joined:
    print(row)
print("orphans:", orphans)
billed = {r["name"] for r in joined}
print("never billed:", [c["name"] for c in customers if c["name"] not in billed])
