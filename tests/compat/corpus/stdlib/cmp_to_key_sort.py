from functools import cmp_to_key


def compare_versions(a, b):
    pa = [int(x) for x in a.split(".")]
    pb = [int(x) for x in b.split(".")]
    return (pa > pb) - (pa < pb)


versions = ["1.10", "1.2", "1.2.1", "0.9.9", "2.0", "1.2.0"]
print(sorted(versions, key=cmp_to_key(compare_versions)))


def largest_number(nums):
    strs = sorted(map(str, nums), key=cmp_to_key(lambda x, y: (y + x > x + y) - (y + x < x + y)))
    return "".join(strs).lstrip("0") or "0"


print(largest_number([3, 30, 34, 5, 9]), largest_number([0, 0]))
