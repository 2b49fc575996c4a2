"""The exceptions wasmbox raises.

Only host misuse raises: a bad option, a missing build tool, a broken cache.
Whatever the *guest* does (loops, crashes, floods, exceptions) comes back as a
:class:`~wasmbox.RunResult`, never as an exception.
"""

from __future__ import annotations

__all__ = [
    "ArtifactError",
    "ConfigError",
    "EngineError",
    "SessionClosedError",
    "TooManySessionsError",
    "WasmboxError",
]


class WasmboxError(Exception):
    """Base class of every exception wasmbox raises."""


class ConfigError(WasmboxError, ValueError):
    """Raised when an option is invalid: a negative limit, an unknown size unit, a bad path."""


class ArtifactError(WasmboxError):
    """Raised when the MicroPython WebAssembly artifact cannot be found or built.

    The message names the missing tool and the exact command that fixes it.
    """


class EngineError(WasmboxError):
    """Raised when wasmtime fails on the host side (not because of guest code)."""


class SessionClosedError(WasmboxError):
    """Raised by ``Session.run`` after the session ended (a limit, a crash, ``sys.exit()``,
    ``close()`` or idling); the message says why, and ``Session.reset()`` starts a new one."""


class TooManySessionsError(WasmboxError):
    """Raised by ``Sandbox.session`` when ``max_sessions`` sessions are already open."""
