import struct

record = struct.pack(">HIf", 7, 123456, 1.5)
print(record.hex(), len(record), struct.calcsize(">HIf"))
print(struct.unpack(">HIf", record))
header = struct.pack("<4sBBH", b"WAVE", 1, 2, 44100 % 65536)
magic, ver, chans, rate = struct.unpack("<4sBBH", header)
print(magic, ver, chans, rate)
print(struct.pack("<i", -2), struct.unpack("<h", b"\xff\x7f"))
points = [(1, 2), (3, 4), (5, 6)]
blob = b"".join(struct.pack("<hh", *p) for p in points)
print(list(struct.iter_unpack("<hh", blob)))
