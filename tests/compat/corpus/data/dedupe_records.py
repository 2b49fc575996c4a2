records = [
    {"email": "A@x.com", "name": "Ann"},
    {"email": "b@x.com", "name": "Bo"},
    {"email": "a@x.com ", "name": "Ann B."},
    {"email": "c@x.com", "name": "Cy"},
    {"email": "B@X.COM", "name": "Bob"},
]

seen = set()
unique = []
for rec in records:
    key = rec["email"].strip().lower()
    if key in seen:
        print("duplicate:", rec["name"], key)
        continue
    seen.add(key)
    unique.append({**rec, "email": key})

print(len(unique), "unique")
for u in unique:
    print(u)

names = ["x", "y", "x", "z", "y"]
print(list(dict.fromkeys(names)))
