from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


def where(p):
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x=x, y=0):
            return f"on x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return "on diagonal"
        case _:
            return "somewhere"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 7)]:
    print(p, where(p))


def handle(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k)}:
            return f"key {k}"
        case {"type": t, **rest}:
            return f"other {t} {sorted(rest)}"
        case _:
            return "invalid"


for e in [
    {"type": "click", "pos": (1, 2)},
    {"type": "key", "key": "q"},
    {"type": "scroll", "dy": 3},
    42,
]:
    print(handle(e))
