samples = ["101010", "777", "ff", "z", "10"]
for s in samples:
    out = []
    for base in (2, 8, 16, 36):
        try:
            out.append(str(int(s, base)))
        except ValueError:
            out.append("-")
    print(f"{s:>7}: " + " ".join(f"{x:>8}" for x in out))
print(int("0x1f", 16), int("0b11", 0), int("-0o17", 0))
print(f"{255:b} {255:o} {255:x} {255:#X}")
print(str(-255), abs(-255), -(-255))
