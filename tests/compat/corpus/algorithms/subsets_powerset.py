def subsets(items):
    result = [[]]
    for x in items:
        result += [s + [x] for s in result]
    return result


print(subsets(["a", "b", "c"]))
nums = [3, 34, 4, 12, 5, 2]
target = 9
hits = [s for s in subsets(nums) if sum(s) == target]
print(hits)
bitmask = [[nums[i] for i in range(3) if mask >> i & 1] for mask in range(1 << 3)]
print(bitmask)
