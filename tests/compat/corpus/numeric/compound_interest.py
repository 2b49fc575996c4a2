principal = 10_000
rate = 0.05
print("year    balance   interest")
balance = principal
for year in range(1, 11):
    interest = balance * rate
    balance += interest
    print(f"{year:>4} {balance:>10.2f} {interest:>10.2f}")
formula = principal * (1 + rate) ** 10
print(f"formula: {formula:.2f}, same: {abs(formula - balance) < 1e-6}")
monthly = principal * (1 + rate / 12) ** 120
print(f"monthly compounding: {monthly:,.2f}")
r = 0.06 / 12
payment = 200000 * r / (1 - (1 + r) ** -360)
print(f"mortgage payment: {payment:.2f}")
