class Base:
    def hello(self):
        return ["Base"]


class Left(Base):
    def hello(self):
        return ["Left"] + super().hello()


class Right(Base):
    def hello(self):
        return ["Right"] + super().hello()


class Child(Left, Right):
    def hello(self):
        return ["Child"] + super().hello()


print(Child().hello())
print([c.__name__ for c in Child.__mro__])
print(Child.__bases__[0].__name__, issubclass(Child, Right))
