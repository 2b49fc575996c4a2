data = """id,name,price,qty
1,apple,0.5,100
2,banana,0.25,150
3,cherry,3.0,20
4,date,2.75,0
"""

lines = data.strip().split("\n")
header = lines[0].split(",")
records = []
for line in lines[1:]:
    values = line.split(",")
    rec = dict(zip(header, values))
    rec["id"] = int(rec["id"])
    rec["price"] = float(rec["price"])
    rec["qty"] = int(rec["qty"])
    records.append(rec)

in_stock = [r["name"] for r in records if r["qty"] > 0]
print("in stock:", in_stock)
value = sum(r["price"] * r["qty"] for r in records)
print("inventory value:", value)
most = max(records, key=lambda r: r["price"] * r["qty"])
print("most valuable line:", most["name"])
