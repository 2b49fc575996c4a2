edges = [
    (7, "A", "B"),
    (5, "A", "D"),
    (8, "B", "C"),
    (9, "B", "D"),
    (7, "B", "E"),
    (5, "C", "E"),
    (15, "D", "E"),
    (6, "D", "F"),
    (8, "E", "F"),
    (9, "E", "G"),
    (11, "F", "G"),
]

parent = {}


def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
        x = parent[x]
    return x


mst = []
for w, a, b in sorted(edges):
    ra, rb = find(a), find(b)
    if ra != rb:
        parent[ra] = rb
        mst.append((a, b, w))

for a, b, w in mst:
    print(f"{a}-{b} {w}")
print("total weight:", sum(w for _, _, w in mst))
