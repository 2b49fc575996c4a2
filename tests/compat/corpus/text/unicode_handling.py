words = ["héllo", "naïve", "日本語", "emoji 🐍", "Straße"]
for w in words:
    b = w.encode("utf-8")
    print(w, len(w), len(b), b[:6])
print("Straße".upper(), "ǅungla".lower())
print(ord("é"), chr(233), hex(ord("🐍")))
print("日本語"[::-1], "日本語"[1])
data = "café".encode("utf-8")
print(data.decode("utf-8"), data.decode("latin-1"))
print("bad \xff".encode("ascii", errors="replace"))
print(b"caf\xc3\xa9".decode())
