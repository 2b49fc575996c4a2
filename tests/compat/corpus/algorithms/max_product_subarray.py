def max_product(nums):
    best = hi = lo = nums[0]
    for x in nums[1:]:
        candidates = (x, hi * x, lo * x)
        hi, lo = max(candidates), min(candidates)
        best = max(best, hi)
    return best


def rob(houses):
    prev = cur = 0
    for h in houses:
        prev, cur = cur, max(cur, prev + h)
    return cur


print(max_product([2, 3, -2, 4]), max_product([-2, 0, -1]), max_product([-2, 3, -4]))
print(rob([2, 7, 9, 3, 1]), rob([1, 2, 3, 1]), rob([]))
stairs = [1, 1]
for i in range(2, 40):
    stairs.append(stairs[-1] + stairs[-2])
print(stairs[-1])
