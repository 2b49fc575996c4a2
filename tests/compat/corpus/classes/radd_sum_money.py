class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return self.__add__(other)

    def __lt__(self, other):
        return self.cents < other.cents

    def __repr__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"


wallet = [Money(250), Money(1999), Money(5)]
print(sum(wallet))
print(max(wallet), sorted(wallet))
try:
    Money(1) + 5
except TypeError as e:
    print("TypeError:", e)
