def quicksort(a):
    if len(a) < 2:
        return a
    pivot = a[len(a) // 2]
    return (
        quicksort([x for x in a if x < pivot])
        + [x for x in a if x == pivot]
        + quicksort([x for x in a if x > pivot])
    )


def quicksort_inplace(a, lo=0, hi=None):
    if hi is None:
        hi = len(a) - 1
    if lo >= hi:
        return
    p = a[hi]
    i = lo
    for j in range(lo, hi):
        if a[j] < p:
            a[i], a[j] = a[j], a[i]
            i += 1
    a[i], a[hi] = a[hi], a[i]
    quicksort_inplace(a, lo, i - 1)
    quicksort_inplace(a, i + 1, hi)


nums = [9, -3, 5, 0, 2, 8, -1, 7, 3, 5]
print(quicksort(nums))
b = nums[:]
quicksort_inplace(b)
print(b, b == sorted(nums))
