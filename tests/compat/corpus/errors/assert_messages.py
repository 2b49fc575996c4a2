def withdraw(balance, amount):
    assert amount > 0, f"amount must be positive, got {amount}"
    assert amount <= balance, "insufficient funds"
    return balance - amount


for amt in [30, -5, 500]:
    try:
        print(withdraw(100, amt))
    except AssertionError as e:
        print("AssertionError:", e)

try:
    assert 1 + 1 == 3
except AssertionError as e:
    print("bare assert:", repr(str(e)), e.args)
