data = [
    ("Country", "Capital", "Population"),
    ("France", "Paris", 67750000),
    ("Japan", "Tokyo", 125700000),
    ("Chile", "Santiago", 19490000),
    ("Iceland", "Reykjavik", 372000),
]

header, *rows = data
widths = [max(len(str(r[i])) for r in data) for i in range(3)]
print(header[0].ljust(widths[0]), header[1].ljust(widths[1]), header[2].rjust(widths[2] + 3))
print("-" * (sum(widths) + 5))
for country, capital, pop in rows:
    print(country.ljust(widths[0]), capital.ljust(widths[1]), f"{pop:,}".rjust(widths[2] + 3))
