import json

values = [1, 2.5, "text", True, None, [1, 2], {"a": 1}, (3, 4), "üñí"]
for v in values:
    print(type(v).__name__, json.dumps(v))

print(json.dumps("üñí", ensure_ascii=False))
print(json.dumps({"b": 1, "a": [1, {"c": None}]}, sort_keys=True))
print(json.dumps({1: "int key", "x": 1.0}))
print(json.loads("[1e3, -0.5, 1E-2]"))
