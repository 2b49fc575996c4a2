"""The last expression's value, as a notebook cell gives it."""

from __future__ import annotations

from typing import Any

import pytest

from wasmbox import RunStatus, Sandbox
from wasmbox.cell import VALUE_NAME, capture_last_expression

CASES: dict[str, tuple[str, Any]] = {
    "expression": ("x = 6\nx * 7", 42),
    "call": ("len('abc')", 3),
    "print is None": ("print('hi')", None),
    "a print that returns": ("def print(x):\n    return x * 2\nprint(21)", 42),
    "print rebound by assignment": ("print = len\nprint('abc')", 3),
    "a method named print": (
        "class P:\n    def print(self):\n        return 1\np = P()\nprint(p.print())",
        None,
    ),
    "assignment": ("x = 1", None),
    "semicolons": ("a = 2; a + 1", 3),
    "multi-line expression": ("sum([\n    1,\n    2,\n])", 3),
    "after a block": ("def f():\n    return 5\nf()", 5),
    "if block last": ("x = 1\nif x:\n    x + 1", None),
    "trailing comment": ("7  # seven\n# done\n", 7),
    "string with a line at column 0": ('s = """\n1 + 1\n"""', None),
    "tuple without parens": ("1, 2", (1, 2)),
    "conditional": ("3 if True else 4", 3),
    "unicode before": ("é = 'x'; é * 2", "xx"),
    "empty": ("", None),
    "comment only": ("# nothing", None),
    "syntax error": ("1 +", None),
}


@pytest.mark.parametrize(("code", "value"), CASES.values(), ids=CASES.keys())
def test_value_of_the_last_expression(sandbox: Sandbox, code: str, value: Any) -> None:
    result = sandbox.run(code)
    if code == "1 +":
        assert result.status is RunStatus.ERROR and result.error
        assert result.error.type == "SyntaxError"
        return
    assert result.status is RunStatus.OK, result.error
    assert result.value == value


def test_rewrite_keeps_lines_and_columns() -> None:
    code = "x = 1\n\nfoo(x,\n    2)\n"
    out = capture_last_expression(code)
    assert out == f"x = 1\n\n{VALUE_NAME} = foo(x,\n    2)\n"
    assert capture_last_expression("if x:\n    y\n") == "if x:\n    y\n"
    assert capture_last_expression("yield 1") == "yield 1"


def test_errors_still_point_at_the_users_line(sandbox: Sandbox) -> None:
    result = sandbox.run("x = 1\n\n1 / 0")
    assert result.error is not None and result.error.line == 3
    assert VALUE_NAME not in result.error.traceback


def test_value_is_not_left_in_the_globals(sandbox: Sandbox) -> None:
    result = sandbox.run(f"5\n'{VALUE_NAME}' in globals()")
    assert result.value is False


def test_an_oversized_value_is_a_clear_error(sandbox: Sandbox) -> None:
    from wasmbox import Limits

    result = sandbox.run("'x' * 5000", limits=Limits(max_value=1000))
    assert result.status is RunStatus.ERROR and result.error is not None
    assert "over the 1,000-byte limit" in result.error.message
