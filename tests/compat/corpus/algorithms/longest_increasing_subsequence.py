from bisect import bisect_left


def lis_length(nums):
    tails = []
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)


def lis_sequence(nums):
    n = len(nums)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if nums[j] < nums[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    k = max(range(n), key=best.__getitem__)
    seq = []
    while k != -1:
        seq.append(nums[k])
        k = prev[k]
    return seq[::-1]


data = [10, 9, 2, 5, 3, 7, 101, 18, 4, 19]
print(lis_length(data), lis_sequence(data))
print(lis_length([5, 4, 3]), lis_sequence([0, 8, 4, 12, 2, 10, 6, 14, 1, 9]))
