class Item:
    def __init__(self, sku, name, price, qty=0):
        self.sku, self.name, self.price, self.qty = sku, name, price, qty

    @property
    def value(self):
        return self.price * self.qty


class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, item):
        if item.sku in self.items:
            self.items[item.sku].qty += item.qty
        else:
            self.items[item.sku] = item

    def remove(self, sku, qty):
        item = self.items[sku]
        if qty > item.qty:
            raise ValueError(f"only {item.qty} {item.name} left")
        item.qty -= qty

    def report(self):
        for item in sorted(self.items.values(), key=lambda i: -i.value):
            print(f"{item.sku:<6}{item.name:<10}{item.qty:>4}{item.value:>9.2f}")
        print(f"{'total':<20}{sum(i.value for i in self.items.values()):>9.2f}")


inv = Inventory()
inv.add(Item("A1", "hammer", 12.5, 4))
inv.add(Item("B2", "nails", 0.05, 500))
inv.add(Item("A1", "hammer", 12.5, 2))
inv.remove("B2", 120)
try:
    inv.remove("A1", 10)
except ValueError as e:
    print("error:", e)
inv.report()
