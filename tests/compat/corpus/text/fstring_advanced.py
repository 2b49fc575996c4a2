from datetime import date

d = date(2024, 3, 9)
items = {"apples": 3, "kiwis": 12}
print(f"{d:%Y-%m-%d} / {d:%d.%m.%y} / {d:%b %d}")
print(f"{'nested ' + 'expr'.upper()}")
print(f"{', '.join(f'{k}={v}' for k, v in items.items())}")
x = 10
print(f"{x=}, {x * 2 = }, {x=:>5}")
print(f"{3.0 / 7:.{x // 2}f}")
value = "text"
print(f"{value!r:>10}|{value!a}")
print(f"{'yes' if x > 5 else 'no'}")
nl = "\n"
print(f"lines:{nl}{nl.join(['a', 'b'])}")
