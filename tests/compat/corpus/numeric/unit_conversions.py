UNITS = {
    "mm": 0.001,
    "cm": 0.01,
    "m": 1.0,
    "km": 1000.0,
    "in": 0.0254,
    "ft": 0.3048,
    "mi": 1609.344,
}


def convert(value, src, dst):
    return value * UNITS[src] / UNITS[dst]


for value, src, dst in [
    (5, "km", "mi"),
    (12, "in", "cm"),
    (6, "ft", "m"),
    (1, "mi", "ft"),
    (250, "mm", "in"),
]:
    print(f"{value} {src} = {convert(value, src, dst):.4f} {dst}")
kg_per_lb = 0.45359237
print([round(lb * kg_per_lb, 2) for lb in (1, 10, 150)])
print(round(convert(1, "m", "mm")), convert(100, "cm", "m"))
