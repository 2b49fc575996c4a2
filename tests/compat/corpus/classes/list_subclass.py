class SortedList(list):
    def __init__(self, items=()):
        super().__init__(sorted(items))

    def add(self, item):
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            if self[mid] < item:
                lo = mid + 1
            else:
                hi = mid
        self.insert(lo, item)


class History(list):
    def append(self, item):
        if len(self) >= 3:
            del self[0]
        super().append(item)


s = SortedList([5, 1, 4])
s.add(3)
s.add(10)
s.add(0)
print(s, len(s), isinstance(s, list))
h = History()
for cmd in ["ls", "cd /", "pwd", "echo hi", "exit"]:
    h.append(cmd)
print(h)
