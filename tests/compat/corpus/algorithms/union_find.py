class DSU:
    def __init__(self, n):
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True


d = DSU(10)
pairs = [(0, 1), (2, 3), (1, 3), (4, 5), (5, 6), (0, 3), (7, 8)]
for a, b in pairs:
    print(a, b, "merged" if d.union(a, b) else "already joined")
groups = {}
for i in range(10):
    groups.setdefault(d.find(i), []).append(i)
print(sorted(groups.values()))
