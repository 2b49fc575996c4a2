from dataclasses import dataclass


@dataclass
class Product:
    name: str
    price: float
    quantity: int = 0

    def total(self) -> float:
        return self.price * self.quantity


items = [Product("pen", 1.5, 10), Product("book", 12.0, 2), Product("bag", 25.0)]
for item in items:
    print(item, item.total())
print(items[0] == Product("pen", 1.5, 10))
items[2].quantity = 1
print(sum(i.total() for i in items))
