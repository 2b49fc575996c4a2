"""Host functions: Python callables the host grants to guest code by name.

Inside the guest a granted function is a plain function; a call sends its
arguments over ``host.call`` in the tagged JSON of :mod:`.codec`, the host
runs the callable and sends back its value, or its exception's class name
and message (never a host traceback or path). What a call may cost is
bounded by the run: the arguments and the reply by ``Limits.max_value``, the
number of calls by ``Limits.max_calls``, and its time by the run's deadline.
A callable runs on a worker thread (or, for ``async def``, on a shared event
loop) while the guest waits, so one that outlives the deadline ends the run
as a timeout instead of holding it: a blocked thread is abandoned (Python
cannot stop it), a coroutine is cancelled.

Every call is recorded (:class:`CallRecord`) for the run's audit trail.
"""

from __future__ import annotations

import concurrent.futures
import functools
import inspect
import json
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:  # asyncio is imported when an async host function is first called
    import asyncio
from .codec import CodecError, decode, encode

__all__ = ["CallRecord", "Calls", "HostFunction", "call_deadline", "check_functions", "inline"]

HostFunction = Callable[..., Any]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
#: Names the guest already uses for itself.
_RESERVED = frozenset({"print", "input", "open", "exec", "eval", "compile", "__import__"})


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One host-function call, as the audit trail keeps it.

    Attributes:
        name: the function the guest called.
        duration_ms: wall time from the guest's call to the reply.
        bytes_in: size of the encoded arguments the guest sent.
        bytes_out: size of the encoded reply.
        outcome: ``"ok"``, ``"error:<ExceptionName>"`` (the callable raised),
            ``"refused:<why>"`` (not done: unknown name, over a limit, bad
            arguments, or a ``fetch`` policy rule) or ``"timeout"``.
        detail: what the call was about, where the capability says (``fetch``:
            method, URL without query, status); empty otherwise.
    """

    name: str
    duration_ms: float
    bytes_in: int
    bytes_out: int
    outcome: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "duration_ms": round(self.duration_ms, 3),
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "outcome": self.outcome,
            "detail": self.detail,
        }


def check_functions(functions: Mapping[str, HostFunction] | None) -> dict[str, HostFunction]:
    """Validated copy of a name-to-callable mapping; :class:`ConfigError` if it is not one."""
    out: dict[str, HostFunction] = {}
    for name, fn in (functions or {}).items():
        if not isinstance(name, str) or not _NAME.match(name) or name in _RESERVED:
            raise ConfigError(f"host function names must be Python identifiers, not {name!r}")
        if name.startswith("__"):
            raise ConfigError(f"host function names may not start with '__': {name!r}")
        if not callable(fn):
            raise ConfigError(f"host function {name!r} is not callable")
        out[name] = fn
    return out


class _Timeout(Exception):
    pass


_INLINE = "__wasmbox_inline__"


def inline(fn: HostFunction) -> HostFunction:
    """Mark a host function that never blocks, to run it on the guest's own thread.

    A host function normally runs on a worker thread, so that one which
    blocks past the run's deadline cannot hold the run: that hand-off costs
    5 to 70 us per call, depending on how idle the machine's cores are. A
    function marked inline is called directly (about 15 us a round trip);
    its time still counts against the deadline, but a call that blocks
    holds the run until it returns. Use it for pure computation and
    in-memory lookups, never for I/O.
    """
    if not callable(fn) or inspect.iscoroutinefunction(fn):
        raise ConfigError("inline() takes a plain (not async) callable")

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    setattr(call, _INLINE, True)
    return call


class _Workers:
    """Threads that run host callables, handed work through queues (a few microseconds).

    ``concurrent.futures`` cost about 75 us per call here; a worker per call
    in flight with a ``SimpleQueue`` each way costs a tenth of that. A worker
    whose callable outlives its deadline is abandoned: it rejoins the idle
    list only when the callable returns. At most ``MAX`` exist at once.
    """

    MAX = 256

    def __init__(self) -> None:
        self._idle: list[queue.SimpleQueue[Any]] = []
        self._count = 0
        self._lock = threading.Lock()

    def _spawn(self) -> queue.SimpleQueue[Any]:
        with self._lock:
            if self._count >= self.MAX:
                raise RuntimeError("too many host-function calls are still running")
            self._count += 1
        inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        threading.Thread(target=self._loop, args=(inbox,), name="wasmbox-fn", daemon=True).start()
        return inbox

    def _loop(self, inbox: queue.SimpleQueue[Any]) -> None:
        while True:
            fn, args, kwargs, outbox, deadline = inbox.get()
            _current.deadline = deadline
            try:
                outbox.put((True, fn(*args, **kwargs)))
            except BaseException as exc:  # handed to the caller, whatever it is
                outbox.put((False, exc))
            _current.deadline = None
            del fn, args, kwargs, outbox
            self._idle.append(inbox)

    def call(
        self, fn: HostFunction, args: list[Any], kwargs: dict[str, Any], timeout: float
    ) -> Any:
        try:
            inbox = self._idle.pop()
        except IndexError:
            inbox = self._spawn()
        outbox: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
        inbox.put((fn, args, kwargs, outbox, time.monotonic() + max(0.0, timeout)))
        try:
            ok, value = outbox.get(timeout=max(0.0, timeout))
        except queue.Empty:
            raise _Timeout from None
        if not ok:
            raise value
        return value


_workers = _Workers()
#: The deadline of the host call running on this thread (see :func:`call_deadline`).
_current = threading.local()


def call_deadline() -> float | None:
    """When the run waiting for the host call on this thread stops waiting (``time.monotonic()``).

    A call that outlives it is abandoned, not stopped: its thread goes on
    until the callable returns. A callable that can stop early (``fetch``
    does) looks here, so that an abandoned call does not hold a thread, a
    connection or anything else shared with later runs for long.
    """
    return getattr(_current, "deadline", None)


_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()


def _event_loop() -> asyncio.AbstractEventLoop:
    import asyncio

    global _loop
    with _loop_lock:
        if _loop is None:
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="wasmbox-async", daemon=True).start()
            _loop = loop
        return _loop


def _invoke(fn: HostFunction, args: list[Any], kwargs: dict[str, Any], timeout: float) -> Any:
    """``fn(*args, **kwargs)`` off this thread, giving up after ``timeout`` seconds.

    Waiting and the callable's own exceptions are kept apart: since Python
    3.11 ``concurrent.futures.TimeoutError`` *is* ``TimeoutError``, which a
    callable may raise itself.
    """
    if timeout <= 0:
        raise _Timeout
    started = time.monotonic()
    if getattr(fn, _INLINE, False):
        outer = call_deadline()
        _current.deadline = started + timeout
        try:
            value = fn(*args, **kwargs)
        finally:
            _current.deadline = outer
        if time.monotonic() - started > timeout:
            raise _Timeout
        return value
    if inspect.iscoroutinefunction(fn):
        import asyncio

        return _wait(asyncio.run_coroutine_threadsafe(fn(*args, **kwargs), _event_loop()), timeout)
    value = _workers.call(fn, args, kwargs, timeout)
    if inspect.isawaitable(value):  # a sync callable returning a coroutine
        coro = value

        async def wait() -> Any:
            return await coro

        left = timeout - (time.monotonic() - started)
        import asyncio

        return _wait(asyncio.run_coroutine_threadsafe(wait(), _event_loop()), left)
    return value


def _wait(future: concurrent.futures.Future[Any], timeout: float) -> Any:
    done, _ = concurrent.futures.wait([future], timeout=max(0.0, timeout))
    if not done:
        future.cancel()  # a coroutine is cancelled; a running thread is abandoned
        raise _Timeout
    return future.result()


def _message(exc: Exception) -> str:
    # An OSError's str() names host paths; its reason alone says what went wrong.
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _error(kind: str, message: str) -> bytes:
    return b"!" + json.dumps([kind, message[:2000]]).encode()


class Calls:
    """A run's host functions: dispatch, limits and the audit trail."""

    def __init__(
        self,
        functions: Mapping[str, HostFunction],
        *,
        max_calls: int,
        max_value: int,
        deadline: float,
    ) -> None:
        self.functions = functions
        self.max_calls = max_calls
        self.max_value = max_value
        self.deadline = deadline
        self.records: list[CallRecord] = []
        self._detail = ""
        #: Set when a callable outlived the deadline: the run must stop as a timeout.
        self.timed_out = False

    def call(self, name: str, payload: bytes) -> bytes:
        """The reply to the guest's call of ``name``: ``=`` and a value, or ``!`` and an error."""
        started = time.monotonic()
        self._detail = ""
        reply, outcome = self._call(name, payload)
        if len(self.records) > self.max_calls:
            return reply  # past the limit only refusals, and the trail has the first already
        self.records.append(
            CallRecord(
                name=name[:64],
                duration_ms=(time.monotonic() - started) * 1000,
                bytes_in=len(payload),
                bytes_out=len(reply),
                outcome=outcome,
                detail=self._detail,
            )
        )
        return reply

    def _describe(
        self, fn: HostFunction, args: list[Any], kwargs: dict[str, Any], value: Any
    ) -> None:
        describe = getattr(fn, "audit_detail", None)
        if describe is not None:
            try:
                self._detail = str(describe(args, kwargs, value))[:500]
            except Exception:  # an audit detail must never fail the call
                self._detail = ""

    def _call(self, name: str, payload: bytes) -> tuple[bytes, str]:
        # Every call counts, a refused one too: a loop of calls to names that do
        # not exist must not grow the audit trail without end.
        if len(self.records) >= self.max_calls:
            return _error(
                "PermissionError", f"the run may call host functions {self.max_calls} times"
            ), "refused:max_calls"
        fn = self.functions.get(name)
        if fn is None:
            return _error("NameError", f"no host function {name!r} is granted to this run"), (
                "refused:unknown"
            )
        try:
            decoded = decode(payload, self.max_value)
            args, kwargs = decoded
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise CodecError("malformed call")
        except (CodecError, ValueError, TypeError) as exc:
            return _error("ValueError", f"arguments of {name}(): {exc}"), "refused:arguments"
        try:
            value = _invoke(fn, args, kwargs, self.deadline - time.monotonic())
        except _Timeout:
            self.timed_out = True
            self._describe(fn, args, kwargs, None)
            return _error("TimeoutError", f"{name}() ran past the run's time limit"), "timeout"
        except Exception as exc:  # the callable's failure becomes the guest's
            self._describe(fn, args, kwargs, None)
            kind = getattr(exc, "guest_type", None) or type(exc).__name__
            rule = getattr(exc, "rule", None)
            outcome = f"refused:{rule}" if isinstance(rule, str) else f"error:{type(exc).__name__}"
            return _error(kind, _message(exc)), outcome
        except BaseException as exc:  # KeyboardInterrupt, SystemExit: not the guest's business
            return _error("RuntimeError", f"{name}() failed"), f"error:{type(exc).__name__}"
        self._describe(fn, args, kwargs, value)
        try:
            return b"=" + encode(value, self.max_value, ordered=True), "ok"
        except CodecError as exc:
            return _error("ValueError", f"the value {name}() returned: {exc}"), "error:reply"
