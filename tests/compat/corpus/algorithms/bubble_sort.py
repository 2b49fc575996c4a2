def bubble_sort(items):
    a = list(items)
    n = len(a)
    swaps = 0
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return a, swaps


for data in [[5, 1, 4, 2, 8], [1, 2, 3], [3, 2, 1], [], ["pear", "apple", "fig"]]:
    print(data, "->", *bubble_sort(data))
