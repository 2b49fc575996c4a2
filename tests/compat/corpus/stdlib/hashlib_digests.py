import hashlib

data = b"The quick brown fox jumps over the lazy dog"
print(hashlib.md5(data).hexdigest())
print(hashlib.sha1(data).hexdigest())
print(hashlib.sha256(data).hexdigest())
print(hashlib.sha256(b"").hexdigest())
h = hashlib.sha256()
h.update(b"The quick brown fox ")
h.update(b"jumps over the lazy dog")
print(h.hexdigest() == hashlib.sha256(data).hexdigest())
print(len(hashlib.sha256(data).digest()), hashlib.md5("héllo".encode()).hexdigest())
