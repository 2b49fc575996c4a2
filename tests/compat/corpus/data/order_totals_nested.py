import json

orders = json.loads("""
[
 {"id": "o1", "customer": "ann", "items": [{"sku": "pen", "qty": 3, "price": 1.2},
                                           {"sku": "pad", "qty": 1, "price": 4.5}]},
 {"id": "o2", "customer": "bob", "items": [{"sku": "ink", "qty": 2, "price": 7.0}]},
 {"id": "o3", "customer": "ann", "items": []},
 {"id": "o4", "customer": "cy", "items": [{"sku": "pen", "qty": 10, "price": 1.1}]}
]
""")

per_customer = {}
sku_qty = {}
for order in orders:
    total = sum(i["qty"] * i["price"] for i in order["items"])
    per_customer[order["customer"]] = per_customer.get(order["customer"], 0) + total
    for item in order["items"]:
        sku_qty[item["sku"]] = sku_qty.get(item["sku"], 0) + item["qty"]
    print(order["id"], f"{total:.2f}", "(empty)" if not order["items"] else "")

print({c: round(t, 2) for c, t in per_customer.items()})
print(max(sku_qty.items(), key=lambda kv: kv[1]))
