"""The structured outcome of one run: what the guest printed, wrote and raised.

``RunResult.to_dict()`` is the JSON form shared by the CLI (``--json``) and the
HTTP API, so its keys are part of the public contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .capabilities.codec import to_jsonable
from .capabilities.functions import CallRecord

__all__ = ["GuestError", "RunResult", "RunStatus"]


class RunStatus(StrEnum):
    """How a run ended. ``ok`` is the only success."""

    OK = "ok"
    #: The guest raised an exception it did not catch, or exited non-zero.
    ERROR = "error"
    #: The wall-clock budget ran out (busy loops and sleeps alike).
    TIMEOUT = "timeout"
    #: The fuel (CPU) budget ran out.
    CPU_LIMIT = "cpu_limit"
    #: ``MemoryError`` was not caught, or the memory cap was hit.
    MEMORY_LIMIT = "memory_limit"
    #: The guest wrote more than ``Limits.max_output`` bytes.
    OUTPUT_LIMIT = "output_limit"
    #: Anything else stopped the guest: a WebAssembly trap, a stack overflow.
    CRASHED = "crashed"


@dataclass(frozen=True, slots=True)
class GuestError:
    """What went wrong, for a human and for a program.

    Attributes:
        type: the exception class name (``"ZeroDivisionError"``) or, for limits
            enforced by the host, a name such as ``"Timeout"``.
        message: the exception's message.
        line: the line of the user's program where it was raised, if known.
        traceback: the traceback as MicroPython prints it, frames of the user's
            program only.
        summary: one line a person can read, e.g. "Time limit exceeded: the
            code ran for more than 2.0 s".
        hint: when the failure comes from a limit of the MicroPython engine
            rather than from the code, what is missing and what to do instead.
    """

    type: str
    message: str
    summary: str
    line: int | None = None
    traceback: str = ""
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "type": self.type,
            "message": self.message,
            "line": self.line,
            "traceback": self.traceback,
            "summary": self.summary,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class RunResult:
    """The outcome of one run. Guest failures are results, never exceptions.

    Attributes:
        status: how the run ended.
        stdout: what the guest printed, decoded as UTF-8 (invalid bytes replaced).
        stderr: what the guest wrote to stderr, including the traceback.
        error: details when ``status`` is not ``ok``.
        exit_code: 0 on success, 1 after an uncaught exception, the value given
            to ``sys.exit()``, or None when the host stopped the run.
        files: the files in ``/work`` when the run ended, by path relative to it.
        duration_ms: wall-clock time of the run, hand-off to result.
        fuel_used: fuel units consumed; None when fuel accounting is off, or when
            the wall-time deadline stopped the run (wasmtime cannot say then).
        memory_peak_bytes: the largest size the guest's linear memory reached.
        truncated: True when output went over ``Limits.max_output`` and was cut.
        value: the value of the program's last statement when it is an
            expression (as in a notebook cell), else None. Bytes, tuples and
            sets come back as such (see :mod:`wasmbox.capabilities.codec`).
        calls: every host-function and ``fetch`` call the run made, in order.
        engine: the interpreter that ran the code, ``"micropython"`` or ``"cpython"``.
        fallback: why the code ran on CPython although MicroPython was asked
            first (``engine="auto"``): what MicroPython lacked; else None.
    """

    status: RunStatus
    stdout: str = ""
    stderr: str = ""
    error: GuestError | None = None
    exit_code: int | None = 0
    files: dict[str, bytes] = field(default_factory=dict)
    duration_ms: float = 0.0
    fuel_used: int | None = None
    memory_peak_bytes: int = 0
    truncated: bool = False
    value: Any = None
    calls: tuple[CallRecord, ...] = ()
    engine: str = "micropython"
    fallback: str | None = None

    @property
    def ok(self) -> bool:
        """True when the run finished without error."""
        return self.status is RunStatus.OK

    def to_dict(self) -> dict[str, Any]:
        """The JSON form shared by the CLI and the HTTP API.

        File contents are given as UTF-8 text where they decode, else as base64
        under ``{"base64": ...}``.
        """
        import base64

        files: dict[str, Any] = {}
        for name, data in self.files.items():
            try:
                files[name] = data.decode("utf-8")
            except UnicodeDecodeError:
                files[name] = {"base64": base64.b64encode(data).decode("ascii")}
        return {
            "status": self.status.value,
            "ok": self.ok,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "error": self.error.to_dict() if self.error else None,
            "exit_code": self.exit_code,
            "files": files,
            "duration_ms": round(self.duration_ms, 3),
            "fuel_used": self.fuel_used,
            "memory_peak_bytes": self.memory_peak_bytes,
            "truncated": self.truncated,
            "value": to_jsonable(self.value),
            "calls": [c.to_dict() for c in self.calls],
            "engine": self.engine,
            "fallback": self.fallback,
        }
