from functools import cached_property


class Dataset:
    def __init__(self, values):
        self.values = values
        self.computations = 0

    @cached_property
    def mean(self):
        self.computations += 1
        return sum(self.values) / len(self.values)

    @cached_property
    def variance(self):
        self.computations += 1
        m = self.mean
        return sum((v - m) ** 2 for v in self.values) / len(self.values)


d = Dataset([2, 4, 4, 4, 5, 5, 7, 9])
print(d.mean, d.variance, d.mean, d.variance)
print("computed", d.computations, "times")
del d.mean
print(d.mean, d.computations)
