items = [
    ("map", 9, 150),
    ("compass", 13, 35),
    ("water", 153, 200),
    ("sandwich", 50, 160),
    ("glucose", 15, 60),
    ("tin", 68, 45),
    ("banana", 27, 60),
    ("apple", 39, 40),
]
capacity = 200

n = len(items)
dp = [[0] * (capacity + 1) for _ in range(n + 1)]
for i, (_, w, v) in enumerate(items, 1):
    for c in range(capacity + 1):
        dp[i][c] = dp[i - 1][c]
        if w <= c and dp[i - 1][c - w] + v > dp[i][c]:
            dp[i][c] = dp[i - 1][c - w] + v

chosen = []
c = capacity
for i in range(n, 0, -1):
    if dp[i][c] != dp[i - 1][c]:
        name, w, _ = items[i - 1]
        chosen.append(name)
        c -= w
print("best value:", dp[n][capacity])
print("items:", sorted(chosen))
print("weight:", sum(w for nm, w, _ in items if nm in chosen))
