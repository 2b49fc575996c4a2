def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


data = [38, 27, 43, 3, 9, 82, 10, 3, -1, 0]
print(merge_sort(data))
print(merge_sort(list("mergesort")))
big = [(i * 7919) % 1000 for i in range(500)]
print(merge_sort(big) == sorted(big), merge_sort(big)[:5])
