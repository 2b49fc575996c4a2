def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def batched_iter(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield tuple(batch)
            batch = []
    if batch:
        yield tuple(batch)


print(list(chunks(list(range(10)), 3)))
print(list(chunks("abcdefg", 2)))
print(list(batched_iter(iter(range(7)), 3)))
for n, batch in enumerate(batched_iter((x * x for x in range(5)), 2)):
    print("batch", n, sum(batch))
