def caesar(text, shift):
    out = []
    for ch in text:
        if ch.isupper():
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        elif ch.islower():
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        else:
            out.append(ch)
    return "".join(out)


msg = "Hello, World! Meet at 10pm."
enc = caesar(msg, 3)
print(enc)
print(caesar(enc, -3))
print(caesar("xyz XYZ", 4))
for s in range(1, 4):
    print(s, caesar("abc", s * 9))
