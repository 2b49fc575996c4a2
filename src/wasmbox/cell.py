"""Notebook-cell semantics: the value of a program whose last statement is an expression.

``x = 2\\nx * 21`` gives 42, as a notebook cell or the REPL would. The host
rewrites the last statement ``E`` into ``__wbv__ = E`` (same line,
same column, so error lines do not move) and the guest returns that global.
Only the tail of the program is parsed, so the check costs microseconds
whatever the program's size: candidate starts of the last statement are
tried from the end (lines that begin at column 0), and the first tail that
parses as exactly one statement decides. A tail that is really the inside
of a multi-line string does not parse on its own, since the string's closing
quotes are in it; whatever is uncertain is left alone (no value).
"""

from __future__ import annotations

import ast
import re

__all__ = ["VALUE_NAME", "capture_last_expression"]

#: The global the guest reads the value from (and removes). Short on purpose:
#: MicroPython's lexer pays noticeably for identifiers longer than 16 bytes.
VALUE_NAME = "__wbv__"
#: How many candidate starts are tried before giving up.
_TRIES = 8
_PRINT = re.compile(r"\bprint\b")
_PRINT_CALL = re.compile(r"(?<!def )(?<!\.)\bprint\s*\(")


def capture_last_expression(code: str) -> str:
    """``code`` with its last statement assigned to :data:`VALUE_NAME` if it is an expression."""
    lines = code.splitlines(keepends=True)
    tries = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip() or line[0] in " \t#)]}" or line.lstrip().startswith("#"):
            continue
        tries += 1
        if tries > _TRIES:
            return code
        if tries == 1 and line.startswith("print(") and _print_is_builtin(code):
            return code  # the most common last line: its value is None, no parse needed
        tail = "".join(lines[i:])
        try:
            tree = ast.parse(tail)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if not tree.body:
            return code
        last = tree.body[-1]
        if len(tree.body) > 1 and last.lineno == 1 and tree.body[0].lineno == 1:
            pass  # `a = 1; a + 1`: several statements on the first line of the tail
        elif len(tree.body) != 1:
            return code  # the tail holds whole statements: the last one is decided
        if not isinstance(last, ast.Expr) or _is_yield(last.value):
            return code
        start = _column(lines[i + last.lineno - 1], last.col_offset)
        at = i + last.lineno - 1
        text = lines[at]
        lines[at] = text[:start] + VALUE_NAME + " = " + text[start:]
        return "".join(lines)
    return code


def _print_is_builtin(code: str) -> bool:
    """True when ``print`` appears only as calls, so nothing rebinds it."""
    return len(_PRINT.findall(code)) == len(_PRINT_CALL.findall(code))


def _is_yield(node: ast.expr) -> bool:
    return isinstance(node, (ast.Yield, ast.YieldFrom, ast.Await))


def _column(line: str, byte_offset: int) -> int:
    """ast's UTF-8 byte offset as a character index into ``line``."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))
