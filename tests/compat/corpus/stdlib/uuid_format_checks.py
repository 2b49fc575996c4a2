import re
import uuid

u = uuid.uuid4()
s = str(u)
print(len(s), s.count("-"), u.version)
print(bool(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", s)))
print(len(u.hex), uuid.UUID(s) == u)
print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid3(uuid.NAMESPACE_URL, "https://example.com"))
fixed = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(fixed.hex, fixed.int % 1000, str(fixed).upper())
