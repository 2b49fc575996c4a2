"""The public entry point: ``Sandbox().run(code)``."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from ._text import utf8
from .capabilities.codec import CodecError, encode
from .capabilities.fetch import Fetcher, FetchPolicy
from .capabilities.functions import HostFunction, check_functions
from .cell import capture_last_expression
from .compat import transform
from .compat.explain import cpython_would_help, explain
from .engine import get_runtime
from .errors import ConfigError, TooManySessionsError
from .limits import Limits
from .pool import InstancePool
from .result import RunResult
from .runner import RunRequest, boot, execute, speculative_runtime
from .session import ResidentSession, Session
from .wasi.fs import normalise_mount_point, read_host_dir

__all__ = ["Sandbox"]

MountSource = Mapping[str, bytes] | str | os.PathLike[str]


#: The engines a Sandbox runs code on: MicroPython (the default, fast) and CPython
#: (for CPython itself or numpy-class packages; ``pip install wasmbox[cpython]``).
ENGINES = ("micropython", "cpython")
#: What ``engine=`` takes: an engine, or ``"auto"`` (MicroPython, then CPython where
#: MicroPython's own limits were the failure).
ENGINE_CHOICES = (*ENGINES, "auto")


class Sandbox:
    """Runs untrusted Python, each run in a fresh, isolated MicroPython instance.

    A Sandbox holds only defaults; it is safe to share between threads, and
    runs on different threads execute in parallel (wasmtime releases the GIL
    while guest code runs).

    Every run gets a fresh instance that starts already booted: it is
    instantiated copy-on-write from a snapshot of a MicroPython parked right
    before the program arrives (about 0.1 ms). ``pool_size`` additionally keeps
    that many instantiated ahead of time by a background thread, for runs with
    the sandbox's default memory limit and no environment. That takes ~0.06 ms
    off the latency of runs that arrive with gaps between them, but the thread
    competes for the GIL, so back-to-back runs are faster without it (see
    ``bench/bench_core.py``). Without a pool, a run goes first to the build
    that never collects (:mod:`wasmbox._artifact.collect`, about a quarter
    faster on CPU-bound code); a pool's instances are the spilled build's, and
    its runs stay there.

    Args:
        limits: the default budgets of a run.
        pool_size: instances kept ready by a background thread; 0 (the
            default) instantiates one per run on the caller's thread.
        functions: host functions every run may call, by the name guest code
            calls them (see :mod:`wasmbox.capabilities.functions`); none by default.
        fetch: grants every run ``fetch(url, ...)``, an HTTP client governed by
            this policy (see :mod:`wasmbox.capabilities.fetch`); no network by default.
        mounts: read-only trees every run sees (a run's own ``mounts`` add to
            them); host directories are read into memory once, now.
        env: environment variables every run sees (a run's ``env`` adds to them).
        compat: rewrite code MicroPython cannot run (``s[::-1]``, ``str.zfill``,
            ``match``...) into code it can, keeping line numbers; see
            :mod:`wasmbox.compat`. False runs the source exactly as given.
        engine: ``"micropython"`` (the default), ``"cpython"`` or ``"auto"``. CPython 3.15
            with numpy, pandas and scipy (``pip install wasmbox[cpython]``;
            see :mod:`wasmbox.cpython`), under the same limits, with a memory
            floor of 48 MiB and a default of 256 MiB. Its first use compiles
            it (about 2 minutes, then cached). ``pool_size`` keeps that many
            interpreters started ahead of time (a run then costs about 1 ms
            instead of 14; runs that add environment variables start their
            own). ``"auto"`` runs on MicroPython and runs again on CPython
            when the failure was MicroPython's own limit (a module or feature it
            lacks, as the error's ``hint`` says) and the code called no host
            function; the result's ``engine`` and ``fallback`` say so. Limits
            given hold on both (so their memory must meet CPython's floor);
            without, each engine has its own defaults. Sessions need a
            definite engine.
        max_sessions: how many sessions (:meth:`session`) may be open at once.
        preload: with ``engine="cpython"`` and a pool, modules each pooled
            interpreter imports ahead of time (``("numpy", "pandas")``): a run's
            own import is then free, for the memory of an imported module per
            pooled instance (see ``bench/bench_engines.py``).
    """

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        functions: Mapping[str, HostFunction] | None = None,
        fetch: FetchPolicy | None = None,
        mounts: Mapping[str, MountSource] | None = None,
        env: Mapping[str, str] | None = None,
        pool_size: int = 0,
        compat: bool = True,
        max_sessions: int = 64,
        engine: str = "micropython",
        preload: tuple[str, ...] = (),
    ) -> None:
        if engine not in ENGINE_CHOICES:
            raise ConfigError(f"engine is one of {', '.join(ENGINE_CHOICES)}, not {engine!r}")
        self.engine = engine
        self.limits: Limits = limits or Limits()
        #: The limits of engine="auto"'s first, MicroPython, run when none are given:
        #: MicroPython's own defaults (a snapshot at 256 MiB takes ~2 s to compile, once).
        self._first_limits = self.limits
        if engine in ("cpython", "auto"):
            self.limits = self._cpython_limits(limits)
            if limits is not None:
                self._first_limits = self.limits
        self.functions = check_functions(functions)
        # Host directories are read once, here: every run then mounts the copy.
        self.mounts = _mounts(mounts)
        self.env = _env(env)
        if fetch is not None:
            self.functions["fetch"] = Fetcher(_policy(fetch))
        self.compat = compat
        if not (isinstance(max_sessions, int) and max_sessions >= 0):
            raise ConfigError(f"max_sessions must be a non-negative integer, not {max_sessions!r}")
        self.max_sessions = max_sessions
        self._sessions: set[ResidentSession] = set()
        self._sessions_lock = threading.Lock()
        self._pool: InstancePool[Any] | None = None
        if engine == "cpython":
            # A warmed CPython has read its environment already: with a sandbox
            # environment every run starts its own, and a pool would be waste.
            if pool_size > 0 and not self.env:
                from . import cpython

                runtime_ = cpython.get_runtime(fuel=self.limits.fuel is not None)
                modules = _preload(preload)
                self._pool = InstancePool(
                    lambda: cpython.warm(runtime_, preload=modules), pool_size
                )
            return
        # Fail fast on a missing build tool rather than at the first run.
        runtime = get_runtime(fuel=self.limits.fuel is not None)
        defaults = self._first_limits
        self._pool = (
            InstancePool(lambda: boot(runtime, defaults), pool_size) if pool_size > 0 else None
        )
        if self._pool is None:  # its runs go first to the build that never collects: make it now
            speculative_runtime(runtime)

    @staticmethod
    def _cpython_limits(limits: Limits | None) -> Limits:
        """The CPython engine: its own memory floor and default, built (compiled) now."""
        from . import cpython

        chosen = limits or Limits(memory=cpython.DEFAULT_MEMORY)
        if chosen.memory < cpython.MIN_MEMORY:
            raise ConfigError(
                f"the CPython engine needs at least {cpython.MIN_MEMORY >> 20} MiB of memory, "
                f"not {chosen.memory} bytes"
            )
        cpython.get_runtime(fuel=chosen.fuel is not None)
        return chosen

    def close(self) -> None:
        """Stop the background thread, drop the waiting instances, close the sessions."""
        if self._pool is not None:
            self._pool.close()
        with self._sessions_lock:
            sessions = list(self._sessions)
        for session in sessions:
            session.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        code: str,
        *,
        limits: Limits | None = None,
        files: Mapping[str, bytes | str] | None = None,
        mounts: Mapping[str, MountSource] | None = None,
        stdin: bytes | str | None = None,
        env: Mapping[str, str] | None = None,
        seed: int | None = None,
        clock: float | None = None,
        inputs: Mapping[str, Any] | None = None,
        functions: Mapping[str, HostFunction] | None = None,
        fetch: FetchPolicy | None = None,
    ) -> RunResult:
        """Run ``code`` and return what happened; guest failures never raise.

        Args:
            code: Python source, run as ``__main__`` (tracebacks say ``main.py``).
            limits: budgets for this run instead of the sandbox's defaults.
            files: initial files of the writable workspace ``/work``, by
                relative path; they count against its quota.
            mounts: read-only trees, by absolute mount point such as ``/data``:
                a mapping of relative paths to bytes, or a host directory that
                is read into memory (symbolic links skipped).
            stdin: what ``input()`` and ``sys.stdin`` read; empty by default.
            env: environment variables the guest may see; none by default.
            seed: makes ``random`` and ``os.urandom`` reproducible.
            clock: a fixed Unix time; the guest's clocks then start there and
                advance only virtually, and sleeps do not wait.
            inputs: values bound as globals before the program runs, by name
                (bytes, tuples and sets arrive as such; see
                :mod:`wasmbox.capabilities.codec`).
            functions: host functions for this run, added to (and overriding)
                the sandbox's.
            fetch: a fetch policy for this run instead of the sandbox's.

        If the program's last statement is an expression, its value is the
        result's ``value``, as in a notebook cell.

        Raises:
            ConfigError: an option is invalid (this is host misuse, not guest failure).
        """
        _check_clock(clock)
        granted = _with_fetch(functions, fetch)
        args = _RunArgs(files, mounts, stdin, env, seed, clock, inputs, granted)
        try:
            if self.engine == "auto":
                return self._run_auto(code, limits, args)
            if self.engine == "cpython":
                return self._run_cpython(code, limits or self.limits, args)
            return self._run_micropython(code, limits or self.limits, args)
        finally:
            if fetch is not None and granted is not None:  # this run's own connections
                cast(Fetcher, granted["fetch"]).close()

    def _run_micropython(
        self, code: str, limits: Limits, args: _RunArgs, explained: bool = False
    ) -> RunResult:
        request = self._request(code, limits=limits, **args.kwargs())
        runtime = get_runtime(fuel=request.limits.fuel is not None)
        parked = self._pool.take() if self._pool is not None else None
        try:
            # A pool's instances are the spilled build's: its runs stay there, so that
            # which build a run gets never depends on whether the pool had one ready.
            result = execute(runtime, request, parked, speculate=self._pool is None)
            return explain(result, code) if (self.compat or explained) and result.error else result
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        finally:
            if self._pool is not None:
                self._pool.refill()

    def _run_auto(self, code: str, limits: Limits | None, args: _RunArgs) -> RunResult:
        """MicroPython first; CPython again only where MicroPython's own limits failed it.

        A program that called a host function is never run twice (the call may
        have had effects); the second run's wall time is what the first left.
        """
        from . import cpython

        if limits is not None and limits.memory < cpython.MIN_MEMORY:
            raise ConfigError(
                f'engine="auto" needs at least {cpython.MIN_MEMORY >> 20} MiB of memory, '
                f"the CPython engine's floor, not {limits.memory} bytes"
            )
        first = self._run_micropython(code, limits or self._first_limits, args, explained=True)
        reason = cpython_would_help(first)
        if reason is None or first.calls:
            return first
        chosen = limits or self.limits
        left = chosen.wall_time - first.duration_ms / 1000
        if left <= 0:
            return first
        second = self._run_cpython(code, replace(chosen, wall_time=left), args)
        return replace(
            second,
            fallback=f"MicroPython: {reason}",
            duration_ms=first.duration_ms + second.duration_ms,
        )

    def _run_cpython(self, code: str, limits: Limits, args: _RunArgs) -> RunResult:
        from . import cpython

        functions = args.functions
        granted = {**self.functions, **check_functions(functions)} if functions else self.functions
        # engine="auto" keeps a pool of MicroPython instances only.
        pool = self._pool if self.engine == "cpython" else None
        warmed = pool.take() if pool is not None else None
        try:
            return cpython.run(
                code,
                limits=limits,
                files=_files(args.files),
                mounts={**self.mounts, **_mounts(args.mounts)} if args.mounts else self.mounts,
                stdin=args.stdin,
                env={**self.env, **_env(args.env)} if args.env else self.env,
                seed=args.seed,
                clock=args.clock,
                inputs=args.inputs,
                functions=granted,
                warmed=warmed,
            )
        finally:
            if pool is not None:
                pool.refill()

    def session(
        self,
        *,
        limits: Limits | None = None,
        files: Mapping[str, bytes | str] | None = None,
        mounts: Mapping[str, MountSource] | None = None,
        env: Mapping[str, str] | None = None,
        seed: int | None = None,
        clock: float | None = None,
        functions: Mapping[str, HostFunction] | None = None,
        fetch: FetchPolicy | None = None,
        idle_timeout: float = 600.0,
    ) -> ResidentSession:
        """A resident instance in which successive ``run()`` calls share state.

        On the CPython engine this is a :class:`wasmbox.cpython.Session`, with the
        same interface.

        ``files`` and ``mounts`` are the session's starting filesystem (files
        written by one call are there for the next); ``functions`` are granted
        to every call, on top of the sandbox's. ``limits.memory`` caps the
        session for its whole life, the other limits apply per call. A session
        idle for ``idle_timeout`` seconds is closed.

        Raises:
            TooManySessionsError: ``max_sessions`` sessions of this sandbox are open.
            ConfigError: an option is invalid.
        """
        _check_clock(clock)
        if not idle_timeout > 0:
            raise ConfigError(f"idle_timeout must be positive, not {idle_timeout!r}")
        if self.engine == "auto":
            raise ConfigError(
                "a session keeps its state in one interpreter: choose engine='micropython' "
                "or engine='cpython' for it"
            )
        if self.engine == "cpython":
            return self._cpython_session(
                limits or self.limits,
                files=files,
                mounts=mounts,
                env=env,
                seed=seed,
                clock=clock,
                functions=_with_fetch(functions, fetch),
                idle_timeout=idle_timeout,
            )
        granted = {**self.functions, **check_functions(_with_fetch(functions, fetch))}
        base = self._request(
            "",
            limits=limits or self.limits,
            files=files,
            mounts=mounts,
            stdin=None,
            env=env,
            seed=seed,
            clock=clock,
            inputs=None,
            functions=granted,
        )

        def prepare(
            code: str,
            *,
            limits: Limits,
            inputs: Mapping[str, Any] | None,
            functions: Mapping[str, HostFunction] | None,
            stdin: bytes | str | None,
        ) -> RunRequest:
            request = self._request(
                code,
                limits=limits,
                files=None,
                mounts=None,
                stdin=stdin,
                env=None,
                seed=None,
                clock=None,
                inputs=inputs,
                functions=None,
            )
            calls = {**granted, **check_functions(functions)} if functions else granted
            return replace(request, env=base.env, functions=calls)

        with self._sessions_lock:
            if len(self._sessions) >= self.max_sessions:
                raise TooManySessionsError(
                    f"{self.max_sessions} sessions are open; close one first"
                )
            runtime = get_runtime(fuel=base.limits.fuel is not None)
            session = Session(
                runtime, base, prepare, idle_timeout=idle_timeout, on_close=self._forget
            )
            self._sessions.add(session)
        return session

    def _cpython_session(
        self,
        limits: Limits,
        *,
        files: Mapping[str, bytes | str] | None,
        mounts: Mapping[str, MountSource] | None,
        env: Mapping[str, str] | None,
        seed: int | None,
        clock: float | None,
        functions: Mapping[str, HostFunction] | None,
        idle_timeout: float,
    ) -> ResidentSession:
        from . import cpython

        granted = {**self.functions, **check_functions(functions)} if functions else self.functions
        with self._sessions_lock:
            if len(self._sessions) >= self.max_sessions:
                raise TooManySessionsError(
                    f"{self.max_sessions} sessions are open; close one first"
                )
            session = cpython.Session(
                limits,
                files=_files(files),
                mounts={**self.mounts, **_mounts(mounts)} if mounts else self.mounts,
                env={**self.env, **_env(env)} if env else self.env,
                seed=seed,
                clock=clock,
                functions=granted,
                idle_timeout=idle_timeout,
                on_close=self._forget,
            )
            self._sessions.add(session)
        return session

    def _forget(self, session: ResidentSession) -> None:
        with self._sessions_lock:
            self._sessions.discard(session)

    def _request(
        self,
        code: str,
        *,
        limits: Limits,
        files: Mapping[str, bytes | str] | None,
        mounts: Mapping[str, MountSource] | None,
        stdin: bytes | str | None,
        env: Mapping[str, str] | None,
        seed: int | None,
        clock: float | None,
        inputs: Mapping[str, Any] | None,
        functions: Mapping[str, HostFunction] | None,
    ) -> RunRequest:
        if not isinstance(code, str):
            raise ConfigError(f"code must be a str, not {type(code).__name__}")
        received = time.monotonic()
        code = capture_last_expression(code)
        granted = {**self.functions, **check_functions(functions)} if functions else self.functions
        return RunRequest(
            code=transform(code) if self.compat else code,
            limits=limits,
            files=_files(files),
            mounts={**self.mounts, **_mounts(mounts)} if mounts else self.mounts,
            stdin=utf8(stdin, "stdin") if isinstance(stdin, str) else (stdin or b""),
            env={**self.env, **_env(env)} if env else self.env,
            seed=seed,
            clock=clock,
            received=received,
            inputs=_inputs(inputs),
            functions=granted,
        )


def _preload(modules: object) -> tuple[str, ...]:
    if not isinstance(modules, tuple | list) or not all(
        isinstance(m, str) and all(part.isidentifier() for part in m.split(".")) for m in modules
    ):
        raise ConfigError(f"preload is a tuple of module names, not {modules!r}")
    return tuple(modules)


@dataclass(frozen=True, slots=True)
class _RunArgs:
    """What one run() call gives besides its code and limits, as each engine takes it."""

    files: Mapping[str, bytes | str] | None
    mounts: Mapping[str, MountSource] | None
    stdin: bytes | str | None
    env: Mapping[str, str] | None
    seed: int | None
    clock: float | None
    inputs: Mapping[str, Any] | None
    functions: Mapping[str, HostFunction] | None

    def kwargs(self) -> dict[str, Any]:
        # Its slots are its fields: dataclasses.fields() costs a few microseconds a run.
        return {name: getattr(self, name) for name in _RunArgs.__slots__}


def _policy(fetch: object) -> FetchPolicy:
    if not isinstance(fetch, FetchPolicy):
        raise ConfigError(f"fetch must be a FetchPolicy, not {type(fetch).__name__}")
    return fetch


def _with_fetch(
    functions: Mapping[str, HostFunction] | None, fetch: FetchPolicy | None
) -> Mapping[str, HostFunction] | None:
    if fetch is None:
        return functions
    return {**(functions or {}), "fetch": Fetcher(_policy(fetch))}


def _check_clock(clock: float | None) -> None:
    """A fixed clock is a Unix time the guest's 64-bit nanosecond clocks can hold.

    Unchecked, ``inf``, ``nan`` or ``1e300`` failed inside the guest's first clock
    call, and the run ended ``crashed`` as if the sandbox had a bug.
    """
    if clock is None:
        return
    if isinstance(clock, bool) or not isinstance(clock, int | float):
        raise ConfigError(f"clock is a Unix time in seconds, not {type(clock).__name__}")
    if not 0 <= clock < _LATEST_CLOCK:
        raise ConfigError(f"clock must be a Unix time from 0 to {_LATEST_CLOCK:g}, not {clock!r}")


#: The latest fixed clock: its nanoseconds, and an hour of a run's own, fit in 64 bits.
_LATEST_CLOCK = (2**64 - 1) / 1e9 - 3600


def _inputs(inputs: Mapping[str, Any] | None) -> bytes | None:
    if not inputs:
        return None
    for name in inputs:
        if not isinstance(name, str) or not name.isidentifier() or name.startswith("__"):
            raise ConfigError(f"input names must be Python identifiers, not {name!r}")
    try:
        return encode(dict(inputs), ordered=True)
    except CodecError as exc:
        raise ConfigError(f"inputs: {exc}") from exc


def _files(files: Mapping[str, bytes | str] | None) -> dict[str, bytes]:
    out = {}
    for name, data in (files or {}).items():
        if not isinstance(name, str) or not name or name.startswith("/"):
            raise ConfigError(f"file names are relative paths inside /work, not {name!r}")
        out[name] = utf8(data, f"file {name!r}") if isinstance(data, str) else bytes(data)
    return out


def _mounts(mounts: Mapping[str, MountSource] | None) -> dict[str, Mapping[str, bytes]]:
    out: dict[str, Mapping[str, bytes]] = {}
    for point, source in (mounts or {}).items():
        try:
            point = normalise_mount_point(point)
            if isinstance(source, str | os.PathLike):
                out[point] = read_host_dir(source)
            else:
                out[point] = {k: bytes(v) for k, v in source.items()}
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
    return out


def _env(env: Mapping[str, str] | None) -> dict[str, str]:
    out = {}
    for key, value in (env or {}).items():
        if not key or "=" in key or "\x00" in key or "\x00" in str(value):
            raise ConfigError(f"invalid environment variable name {key!r}")
        out[key] = str(value)
    return out
