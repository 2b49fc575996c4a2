"""Plain words for failures that come from MicroPython's limits, not from the user's code.

A bare ``AttributeError: 'str' object has no attribute 'format_map'`` reads as
a bug in the program; it is a missing feature of the engine. These hints say
which feature, what to do instead, and that the CPython engine runs such
code; :func:`cpython_would_help` is how ``engine="auto"`` decides to re-run there.
"""

from __future__ import annotations

import ast
import builtins
import re
import sys
from dataclasses import replace

from ..result import GuestError, RunResult

__all__ = ["CPYTHON", "cpython_would_help", "explain"]

CPYTHON = 'The CPython engine (engine="cpython") runs this code unchanged.'

#: Modules that cannot exist in this sandbox, with why.
_UNAVAILABLE = {
    **dict.fromkeys(
        ["numpy", "pandas", "scipy", "sklearn", "matplotlib", "torch", "sympy", "networkx",
         "PIL", "yaml", "requests", "bs4", "lxml", "jinja2", "pydantic"],
        "is a third-party package, not installed in the MicroPython engine",
    ),
    **dict.fromkeys(
        ["socket", "ssl", "http", "urllib", "subprocess", "multiprocessing", "threading",
         "signal", "ctypes", "sqlite3", "tkinter", "asyncio", "select", "mmap", "pty"],
        "needs operating-system access that the sandbox does not grant",
    ),
}  # fmt: skip

_PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    (
        "TypeError",
        re.compile(r"function doesn't take keyword arguments|extra keyword arguments given"),
        "MicroPython's built-in functions accept fewer keyword arguments than CPython's; "
        "pass the arguments by position.",
    ),
    (
        "TypeError",
        re.compile(r"metaclass=\S+ is not supported by MicroPython"),
        "MicroPython cannot build a class with a metaclass other than type. " + CPYTHON,
    ),
    (
        "NotImplementedError",
        re.compile(r"only slices with step=1 \(aka None\) are supported"),
        "MicroPython slices str and bytes with a step only when the slice is written out "
        "(s[a:b:c], which wasmbox rewrites); a slice object kept in a variable cannot have "
        "a step there: write s[a:b:c], or slice list(s) and join.",
    ),
    (
        "LookupError",
        re.compile(r"unknown encoding: (.+)"),
        "wasmbox encodes and decodes text as utf-8, ascii or latin-1 only, not {0}.",
    ),
    (
        "NotImplementedError",
        re.compile(r".+"),
        "MicroPython does not implement this feature ({message}).",
    ),
    (
        "RuntimeError",
        re.compile(r"maximum recursion depth exceeded"),
        "MicroPython here allows about 1,000 nested calls of a plain Python function "
        "(fewer through __init__, map() or sort keys), like CPython's default limit; "
        "rewrite deeper recursion as a loop with an explicit stack.",
    ),
]


def explain(result: RunResult, source: str) -> RunResult:
    """``result`` with a hint added to its error when MicroPython's limits caused it."""
    error = result.error
    if error is None:
        return result
    hint = _hint(error, source)
    if hint is None:
        return result
    summary = f"{error.summary} - {hint}"
    return replace(result, error=replace(error, hint=hint, summary=summary))


def cpython_would_help(result: RunResult) -> str | None:
    """Why CPython would run what MicroPython could not, from an explained result; else None.

    Only an error the hints name as MicroPython's own limit counts (a missing
    module or feature of the engine), never a mistake in the code, a limit of
    the run, or something the sandbox denies on every engine (sockets, threads).
    """
    error = result.error
    if result.status.value != "error" or error is None or not error.hint:
        return None
    if CPYTHON not in error.hint:
        return None
    return error.summary.split(" - ")[0]


def _hint(error: GuestError, source: str) -> str | None:
    if error.type in ("ImportError", "ModuleNotFoundError"):
        match = re.search(r"[Nn]o module named '([\w.]+)'", error.message)
        if match:
            name = match.group(1).split(".")[0]
            reason = _UNAVAILABLE.get(name)
            if reason is not None and "operating-system" in reason:
                return f"The module {name} {reason}."
            if reason is not None:
                return f"The module {name} {reason}. {CPYTHON}"
            if name in sys.stdlib_module_names:
                return (
                    f"{name} is part of CPython's standard library but not of the "
                    f"MicroPython engine. {CPYTHON}"
                )
        return None
    if error.type == "AttributeError":
        # Only a real CPython method of a built-in type is a missing feature;
        # anything else is a mistake in the code, and gets no hint.
        match = re.search(r"'(\w+)' object has no attribute '(\w+)'", error.message)
        kind = getattr(builtins, match.group(1), None) if match else None
        if match and isinstance(kind, type) and hasattr(kind, match.group(2)):
            return (
                f"MicroPython's {match.group(1)} has no {match.group(2)}(); this is a limit "
                f"of the engine, not of your code. {CPYTHON}"
            )
        if match and isinstance(kind, type) and issubclass(kind, BaseException):
            return (
                f"An instance of MicroPython's own {match.group(1)} cannot take new attributes "
                f"(CPython's can): to attach data, raise a subclass, e.g. "
                f"class MyError({match.group(1)}): pass. {CPYTHON}"
            )
        return _introspection_hint(error.message)
    if error.type == "SyntaxError" and _is_valid_cpython(source):
        if re.search(r"\bexcept\s*\*", source):
            return (
                "This is valid Python 3 that MicroPython's compiler does not accept: wasmbox "
                "rewrites except* (exception groups) for it, but not a try with except* "
                f"and an else or finally clause. {CPYTHON}"
            )
        return f"This is valid Python 3 that MicroPython's compiler does not accept. {CPYTHON}"
    for kind, pattern, template in _PATTERNS:
        if error.type == kind or (kind == "RuntimeError" and error.type == "RecursionError"):
            match = pattern.search(error.message)
            if match:
                hint = template.format(*match.groups(), message=error.message)
                # CPython's built-ins reject some keywords too: no promise there.
                return hint if kind == "TypeError" else f"{hint} {CPYTHON}"
    return None


def _sample(self: object) -> None:
    """A plain function: what CPython's function objects have, for comparison."""


#: Objects MicroPython names in its errors, and their CPython counterparts.
_SAMPLES: dict[str, object] = {
    "function": _sample,
    "closure": _sample,
    "generator": (n for n in range(0)),
    "bound_method": _sample.__get__(object()),
    "super": super(object, object()),
    "type": type("Sample", (), {}),
}


def _introspection_hint(message: str) -> str | None:
    """A hint when a function, method or class lacks a dunder attribute CPython's have."""
    match = re.search(r"'(\w+)' object has no attribute '(__\w+__)'", message)
    if match is None:
        match = re.search(r"(type) object '\w+' has no attribute '(__\w+__)'", message)
    if match is None:
        return None
    sample = _SAMPLES.get(match.group(1))
    if sample is None or not hasattr(sample, match.group(2)):
        return None
    return (
        f"MicroPython's {match.group(1).replace('_', ' ')} objects have no "
        f"{match.group(2)} (they keep little introspection data); this is a limit of the "
        f"engine, not of your code. {CPYTHON}"
    )


def _is_valid_cpython(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
