from functools import cache, lru_cache


@lru_cache(maxsize=3)
def slow_square(n):
    print(f"computing {n}")
    return n * n


for n in [1, 2, 1, 3, 4, 1, 2]:
    slow_square(n)
info = slow_square.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
slow_square.cache_clear()
print(slow_square.cache_info().currsize)


@cache
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)


print(grid_paths(16, 16))
