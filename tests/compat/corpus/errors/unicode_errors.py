data = b"caf\xe9 cr\xe8me"
try:
    data.decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError at byte", e.start, hex(data[e.start]))
print(data.decode("utf-8", errors="replace"))
print(data.decode("utf-8", errors="ignore"))
print(data.decode("latin-1"))
try:
    "naïve".encode("ascii")
except UnicodeEncodeError as e:
    print("cannot encode", repr(e.object[e.start]))
print("naïve".encode("ascii", errors="ignore"))
