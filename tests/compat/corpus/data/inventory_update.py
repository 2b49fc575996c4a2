inventory = {"apples": 10, "pears": 4, "plums": 0}
orders = [("apples", 3), ("pears", 5), ("kiwis", 1), ("apples", 2), ("plums", 1)]
restock = {"plums": 12, "kiwis": 6}

failed = []
for item, qty in orders:
    have = inventory.get(item, 0)
    if have >= qty:
        inventory[item] = have - qty
    else:
        failed.append(item)

for item, qty in restock.items():
    inventory[item] = inventory.get(item, 0) + qty

print("failed orders:", failed)
for item in inventory:
    print(item, inventory[item])
low = [k for k, v in inventory.items() if v < 5]
print("low stock:", low)
