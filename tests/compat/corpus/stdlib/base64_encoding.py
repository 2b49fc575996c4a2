import base64

msg = "Hello, World! ✓"
enc = base64.b64encode(msg.encode("utf-8"))
print(enc)
print(base64.b64decode(enc).decode("utf-8"))
print(base64.urlsafe_b64encode(b"\xfb\xff\xfe"), base64.b64encode(b"\xfb\xff\xfe"))
print(base64.b32encode(b"abc"), base64.b16encode(b"abc"))
token = base64.b64encode(b"user:secret").decode()
print("Authorization: Basic " + token)
for n in range(1, 5):
    print(n, base64.b64encode(b"x" * n))
