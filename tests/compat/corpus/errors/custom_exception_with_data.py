class InsufficientStock(Exception):
    def __init__(self, item, requested, available):
        self.item = item
        self.requested = requested
        self.available = available
        super().__init__(f"wanted {requested} {item}, only {available} left")

    @property
    def shortfall(self):
        return self.requested - self.available


stock = {"apple": 5, "pear": 0}


def buy(item, qty):
    have = stock.get(item, 0)
    if qty > have:
        raise InsufficientStock(item, qty, have)
    stock[item] = have - qty
    return f"bought {qty} {item}"


for item, qty in [("apple", 3), ("apple", 3), ("pear", 1), ("plum", 2)]:
    try:
        print(buy(item, qty))
    except InsufficientStock as e:
        print(f"{e} (short by {e.shortfall})")
print(stock)
