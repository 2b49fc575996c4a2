n = 1_000_000
b = n.to_bytes(4, "big")
print(b, b.hex(), int.from_bytes(b, "big"))
print(n.to_bytes(4, "little"), int.from_bytes(b"\x40\x42\x0f\x00", "little"))
print((-2).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfe", "big", signed=True))
print((255).to_bytes(1, "big"), int.from_bytes(b"\x01\x00\x00", "big"))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError")
print(int("1_000"), 0xFF, 0o777, 0b1111_0000)
