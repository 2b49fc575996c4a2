"""Whether what a submission produced matches what was expected, and if not, where.

Each function returns None for a match, else a short reason for a person
("line 3: expected '5', got '6'"), so that matching and explaining cannot
disagree.

Output (stdin cases), by mode:

* ``exact``: identical after normalising line endings (``\\r\\n`` to ``\\n``)
  and dropping whitespace at the very end of the output, as most judges do:
  a missing final newline is not a wrong answer, a missing space mid-line is.
* ``whitespace``: the same sequence of whitespace-separated tokens.
* ``float``: tokens pairwise; where both are decimal numbers they match
  within ``tolerance``, absolute or relative (``math.isclose`` with both set
  to it); other tokens (``nan``, ``inf``, words) must be identical.

Values (call cases) are compared as plain data, on the host: a tuple equals a
list with the same items, ``bytes`` equal ``bytearray``, sets compare as sets,
dicts by key. Numbers compare by value (``2 == 2.0``) but a ``bool`` only
equals a ``bool``, and NaN equals NaN. In ``float`` mode a float anywhere in
the value matches within ``tolerance``.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["compare_output", "compare_value", "shorten"]

#: A decimal number as a token: what ``float`` mode compares numerically.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: How much of one line or token a reason quotes.
_QUOTE = 60


def shorten(text: str, limit: int = 200) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def compare_output(expected: str, got: str, mode: str, tolerance: float) -> str | None:
    """None when ``got`` matches ``expected`` under ``mode``, else why not."""
    if mode == "exact":
        return _exact(expected, got)
    want, have = expected.split(), got.split()
    if len(want) != len(have):
        return f"expected {_count(len(want), 'token')}, got {len(have)}"
    numeric = mode == "float"
    for i, (e, g) in enumerate(zip(want, have, strict=True), 1):
        if e != g and not (numeric and _token_matches(e, g, tolerance)):
            within = f" (tolerance {tolerance:g})" if numeric else ""
            return f"token {i}: expected {_quote(e)}, got {_quote(g)}{within}"
    return None


def _exact(expected: str, got: str) -> str | None:
    want, have = _normalise(expected), _normalise(got)
    if want == have:
        return None
    want_lines, have_lines = want.split("\n"), have.split("\n")
    for i, (e, g) in enumerate(zip(want_lines, have_lines, strict=False), 1):
        if e != g:
            return f"line {i}: expected {_quote(e)}, got {_quote(g)}"
    return f"expected {_count(len(want_lines), 'line')}, got {len(have_lines)}"


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").rstrip()


def _token_matches(expected: str, got: str, tolerance: float) -> bool:
    if expected == got:
        return True
    if not (_NUMBER.fullmatch(expected) and _NUMBER.fullmatch(got)):
        return False
    e, g = float(expected), float(got)
    # "1e999" overflows to inf: such tokens must then be identical text.
    if not (math.isfinite(e) and math.isfinite(g)):
        return False
    return math.isclose(e, g, rel_tol=tolerance, abs_tol=tolerance)


def compare_value(expected: Any, got: Any, mode: str, tolerance: float) -> str | None:
    """None when the value ``got`` matches ``expected``, else where and why not."""
    return _diff(expected, got, tolerance if mode == "float" else None, "")


def _diff(e: Any, g: Any, tolerance: float | None, path: str) -> str | None:
    if isinstance(e, bool) or isinstance(g, bool):
        same = type(e) is type(g) and e == g
        return None if same else _mismatch(e, g, path)
    if isinstance(e, int | float) and isinstance(g, int | float):
        return None if _numbers_match(e, g, tolerance) else _mismatch(e, g, path)
    if isinstance(e, list | tuple) and isinstance(g, list | tuple):
        return _diff_sequences(e, g, tolerance, path)
    if isinstance(e, dict) and isinstance(g, dict):
        return _diff_dicts(e, g, tolerance, path)
    if isinstance(e, bytes | bytearray) and isinstance(g, bytes | bytearray):
        return None if bytes(e) == bytes(g) else _mismatch(e, g, path)
    if type(e) is type(g) or (isinstance(e, set | frozenset) and isinstance(g, set | frozenset)):
        return None if e == g else _mismatch(e, g, path)
    return f"{_where(path)}expected {_kind(e)}, got {_kind(g)}"


def _numbers_match(e: float, g: float, tolerance: float | None) -> bool:
    if isinstance(e, float) and isinstance(g, float) and math.isnan(e) and math.isnan(g):
        return True
    if tolerance is None or (isinstance(e, int) and isinstance(g, int)):
        return e == g
    try:
        return math.isclose(e, g, rel_tol=tolerance, abs_tol=tolerance)
    except OverflowError:  # an int too large for a float: only equal values match
        return e == g


def _diff_sequences(
    e: list[Any] | tuple[Any, ...], g: list[Any] | tuple[Any, ...], tol: float | None, path: str
) -> str | None:
    if len(e) != len(g):
        return f"{_where(path)}expected {_count(len(e), 'item')}, got {len(g)}"
    for i, (x, y) in enumerate(zip(e, g, strict=True)):
        reason = _diff(x, y, tol, f"{path}[{i}]")
        if reason:
            return reason
    return None


def _diff_dicts(e: dict[Any, Any], g: dict[Any, Any], tol: float | None, path: str) -> str | None:
    for key in e:
        if key not in g:
            return f"{_where(path)}missing key {shorten(repr(key), _QUOTE)}"
    for key in g:
        if key not in e:
            return f"{_where(path)}unexpected key {shorten(repr(key), _QUOTE)}"
    for key, x in e.items():
        reason = _diff(x, g[key], tol, f"{path}[{key!r}]")
        if reason:
            return reason
    return None


def _mismatch(e: Any, g: Any, path: str) -> str:
    return f"{_where(path)}expected {shorten(repr(e), _QUOTE)}, got {shorten(repr(g), _QUOTE)}"


def _where(path: str) -> str:
    return f"at {shorten(path, _QUOTE)}: " if path else ""


def _kind(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _quote(text: str) -> str:
    return shorten(repr(text), _QUOTE)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
