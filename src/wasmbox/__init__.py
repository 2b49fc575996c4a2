"""wasmbox: run untrusted Python safely and fast, as MicroPython in WebAssembly.

>>> from wasmbox import Sandbox
>>> result = Sandbox().run("print(6 * 7)")
>>> result.stdout
'42\\n'
"""

from .capabilities.fetch import FetchPolicy
from .capabilities.functions import CallRecord, inline
from .errors import (
    ArtifactError,
    ConfigError,
    EngineError,
    SessionClosedError,
    TooManySessionsError,
    WasmboxError,
)
from .grading import GradeResult, Verdict, grade
from .limits import Limits, parse_duration, parse_size
from .result import GuestError, RunResult, RunStatus
from .sandbox import Sandbox
from .session import Session

__all__ = [
    "ArtifactError",
    "CallRecord",
    "ConfigError",
    "EngineError",
    "FetchPolicy",
    "GradeResult",
    "GuestError",
    "Limits",
    "RunResult",
    "RunStatus",
    "Sandbox",
    "Session",
    "SessionClosedError",
    "TooManySessionsError",
    "Verdict",
    "WasmboxError",
    "grade",
    "inline",
    "parse_duration",
    "parse_size",
]

__version__ = "0.1.0"
