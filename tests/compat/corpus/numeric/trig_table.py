import math

print(f"{'deg':>4} {'sin':>8} {'cos':>8} {'tan':>10}")
for deg in range(0, 91, 15):
    rad = math.radians(deg)
    tan = "inf" if deg == 90 else f"{math.tan(rad):.4f}"
    print(f"{deg:>4} {math.sin(rad):>8.4f} {math.cos(rad):>8.4f} {tan:>10}")
print(round(math.degrees(math.asin(0.5)), 6), round(math.degrees(math.acos(0)), 6))
print(round(math.sinh(1), 6), round(math.tanh(0.5), 6))
