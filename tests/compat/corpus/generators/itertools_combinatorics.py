from itertools import combinations, combinations_with_replacement, permutations, product

print(list(permutations("abc", 2)))
print(len(list(permutations(range(5)))))
print(list(combinations([1, 2, 3, 4], 3)))
print(list(combinations_with_replacement("xy", 3)))
print(list(product([0, 1], repeat=3)))
print(["".join(p) for p in product("ab", "12")])
coins = [1, 2, 5, 10]
print([c for c in combinations(coins, 2) if sum(c) == 12])
