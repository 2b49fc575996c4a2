class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive, got {value}")
        setattr(obj, self.name, value)


class Order:
    qty = Positive()
    price = Positive()

    def __init__(self, qty, price):
        self.qty = qty
        self.price = price

    def total(self):
        return self.qty * self.price


o = Order(3, 9.5)
print(o.total())
for bad in [(0, 1), (2, -5)]:
    try:
        Order(*bad)
    except ValueError as e:
        print(e)
print(type(Order.qty).__name__)
