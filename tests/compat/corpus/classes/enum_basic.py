from enum import Enum


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED)
print(repr(Color.GREEN))
print(Color.BLUE.name, Color.BLUE.value)
print(Color(2), Color["RED"])
print([c.name for c in Color])
print(Color.RED == Color.RED, Color.RED is Color(1), Color.RED == 1)
print(len(Color), Color.GREEN in Color)
