def running_average():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


avg = running_average()
next(avg)
for v in [10, 20, 30, 5]:
    print(avg.send(v))


def accumulator():
    items = []
    while True:
        item = yield len(items)
        if item is None:
            break
        items.append(item)
    return items


acc = accumulator()
next(acc)
acc.send("a")
acc.send("b")
try:
    acc.send(None)
except StopIteration as stop:
    print("final:", stop.value)
