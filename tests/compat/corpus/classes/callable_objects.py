class Multiplier:
    def __init__(self, factor):
        self.factor = factor
        self.calls = 0

    def __call__(self, value):
        self.calls += 1
        return value * self.factor


double = Multiplier(2)
triple = Multiplier(3)
print(double(5), triple(5), double("ab"))
print(list(map(double, [1, 2, 3])))
print(double.calls, triple.calls, callable(double), callable(42))


class Counter:
    def __init__(self):
        self.counts = {}

    def __call__(self, key):
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]


c = Counter()
for w in "a b a c a b".split():
    c(w)
print(c.counts)
