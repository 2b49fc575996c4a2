from decimal import ROUND_HALF_UP, Decimal, getcontext

print(Decimal("0.1") + Decimal("0.2"), 0.1 + 0.2)
price = Decimal("19.99")
qty = 3
subtotal = price * qty
tax = (subtotal * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
print(subtotal, tax, subtotal + tax)
print(Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print(Decimal(1) / Decimal(7))
getcontext().prec = 6
print(Decimal(1) / Decimal(7))
print(Decimal("1.50") == Decimal("1.5"), str(Decimal("1.50")), Decimal("3") ** 2)
