table = [
    ["name", "q1", "q2", "q3"],
    ["north", 10, 12, 9],
    ["south", 7, 8, 15],
    ["west", 11, 11, 11],
]

columns = list(zip(*table))
for col in columns:
    print(col)

header, *body = table
for i, name in enumerate(header[1:], start=1):
    values = [row[i] for row in body]
    print(name, "sum:", sum(values), "max region:", body[values.index(max(values))][0])
