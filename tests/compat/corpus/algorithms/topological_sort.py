from collections import deque

deps = {
    "app": ["lib", "utils", "config"],
    "lib": ["utils", "core"],
    "utils": ["core"],
    "config": [],
    "core": [],
    "tests": ["app"],
}

indeg = {k: 0 for k in deps}
users = {k: [] for k in deps}
for pkg, reqs in deps.items():
    for r in reqs:
        indeg[pkg] += 1
        users[r].append(pkg)

queue = deque(sorted(k for k, d in indeg.items() if d == 0))
order = []
while queue:
    n = queue.popleft()
    order.append(n)
    for u in sorted(users[n]):
        indeg[u] -= 1
        if indeg[u] == 0:
            queue.append(u)

print("install order:", order)
print("has cycle:", len(order) != len(deps))
