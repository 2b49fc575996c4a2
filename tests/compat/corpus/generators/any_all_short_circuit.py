checked = []


def is_big(x):
    checked.append(x)
    return x > 10


data = [3, 15, 7, 22]
print(any(is_big(x) for x in data), checked)
checked.clear()
print(all(is_big(x) for x in data), checked)
checked.clear()
print(any([is_big(x) for x in data]), checked)
print(any([]), all([]), any([0, "", None]), all(["a", 1, [0]]))
