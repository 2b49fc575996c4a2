"""Sessions: one resident MicroPython whose state lives across calls, like a notebook kernel.

Between calls the instance is parked exactly as a fresh run's instance is
before its program arrives (Asyncify has unwound its stack into linear
memory; no thread waits), so an idle session costs its memory and nothing
else. Each call brings its own budgets: fuel is refilled, the deadline and
the output cap start again. What ends a session: a call that times out,
runs out of fuel, overflows memory or output, crashes, or calls
``sys.exit()``; ``close()``; or idling past ``idle_timeout``. Ordinary
exceptions do not: the next call sees the state as the failed call left it.
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from .engine import Runtime
from .errors import ConfigError, SessionClosedError
from .limits import Limits
from .result import RunResult
from .runner import Parked, RunRequest, boot, close, new_filesystem, serve
from .wasi.fs import FileSystem

__all__ = ["ResidentSession", "Session"]

#: Seconds between looks at a session whose lock is held by a holder that has not yet said
#: whether it is another call or the session ending (see :meth:`ResidentSession.run`).
_LOOK_AGAIN = 0.005


class ResidentSession:
    """What every engine's session shares: one call at a time, ending, reset, close, idling.

    An engine's session says how to start its interpreter (:meth:`_start`), run one
    call in it (:meth:`_call`, which also says whether the call ended the session)
    and free it (:meth:`_free`); the lifecycle here is the same for both.
    """

    def __init__(
        self,
        limits: Limits,
        *,
        idle_timeout: float,
        on_close: Callable[[ResidentSession], None] | None,
    ) -> None:
        self._limits = limits
        self._on_close = on_close
        self.idle_timeout = idle_timeout
        self._lock = threading.Lock()
        #: True while a call holds the lock; otherwise a holder is ending the session.
        self._calling = False
        self._ended: str | None = None
        self.calls = 0
        self.last_used = time.monotonic()

    def _open(self) -> None:
        """Start the interpreter and let the reaper watch for idleness (end of __init__)."""
        self._start()
        _reaper.watch(self)

    @property
    def limits(self) -> Limits:
        """The limits the session was opened with (memory holds for its whole life)."""
        return self._limits

    @property
    def alive(self) -> bool:
        """True while calls can run; False once the session ended or was closed."""
        return self._ended is None

    @property
    def ended(self) -> str | None:
        """Why the session ended: ``"closed"``, ``"idle"``, or what ended its last call."""
        return self._ended

    def _start(self) -> None:
        raise NotImplementedError

    def _call(
        self,
        code: str,
        limits: Limits,
        inputs: Mapping[str, Any] | None,
        functions: Mapping[str, Any] | None,
        stdin: bytes | str | None,
    ) -> tuple[RunResult, str | None]:
        """Run one call; its result, and why it ended the session (None: it did not)."""
        raise NotImplementedError

    def _free(self) -> None:
        raise NotImplementedError

    def run(
        self,
        code: str,
        *,
        limits: Limits | None = None,
        inputs: Mapping[str, Any] | None = None,
        functions: Mapping[str, Any] | None = None,
        stdin: bytes | str | None = None,
    ) -> RunResult:
        """Run ``code`` in the session; its globals, imports and files stay for the next call.

        ``limits`` replace the session's for this call, except ``memory``.
        If the call ends the session, the result says why
        (``result.status``) and ``alive`` turns False.

        Raises:
            SessionClosedError: the session has ended; :meth:`reset` starts a new one.
            ConfigError: another call is running in this session, or an option is invalid.
        """
        if not self._lock.acquire(blocking=False):
            # The lock is also held while an ending session frees its instance (the
            # idle reaper, close()), for milliseconds, and it may not have said so
            # yet: that is not another call. Wait for such a holder, looking again
            # every few milliseconds, until it has said which it is.
            while True:
                self._raise_if_ended()
                if self._calling:
                    raise ConfigError("another call is running in this session")
                if self._lock.acquire(timeout=_LOOK_AGAIN):
                    break
        try:
            self._calling = True
            self._raise_if_ended()
            result, why = self._call(
                code, _per_call(self._limits, limits), inputs, functions, stdin
            )
            self.calls += 1
            self.last_used = time.monotonic()
            if why is not None:
                self._ended = why
                self._free()
            return result
        finally:
            self._calling = False
            self._lock.release()

    def _raise_if_ended(self) -> None:
        if self._ended is not None:
            raise SessionClosedError(
                f"the session has ended ({self._ended}); reset() starts a new one"
            )

    def reset(self) -> None:
        """Throw the state away and start afresh with the session's initial files."""
        with self._lock:
            self._calling = True  # a call made meanwhile is told another is running
            try:
                self._free()
                self._start()
                self._ended = None
                self.calls = 0
            finally:
                self._calling = False

    def close(self) -> None:
        """End the session and free its interpreter; later calls raise SessionClosedError."""
        self._end("closed")

    def _end(self, why: str, *, wait: bool = True) -> bool:
        if not self._lock.acquire(blocking=wait):
            return False  # a call is running: it is not idle
        try:
            if self._ended is None:
                self._ended = why
            self._free()
        finally:
            self._lock.release()
        if self._on_close is not None:
            self._on_close(self)
        return True

    def __enter__(self) -> ResidentSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # nothing to report to at interpreter exit
            self._free()


class Session(ResidentSession):
    """A resident sandbox: successive :meth:`run` calls share globals, imports, functions and files.

    Made by :meth:`wasmbox.Sandbox.session`; use it as a context manager or
    call :meth:`close`. One call runs at a time (a call made while another
    runs raises ``ConfigError``). Memory is fixed for the session's life by the limits it
    was opened with; the other limits apply per call.
    """

    def __init__(
        self,
        runtime: Runtime,
        base: RunRequest,
        prepare: Callable[..., RunRequest],
        *,
        idle_timeout: float,
        on_close: Callable[[ResidentSession], None],
    ) -> None:
        super().__init__(base.limits, idle_timeout=idle_timeout, on_close=on_close)
        self._runtime = runtime
        self._base = base
        self._prepare = prepare
        self._parked: Parked | None = None
        self._fs: FileSystem | None = None
        self._open()

    def _start(self) -> None:
        base = self._base
        self._parked = boot(self._runtime, base.limits, base.env)
        self._fs = new_filesystem(base)

    def _call(
        self,
        code: str,
        limits: Limits,
        inputs: Mapping[str, Any] | None,
        functions: Mapping[str, Any] | None,
        stdin: bytes | str | None,
    ) -> tuple[RunResult, str | None]:
        request = self._prepare(
            code, limits=limits, inputs=inputs, functions=functions, stdin=stdin
        )
        parked, fs = self._parked, self._fs
        assert parked is not None and fs is not None
        result = serve(self._runtime, parked, request, fs)
        if parked.alive:
            return result, None
        self._parked = None
        if parked.unparked is not None:
            return result, parked.unparked
        why = (
            "sys.exit()"
            if result.error is None or result.error.type == "SystemExit"
            else result.status.value
        )
        return result, why

    def _free(self) -> None:
        if self._parked is not None:
            close(self._parked)
            self._parked = None


def _per_call(session: Limits, call: Limits | None) -> Limits:
    if call is None:
        return session
    if call.memory != session.memory:
        from dataclasses import replace

        call = replace(call, memory=session.memory)
    return call


class _Reaper:
    """One daemon thread that closes sessions left idle past their ``idle_timeout``."""

    def __init__(self) -> None:
        self._sessions: weakref.WeakSet[ResidentSession] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def watch(self, session: ResidentSession) -> None:
        with self._lock:
            self._sessions.add(session)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="wasmbox-reaper", daemon=True
                )
                self._thread.start()

    def _loop(self) -> None:
        while True:
            time.sleep(_REAP_EVERY)
            now = time.monotonic()
            with self._lock:
                sessions = list(self._sessions)
            for session in sessions:
                if session.alive and now - session.last_used > session.idle_timeout:
                    session._end("idle", wait=False)


#: How often idle sessions are looked for, in seconds.
_REAP_EVERY = 0.25
_reaper = _Reaper()
