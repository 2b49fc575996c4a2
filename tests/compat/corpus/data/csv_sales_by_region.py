import csv
import io

data = """region,product,units,price
North,Widget,10,2.50
South,Widget,4,2.50
North,Gadget,3,10.00
East,Widget,7,2.50
South,Gizmo,2,15.00
North,Gizmo,1,15.00
East,Gadget,5,10.00
"""

reader = csv.reader(io.StringIO(data))
header = next(reader)
print("columns:", header)
totals = {}
for region, product, units, price in reader:
    revenue = int(units) * float(price)
    totals[region] = totals.get(region, 0) + revenue

for region in sorted(totals):
    print(f"{region:<6} {totals[region]:>8.2f}")
print("grand total:", sum(totals.values()))
