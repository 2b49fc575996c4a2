edges = [(1, 2), (2, 3), (4, 5), (6, 7), (7, 8), (8, 6), (9, 9)]
nodes = range(1, 11)

graph = {n: [] for n in nodes}
for a, b in edges:
    graph[a].append(b)
    graph[b].append(a)

seen = set()
components = []
for n in nodes:
    if n in seen:
        continue
    stack, comp = [n], []
    seen.add(n)
    while stack:
        cur = stack.pop()
        comp.append(cur)
        for nb in graph[cur]:
            if nb not in seen:
                seen.add(nb)
                stack.append(nb)
    components.append(sorted(comp))

print(len(components), "components")
for comp in components:
    print(comp)
print("largest:", max(components, key=len))
