from functools import reduce

dicts = [{"a": 1, "b": 2}, {"b": 3, "c": 4}, {"a": 10, "d": 5}]


def merge_sum(acc, d):
    for k, v in d.items():
        acc[k] = acc.get(k, 0) + v
    return acc


print(reduce(merge_sum, dicts, {}))
print(reduce(lambda a, b: {**a, **b}, dicts))
digits = [4, 0, 9, 6]
print(reduce(lambda acc, d: acc * 10 + d, digits))
print(reduce(lambda a, b: a if len(a) >= len(b) else b, ["aa", "bbbb", "cc", "dddd"]))
