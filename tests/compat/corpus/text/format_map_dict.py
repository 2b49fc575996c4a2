class Default(dict):
    def __missing__(self, key):
        return "{" + key + "}"


info = {"name": "Ann", "city": "Oslo"}
print("{name} lives in {city}".format_map(info))
print("{name} works at {company}".format_map(Default(info)))
rows = [{"sku": "A1", "qty": 3}, {"sku": "B22", "qty": 10}]
for r in rows:
    print("{sku:<5}{qty:>4}".format_map(r))
