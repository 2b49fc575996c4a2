"""The host-side source transformer: what it rewrites, and that lines never move."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from wasmbox import Sandbox
from wasmbox.compat import transform

SAMPLES = {
    "step slice": "s = 'abc'\nprint(s[::-1], s[\n  1::2])",
    "method": "print('7'.zfill(3), 'a'.ljust(\n    4, '.'))",
    "kwargs": "print('a b'.split(sep=' '), int('7', base=8), round(2.5, ndigits=0), flush=True)",
    "displays": "a = [1]\nb = {'k': 1}\nprint([*a, 2], (*a,), {*a}, {**b, 'z': 0})",
    "match": (
        "def f(v):\n"
        "    match v:\n"
        "        case [x, *rest] if x > 0:\n"
        "            return ('seq', x, rest)\n"
        "        case {'k': val}:\n"
        "            return ('map', val)\n"
        "        case int() | float() as n:\n"
        "            return ('num', n)\n"
        "        case _:\n"
        "            return 'other'\n"
        "print(f([1, 2]), f({'k': 3}), f(2.5), f('x'))\n"
    ),
    "nested match": (
        "for a in (1, 2):\n"
        "    match a:\n"
        "        case 1:\n"
        "            match 'x':\n"
        "                case 'x':\n"
        "                    print('inner')\n"
        "        case _:\n"
        "            print('outer', a)\n"
    ),
    "sort": "l = [(1, 'b'), (0, 'a'), (1, 'a')]\nl.sort(key=lambda t: t[0])\nprint(l)",
}


@pytest.mark.parametrize("source", SAMPLES.values(), ids=SAMPLES.keys())
def test_rewrites_keep_every_line_and_compile(source: str) -> None:
    out = transform(source)
    assert out != source
    assert out.count("\n") == source.count("\n")
    compile(out, "main.py", "exec")  # valid Python


@pytest.mark.parametrize("source", SAMPLES.values(), ids=SAMPLES.keys())
def test_rewritten_code_behaves_like_the_original_in_the_guest(
    sandbox: Sandbox, source: str
) -> None:
    cpython = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True)
    result = sandbox.run(source)
    if "{**b" in source:  # MicroPython's dicts are not insertion-ordered
        assert sorted(result.stdout) == sorted(cpython.stdout)
    else:
        assert result.stdout == cpython.stdout, result


@pytest.mark.parametrize(
    "source",
    ["print(1)", "x = [1, 2, 3]\nprint(x[1:2])", "def f(*a, **k):\n    return a\n", "y = 2 ** 10"],
)
def test_code_that_needs_nothing_is_returned_unchanged(source: str) -> None:
    assert transform(source) is source


def test_unparseable_code_is_left_for_micropython_to_report() -> None:
    source = "x = [::-1\nmatch"
    assert transform(source) == source


def test_errors_still_point_at_the_users_line(sandbox: Sandbox) -> None:
    code = "s = 'abc'[::-1]\nmatch s:\n    case 'cba':\n        t = s.zfill(5)\nprint(t)\n1 / 0\n"
    result = sandbox.run(code)
    assert result.stdout == "00cba\n"
    assert result.error is not None and result.error.line == 6


def test_user_methods_with_polyfilled_names_are_called(sandbox: Sandbox) -> None:
    code = "class A:\n    def title(self):\n        return 'mine'\n    def sort(self):\n        return 'sorted!'\nprint(A().title(), A().sort())"
    assert sandbox.run(code).stdout == "mine sorted!\n"


def test_compat_can_be_turned_off() -> None:
    result = Sandbox(compat=False).run("print('abc'[::-1])")
    assert result.error is not None and result.error.type == "NotImplementedError"


def test_transform_handles_non_ascii_columns() -> None:
    source = "s = 'héllo wörld'; print(s[::-1], 'é'.zfill(3))"
    out = transform(source)
    ast.parse(out)
    assert "__wb_slice(s, None, None, -1)" in out and "__wb_call('é', 'zfill', 3)" in out


def test_class_bodies_record_the_order_they_bind_names_in() -> None:
    # MicroPython's class namespaces keep no order; Enum members and hand-written
    # __annotations__ need it (the guest cannot read a body's bytecode).
    source = (
        "import enum\n"
        "class Color(enum.Enum):\n"
        '    """Doc."""\n'
        "    ZED = 1\n"
        "    ALPHA = 2\n"
        "    def f(self): pass\n"
        "    MID: int = 3\n"
        "class Pt:\n"
        "    def g(self): pass\n"
        "    __annotations__ = {}\n"
        "    __annotations__['y'] = 'int'\n"
        "    __annotations__['x'] = 'int'\n"
        "class One:\n"
        "    only = 1\n"
    )
    out = transform(source)
    assert out.count("\n") == source.count("\n")  # every line kept
    assert "    __wb_order__ = ('ZED', 'ALPHA', 'f', 'MID'); ZED = 1\n" in out
    assert '"""Doc."""\n' in out  # the docstring stays first
    assert "__wb_order__ = ('g', '__annotations__', 'y', 'x'); __annotations__ = " in out
    assert out.count("__wb_order__") == 2  # nothing to order in One
    result = Sandbox().run(source + "[m.name for m in Color]")
    assert result.value == ["ZED", "ALPHA", "MID"]


# -- rewrites the module's scopes prove unneeded ---------------------------------
# a % j guards j against zero (CPython's ZeroDivisionError message): not when
# every binding of j, in the scope the read finds it in, is a loop over
# range(c, ...) with constants c, step >= 1. lst += [x] becomes lst.append(x)
# (MicroPython's extend grows a list 4 slots at a time: quadratic in a loop)
# when lst is a local only ever bound to a list display.

UNGUARDED = {
    "function": "def f(n):\n    for j in range(2, n):\n        if n % j == 0:\n            return j\n",
    "all three operators": (
        "def f(n):\n    for j in range(1, n):\n        print(n / j, n // j, n % j)\n"
    ),
    "positive step": "def f(n):\n    for j in range(3, n, 2):\n        print(n % j)\n",
    "two loops": (
        "def f(n):\n"
        "    for j in range(1, 9):\n"
        "        pass\n"
        "    for j in range(2, n):\n"
        "        print(n % j)\n"
    ),
    "comprehension": "def f(n):\n    return [d for d in range(1, n) if n % d == 0]\n",
    "comprehension at module level": "print(sum(1 for d in range(1, 9) if 36 % d == 0))\n",
    "read in a nested function": (
        "def f(n):\n    for j in range(1, n):\n        g = lambda: n // j\n        print(g())\n"
    ),
    "nested function's own loop": (
        "def f(n):\n"
        "    j = 0\n"
        "    def g():\n"
        "        for j in range(1, n):\n"
        "            print(n % j)\n"
        "    return g\n"
    ),
}

GUARDED = {
    "module-level loop": "for j in range(1, 5):\n    print(10 % j)\n",
    "also assigned": "def f(n):\n    for j in range(1, n):\n        j = n - j\n        print(n % j)\n",
    "assigned after the loop": (
        "def f(n):\n    for j in range(1, n):\n        pass\n    j = 0\n    return n % j\n"
    ),
    "range from 0": "def f(n):\n    for j in range(0, n):\n        print(n % (j + 1), 1 % j)\n",
    "range(n)": "def f(n):\n    for j in range(n):\n        print(n % j)\n",
    "negative step": "def f(n):\n    for j in range(5, n, -1):\n        print(n % j)\n",
    "step not a constant": "def f(n, k):\n    for j in range(1, n, k):\n        print(n % j)\n",
    "start negated": "def f(n):\n    for j in range(-1, n):\n        print(n % j)\n",
    "start a bool": "def f(n):\n    for j in range(True, n):\n        print(n % j)\n",
    "keyword": "def f(n):\n    for j in range(1, stop=n):\n        print(n % j)\n",
    "starred stop": "def f(a):\n    for j in range(1, *a):\n        print(6 % j)\n",
    "range rebound": (
        "range = lambda *a: [0]\ndef f(n):\n    for j in range(1, n):\n        print(n % j)\n"
    ),
    "range a parameter": "def f(n, range):\n    for j in range(1, n):\n        print(n % j)\n",
    "range imported": (
        "from x import *\ndef f(n):\n    for j in range(1, n):\n        print(n % j)\n"
    ),
    "builtins patched": (
        "import builtins\ndef f(n):\n    for j in range(1, n):\n        print(n % j)\n"
    ),
    "a parameter": "def f(n, j):\n    for j in range(1, n):\n        pass\n    print(n % j)\n",
    "global": "def f(n):\n    global j\n    for j in range(1, n):\n        print(n % j)\n",
    "nonlocal in a nested function": (
        "def f(n):\n"
        "    def zero():\n"
        "        nonlocal j\n"
        "        j = 0\n"
        "    for j in range(1, n):\n"
        "        zero()\n"
        "        print(n % j)\n"
    ),
    "deleted": "def f(n):\n    for j in range(1, n):\n        del j\n        print(n % j)\n",
    "tuple target": "def f(n):\n    for j, k in zip(range(1, n), range(1, n)):\n        print(n % j)\n",
    "walrus": "def f(n):\n    for j in range(1, n):\n        print(n % j, (j := 0))\n",
    "walrus in a comprehension": (
        "def f(n):\n    for j in range(1, n):\n        [(j := 0) for _ in 'a']\n        print(n % j)\n"
    ),
    "except as": (
        "def f(n):\n    for j in range(1, n):\n        try:\n            pass\n"
        "        except E as j:\n            pass\n        print(n % j)\n"
    ),
    "with as": "def f(n):\n    for j in range(1, n):\n        with c as j:\n            print(n % j)\n",
    "async for": "async def f(n):\n    async for j in range(1, n):\n        print(n % j)\n",
    "class body": "class A:\n    for j in range(1, 3):\n        x = 6 % j\n",
    "comprehension's own j": (
        "def f(n):\n    for j in range(1, n):\n        print([n % j for j in range(0, 3)])\n"
    ),
}


@pytest.mark.parametrize("source", UNGUARDED.values(), ids=UNGUARDED.keys())
def test_no_division_guard_for_a_name_only_a_positive_range_binds(source: str) -> None:
    out = transform(source)
    assert "__wb_div0" not in out
    assert out.count("\n") == source.count("\n")


@pytest.mark.parametrize("source", GUARDED.values(), ids=GUARDED.keys())
def test_division_guard_kept_where_the_name_may_be_zero(source: str) -> None:
    assert "__wb_div0" in transform(source)


def test_only_reads_that_find_the_positive_binding_lose_the_guard() -> None:
    out = transform(GUARDED["comprehension's own j"])
    assert out.count("__wb_div0") == 1  # the comprehension's j, from 0
    assert "[((n) % j if j else __wb_div0(n, j, 2)) for j in range(0, 3)]" in out


def test_unguarded_divisions_give_cpythons_results(sandbox: Sandbox) -> None:
    source = (
        "def divisors(n):\n"
        "    return [d for d in range(1, n + 1) if n % d == 0]\n"
        "def f(n):\n"
        "    out = []\n"
        "    for j in range(1, n, 3):\n"
        "        out.append((n // j, n % j, round(n / j, 3)))\n"
        "    return out\n"
        "print(divisors(36), f(10))\n"
        "def g(n):\n"
        "    for j in range(1, n):\n"
        "        pass\n"
        "    j = 0\n"
        "    return n % j\n"
        "g(3)\n"
    )
    cpython = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True)
    result = sandbox.run(source)
    assert result.stdout == cpython.stdout
    assert result.error is not None
    assert (result.error.type, result.error.message) == (
        "ZeroDivisionError",
        "integer modulo by zero",
    )


APPENDS = {
    "loop": (
        "def f(xs):\n    out = []\n    for x in xs:\n        out += [x * 2]\n    return out\n",
        "        out.append(x * 2)\n",
    ),
    "tuple element": (
        "def f(a):\n    ans = []\n    for i in a:\n        ans += [(i, a[i])]\n    return ans\n",
        "        ans.append((i, a[i]))\n",
    ),
    "element rewritten": (
        "def f(ws):\n    out = []\n    for w in ws:\n        out += [w[::-1]]\n    return out\n",
        "        out.append(__wb_slice(w, None, None, -1))\n",
    ),
    "element over lines": (
        "def f(ws):\n    out = [w for w in ws]\n    out += [\n        ws[0],\n    ]\n    return out\n",
        "    out.append(\n        ws[0],\n    )\n",
    ),
    "annotated": (
        "def f(ws):\n    out: list = []\n    if ws: out += [ws]\n    return out\n",
        "    if ws: out.append(ws)\n",
    ),
    "two names, one list": (
        "def f():\n    a = b = []\n    a += [1]\n    return b\n",
        "    a.append(1)\n",
    ),
}

NOT_APPENDS = {
    "module level": "out = []\nout += [1]\n",
    "a parameter": "def f(out):\n    out += [1]\n",
    "never assigned": "def f():\n    out += [1]\n",
    "assigned a call": "def f():\n    out = list()\n    out += [1]\n",
    "assigned a tuple": "def f():\n    out = ()\n    out += [1]\n",
    "reassigned": "def f(s):\n    out = []\n    out = s\n    out += [1]\n",
    "starred display": "def f(a):\n    out = [*a]\n    out += [1]\n",
    "two items": "def f():\n    out = []\n    out += [1, 2]\n",
    "starred item": "def f(a):\n    out = []\n    out += [*a]\n",
    "global": "def f():\n    global out\n    out = []\n    out += [1]\n",
    "nonlocal": (
        "def f(s):\n    out = []\n    def g():\n        nonlocal out\n        out = s\n"
        "    g()\n    out += [1]\n"
    ),
    "unpacked": "def f():\n    out, n = [], 0\n    out += [1]\n",
    "loop target": "def f(xs):\n    out = []\n    for out in xs:\n        out += [1]\n",
    "other operator": "def f():\n    out = []\n    out *= 2\n    out += [1]\n",
    "class body": "class A:\n    out = []\n    out += [1]\n",
}


@pytest.mark.parametrize(("source", "line"), APPENDS.values(), ids=APPENDS.keys())
def test_extending_a_local_list_by_one_item_appends(source: str, line: str) -> None:
    out = transform(source)
    assert line in out
    assert out.count("\n") == source.count("\n")
    compile(out, "main.py", "exec")


@pytest.mark.parametrize("source", NOT_APPENDS.values(), ids=NOT_APPENDS.keys())
def test_no_append_unless_the_name_is_always_a_list(source: str) -> None:
    assert ".append(" not in transform(source)


def test_appends_behave_like_the_original(sandbox: Sandbox) -> None:
    source = (
        "def f(n):\n"
        "    out = []\n"
        "    for i in range(n):\n"
        "        out += [(i, i * i)]\n"
        "    return len(out), out[-1], out[:2]\n"
        "print(f(100000))\n"
        "class Bag:\n"
        "    def __init__(self):\n"
        "        self.items = []\n"
        "    def __iadd__(self, other):\n"
        "        self.items.extend(other * 2)\n"
        "        return self\n"
        "def g():\n"
        "    b = Bag()\n"
        "    b += [1]\n"
        "    return b.items\n"
        "print(g())\n"
    )
    assert "out.append((i, i * i))" in transform(source)
    cpython = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True)
    result = sandbox.run(source)
    assert result.status == "ok", result.error
    assert result.stdout == cpython.stdout


@pytest.mark.parametrize(
    ("source", "rewritten"),
    [
        ("print(dict(a=1))", True),
        ("mydict = 1\nprint(mydict)", False),
        ("print(float('1'))", True),
        ("print(is_float('1'))", False),
        ("print(sum([1], start=2))", True),
        ("restart = 1\nprint(restart)", False),
        ("def f():\n    out = []\n    out += [1]\n    return out", True),
    ],
)
def test_the_substring_check_matches_whole_words(source: str, rewritten: bool) -> None:
    assert (transform(source) is not source) is rewritten


def test_method_names_inside_f_strings_take_the_other_quote(sandbox: Sandbox) -> None:
    # MicroPython parses f-strings as CPython 3.11 does: a rewrite inside one may
    # not use its quote (found on real code: fire/helptext.py).
    source = (
        "s = 'straße'\n"
        "print(f'{s.upper()} {s.title()}')\n"
        'print(f"{s.upper()}")\n'
        'print(f\'{"x".encode("ascii", "strict")}\')\n'
    )
    rewritten = transform(source)
    assert '__wb_u(s, "upper")' in rewritten and "__wb_u(s, 'upper')" in rewritten
    result = sandbox.run(source)
    assert result.ok, result.error
    assert result.stdout == "STRASSE Straße\nSTRASSE\nb'x'\n"
