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
