from pprint import pformat, pprint

data = {
    "users": [
        {"name": "ann", "roles": ["admin", "dev"], "active": True},
        {"name": "bob", "roles": [], "active": False},
    ],
    "meta": {"count": 2, "version": "1.4.2", "tags": ("beta", "internal")},
}
pprint(data)
pprint(data, width=40)
print(pformat(list(range(30)), width=50))
pprint({"z": 1, "a": 2, "m": 3})
