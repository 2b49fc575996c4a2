capitals = {"France": "Paris", "Japan": "Tokyo", "Peru": "Lima", "Kenya": "Nairobi"}
by_city = {city: country for country, city in capitals.items()}
print(by_city["Lima"])

fav = {"ann": "red", "bob": "blue", "cy": "red", "di": "green", "ed": "blue"}
groups = {}
for person, color in fav.items():
    groups.setdefault(color, []).append(person)
print(groups)
print({k: len(v) for k, v in groups.items()})
print(sorted(groups, key=lambda c: (-len(groups[c]), c)))
