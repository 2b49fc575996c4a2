import json
from dataclasses import asdict, astuple, dataclass, field, fields


@dataclass
class Rectangle:
    width: float
    height: float
    area: float = field(init=False)

    def __post_init__(self):
        if self.width <= 0 or self.height <= 0:
            raise ValueError("dimensions must be positive")
        self.area = self.width * self.height


r = Rectangle(3, 4.5)
print(r)
print(asdict(r))
print(astuple(r))
print(json.dumps(asdict(r)))
print([f.name for f in fields(r)])
try:
    Rectangle(0, 1)
except ValueError as e:
    print("error:", e)
