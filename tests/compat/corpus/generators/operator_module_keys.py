from operator import add, attrgetter, itemgetter, methodcaller, mul


class P:
    def __init__(self, name, age):
        self.name, self.age = name, age

    def __repr__(self):
        return self.name


rows = [("ann", 31, "NY"), ("bob", 25, "LA"), ("cy", 31, "SF")]
print(sorted(rows, key=itemgetter(1, 0)))
print(list(map(itemgetter(2), rows)))
people = [P("zed", 40), P("amy", 22), P("kim", 30)]
print(sorted(people, key=attrgetter("age")), max(people, key=attrgetter("name")))
print(list(map(methodcaller("upper"), ["a", "b"])))
print(list(map(add, [1, 2], [3, 4])), mul(6, 7))
