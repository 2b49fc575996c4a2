transactions = [
    ("2024-01-02", "acc1", "deposit", 500),
    ("2024-01-03", "acc2", "deposit", 200),
    ("2024-01-05", "acc1", "withdraw", 120),
    ("2024-01-06", "acc2", "withdraw", 250),
    ("2024-01-07", "acc1", "withdraw", 80),
    ("2024-01-09", "acc3", "deposit", 1000),
]

balances = {}
rejected = []
for date, acc, kind, amount in transactions:
    bal = balances.get(acc, 0)
    if kind == "deposit":
        balances[acc] = bal + amount
    elif amount > bal:
        rejected.append((date, acc, amount))
    else:
        balances[acc] = bal - amount

for acc, bal in sorted(balances.items()):
    print(f"{acc}: {bal:>6}")
print("rejected:", rejected)
print("total held:", sum(balances.values()))
