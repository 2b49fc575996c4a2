import json

doc = json.loads(
    '{"user": {"name": "Ann", "address": {"city": "Oslo", "zip": "0150"}},'
    ' "roles": ["admin", "editor"], "active": true, "score": 9.5}'
)


def flatten(obj, prefix=""):
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(flatten(v, f"{prefix}{k}."))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.update(flatten(v, f"{prefix}{i}."))
    else:
        out[prefix[:-1]] = obj
    return out


flat = flatten(doc)
for key, value in flat.items():
    print(f"{key} = {value!r}")
print(len(flat), "leaves")
