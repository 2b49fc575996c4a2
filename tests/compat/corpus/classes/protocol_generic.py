from typing import Generic, Iterable, Protocol, TypeVar

T = TypeVar("T")


class HasArea(Protocol):
    def area(self) -> float: ...


class Stack(Generic[T]):
    def __init__(self) -> None:
        self._items: list[T] = []

    def push(self, item: T) -> None:
        self._items.append(item)

    def pop(self) -> T:
        return self._items.pop()

    def __len__(self) -> int:
        return len(self._items)


class Sq:
    def __init__(self, s: float) -> None:
        self.s = s

    def area(self) -> float:
        return self.s * self.s


def total_area(shapes: Iterable[HasArea]) -> float:
    return sum(s.area() for s in shapes)


s: Stack[int] = Stack()
for i in range(5):
    s.push(i * i)
print(s.pop(), s.pop(), len(s))
print(total_area([Sq(1), Sq(2.5)]))
