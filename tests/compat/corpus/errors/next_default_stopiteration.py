it = iter([1, 2])
print(next(it), next(it), next(it, None))
try:
    next(it)
except StopIteration:
    print("iterator exhausted")

users = [{"name": "ann", "admin": False}, {"name": "bob", "admin": True}]
admin = next((u for u in users if u["admin"]), None)
print(admin)
nobody = next((u for u in users if u["name"] == "zed"), {"name": "guest"})
print(nobody)
