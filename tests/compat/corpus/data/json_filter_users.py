import json

raw = """
[
  {"id": 1, "name": "Alice", "age": 31, "active": true, "tags": ["admin", "dev"]},
  {"id": 2, "name": "Bob", "age": 17, "active": false, "tags": []},
  {"id": 3, "name": "Carla", "age": 45, "active": true, "tags": ["ops"]},
  {"id": 4, "name": "Dmitri", "age": 22, "active": true, "tags": ["dev"]}
]
"""

users = json.loads(raw)
adults = [u for u in users if u["age"] >= 18 and u["active"]]
print("active adults:", len(adults))
for u in adults:
    print(f"{u['id']}: {u['name']} ({u['age']}) tags={','.join(u['tags']) or '-'}")

summary = {"count": len(adults), "names": [u["name"] for u in adults], "avg_age": None}
if adults:
    summary["avg_age"] = round(sum(u["age"] for u in adults) / len(adults), 2)
print(json.dumps(summary))
