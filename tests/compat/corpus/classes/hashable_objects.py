class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"P({self.x},{self.y})"


pts = [Point(1, 2), Point(3, 4), Point(1, 2), Point(0, 0), Point(3, 4)]
unique = set(pts)
print(len(unique), sorted(unique, key=lambda p: (p.x, p.y)))
visits = {}
for p in pts:
    visits[p] = visits.get(p, 0) + 1
print(visits[Point(1, 2)], Point(9, 9) in visits)
try:
    pts[0].z = 5
except AttributeError:
    print("no new attributes with __slots__")
