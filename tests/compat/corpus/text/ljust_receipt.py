items = [("Coffee", 2, 3.5), ("Bagel", 1, 2.25), ("Orange juice", 3, 4.0)]
width = 32

print("RECEIPT".center(width, "="))
total = 0
for name, qty, price in items:
    line_total = qty * price
    total += line_total
    left = f"{name} x{qty}".ljust(20, ".")
    print(left + f"{line_total:.2f}".rjust(width - 20))
print("-" * width)
print("TOTAL".ljust(20) + f"{total:.2f}".rjust(width - 20))
print("Thank you!".center(width))
