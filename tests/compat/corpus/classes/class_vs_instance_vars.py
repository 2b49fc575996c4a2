class Counter:
    instances = 0
    shared = []

    def __init__(self, name):
        self.name = name
        self.own = []
        Counter.instances += 1

    def add(self, item):
        self.own.append(item)
        self.shared.append(item)


a = Counter("a")
b = Counter("b")
a.add(1)
b.add(2)
print(Counter.instances, a.own, b.own, a.shared, b.shared is a.shared)
a.instances = 99
print(a.instances, b.instances, Counter.instances)
print(sorted(vars(a)), "instances" in vars(Counter))
