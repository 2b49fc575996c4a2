from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
Person = namedtuple("Person", "name age city", defaults=["Unknown"])

p = Point(3, 4)
print(p, p.x + p.y, p[0], tuple(p))
print(p._replace(x=10), p._asdict())
q = Point._make([5, 6])
print(q, Point._fields)
people = [Person("Ann", 30, "Oslo"), Person("Bob", 25)]
for person in people:
    print(f"{person.name} ({person.age}) from {person.city}")
print(sorted(people, key=lambda x: x.age)[0].name)
x, y = p
print(x, y, p == (3, 4))
