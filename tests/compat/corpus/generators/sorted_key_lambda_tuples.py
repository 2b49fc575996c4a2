people = [
    {"name": "Zoe", "age": 25, "city": "Paris"},
    {"name": "adam", "age": 31, "city": "Berlin"},
    {"name": "Bea", "age": 25, "city": "Austin"},
    {"name": "carl", "age": 19, "city": "Paris"},
]
print([p["name"] for p in sorted(people, key=lambda p: p["name"].lower())])
print([p["name"] for p in sorted(people, key=lambda p: (p["age"], p["city"]))])
print([p["name"] for p in sorted(people, key=lambda p: (-p["age"], p["name"]))])
by_city = sorted(people, key=lambda p: p["city"])
by_city = sorted(by_city, key=lambda p: p["age"], reverse=True)
print([(p["age"], p["city"]) for p in by_city])
