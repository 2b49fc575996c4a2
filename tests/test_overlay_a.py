"""Overlay modules, part A (src/wasmbox/guest/lib): typing, dataclasses, functools,
itertools, collections (+ collections.abc), operator, contextlib, copy, enum, abc,
string.

Each snippet runs in wasmbox and under CPython 3.11 (all snippets in one CPython
process, each in a fresh namespace); the two stdouts must be equal. Snippets
avoid what MicroPython cannot match whatever the overlay does: set order,
KeyError's str(), docstrings, recursion deeper than MicroPython's small stack.
A few guest-only tests pin down the documented limits (dataclass fields
declared without a value).
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from cpython import assert_same_stdout, flatten, reference_outputs
from wasmbox import Sandbox

CASES: dict[str, list[str]] = {}

CASES["typing"] = [
    """
    from typing import (List, Dict, Optional, Union, Any, Tuple, Callable, Iterable, Iterator,
                        Generator, TypeVar, Generic, NamedTuple, TypedDict, Protocol, Literal,
                        cast, overload, TYPE_CHECKING, Set, Sequence, Mapping, Type, ClassVar, Final)
    print(TYPE_CHECKING, cast(int, "5"), cast(List[int], [1]))
    """,
    """
    from typing import List, Dict, Optional, Union, Any, Tuple, Callable, Literal
    print(List[int], Dict[str, Any], Optional[int], Union[int, str], Tuple[int, ...])
    print(Union[int, None], Literal["a", "b"], Callable[[int, str], bool], List)
    """,
    """
    from typing import Optional, Union, List
    print(Optional[int] == Union[int, None], Union[int, int], List[int] == List[int])
    print(Union[int, Union[str, float]], Optional[Union[int, str]])
    """,
    """
    from typing import TypeVar, Generic, List, Optional
    T = TypeVar("T")
    class Stack(Generic[T]):
        def __init__(self) -> None:
            self.items: List[T] = []
        def push(self, item: T) -> None:
            self.items.append(item)
        def pop(self) -> Optional[T]:
            return self.items.pop() if self.items else None
    s = Stack()
    s.push(1)
    s.push(2)
    print(s.pop(), s.pop(), s.pop(), T)
    """,
    """
    from typing import Protocol, runtime_checkable
    class Greeter(Protocol):
        def greet(self) -> str: ...
    class English:
        def greet(self) -> str:
            return "hello"
    def welcome(g: Greeter) -> str:
        return g.greet() + "!"
    print(welcome(English()))
    """,
    """
    from typing import NamedTuple
    Point = NamedTuple("Point", [("x", int), ("y", int)])
    p = Point(1, 2)
    print(p, p.x + p.y, p._asdict(), p._replace(y=5), isinstance(p, tuple))
    class Employee(NamedTuple):
        name: str = ""
        dept: str = "eng"
        def label(self):
            return self.name + "@" + self.dept
    e = Employee("ann")
    print(e, e.label(), Employee("bob", "ops"), e._fields)
    """,
    """
    from typing import TypedDict
    Movie = TypedDict("Movie", {"title": str, "year": int})
    m = Movie(title="Up", year=2009)
    print(m, m["year"], isinstance(m, dict))
    class Config(TypedDict, total=False):
        host: str
        port: int
    print(sorted(Config(host="h", port=1).items()))
    """,
    """
    from typing import overload, Union
    @overload
    def double(x: int) -> int: ...
    @overload
    def double(x: str) -> str: ...
    def double(x: Union[int, str]) -> Union[int, str]:
        return x * 2
    print(double(2), double("ab"))
    """,
    """
    import typing
    from typing import Generator, Iterator, Dict, List
    def gen() -> Generator[int, None, None]:
        yield 1
        yield 2
    def it() -> Iterator[str]:
        return iter("ab")
    print(list(gen()), list(it()), typing.get_origin(List[int]) is list)
    print(typing.get_args(Dict[str, int]), typing.get_args(int), typing.Any, typing.Deque([1]))
    try:
        List()
    except TypeError as e:
        print("TypeError:", e)
    """,
    """
    from typing import Callable, Dict, List, Union
    Handler = Callable[[str], int]
    Registry = Dict[str, List[Handler]]
    def run(registry: Registry, name: str) -> List[int]:
        return [h(name) for h in registry.get(name, [])]
    reg: Registry = {"x": [len, lambda s: s.count("x")]}
    Num = Union[int, float]
    def total(xs: List[Num]) -> Num:
        return sum(xs)
    print(run(reg, "x"), run(reg, "y"), total([1, 2.5]))
    """,
]

CASES["dataclasses"] = [
    """
    from dataclasses import dataclass
    @dataclass
    class Point:
        x: int = 0
        y: int = 0
        label: str = "origin"
    p = Point(1, 2)
    print(p, repr(p), p == Point(1, 2), p != Point(2, 1), Point(), Point(y=5))
    """,
    """
    from dataclasses import dataclass, asdict, astuple, replace, fields
    @dataclass
    class Point:
        x: int = 0
        y: int = 0
        label: str = "origin"
    p = Point(1, 2)
    print(asdict(p), astuple(p), replace(p, label="moved"), [f.name for f in fields(p)])
    """,
    """
    from dataclasses import dataclass, FrozenInstanceError
    @dataclass(frozen=True, order=True)
    class Version:
        major: int = 0
        minor: int = 0
        patch: int = 0
    v = Version(1, 2, 3)
    try:
        v.major = 5
    except FrozenInstanceError as e:
        print("frozen:", e)
    print(sorted([Version(1, 2, 3), Version(1, 0, 9), Version(0, 9, 9)]))
    print(hash(v) == hash(Version(1, 2, 3)), v < Version(1, 3, 0), v >= Version(1, 2, 3), {v: 1}[v])
    """,
    """
    from dataclasses import dataclass, field
    @dataclass
    class Inventory:
        name: str = "inv"
        items: list = field(default_factory=list)
        count: int = field(default=0, repr=False)
        def add(self, x):
            self.items.append(x)
            self.count += 1
    a = Inventory()
    a.add("apple")
    b = Inventory("other")
    print(a, b, a.count, a.items is not b.items)
    """,
    """
    from dataclasses import dataclass, field
    @dataclass
    class C:
        a: int = 1
        b: int = field(init=False, default=0)
        def __post_init__(self):
            self.b = self.a * 10
    print(C(4), C())
    """,
    """
    from dataclasses import dataclass, fields, is_dataclass
    @dataclass
    class Base:
        x: int = 1
    @dataclass
    class Derived(Base):
        y: int = 2
    print(Derived(5, 6), Derived(), [f.name for f in fields(Derived)])
    print(is_dataclass(Derived), is_dataclass(Derived()), is_dataclass(1), isinstance(Derived(), Base))
    """,
    """
    from dataclasses import dataclass
    try:
        @dataclass
        class Bad:
            xs: list = []
    except ValueError as e:
        print("ValueError:", e)
    @dataclass
    class Emp:
        name: str = ""
        age: int = 0
    try:
        hash(Emp())
    except TypeError:
        print("unhashable")
    print([e.name for e in sorted([Emp("b", 3), Emp("a", 5)], key=lambda e: e.age)])
    """,
    """
    from dataclasses import dataclass, astuple
    @dataclass
    class Config:
        name: str = "debug"
        debug: bool = False
        level: int = 3
        tags: tuple = ("a", "b")
    print(Config(), astuple(Config()), Config("x", True, 1))
    """,
    """
    from dataclasses import dataclass, field, asdict
    @dataclass
    class Item:
        name: str = ""
        price: float = 0.0
        qty: int = 1
        @property
        def total(self):
            return self.price * self.qty
    @dataclass
    class Order:
        id: int = 0
        items: list = field(default_factory=list)
    o = Order(7, [Item("pen", 1.5, 2), Item("ink", 4.0)])
    print(o)
    print(asdict(o))
    print(sum(i.total for i in o.items))
    """,
    """
    from dataclasses import dataclass, fields
    # Written-out __annotations__ (what CPython builds; kept by MicroPython):
    # fields declared without a value work then.
    @dataclass
    class Pt:
        __annotations__ = {}
        __annotations__["x"] = "int"
        __annotations__["y"] = "int"
        label: str = "p"
        __annotations__["label"] = "str"
        count = 0
    print(Pt(1, 2), Pt(3, 4, "q"), [(f.name, f.type) for f in fields(Pt)], Pt.count)
    """,
    """
    from dataclasses import dataclass, field, KW_ONLY
    @dataclass(kw_only=True)
    class Opts:
        verbose: bool = False
        depth: int = 1
    print(Opts(depth=3))
    try:
        Opts(True)
    except TypeError:
        print("positional rejected")
    @dataclass(eq=False)
    class Node:
        val: int = 0
    print(Node(1) == Node(1), Node(2).val)
    """,
    """
    from dataclasses import dataclass, make_dataclass
    P = make_dataclass("P", [("x", int), ("y", int, 5)])
    print(P(1), P(1, 2) == P(1, 2))
    @dataclass(unsafe_hash=True)
    class Key:
        a: int = 0
        b: str = ""
    print(len({Key(1, "x"), Key(1, "x"), Key(2, "y")}))
    """,
]

CASES["functools"] = [
    """
    from functools import reduce
    print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 10))
    print(reduce(max, [3, 9, 2]), reduce(lambda acc, w: acc + len(w), ["ab", "c"], 0))
    try:
        reduce(lambda a, b: a, [])
    except TypeError as e:
        print("TypeError:", e)
    """,
    """
    from functools import partial
    def power(base, exp):
        return base ** exp
    square = partial(power, exp=2)
    two_to = partial(power, 2)
    print(square(5), two_to(10), square.func is power, square.args, square.keywords)
    print(partial(partial(power, 3), 2)(), list(map(partial(power, exp=3), [1, 2])))
    """,
    """
    from functools import lru_cache
    @lru_cache(maxsize=None)
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    print(fib(15), fib.cache_info())
    fib.cache_clear()
    print(fib.cache_info())
    """,
    """
    from functools import lru_cache, cache
    @lru_cache
    def sq(x):
        return x * x
    print(sq(3), sq(3), sq.cache_info())
    @lru_cache(maxsize=2)
    def ident(x):
        return x
    for v in [1, 2, 1, 3, 2]:
        ident(v)
    print(ident.cache_info())
    @cache
    def fact(n):
        return 1 if n < 2 else n * fact(n - 1)
    print(fact(10), fact.cache_info().hits)
    """,
    """
    from functools import wraps
    def logged(f):
        @wraps(f)
        def wrapper(*args, **kwargs):
            print("calling", f.__name__, args)
            return f(*args, **kwargs)
        return wrapper
    @logged
    def add(a, b):
        return a + b
    print(add(1, 2), add.__name__, add.__wrapped__(3, 4))
    class K:
        @logged
        def m(self, x):
            return x * 2
        def __repr__(self):
            return "K()"
    print(K().m(5))
    """,
    """
    from functools import cmp_to_key
    def by_len_then_alpha(a, b):
        if len(a) != len(b):
            return len(a) - len(b)
        return (a > b) - (a < b)
    words = ["pear", "fig", "apple", "kiwi", "date"]
    print(sorted(words, key=cmp_to_key(by_len_then_alpha)))
    print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), max([3, 1, 2], key=cmp_to_key(lambda a, b: a - b)))
    """,
    """
    from functools import total_ordering
    @total_ordering
    class Card:
        order = "23456789TJQKA"
        def __init__(self, rank):
            self.rank = rank
        def __eq__(self, other):
            return self.rank == other.rank
        def __lt__(self, other):
            return self.order.index(self.rank) < self.order.index(other.rank)
        def __repr__(self):
            return "Card(%s)" % self.rank
    cards = [Card("K"), Card("2"), Card("T")]
    print(sorted(cards), max(cards), Card("A") > Card("K"), Card("3") >= Card("3"), Card("4") <= Card("2"))
    """,
    """
    from functools import cached_property
    class Circle:
        def __init__(self, r):
            self.r = r
        @cached_property
        def area(self):
            print("computing")
            return 3 * self.r ** 2
    c = Circle(2)
    print(c.area, c.area)
    """,
    """
    from functools import singledispatch
    @singledispatch
    def show(x):
        return "object"
    @show.register(int)
    def _(x):
        return "int %d" % x
    @show.register(list)
    def _(x):
        return "list of %d" % len(x)
    print(show(1), show([1, 2]), show("s"), show(True), show(2.5))
    """,
    """
    import functools
    def deco(f):
        @functools.wraps(f)
        def inner(n):
            return f(n) + 1
        return inner
    @deco
    def base(n):
        return n * 10
    print(base(1), base.__name__, base.__qualname__)
    print(functools.reduce(lambda a, b: a + b, map(base, range(3))))
    """,
]

CASES["itertools"] = [
    """
    from itertools import count, cycle, repeat, islice
    print(list(islice(count(5, 2), 4)), list(islice(cycle("ab"), 5)), list(repeat("x", 3)))
    print(list(zip(count(), "abc")), list(islice(count(1.5, 0.5), 3)))
    """,
    """
    from itertools import accumulate
    import operator
    print(list(accumulate([1, 2, 3, 4])), list(accumulate([3, 1, 4], max)))
    print(list(accumulate([1, 2], initial=10)), list(accumulate([1, 2, 3], operator.mul)), list(accumulate([])))
    """,
    """
    from itertools import chain
    print(list(chain("ab", [1, 2])), list(chain.from_iterable([[1], [2, 3]])), next(chain([7])))
    print(list(chain()), sorted(chain({3: 0}, (1, 2))))
    """,
    """
    from itertools import compress, dropwhile, takewhile, filterfalse
    print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(dropwhile(lambda x: x < 3, [1, 4, 1])))
    print(list(takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(filterfalse(lambda x: x % 2, range(6))), list(filterfalse(None, [0, 1, ""])))
    """,
    """
    from itertools import groupby
    print([(k, list(g)) for k, g in groupby("AAABBCA")])
    words = sorted(["apple", "avocado", "banana", "cherry", "blueberry"])
    print([(k, len(list(g))) for k, g in groupby(words, key=lambda w: w[0])])
    print([k for k, g in groupby([1, 1, 2, 2, 3])], list(groupby([])))
    """,
    """
    from itertools import islice
    print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)))
    print(list(islice("ABCDEFG", 0, None, 2)), list(islice(range(10), 1, 8, 3)))
    it = iter(range(10))
    print(list(islice(it, 3)), next(it), list(islice(it, 0)), next(it))
    """,
    """
    from itertools import starmap, tee, zip_longest
    print(list(starmap(pow, [(2, 5), (3, 2)])), [list(t) for t in tee("abc", 2)])
    a, b = tee(iter([1, 2, 3]))
    print(next(a), next(a), next(b), list(a), list(b))
    print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest([1, 2], [3], [4, 5, 6])))
    """,
    """
    from itertools import product
    print(list(product("AB", repeat=2)), list(product([1, 2], "xy")))
    print(len(list(product(range(3), range(4)))), list(product()), list(product([], [1])))
    """,
    """
    from itertools import permutations, combinations, combinations_with_replacement
    print(list(permutations("ABC", 2)), len(list(permutations(range(4)))))
    print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)), list(combinations("A", 2)))
    print(list(combinations_with_replacement("ABC", 2)), sum(1 for _ in combinations(range(10), 4)))
    """,
    """
    from itertools import pairwise, islice, count
    print(list(pairwise("ABCDE")), list(pairwise([1])))
    pairs = [(a, b) for a, b in pairwise([1, 4, 9, 16])]
    print([b - a for a, b in pairs], list(islice(pairwise(count()), 2)))
    """,
    """
    import itertools
    def batched(iterable, n):
        it = iter(iterable)
        while batch := tuple(itertools.islice(it, n)):
            yield batch
    ours = getattr(itertools, "batched", batched)
    print(list(ours("ABCDEFG", 3)), list(ours([], 2)))
    """,
    """
    from itertools import groupby, chain, combinations
    data = [("fruit", "apple"), ("veg", "kale"), ("fruit", "fig"), ("veg", "leek")]
    data.sort(key=lambda p: p[0])
    for kind, group in groupby(data, key=lambda p: p[0]):
        print(kind, [name for _, name in group])
    nums = [1, 2, 3, 4]
    print([c for c in combinations(nums, 2) if sum(c) == 5], list(chain(*[[1], [2]])))
    """,
]

CASES["collections"] = [
    """
    from collections import Counter
    c = Counter("abracadabra")
    print(c)
    print(c.most_common(3), c["z"], len(c), sorted(c.elements()), c.total())
    """,
    """
    from collections import Counter
    words = "the cat and the dog and the bird".split()
    print(Counter(words).most_common(2), Counter(words).most_common()[-1])
    c = Counter(a=3, b=1)
    c.update("zz")
    c.subtract({"a": 2})
    print(c, list(c), dict(c), {**c})
    """,
    """
    from collections import Counter
    a, b = Counter(a=3, b=1), Counter(a=1, b=5, c=2)
    print(a + b, a - b, a | b, a & b, +Counter(x=-1, y=2), -Counter(x=-1))
    a += Counter(d=1)
    print(a, Counter() == Counter(), Counter("aab") == {"a": 2, "b": 1})
    """,
    """
    from collections import defaultdict
    words = "the cat and the dog and the bird".split()
    by_len = defaultdict(list)
    for w in words:
        by_len[len(w)].append(w)
    print(by_len)
    print(by_len[3], list(by_len.items()), 5 in by_len, by_len.get(9))
    counts = defaultdict(int)
    for ch in "hello":
        counts[ch] += 1
    print(counts, dict(counts), counts["q"], len(counts))
    """,
    """
    from collections import defaultdict
    tree = lambda: defaultdict(tree)
    t = tree()
    t["a"]["b"]["c"] = 1
    print(t["a"]["b"]["c"], list(t), isinstance(t, dict))
    groups = defaultdict(set)
    groups["x"].add(1)
    print(len(groups["x"]), groups.default_factory is set)
    try:
        defaultdict()["missing"]
    except KeyError:
        print("KeyError")
    """,
    """
    from collections import OrderedDict
    od = OrderedDict()
    od["b"] = 1
    od["a"] = 2
    od["c"] = 3
    od.move_to_end("b")
    print(od, list(od.keys()))
    print(od.popitem(last=False), od.popitem(), od)
    od["z"] = 0
    od.move_to_end("z", last=False)
    print(od, od == OrderedDict([("z", 0), ("c", 3)]), od == OrderedDict([("c", 3), ("z", 0)]), OrderedDict(x=1) == {"x": 1})
    """,
    """
    from collections import OrderedDict
    class LRU:
        def __init__(self, size):
            self.size = size
            self.data = OrderedDict()
        def get(self, k):
            if k not in self.data:
                return -1
            self.data.move_to_end(k)
            return self.data[k]
        def put(self, k, v):
            self.data[k] = v
            self.data.move_to_end(k)
            if len(self.data) > self.size:
                self.data.popitem(last=False)
    cache = LRU(2)
    cache.put(1, 1)
    cache.put(2, 2)
    print(cache.get(1))
    cache.put(3, 3)
    print(cache.get(2), cache.get(3), list(cache.data))
    """,
    """
    from collections import deque
    q = deque()
    q.append(1)
    q.append(2)
    q.appendleft(0)
    print(q, q.popleft(), q.pop(), q, len(q), bool(deque()))
    q = deque(range(5), maxlen=3)
    print(q, q.maxlen)
    q.rotate(1)
    print(q, q[0], q[-1], list(reversed(q)))
    q.extendleft("ab")
    print(q, 2 in q, q.count(2), deque("abc") == deque("abc"))
    """,
    """
    from collections import deque
    grid = ["..#", ".#.", "..."]
    start, goal = (0, 0), (2, 2)
    seen = {start}
    q = deque([(start, 0)])
    while q:
        (r, c), d = q.popleft()
        if (r, c) == goal:
            print("distance", d)
            break
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < 3 and 0 <= nc < 3 and grid[nr][nc] == "." and (nr, nc) not in seen:
                seen.add((nr, nc))
                q.append(((nr, nc), d + 1))
    window = deque(maxlen=3)
    for x in [1, 5, 2, 8, 3]:
        window.append(x)
        print(sum(window), end=" ")
    print()
    """,
    """
    from collections import namedtuple
    Point = namedtuple("Point", "x y")
    p = Point(1, y=2)
    print(p, p._asdict(), p._replace(x=9), Point._make([3, 4]), p._fields, p.x + p[1])
    x, y = p
    print(x, y, isinstance(p, tuple), isinstance(p, Point), p == (1, 2), sorted([Point(2, 1), Point(1, 2)]))
    """,
    """
    from collections import namedtuple
    Q = namedtuple("Q", ["a", "b", "c"], defaults=[7, 8])
    print(Q(1), Q(1, 2, 3), Q._field_defaults, Q(1)._asdict())
    class Vec(namedtuple("Vec", "x y")):
        def norm1(self):
            return abs(self.x) + abs(self.y)
    print(Vec(3, -4).norm1(), Vec(3, -4))
    R = namedtuple("R", "a, def, a", rename=True)
    print(R._fields)
    """,
    """
    from collections import ChainMap
    defaults = {"color": "red", "user": "guest"}
    args = {"user": "admin"}
    cm = ChainMap(args, defaults)
    print(cm["user"], cm["color"], len(cm), sorted(cm), cm.get("z", 0), "color" in cm)
    child = cm.new_child({"color": "blue"})
    print(child["color"], child.parents["color"], cm.maps[0])
    cm["new"] = 1
    print(args, sorted(cm.items()))
    """,
]

CASES["collections.abc"] = [
    """
    from collections.abc import Iterable
    def flatten(x):
        for i in x:
            if isinstance(i, Iterable) and not isinstance(i, (str, bytes)):
                yield from flatten(i)
            else:
                yield i
    print(list(flatten([1, [2, (3, [4])], "ab", {5: 0}])))
    """,
    """
    from collections.abc import Iterable, Iterator, Generator
    vals = ([], (), "", {}, set(), 1, None, range(3), (x for x in []), iter([]))
    print([isinstance(v, Iterable) for v in vals])
    print([isinstance(v, Iterator) for v in vals], isinstance((i for i in []), Generator))
    """,
    """
    from collections.abc import Mapping, MutableMapping, Sequence, MutableSequence, Sized, Callable, Hashable
    from collections import Counter, OrderedDict
    print([isinstance(v, Mapping) for v in ({}, [], Counter(), OrderedDict())], isinstance({}, MutableMapping))
    print([isinstance(v, Sequence) for v in ([], (), "x", {}, range(2), b"")], isinstance((), MutableSequence))
    print(isinstance([], Sized), isinstance(len, Callable), isinstance(1, Callable), isinstance(1, Hashable), isinstance([], Hashable))
    """,
    """
    from collections.abc import Iterable, Sized, Collection, Sequence
    class Bag:
        def __init__(self):
            self.items = [1, 2]
        def __iter__(self):
            return iter(self.items)
        def __len__(self):
            return 2
        def __contains__(self, x):
            return x in self.items
    b = Bag()
    print(isinstance(b, Iterable), isinstance(b, Sized), isinstance(b, Collection), isinstance(b, Sequence))
    print(issubclass(Bag, Iterable), issubclass(list, Sequence), issubclass(dict, Sequence), issubclass(int, Iterable))
    """,
    """
    from collections.abc import Mapping
    class Registry(Mapping):
        def __init__(self, d):
            self._d = d
        def __getitem__(self, k):
            return self._d[k]
        def __iter__(self):
            return iter(self._d)
        def __len__(self):
            return len(self._d)
    r = Registry({"a": 1, "b": 2})
    print(r.get("a"), r.get("z", 0), "b" in r, list(r.keys()), list(r.items()), list(r.values()))
    print(r == {"a": 1, "b": 2}, isinstance(r, Mapping), len(r), dict(r.items()))
    """,
    """
    from collections.abc import MutableMapping
    class Store(MutableMapping):
        def __init__(self):
            self._d = {}
        def __getitem__(self, k):
            return self._d[k]
        def __setitem__(self, k, v):
            self._d[k] = v
        def __delitem__(self, k):
            del self._d[k]
        def __iter__(self):
            return iter(self._d)
        def __len__(self):
            return len(self._d)
    s = Store()
    s["x"] = 1
    s.update({"y": 2}, z=3)
    s.setdefault("x", 9)
    print(list(s.items()), s.pop("y"), s.pop("q", None), len(s), isinstance(s, MutableMapping))
    """,
    """
    from collections.abc import Sequence, Iterator
    class Squares(Sequence):
        def __init__(self, n):
            self.n = n
        def __getitem__(self, i):
            if not 0 <= i < self.n:
                raise IndexError(i)
            return i * i
        def __len__(self):
            return self.n
    q = Squares(4)
    print(list(q), 9 in q, q.index(4), q.count(0), list(reversed(q)))
    class Evens(Iterator):
        def __init__(self):
            self.n = 0
        def __next__(self):
            self.n += 2
            if self.n > 6:
                raise StopIteration
            return self.n
    print(list(Evens()), iter(Evens()).__class__.__name__)
    """,
    """
    from collections.abc import Sequence, Mapping, Set
    class Plain:
        pass
    Sequence.register(Plain)
    print(isinstance(Plain(), Sequence), issubclass(Plain, Sequence), isinstance(Plain(), Mapping))
    print(isinstance(frozenset(), Set), isinstance({1}, Set), isinstance([], Set))
    def describe(x):
        if isinstance(x, Mapping):
            return "mapping"
        if isinstance(x, Sequence):
            return "sequence"
        return "other"
    print([describe(v) for v in ({}, [], "s", 1, Plain())])
    """,
]

CASES["operator"] = [
    """
    from operator import itemgetter
    rows = [("b", 2), ("a", 3), ("c", 1)]
    print(sorted(rows, key=itemgetter(1)), itemgetter(0, 1)(rows[0]), itemgetter("k")({"k": 5}))
    print(max(rows, key=itemgetter(1)), list(map(itemgetter(0), rows)))
    """,
    """
    from operator import attrgetter, methodcaller
    class P:
        def __init__(self, n, age):
            self.name = n
            self.age = age
            self.inner = self
    people = [P("x", 30), P("y", 20)]
    print([p.name for p in sorted(people, key=attrgetter("age"))], attrgetter("inner.name", "age")(people[0]))
    print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"), methodcaller("replace", "a", "b")("aa"))
    """,
    """
    import operator
    print(operator.add(1, 2), operator.mul("a", 3), operator.sub(5, 7), operator.truediv(7, 2))
    print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(5), operator.abs(-3))
    """,
    """
    import operator
    print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.invert(5))
    print(operator.not_(0), operator.truth([]), operator.is_(None, None), operator.is_not(1, None))
    """,
    """
    import operator
    print(operator.lt(1, 2), operator.le(2, 2), operator.eq("a", "a"), operator.ne(1, 1), operator.ge(1, 2), operator.gt(3, 2))
    print(operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"), operator.concat([1], [2]))
    """,
    """
    import operator
    d = {}
    operator.setitem(d, "k", 1)
    print(d, operator.getitem(d, "k"), operator.getitem([1, 2, 3], 1))
    operator.delitem(d, "k")
    print(d, operator.length_hint([1, 2]), operator.index(5))
    """,
    """
    import operator
    from functools import reduce
    print(reduce(operator.mul, range(1, 6)), list(map(operator.sub, [5, 6], [1, 2])))
    print(operator.iadd([1], [2]), operator.__add__(2, 3), operator.imul(3, 4), operator.ior(1, 2))
    ops = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
    print([ops[o](8, 2) for o in "+-*/"])
    """,
    """
    from operator import itemgetter, attrgetter
    records = [{"name": "b", "score": 2}, {"name": "a", "score": 2}, {"name": "c", "score": 9}]
    by = sorted(records, key=itemgetter("score", "name"))
    print([r["name"] for r in by])
    print(repr(itemgetter(1)), repr(attrgetter("a.b")))
    """,
]

CASES["contextlib"] = [
    """
    from contextlib import contextmanager
    @contextmanager
    def tag(name):
        print("<%s>" % name)
        try:
            yield name.upper()
        finally:
            print("</%s>" % name)
    with tag("b") as t:
        print("inside", t)
    try:
        with tag("x"):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)
    """,
    """
    from contextlib import contextmanager
    @contextmanager
    def swallow():
        try:
            yield
        except KeyError:
            print("swallowed")
    with swallow():
        {}["k"]
    print("after")
    @contextmanager
    def tag(n):
        print("enter", n)
        yield
        print("exit", n)
    @tag("deco")
    def f():
        print("in f")
    f()
    f()
    """,
    """
    from contextlib import suppress
    with suppress(ZeroDivisionError, KeyError):
        1 / 0
    print("suppressed")
    with suppress(KeyError):
        {}["x"]
    try:
        with suppress(KeyError):
            [][1]
    except IndexError:
        print("not suppressed")
    """,
    """
    from contextlib import closing, nullcontext
    class Res:
        def close(self):
            print("closed")
    with closing(Res()) as r:
        print("using", type(r).__name__)
    with nullcontext(5) as v:
        print("null", v)
    with nullcontext() as v:
        print(v)
    """,
    """
    import io
    from contextlib import redirect_stdout
    buf = io.StringIO()
    with redirect_stdout(buf):
        print("hidden", 1)
        print("line two")
    print("captured:", repr(buf.getvalue()))
    """,
    """
    from contextlib import ExitStack, contextmanager
    @contextmanager
    def res(n):
        print("open", n)
        yield n
        print("close", n)
    with ExitStack() as stack:
        got = [stack.enter_context(res(n)) for n in ("a", "b")]
        stack.callback(print, "callback ran")
        print("body", got)
    """,
    """
    from contextlib import ExitStack, suppress
    with ExitStack() as st:
        st.push(suppress(ValueError))
        raise ValueError
    print("exitstack suppressed")
    with ExitStack() as st:
        st.callback(print, "never")
        keep = st.pop_all()
    print("popped")
    keep.close()
    """,
    """
    from contextlib import contextmanager
    @contextmanager
    def transaction(log):
        log.append("begin")
        try:
            yield log
            log.append("commit")
        except Exception:
            log.append("rollback")
            raise
    log = []
    with transaction(log):
        log.append("work")
    try:
        with transaction(log):
            raise RuntimeError("fail")
    except RuntimeError:
        pass
    print(log)
    """,
]

CASES["copy"] = [
    """
    import copy
    a = [1, [2, 3], {"k": [4]}]
    b = copy.copy(a)
    c = copy.deepcopy(a)
    b[1].append(99)
    c[2]["k"].append(5)
    print(a, b, c, b[1] is a[1], c[1] is a[1])
    """,
    """
    import copy
    class Node:
        def __init__(self, v):
            self.v = v
            self.next = None
    n = Node(1)
    n.next = Node(2)
    n.next.next = n
    m = copy.deepcopy(n)
    print(m.v, m.next.v, m.next.next is m, m is not n, m.next is not n.next)
    s = copy.copy(n)
    print(s.next is n.next, s.v)
    """,
    """
    import copy
    class Custom:
        def __copy__(self):
            print("custom copy")
            return Custom()
        def __deepcopy__(self, memo):
            print("custom deepcopy")
            return "deep!"
    print(type(copy.copy(Custom())).__name__, copy.deepcopy([Custom()]))
    """,
    """
    import copy
    shared = [1]
    pair = [shared, shared]
    d = copy.deepcopy(pair)
    print(d[0] is d[1], d[0] is shared)
    t = (1, [2])
    t2 = copy.deepcopy(t)
    t2[1].append(3)
    print(t, t2, copy.deepcopy((1, 2)) == (1, 2), copy.copy(t) is t)
    """,
    """
    import copy
    from collections import Counter, defaultdict
    cc = Counter("aab")
    c2 = copy.deepcopy(cc)
    c2["a"] += 5
    print(cc, c2)
    dd = defaultdict(list)
    dd["x"].append(1)
    d2 = copy.deepcopy(dd)
    d2["x"].append(2)
    d2["y"]
    print(dd, d2)
    """,
    """
    import copy
    from dataclasses import dataclass, field
    @dataclass(frozen=True)
    class F:
        xs: tuple = (1, 2)
        name: str = "f"
    @dataclass
    class M:
        items: list = field(default_factory=list)
    f = F()
    m = M([1, [2]])
    m2 = copy.deepcopy(m)
    m2.items[1].append(3)
    print(copy.copy(f), copy.deepcopy(f) == f, m, m2)
    """,
    """
    import copy
    config = {"db": {"host": "x", "ports": [1, 2]}, "debug": False}
    shallow = copy.copy(config)
    deep = copy.deepcopy(config)
    shallow["db"]["ports"].append(3)
    deep["db"]["host"] = "y"
    print(config, deep)
    print(copy.copy(5), copy.deepcopy("s"), copy.deepcopy(None), copy.copy(bytearray(b"ab")))
    """,
    """
    import copy
    class Matrix:
        def __init__(self, rows):
            self.rows = rows
        def __repr__(self):
            return "Matrix(%r)" % self.rows
    a = Matrix([[1, 2], [3, 4]])
    b = copy.deepcopy(a)
    b.rows[0][0] = 99
    c = copy.copy(a)
    c.rows[1][1] = 0
    print(a, b, c.rows is a.rows)
    """,
]

CASES["enum"] = [
    """
    from enum import Enum
    class Color(Enum):
        RED = 1
        GREEN = 2
        BLUE = 3
    print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value, list(Color), len(Color))
    print(Color(2), Color["BLUE"], Color.RED is Color(1), Color.RED == 1, {Color.RED: "r"}[Color.RED])
    """,
    """
    from enum import Enum
    class Color(Enum):
        RED = 1
        GREEN = 2
    print(Color.RED in Color, isinstance(Color.RED, Color), isinstance(Color.RED, Enum), issubclass(Color, Enum))
    print([m.name for m in Color], list(Color.__members__), repr(Color), type(Color.RED).__name__)
    try:
        Color(7)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Color["PINK"]
    except KeyError:
        print("KeyError")
    """,
    """
    from enum import Enum
    class Planet(Enum):
        MERCURY = 1
        EARTH = 3
        MARS = 4
        def describe(self):
            return "%s is planet #%d" % (self.name.title(), self.value)
        @property
        def is_home(self):
            return self is Planet.EARTH
        @classmethod
        def parse(cls, s):
            return cls[s.upper()]
        @classmethod
        def inner(cls):
            return [p.name for p in cls]
    print(Planet.EARTH.describe(), Planet.EARTH.is_home, Planet.MARS.is_home, Planet.parse("mars"), Planet.inner())
    """,
    """
    from enum import Enum, auto
    class Status(Enum):
        ACTIVE = auto()
        INACTIVE = auto()
        PENDING = auto()
    print(list(Status), Status.PENDING.value, Status(2))
    class Weird(Enum):
        A = 10
        B = auto()
    print(Weird.B.value, f"{Status.ACTIVE}", "%s" % Status.INACTIVE)
    """,
    """
    from enum import IntEnum
    class Prio(IntEnum):
        LOW = 1
        HIGH = 3
        MID = 2
    print(Prio.LOW < Prio.HIGH, Prio.MID + 1, Prio(3).name, Prio.LOW == 1, str(Prio.HIGH), int(Prio.MID))
    print(Prio.LOW + Prio.HIGH, Prio.HIGH > Prio.MID, Prio.HIGH * 2, 10 - Prio.HIGH, [0, 10, 20][Prio.MID])
    print(sorted(Prio), max(Prio), isinstance(Prio.LOW, int), list(Prio))
    """,
    """
    import json
    from enum import Enum
    class Shape(str, Enum):
        CIRCLE = "circle"
        SQUARE = "square"
    print(Shape.CIRCLE, Shape.CIRCLE == "circle", Shape("square").name, Shape.SQUARE.value.upper())
    print(isinstance(Shape.CIRCLE, str), Shape.CIRCLE < Shape.SQUARE, Shape.CIRCLE + "!")
    print(json.dumps({"s": Shape.CIRCLE}))
    """,
    """
    from enum import Enum, unique
    try:
        @unique
        class Dup(Enum):
            A = 1
            B = 1
    except ValueError as e:
        print("unique:", e)
    class Alias(Enum):
        A = 1
        B = 1
        C = 2
    print(list(Alias), Alias.B is Alias.A, Alias(1).name, list(Alias.__members__))
    """,
    """
    from enum import Flag, IntFlag, auto
    class Perm(Flag):
        R = 4
        W = 2
        X = 1
    rw = Perm.R | Perm.W
    print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), repr(Perm.R & Perm.X))
    print(list(rw), ~Perm.R, Perm(6) is rw)
    class P2(IntFlag):
        A = auto()
        B = auto()
        C = auto()
    print(P2.A | P2.C, (P2.A | P2.B) == 3, P2.C.value, list(P2), repr(P2.A | P2.B))
    """,
    """
    from enum import Enum
    Animal = Enum("Animal", "ANT BEE CAT")
    print(list(Animal), Animal.BEE.value, Animal(3), Animal["ANT"])
    Level = Enum("Level", [("LOW", 10), ("HIGH", 20)])
    print(Level.HIGH, Level(10))
    """,
    """
    from enum import Enum
    class Planet(Enum):
        EARTH = (5.97e24, 6.37e6)
        MARS = (6.42e23, 3.39e6)
        def __init__(self, mass, radius):
            self.mass = mass
            self.radius = radius
        @property
        def density_hint(self):
            return self.mass / self.radius ** 3
    print(Planet.MARS.mass, Planet.EARTH.value, Planet((6.42e23, 3.39e6)).name)
    print(max(Planet, key=lambda p: p.density_hint).name)
    """,
    """
    from enum import Enum
    class Light(Enum):
        RED = "red"
        GREEN = "green"
        YELLOW = "yellow"
        def next(self):
            order = list(Light)
            return order[(order.index(self) + 1) % len(order)]
        @classmethod
        def _missing_(cls, value):
            for m in cls:
                if m.value == str(value).lower():
                    return m
            return None
    print(Light.RED.next(), Light.YELLOW.next(), Light("GREEN"), sorted(m.value for m in Light))
    state = Light.RED
    for _ in range(4):
        state = state.next()
    print(state, state == Light.GREEN, state != Light.RED)
    """,
]

CASES["abc"] = [
    """
    from abc import ABC, abstractmethod
    class Shape(ABC):
        @abstractmethod
        def area(self):
            ...
        @abstractmethod
        def perimeter(self):
            ...
        def describe(self):
            return "%s with area %s" % (type(self).__name__, self.area())
    class Square(Shape):
        def __init__(self, s):
            self.s = s
        def area(self):
            return self.s ** 2
        def perimeter(self):
            return 4 * self.s
    sq = Square(3)
    print(sq.area(), sq.perimeter(), sq.describe(), isinstance(sq, Shape), isinstance(sq, ABC))
    """,
    """
    from abc import ABC, abstractmethod
    class Shape(ABC):
        @abstractmethod
        def area(self):
            ...
        @abstractmethod
        def perimeter(self):
            ...
    class Half(Shape):
        def area(self):
            return 1
    for cls in (Shape, Half):
        try:
            cls()
        except TypeError as e:
            print("TypeError:", e)
    """,
    """
    from abc import ABCMeta, abstractmethod
    class Base(metaclass=ABCMeta):
        @abstractmethod
        def run(self):
            pass
    class Impl(Base):
        def run(self):
            return "ran"
    try:
        Base()
    except TypeError as e:
        print("TypeError:", e)
    print(Impl().run(), isinstance(Impl(), Base), issubclass(Impl, Base))
    """,
    """
    from abc import ABC, abstractmethod
    class Plugin(ABC):
        @abstractmethod
        def name(self):
            pass
    class External:
        def name(self):
            return "ext"
    Plugin.register(External)
    print(isinstance(External(), Plugin), issubclass(External, Plugin), isinstance(1, Plugin))
    """,
    """
    from abc import ABC, abstractmethod
    class Animal(ABC):
        def __init__(self, name):
            self.name = name
        @abstractmethod
        def sound(self):
            pass
        def speak(self):
            return "%s says %s" % (self.name, self.sound())
    class Dog(Animal):
        def sound(self):
            return "woof"
    class Puppy(Dog):
        def speak(self):
            return super().speak() + "!"
    print(Dog("rex").speak(), Puppy("bit").speak(), [type(a).__name__ for a in (Dog("a"), Puppy("b"))])
    """,
    """
    from abc import ABC, abstractmethod
    class Repo(ABC):
        @abstractmethod
        def get(self, k):
            raise NotImplementedError
        @abstractmethod
        def put(self, k, v):
            raise NotImplementedError
    class Mem(Repo):
        def __init__(self):
            self.d = {}
        def get(self, k):
            return self.d.get(k)
        def put(self, k, v):
            self.d[k] = v
            return self
    print(Mem().put("a", 1).get("a"))
    class Partial(Repo):
        def get(self, k):
            return None
    try:
        Partial()
    except TypeError as e:
        print(e)
    """,
    """
    from abc import ABC
    class Empty(ABC):
        pass
    class WithInit(ABC):
        def __init__(self, x, y=2):
            self.x, self.y = x, y
    print(type(Empty()).__name__, WithInit(1).y, WithInit(1, y=5).y, isinstance(Empty(), ABC))
    """,
    """
    from abc import ABC, abstractmethod
    class Base(ABC):
        @abstractmethod
        def step(self):
            ...
        def run(self, n):
            return [self.step() for _ in range(n)]
    class Counter(Base):
        def __init__(self):
            self.i = 0
        def step(self):
            self.i += 1
            return self.i
    class Doubler(Counter):
        def step(self):
            return super().step() * 2
    print(Counter().run(3), Doubler().run(3))
    """,
    """
    from abc import ABC
    class Plugin(ABC):
        registry = []
        def __init_subclass__(cls, key=None, **kw):
            Plugin.registry.append((cls.__name__, key))
    class Csv(Plugin, key="csv"):
        pass
    class Tsv(Csv):
        pass
    print(Plugin.registry)
    """,
]

CASES["string"] = [
    """
    import string
    print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
    print(string.punctuation, repr(string.whitespace), len(string.printable), string.ascii_uppercase)
    """,
    """
    import string
    print(string.capwords("hello   wORLD  foo"), string.capwords("a-b-c", "-"), string.capwords(""))
    """,
    """
    from string import Template
    t = Template("$who likes $what, ${who}s! Cost: $$5")
    print(t.substitute(who="tim", what="kung pao"))
    print(t.substitute({"who": "a", "what": "b"}, what="c"), t.template)
    """,
    """
    from string import Template
    print(Template("$a and $b").safe_substitute(a=1), Template("${x}y $").safe_substitute(x=2))
    try:
        Template("$who likes $what").substitute(who="x")
    except KeyError as e:
        print("KeyError", e.args)
    """,
    """
    from string import Template
    for bad in ("Hello $!", "a\\nb $ c", "${1x}"):
        try:
            Template(bad).substitute({})
        except ValueError as e:
            print("ValueError:", e)
    """,
    """
    from string import Template
    class Pct(Template):
        delimiter = "%"
    print(Pct("%who is %{who}2 100%%").substitute(who="me"))
    print(Template("$a $b $a").get_identifiers(), Template("$a").is_valid(), Template("$").is_valid())
    """,
    """
    import string
    def caesar(s, k):
        lo, up = string.ascii_lowercase, string.ascii_uppercase
        out = []
        for ch in s:
            if ch in lo:
                out.append(lo[(lo.index(ch) + k) % 26])
            elif ch in up:
                out.append(up[(up.index(ch) + k) % 26])
            else:
                out.append(ch)
        return "".join(out)
    print(caesar("Hello, World!", 3), all(c in string.printable for c in "tab\\t"))
    print(sum(c in string.punctuation for c in "a.b,c!"), string.Formatter().format("{0}-{x}", 1, x=2))
    """,
    """
    from string import Template
    rows = [{"name": "ann", "n": 3}, {"name": "bob", "n": 1.5}]
    t = Template("$name: ${n} item(s)")
    for r in rows:
        print(t.substitute(r))
    print(Template("${a}_$b").substitute(a=[1], b=(2,)))
    """,
]


def _params() -> list[Any]:
    return [pytest.param(key, id=key) for key in SNIPPETS]


SNIPPETS = flatten(CASES)


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs(SNIPPETS)


@pytest.mark.parametrize("key", _params())
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    assert_same_stdout(sandbox, SNIPPETS[key], reference[key])


def test_every_module_has_enough_snippets() -> None:
    for mod in ("dataclasses", "itertools", "collections", "functools"):
        assert len(CASES[mod]) >= 10, mod
    for mod, codes in CASES.items():
        assert len(codes) >= 8, mod


# -- guest-only: the documented limits -------------------------------------------


def test_dataclass_fields_without_value_work_through_the_transformer(sandbox: Sandbox) -> None:
    """MicroPython drops `x: int` in a class body; the host transformer records it."""
    code = textwrap.dedent(
        """
        from dataclasses import dataclass
        @dataclass
        class Pt:
            x: int
            y: int = 0
        print(Pt(1, 2), Pt(x=5))
        Pt(y=3)
        """
    )
    r = sandbox.run(code)
    assert r.stdout == "Pt(x=1, y=2) Pt(x=5, y=0)\n"
    assert r.error is not None and r.error.type == "TypeError"  # x is required, as in CPython


def test_dataclass_field_without_value_fails_clearly_without_the_transformer() -> None:
    code = "from dataclasses import dataclass\n@dataclass\nclass Pt:\n    x: int\n    y: int = 0\nPt(1, 2)\n"
    r = Sandbox(compat=False).run(code)
    assert r.error is not None and r.error.type == "TypeError"
    assert "MicroPython discards class annotations without a value" in r.error.message


def test_metaclass_keyword_other_than_abcmeta_is_rejected(sandbox: Sandbox) -> None:
    code = "import abc\nclass M(type):\n    pass\nclass C(metaclass=M):\n    pass\n"
    r = sandbox.run(code)
    assert r.error is not None and r.error.type == "TypeError"
    assert "metaclass=M is not supported" in r.error.message


def test_class_body_order_survives_many_names(sandbox: Sandbox) -> None:
    names = [f"f{(i * 7919) % 97}" for i in range(60)]
    body = "".join(f"    {n}: int = {i}\n" for i, n in enumerate(names))
    code = (
        "from dataclasses import dataclass, fields\n@dataclass\nclass Wide:\n"
        + body
        + "print(' '.join(f.name for f in fields(Wide)))\n"
    )
    r = sandbox.run(code)
    assert r.status == "ok", r.stderr
    assert r.stdout.split() == names
