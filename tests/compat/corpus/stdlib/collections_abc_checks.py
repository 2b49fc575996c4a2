from collections.abc import Iterable, Iterator, Mapping, MutableSequence, Sequence, Sized


def kind(obj):
    tags = []
    for abc in (Iterable, Iterator, Sequence, MutableSequence, Mapping, Sized):
        if isinstance(obj, abc):
            tags.append(abc.__name__)
    return tags


for obj in ([1], (1,), "s", {"a": 1}, {1}, iter([1]), (x for x in []), 42, range(3)):
    print(f"{type(obj).__name__:<10} {kind(obj)}")


class Bag:
    def __init__(self):
        self.items = [1, 2]

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


print(isinstance(Bag(), Sized), isinstance(Bag(), Iterable), isinstance(Bag(), Sequence))
