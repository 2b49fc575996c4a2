data = "Hi!".encode()
print(data, list(data), data.hex())
print(bytes.fromhex("48656c6c6f").decode())
print(bytes([72, 105]), bytearray(b"abc").upper())
print(data.hex(":"))
ba = bytearray(4)
ba[0] = 255
ba[3] = 16
print(ba, ba.hex())
print(int.from_bytes(b"\x01\x00", "big"), (1024).to_bytes(2, "little"))
print(b"a,b,c".split(b","), b"  x ".strip())
print(hex(255), oct(8), bin(5), int("ff", 16), int("0b101", 0))
