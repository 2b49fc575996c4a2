name = "Widget"
price = 1234.5678
qty = 42
ratio = 0.8375

print(f"{name:>10}|{name:<10}|{name:^10}|")
print(f"{price:.2f} {price:,.2f} {price:10.1f} {price:e}")
print(f"{qty:5d} {qty:05d} {qty:+d} {qty:x} {qty:X} {qty:o} {qty:b} {qty:#x}")
print(f"{ratio:.1%} {ratio:.3} {1e-7:g} {123456789:,}")
print(f"{name!r} {name!s} {len(name)=}")
print(f"{'left':*<8}{'right':*>8}{'mid':*^9}")
width, prec = 12, 3
print(f"[{price:{width}.{prec}f}]")
print(f"{{literal braces}} {qty * 2}")
