class Money:
    def __init__(self, amount, currency="USD"):
        self.amount = amount
        self.currency = currency

    def __format__(self, spec):
        if spec == "short":
            return f"{self.amount:.0f}{self.currency[0]}"
        if spec:
            return f"{self.amount:{spec}} {self.currency}"
        return f"{self.amount:,.2f} {self.currency}"

    def __str__(self):
        return format(self)

    def __repr__(self):
        return f"Money({self.amount!r}, {self.currency!r})"


m = Money(1234.5)
print(f"{m}")
print(f"{m:short}")
print(f"{m:>12.1f}")
print(str(m), repr(m))
print("Total: {}".format(Money(9.99, "EUR")))
