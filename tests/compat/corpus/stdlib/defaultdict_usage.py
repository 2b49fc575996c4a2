from collections import defaultdict

edges = [("a", "b"), ("a", "c"), ("b", "c"), ("c", "a"), ("d", "a")]
graph = defaultdict(list)
indegree = defaultdict(int)
for src, dst in edges:
    graph[src].append(dst)
    indegree[dst] += 1
print(dict(graph))
print(dict(indegree), indegree["zzz"], len(indegree))

nested = defaultdict(lambda: defaultdict(int))
for year, month, amount in [(2023, 1, 5), (2023, 1, 7), (2024, 2, 1)]:
    nested[year][month] += amount
print({y: dict(m) for y, m in nested.items()})
words = defaultdict(set)
for w in ["tea", "eat", "ate", "tan", "nat"]:
    words["".join(sorted(w))].add(w)
print({k: sorted(v) for k, v in words.items()})
