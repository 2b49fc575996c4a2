import os
from contextlib import suppress

with suppress(FileNotFoundError):
    os.remove("definitely-not-here.txt")
    print("never printed")
print("after suppress")

d = {"a": 1}
with suppress(KeyError, IndexError):
    print(d["a"])
    print(d["b"])
print("continued")
try:
    with suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped:", e)
