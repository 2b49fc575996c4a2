"""Allocation-heavy guest programs for the GC stress suite (tests/test_gc.py).

Every program is deterministic, prints a small summary, and uses only features
on which MicroPython and CPython 3.11 agree, so CPython's output is the
expected output. ``memory`` is the smallest limit the program is run with
(2 MiB gives MicroPython a 1 MiB heap); small heaps make the collector run
often, which is what exposes pointers it cannot see.

``breaks_raw`` marks the programs that the untransformed artifact (no
``--spill-pointers``) was seen to get wrong on every one of 20 runs.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Program:
    name: str
    code: str
    memory: int
    repeats: int
    breaks_raw: bool = False


PROGRAMS = [
    Program(
        "small_strings",
        """
items = []
for i in range(20000):
    items.append("s" + str(i))
total = 0
for s in items:
    total += len(s)
print(len(items), total, items[0], items[12345], items[-1])
print(len("".join(items)))
""",
        memory=4 * MiB,
        repeats=40,
    ),
    Program(
        "dict_of_lists",
        """
d = {}
for i in range(6000):
    key = "k" + str(i % 300)
    if key not in d:
        d[key] = []
    d[key].append((i, str(i * 7), [i] * 3))
total = 0
for key in sorted(d):
    for a, b, c in d[key]:
        total += a + len(b) + sum(c)
print(len(d), total, d["k17"][3][1], len(d["k299"]))
""",
        memory=4 * MiB,
        repeats=40,
    ),
    Program(
        "bigint_loop",
        """
a = 1
s = 0
for i in range(40000):
    a = (a * 3 + i) % (1 << 200)
    s ^= a
print(s % 1000000007)
print(str(a)[:20], len(str(a)))
""",
        memory=3 * MiB,
        repeats=30,
        breaks_raw=False,
    ),
    Program(
        "exec_in_try",
        """
i = 0
total = 0
while i < 3000:
    try:
        exec("x = [j * 2 for j in range(10)]\\ny = str(x)")
        total += len(str(i))
        if i % 7 == 0:
            raise ValueError("v" + str(i))
    except ValueError as e:
        total += len(str(e))
    i += 1
print(total)
""",
        memory=3 * MiB,
        repeats=30,
        breaks_raw=True,
    ),
    Program(
        "recursive_trees",
        """
def make(depth):
    if depth == 0:
        return (None, None, "leaf")
    return (make(depth - 1), make(depth - 1), "n" + str(depth))

def check(t):
    left, right, label = t
    if left is None:
        return 1
    return 1 + check(left) + check(right) + len(label) % 2

total = 0
for rnd in range(12):
    total += check(make(10))
long_lived = make(12)
for rnd in range(8):
    total += check(make(9))
print(total, check(long_lived))
""",
        memory=3 * MiB,
        repeats=40,
        breaks_raw=False,
    ),
    Program(
        "string_concat",
        """
s = ""
for i in range(4000):
    s += str(i % 97)
    if len(s) > 3000:
        s = s[1500:] + s[:10]
parts = s.split("9")
print(len(s), len(parts), s[:30], s[-30:])
acc = []
for i in range(3000):
    acc.append(("%d-%s" % (i, "x" * (i % 13))).upper())
print(len(",".join(acc)), acc[2999])
""",
        memory=3 * MiB,
        repeats=40,
        breaks_raw=False,
    ),
    Program(
        "tuple_sort",
        """
rows = []
x = 12345
for i in range(8000):
    x = (x * 1103515245 + 12345) % 2147483648
    rows.append((x % 1000, "name" + str(x % 777), i))
rows.sort(key=lambda r: (r[0], r[1]))
print(rows[0], rows[-1], rows[4000])
by_name = sorted(rows, key=lambda r: r[1], reverse=True)
print(by_name[0][1], by_name[-1][1], len(by_name))
""",
        memory=5 * MiB,  # stable sorted() decorates: (key, index) pairs need room
        repeats=30,
        breaks_raw=False,
    ),
    Program(
        "closures",
        """
def counter(start, step):
    state = [start]
    def nxt():
        state[0] += step
        return state[0]
    return nxt

makers = [counter(i, i % 5 + 1) for i in range(2000)]
total = 0
for rnd in range(5):
    for f in makers:
        total += f()
adders = [(lambda k: (lambda v: v + k))(i) for i in range(3000)]
print(total, sum(g(1) for g in adders))
compose = lambda f, g: lambda v: f(g(v))
h = lambda v: v
for i in range(30):
    h = compose(h, adders[i])
print(h(0))
""",
        memory=3 * MiB,
        repeats=40,
    ),
    Program(
        "objects_and_generators",
        """
class Node:
    def __init__(self, value, nxt):
        self.value = value
        self.nxt = nxt
        self.tag = "t" + str(value % 10)

def walk(node):
    while node is not None:
        yield node
        node = node.nxt

total = 0
for rnd in range(6):
    head = None
    for i in range(3000):
        head = Node(i, head)
    total += sum(n.value for n in walk(head) if n.tag == "t3")
    tags = {}
    for n in walk(head):
        tags[n.tag] = tags.get(n.tag, 0) + 1
print(total, sorted(tags.items()))
""",
        memory=3 * MiB,
        repeats=40,
        breaks_raw=False,
    ),
    Program(
        "json_roundtrip",
        """
import json
doc = {"items": [{"id": i, "name": "item" + str(i), "tags": ["a", "b" + str(i % 5)]}
                 for i in range(400)]}
total = 0
for rnd in range(10):
    text = json.dumps(doc)
    back = json.loads(text)
    total += len(text) + sum(it["id"] for it in back["items"])
    doc["items"][rnd]["name"] = back["items"][rnd]["name"] * 2
print(total, back["items"][9]["name"], len(back["items"]))
""",
        memory=3 * MiB,
        repeats=40,
    ),
    Program(
        "exceptions_in_loop",
        """
class AppError(Exception):
    def __init__(self, code, detail):
        super().__init__("code %d: %s" % (code, detail))
        self.code = code

def work(i):
    if i % 3 == 0:
        raise AppError(i, "bad " + str(i) * 3)
    if i % 3 == 1:
        return {"i": i, "s": [str(i)] * 4}
    raise KeyError("k" + str(i))

codes = 0
msgs = 0
ok = 0
for i in range(6000):
    try:
        r = work(i)
        ok += len(r["s"])
    except AppError as e:
        codes += e.code
        msgs += len(str(e))
    except KeyError as e:
        msgs += len(e.args[0])
    finally:
        ok += 1
print(codes, msgs, ok)
""",
        memory=3 * MiB,
        repeats=40,
        breaks_raw=True,
    ),
]
