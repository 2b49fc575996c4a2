"""Test cases: what a submission is graded against, checked in full before anything runs.

Cases usually arrive as JSON (from a problem set, an HTTP request), so each
kind is parsed from a plain mapping by :func:`parse_cases`, strictly: an
unknown key, a missing one or a value of the wrong type is a
:class:`~wasmbox.ConfigError` that names the case's index. A typo such as
``"expected_stdot"`` must fail loudly, not grade every submission as wrong.

=========  ================================================================
kind       keys (optional ones in brackets)
=========  ================================================================
``stdin``  ``expected_stdout``, [``stdin``, ``compare``, ``tolerance``,
           ``timeout``]
``call``   ``call``, ``expected``, [``args``, ``kwargs``, ``compare``,
           ``tolerance``, ``timeout``]
``test``   ``test``, [``timeout``]
=========  ================================================================
"""

from __future__ import annotations

import ast
import functools
import keyword
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from .._text import utf8
from ..capabilities.codec import CodecError, encode, to_jsonable
from ..errors import ConfigError

__all__ = [
    "COMPARE_MODES",
    "AssertCase",
    "CallCase",
    "Case",
    "StdinCase",
    "check_compare",
    "check_tolerance",
    "grade_budget",
    "parse_cases",
]

#: How output is compared with what is expected (see :mod:`wasmbox.grading.compare`).
COMPARE_MODES = ("exact", "whitespace", "float")
#: The longest per-case timeout, the same ceiling as ``Limits.wall_time``.
_MAX_TIMEOUT = 24 * 3600.0


@dataclass(frozen=True, slots=True, kw_only=True)
class StdinCase:
    """A program fed ``stdin`` must print ``expected_stdout``: the judge style.

    ``compare`` and ``tolerance`` override the grade's for this case; ``timeout``
    (seconds) overrides its wall-time limit.
    """

    kind: ClassVar[str] = "stdin"

    expected_stdout: str
    stdin: str = ""
    compare: str | None = None
    tolerance: float | None = None
    timeout: float | None = None

    def __post_init__(self) -> None:
        _check_text(self.expected_stdout, "expected_stdout")
        _check_text(self.stdin, "stdin")
        _check_options(self.compare, self.tolerance, self.timeout)


@dataclass(frozen=True, slots=True, kw_only=True)
class CallCase:
    """``call(*args, **kwargs)`` must return ``expected``, compared on the host.

    ``expected`` never enters the sandbox, and what comes back is plain data,
    so a submission cannot fake equality with an object of its own.
    ``compare`` is ``"exact"`` or ``"float"`` (floats within ``tolerance``,
    at any depth).
    """

    kind: ClassVar[str] = "call"

    call: str
    expected: Any
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    compare: str | None = None
    tolerance: float | None = None
    timeout: float | None = None

    def __post_init__(self) -> None:
        if not (
            isinstance(self.call, str)
            and self.call.isidentifier()
            and not keyword.iskeyword(self.call)
        ):
            raise ConfigError(f"call must be a function name, not {self.call!r}")
        if not isinstance(self.args, list | tuple):
            raise ConfigError(f"args must be a list, not {type(self.args).__name__}")
        if not isinstance(self.kwargs, Mapping):
            raise ConfigError(f"kwargs must be a mapping, not {type(self.kwargs).__name__}")
        for name in self.kwargs:
            if not isinstance(name, str):
                raise ConfigError(f"kwargs names must be strings, not {name!r}")
        # Copies: a caller mutating its lists later must not change the case.
        object.__setattr__(self, "args", tuple(self.args))
        object.__setattr__(self, "kwargs", dict(self.kwargs))
        _check_data(self.args, "args", sent=True)
        _check_data(self.kwargs, "kwargs", sent=True)
        _check_data(self.expected, "expected", sent=False)
        if self.compare == "whitespace":
            raise ConfigError("compare 'whitespace' applies to stdin cases only")
        _check_options(self.compare, self.tolerance, self.timeout)


@dataclass(frozen=True, slots=True, kw_only=True)
class AssertCase:
    """Test code run after the submission, which raises ``AssertionError`` on failure.

    The HumanEval style: ``test`` usually defines ``check(candidate)`` and
    calls it. It must parse on its own.
    """

    kind: ClassVar[str] = "test"

    test: str
    timeout: float | None = None

    def __post_init__(self) -> None:
        _check_text(self.test, "test")
        if not self.test.strip():
            raise ConfigError("test is empty")
        problem = _parse_problem(self.test)
        if problem is not None:
            raise ConfigError(f"test does not parse: {problem}")
        _check_options(None, None, self.timeout)


@functools.lru_cache(maxsize=64)
def _parse_problem(test: str) -> str | None:
    """Why ``test`` does not parse, or None. Cached: a batch grades every sample
    of a task against the same test (parsing HumanEval's takes ~0.1 ms)."""
    try:
        ast.parse(test)
    except SyntaxError as exc:
        return f"{exc.msg} (line {exc.lineno})"
    except (ValueError, RecursionError, MemoryError) as exc:
        return str(exc)
    return None


Case = StdinCase | CallCase | AssertCase

#: The key that says which kind a mapping is, and the class it becomes.
_KINDS: dict[str, type[StdinCase] | type[CallCase] | type[AssertCase]] = {
    "expected_stdout": StdinCase,
    "call": CallCase,
    "test": AssertCase,
}


def parse_cases(cases: Sequence[Mapping[str, Any] | Case]) -> tuple[Case, ...]:
    """Every case checked and parsed; :class:`ConfigError` naming the first bad one."""
    if isinstance(cases, str | bytes | Mapping) or not isinstance(cases, Sequence):
        raise ConfigError(f"cases must be a list of cases, not {type(cases).__name__}")
    if not cases:
        raise ConfigError("there are no cases: grading needs at least one")
    return tuple(_parse(raw, index) for index, raw in enumerate(cases))


def _parse(raw: object, index: int) -> Case:
    if isinstance(raw, StdinCase | CallCase | AssertCase):
        return raw
    if not isinstance(raw, Mapping):
        raise ConfigError(f"case {index}: must be a mapping, not {type(raw).__name__}")
    try:
        return _from_mapping(raw)
    except ConfigError as exc:
        raise ConfigError(f"case {index}: {exc}") from exc


def _from_mapping(raw: Mapping[Any, Any]) -> Case:
    kinds = [key for key in _KINDS if key in raw]
    if len(kinds) != 1:
        found = " and ".join(repr(k) for k in kinds) if kinds else "none"
        raise ConfigError(
            f"needs exactly one of 'expected_stdout', 'call' or 'test' (found {found})"
        )
    cls = _KINDS[kinds[0]]
    allowed = {f.name for f in fields(cls)}
    unknown = sorted(repr(k) for k in raw if k not in allowed)
    if unknown:
        raise ConfigError(
            f"unknown key {', '.join(unknown)} for a {cls.kind} case "
            f"(it takes {', '.join(sorted(allowed))})"
        )
    if cls is CallCase and "expected" not in raw:
        raise ConfigError("a call case needs 'expected'")
    return cls(**raw)


def check_compare(mode: object) -> str:
    """``mode`` if it is one of :data:`COMPARE_MODES`."""
    if mode not in COMPARE_MODES:
        raise ConfigError(f"compare must be one of {', '.join(COMPARE_MODES)}, not {mode!r}")
    return str(mode)


def check_tolerance(value: object) -> float:
    """``value`` as a float if it is a finite, non-negative number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"tolerance must be a number, not {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise ConfigError(f"tolerance must be finite and non-negative, not {value!r}")
    return float(value)


def _check_options(compare: object, tolerance: object, timeout: object) -> None:
    if compare is not None:
        check_compare(compare)
    if tolerance is not None:
        check_tolerance(tolerance)
    if timeout is None:
        return
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise ConfigError(f"timeout must be a number of seconds, not {timeout!r}")
    if not 0 < timeout <= _MAX_TIMEOUT:
        raise ConfigError(f"timeout must be between 0 and {_MAX_TIMEOUT:.0f} s, not {timeout!r}")


def _check_text(value: object, name: str) -> None:
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be a string, not {type(value).__name__}")
    utf8(value, name)  # a lone surrogate: refused here, not a 500 once the grade has run


def _check_data(value: Any, name: str, *, sent: bool) -> None:
    """Fail now, naming the field, rather than at the run or the comparison."""
    try:
        if sent:
            encode(value, ordered=True)
        else:
            to_jsonable(value)
    except CodecError as exc:
        raise ConfigError(f"{name}: {exc}") from exc


def grade_budget(cases: Sequence[Mapping[str, Any] | Any], wall_time: float) -> float:
    """The wall time a whole grade may take: each case's own timeout, else ``wall_time``."""
    total = 0.0
    for case in cases:
        timeout = (
            case.get("timeout") if isinstance(case, Mapping) else getattr(case, "timeout", None)
        )
        total += float(timeout) if timeout else wall_time
    return total
