def permutations(items):
    if len(items) <= 1:
        return [items[:]]
    result = []
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1 :]):
            result.append([x] + rest)
    return result


perms = permutations([1, 2, 3])
print(len(perms), perms)
words = sorted({"".join(p) for p in permutations(list("aab"))})
print(words)
print(len(permutations(list(range(6)))))
