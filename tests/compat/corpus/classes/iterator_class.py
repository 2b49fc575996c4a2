class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Range2D:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols

    def __iter__(self):
        for r in range(self.rows):
            for c in range(self.cols):
                yield r, c


print(list(Countdown(5)))
it = Countdown(3)
print(next(it), next(it), next(it), next(it, "done"))
print(list(Range2D(2, 3)))
print(sum(1 for _ in Range2D(4, 5)))
