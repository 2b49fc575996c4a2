"""Grading: run a submission against test cases, one fresh sandbox run per case, and judge.

Each case is one run of a program built from the submission:

* ``stdin`` case: the submission as it is, fed ``stdin``; its stdout is
  compared on the host. Leaving by ``sys.exit(0)`` is fine (only the output
  counts); a non-zero exit status is a runtime error.
* ``call`` case: the submission, then ``[<token>, call(*args, **kwargs)]`` as
  the last expression, whose value comes back; ``args`` and ``kwargs`` arrive
  as run inputs (globals ``_grade_args``, ``_grade_kwargs``). ``expected``
  never enters the sandbox: the comparison is made on the host, on plain data.
* ``test`` case: the submission, the test code, then ``<token>`` as the last
  expression.

**Why the token.** ``<token>`` is a random string, new for every run, written
into the program after the call or the test. A run is accepted only when
the program's last value carries it, which it can only do by running through
its very end: a submission that leaves early (``sys.exit(0)``,
``raise SystemExit``) to skip a failing test, or to return nothing where
``None`` is expected, ends without it and is a runtime error. The token is a
literal rather than an input so that it is not among the program's globals.

**Compile errors.** A submission the host's parser rejects is a compile error
for every case, and nothing runs. MicroPython rejects some code the host's
parser accepts (``return`` outside a function, ``global x`` after ``x = 1``,
decorators that are not names, ``\\N{...}`` escapes); an error the guest
reports from compiling the program is a compile error too. Such an error
shows on the traceback as no frame at all (the lexer) or one frame of
``main.py`` (``File "main.py", line 3`` from the parser, ``..., line 3, in f``
from the compiler), with nothing printed. An error raised while the code
runs leaves at least one frame, and more than one when ``exec``,
``compile`` or an import raised it, so those are runtime errors. The rule
cannot tell ``raise SyntaxError(...)`` at the top level of a program that
printed nothing from a compile error; that only changes which failure the
program gets.

**Known limits** (of ``test`` cases, which run the checks inside the sandbox,
next to the submission):

* a submission can return an object whose ``__eq__`` is always true, or
  monkeypatch built-ins the test uses (``builtins.abs``, ``len``), and so pass
  ``assert candidate(x) == y``. ``call`` cases are immune: what comes back is
  plain data and it is compared on the host.
* the sandbox reports a run's outcome from inside the guest, so the token must
  stay out of the submission's reach. The easy routes are closed on the
  MicroPython engine (no ``uctypes``, ``machine`` or ``vfs``, no ``.mpy`` of the
  guest's own, a bootstrap whose calls guest code cannot replace), but
  MicroPython is not memory-safe against its own code (a ``memoryview`` of a
  ``bytearray`` that has since grown reads and writes freed memory), so a
  determined submission can find the token and forge a ``test`` case's
  success; on the CPython engine it can read its own source and the
  wrapper's frames. ``stdin`` cases (output captured by the host) and ``call``
  cases (the expected value never enters the guest) cannot be passed without
  computing the right answer.
"""

from __future__ import annotations

import ast
import re
import secrets
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from ..errors import ConfigError
from ..limits import Limits
from ..result import GuestError, RunResult, RunStatus
from ..sandbox import Sandbox
from .cases import AssertCase, CallCase, Case, StdinCase, check_compare, check_tolerance
from .cases import parse_cases as _parse_cases
from .compare import compare_output, compare_value, shorten

__all__ = ["CaseResult", "GradeResult", "Grader", "Verdict", "grade"]

#: The globals a call case's arguments arrive in (input names may not start with ``__``).
ARGS_NAME = "_grade_args"
KWARGS_NAME = "_grade_kwargs"
#: The CPython engine's version: the host's own parser is trusted for it only
#: when it knows that much of the language.
_CPYTHON_ENGINE_VERSION = (3, 15)
_FRAME = re.compile(r'^\s*File "([^"]*)", line \d+(?:, in (.*))?$')
_SYNTAX_ERRORS = frozenset({"SyntaxError", "IndentationError", "TabError"})


class Verdict(StrEnum):
    """How one case (or a whole grade) went. ``accepted`` is the only pass."""

    ACCEPTED = "accepted"
    #: The program ran to the end but its output or value was not the expected one,
    #: or a test case's assertion failed.
    WRONG_ANSWER = "wrong_answer"
    #: The wall-clock or CPU budget ran out.
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    #: An uncaught exception, a non-zero exit status, a crash, or an early exit
    #: from a call or test case.
    RUNTIME_ERROR = "runtime_error"
    #: The submission does not compile; nothing was run.
    COMPILE_ERROR = "compile_error"


_LIMIT_VERDICTS = {
    RunStatus.TIMEOUT: Verdict.TIME_LIMIT,
    RunStatus.CPU_LIMIT: Verdict.TIME_LIMIT,
    RunStatus.MEMORY_LIMIT: Verdict.MEMORY_LIMIT,
    RunStatus.OUTPUT_LIMIT: Verdict.OUTPUT_LIMIT,
}


@dataclass(frozen=True, slots=True)
class CaseResult:
    """How one case went.

    Attributes:
        index: the case's position in the list given.
        kind: ``"stdin"``, ``"call"`` or ``"test"``.
        verdict: the case's verdict.
        expected: what was expected, as (shortened) text; None for test cases.
        got: what the submission produced, shortened: its stdout (stdin and
            test cases; None when empty for a test case), or the repr of the
            value returned (call cases; None when nothing came back).
        error: one line on what went wrong (an error's summary, or where the
            answer differs); None when accepted.
        duration_ms: the run's wall-clock time; 0 when nothing ran.
    """

    index: int
    kind: str
    verdict: Verdict
    expected: str | None
    got: str | None
    error: str | None
    duration_ms: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "index": self.index,
            "kind": self.kind,
            "verdict": self.verdict.value,
            "expected": self.expected,
            "got": self.got,
            "error": self.error,
            "duration_ms": round(self.duration_ms, 3),
        }


@dataclass(frozen=True, slots=True)
class GradeResult:
    """How a submission did on all its cases.

    Attributes:
        verdict: the first failing case's verdict, ``accepted`` when all pass.
        passed: how many cases were accepted.
        total: how many cases were given, run or not.
        cases: the result of every case that ran, in order. With
            ``stop_on_failure`` the cases after the first failure do not run
            and are not here: ``len(cases) < total`` then.
        duration_ms: wall-clock time of the whole grade, on the host.
    """

    verdict: Verdict
    passed: int
    total: int
    cases: tuple[CaseResult, ...]
    duration_ms: float

    @property
    def accepted(self) -> bool:
        """True when every case was accepted."""
        return self.verdict is Verdict.ACCEPTED

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "verdict": self.verdict.value,
            "passed": self.passed,
            "total": self.total,
            "cases": [case.to_dict() for case in self.cases],
            "duration_ms": round(self.duration_ms, 3),
        }


class Grader:
    """Grades submissions with one :class:`~wasmbox.Sandbox`, kept for reuse.

    Like a Sandbox it is safe to share between threads; a worker process can
    keep one warm. ``compare`` and ``tolerance`` are the defaults of
    :meth:`grade` (cases may override them).

    Raises:
        ConfigError: an option is invalid.
    """

    def __init__(
        self,
        limits: Limits | None = None,
        engine: str = "micropython",
        compare: str = "exact",
        tolerance: float = 1e-6,
    ) -> None:
        self.compare = check_compare(compare)
        self.tolerance = check_tolerance(tolerance)
        _check_limits(limits)
        self._sandbox = Sandbox(limits, engine=engine)
        self._host_parses = engine != "cpython" or sys.version_info >= _CPYTHON_ENGINE_VERSION

    @property
    def limits(self) -> Limits:
        """The default budgets of every case's run."""
        return self._sandbox.limits

    def close(self) -> None:
        """Release the sandbox."""
        self._sandbox.close()

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def grade(
        self,
        code: str,
        cases: Sequence[Mapping[str, Any] | Case],
        *,
        limits: Limits | None = None,
        compare: str | None = None,
        tolerance: float | None = None,
        stop_on_failure: bool = False,
    ) -> GradeResult:
        """Run ``code`` against every case and judge it; guest failures never raise.

        Args:
            code: the submission's source.
            cases: mappings as described in :mod:`wasmbox.grading.cases`, or
                case objects.
            limits: budgets of each case's run instead of the grader's (a
                case's ``timeout`` replaces the wall time).
            compare: ``"exact"``, ``"whitespace"`` or ``"float"``, for the
                cases that do not say; None for the grader's. Call cases
                compare ``"whitespace"`` as ``"exact"``.
            tolerance: for ``float`` comparisons; None for the grader's.
            stop_on_failure: run no more cases after the first that fails.

        Raises:
            ConfigError: a case or an option is malformed (the message names the
                case's index), or there are no cases.
        """
        started = time.perf_counter()
        if not isinstance(code, str):
            raise ConfigError(f"code must be a str, not {type(code).__name__}")
        parsed = _parse_cases(cases)
        _check_limits(limits)
        judge = _Judge(
            compare=check_compare(self.compare if compare is None else compare),
            tolerance=check_tolerance(self.tolerance if tolerance is None else tolerance),
        )
        syntax = _host_syntax_error(code) if self._host_parses else None
        results: list[CaseResult] = []
        for index, case in enumerate(parsed):
            if syntax is not None:
                results.append(_not_compiled(index, case, syntax))
            else:
                results.append(self._run(code, index, case, limits or self.limits, judge))
            if stop_on_failure and results[-1].verdict is not Verdict.ACCEPTED:
                break
        return _summarise(results, len(parsed), started)

    def _run(self, code: str, index: int, case: Case, limits: Limits, judge: _Judge) -> CaseResult:
        if case.timeout is not None:
            limits = replace(limits, wall_time=float(case.timeout))
        token = secrets.token_hex(16)
        run = self._sandbox.run
        if isinstance(case, StdinCase):
            # `pass` last: the submission's own last expression is not a value to return.
            result = run(f"{code}\npass\n", limits=limits, stdin=case.stdin)
        elif isinstance(case, CallCase):
            call = f"[{token!r}, {case.call}(*{ARGS_NAME}, **{KWARGS_NAME})]"
            inputs = {ARGS_NAME: list(case.args), KWARGS_NAME: dict(case.kwargs)}
            result = run(f"{code}\n{call}\n", limits=limits, inputs=inputs)
        else:
            result = run(f"{code}\n{case.test}\n{token!r}\n", limits=limits)
        return judge(index, case, result, token, _lines(code))


@dataclass(frozen=True, slots=True)
class _Judge:
    """Turns one case's run into its verdict, with the grade's comparison settings."""

    compare: str
    tolerance: float

    def __call__(
        self, index: int, case: Case, result: RunResult, token: str, code_lines: int
    ) -> CaseResult:
        verdict, error = self._verdict(case, result, token, code_lines)
        return CaseResult(
            index=index,
            kind=case.kind,
            verdict=verdict,
            expected=_expected_text(case),
            got=_got_text(case, result, token),
            error=None if verdict is Verdict.ACCEPTED else error,
            duration_ms=result.duration_ms,
        )

    def _verdict(
        self, case: Case, result: RunResult, token: str, code_lines: int
    ) -> tuple[Verdict, str | None]:
        if result.status in _LIMIT_VERDICTS:
            return _LIMIT_VERDICTS[result.status], _summary(result.error)
        if result.status is not RunStatus.OK:
            return _failure(case, result, code_lines)
        if isinstance(case, StdinCase):
            mode = case.compare or self.compare
            reason = compare_output(case.expected_stdout, result.stdout, mode, self._tol(case))
            return (Verdict.ACCEPTED, None) if reason is None else (Verdict.WRONG_ANSWER, reason)
        if not _reached_end(case, result.value, token):
            what = "the call returned" if isinstance(case, CallCase) else "the test finished"
            return Verdict.RUNTIME_ERROR, f"the program exited before {what}"
        if isinstance(case, CallCase):
            mode = case.compare or self.compare
            reason = compare_value(case.expected, result.value[1], mode, self._tol(case))
            return (Verdict.ACCEPTED, None) if reason is None else (Verdict.WRONG_ANSWER, reason)
        return Verdict.ACCEPTED, None

    def _tol(self, case: StdinCase | CallCase) -> float:
        return self.tolerance if case.tolerance is None else float(case.tolerance)


def _failure(case: Case, result: RunResult, code_lines: int) -> tuple[Verdict, str | None]:
    """The verdict of a run that raised, exited non-zero or crashed."""
    error = result.error
    summary = _summary(error)
    if error is not None and _failed_to_compile(error, result.stdout):
        if error.line is not None and error.line > code_lines and not isinstance(case, StdinCase):
            summary = f"{summary} (in the case's own code, which this engine cannot compile)"
        return Verdict.COMPILE_ERROR, summary
    if isinstance(case, AssertCase) and error is not None and error.type == "AssertionError":
        return Verdict.WRONG_ANSWER, summary
    return Verdict.RUNTIME_ERROR, summary


def _failed_to_compile(error: GuestError, stdout: str) -> bool:
    """Whether the guest's error came from compiling the program, before any of it ran.

    Its parser's errors leave a traceback with one frame and no scope
    (``File "main.py", line 3``), its compiler's name the scope
    (``..., line 3, in <module>``), errors of its lexer none at all. Code
    that raises while running leaves at least one frame, and more than one
    when the error comes from ``exec``, ``compile`` or an import.
    """
    if stdout:
        return False
    frames = [m for m in map(_FRAME.match, error.traceback.splitlines()) if m]
    if not frames:
        return error.traceback.startswith("Traceback")
    return len(frames) == 1 and frames[0].group(1) == "main.py" and error.type in _SYNTAX_ERRORS


def _reached_end(case: CallCase | AssertCase, value: Any, token: str) -> bool:
    if isinstance(case, CallCase):
        return isinstance(value, list) and len(value) == 2 and value[0] == token
    return isinstance(value, str) and value == token


def _host_syntax_error(code: str) -> str | None:
    """A summary of why the host's parser rejects ``code``, or None if it parses."""
    try:
        ast.parse(code, "main.py")
    except SyntaxError as exc:
        where = f" (line {exc.lineno})" if exc.lineno else ""
        return f"{type(exc).__name__}{where}: {exc.msg}"
    except ValueError as exc:  # a NUL byte
        return f"SyntaxError: {exc}"
    except (RecursionError, MemoryError):
        return "SyntaxError: the code is nested too deeply to compile"
    return None


def _not_compiled(index: int, case: Case, summary: str) -> CaseResult:
    return CaseResult(
        index=index,
        kind=case.kind,
        verdict=Verdict.COMPILE_ERROR,
        expected=_expected_text(case),
        got=None,
        error=shorten(summary),
        duration_ms=0.0,
    )


def _expected_text(case: Case) -> str | None:
    if isinstance(case, StdinCase):
        return shorten(case.expected_stdout)
    if isinstance(case, CallCase):
        return shorten(repr(case.expected))
    return None


def _got_text(case: Case, result: RunResult, token: str) -> str | None:
    if isinstance(case, CallCase):
        returned = _reached_end(case, result.value, token)
        return shorten(repr(result.value[1])) if returned else None
    if isinstance(case, AssertCase) and not result.stdout:
        return None
    return shorten(result.stdout)


def _summary(error: GuestError | None) -> str | None:
    if error is None:
        return None
    return shorten(error.summary.splitlines()[0] if error.summary else error.type)


def _lines(code: str) -> int:
    return code.count("\n") + 1


def _summarise(results: list[CaseResult], total: int, started: float) -> GradeResult:
    failed = next((r.verdict for r in results if r.verdict is not Verdict.ACCEPTED), None)
    return GradeResult(
        verdict=failed or Verdict.ACCEPTED,
        passed=sum(r.verdict is Verdict.ACCEPTED for r in results),
        total=total,
        cases=tuple(results),
        duration_ms=(time.perf_counter() - started) * 1000,
    )


def _check_limits(limits: object) -> None:
    if limits is not None and not isinstance(limits, Limits):
        raise ConfigError(f"limits must be a Limits, not {type(limits).__name__}")


_shared: dict[str, Grader] = {}
_shared_lock = threading.Lock()


def _shared_grader(engine: str) -> Grader:
    """One grader per engine for :func:`grade`, made on first use."""
    with _shared_lock:
        grader = _shared.get(engine)
        if grader is None:
            grader = _shared[engine] = Grader(engine=engine)
        return grader


def grade(
    code: str,
    cases: Sequence[Mapping[str, Any] | Case],
    *,
    limits: Limits | None = None,
    engine: str | None = None,
    compare: str = "exact",
    tolerance: float = 1e-6,
    stop_on_failure: bool = False,
) -> GradeResult:
    """Grade ``code`` against ``cases``; see :meth:`Grader.grade`.

    Uses a grader shared by every call for the engine (``"micropython"`` when
    None), so that repeated grades pay for the sandbox once.

    >>> grade("print(int(input()) * 2)", [{"stdin": "21", "expected_stdout": "42"}]).verdict
    <Verdict.ACCEPTED: 'accepted'>
    """
    grader = _shared_grader(engine or "micropython")
    return grader.grade(
        code,
        cases,
        limits=limits,
        compare=compare,
        tolerance=tolerance,
        stop_on_failure=stop_on_failure,
    )
