"""One run: a fresh instance, the guest's program handed over, the outcome classified.

An instance is *booted* first (new Store, instantiate, MicroPython start-up,
the bootstrap up to its first ``host.call``), and *parked* there: Asyncify
unwinds the wasm stack into a buffer in the guest's own memory and ``_start``
returns, leaving no thread behind. Booting needs nothing from the run, so it
can happen ahead of time (:mod:`wasmbox.pool`). *Resuming* rewinds the stack;
the pending ``host.call`` returns the user's program, which runs once. Nothing
survives a run: the Store, the instance, its memory and its filesystem are
dropped at the end, and an instance is never resumed twice.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import logging
import re
import struct
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import wasmtime

from . import _wasm, scheduling
from ._artifact import cache_dir
from ._artifact.collect import GC_WANTED_EXPORT
from ._artifact.overlay import compile_overlay
from ._hoststack import call_with_stack
from .capabilities.codec import CodecError, decode
from .capabilities.fetch import Fetcher
from .capabilities.functions import Calls, HostFunction
from .engine import EPOCH_TICK, HOST_REPLY_CAP, Runtime, _ticker, get_runtime
from .errors import EngineError
from .guest import BOOTSTRAP, overlay_files
from .limits import Limits, exact_size
from .result import GuestError, RunResult, RunStatus
from .snapshot import SnapshotError, build_snapshot
from .wasi import preview1
from .wasi.clock import Clock, Entropy
from .wasi.fs import Dir, FileSystem, build_tree
from .wasi.stdio import Output

log = logging.getLogger("wasmbox")

__all__ = ["Parked", "RunRequest", "boot", "execute", "speculation", "speculative_runtime"]

_LINE = re.compile(r'File "main\.py", line (\d+)')
#: Size of the bootstrap's ``park`` bytearray that holds the unwound stack.
PARK_BYTES = 4096
#: The bootstrap's ``park`` bytearray, an ``mp_obj_array_t``: type, typecode
#: (8 bits) and free (24 bits), len, items.
_PARK_OBJECT = struct.Struct("<IIII")
#: The second word of a bytearray made with ``bytearray(n)``: typecode 1, nothing free.
_PARK_TYPECODE = 1
#: Fuel and wall time a boot may take; generous, a boot needs ~5M fuel and < 1 ms.
_BOOT_FUEL = 1_000_000_000
_BOOT_TICKS = int(5 / EPOCH_TICK)
#: Epoch increments no call outlives (years): for host work on an instance between runs.
_NO_DEADLINE = 1 << 40

_BOOT, _PARKED, _RUNNING, _DONE = 0, 1, 2, 3
#: The most of an error report that is kept (message and traceback).
_REPORT_MAX = 64 * 1024
_MESSAGE_MAX = 4096


@functools.cache
def _lib_files() -> dict[str, bytes]:
    return compile_overlay(overlay_files(), cache_dir())


@functools.cache
def _lib() -> tuple[dict[str, Dir], str]:
    """The read-only ``/lib`` overlay shared by every run, and its content hash.

    Built on first use: modules are precompiled to ``.mpy`` (cached on disk).
    The boot imports overlay modules, so a snapshot embeds them: it is keyed
    by their content as well as by the artifact.
    """
    files = _lib_files()
    sha = hashlib.sha256(
        b"".join(name.encode() + b"\0" + data for name, data in sorted(files.items()))
    ).hexdigest()
    return {"lib": build_tree(files)}, sha


def overlay_summary() -> str:
    """How the ``/lib`` overlay is served, e.g. ``31 modules as .mpy, 1 as source``."""
    names = [n for n in _lib_files() if n.endswith((".py", ".mpy"))]
    mpy = sum(n.endswith(".mpy") for n in names)
    return f"{mpy} modules as .mpy, {len(names) - mpy} as source"


@dataclass(frozen=True, slots=True)
class RunRequest:
    """Everything a run needs, already validated."""

    code: str
    limits: Limits
    files: Mapping[str, bytes]
    mounts: Mapping[str, Mapping[str, bytes]]
    stdin: bytes
    env: Mapping[str, str]
    seed: int | None
    clock: float | None
    #: ``time.monotonic()`` when the request arrived: work done on the host
    #: before the guest starts (the source rewrite) counts against the run.
    received: float | None = None
    #: Globals bound before the program runs, already encoded (see capabilities.codec).
    inputs: bytes | None = None
    #: The host functions the run may call, by name.
    functions: Mapping[str, HostFunction] = field(default_factory=dict)

    def message(self, session: bool = False) -> bytes:
        """The request as the guest reads it.

        A space (``!`` in a session), then the program; or, when the run has
        inputs or host functions, a JSON header line (the inputs are already
        compact JSON, without a raw newline, embedded as they are) and then
        the program. The plain form saves the guest a parse on every run.
        """
        code = self.code.encode("utf-8", "surrogatepass")
        if self.inputs is None and not self.functions:
            return (b"!" if session else b" ") + code
        web = sorted(n for n, fn in self.functions.items() if isinstance(fn, Fetcher))
        fields: dict[str, Any] = {"f": sorted(self.functions), "h": web}
        if session:
            fields["s"] = 1
        head = json.dumps(fields).encode()
        if self.inputs is not None:
            head = head[:-1] + b',"i":' + self.inputs + b"}"
        return head + b"\n" + code


class _Channel:
    """The bootstrap's side of ``host.call``: park, requests out, reports and host calls in.

    Every decision is the host's: which phase the instance is in, whether a
    report is accepted (it must come from the bootstrap's own stack depth) and which
    functions a call may reach. Guest code can call ``host.call`` itself, but
    it can only ask for what the run already grants.
    """

    __slots__ = (
        "calls",
        "chunks",
        "exports",
        "park_at",
        "pending",
        "phase",
        "report",
        "report_max",
        "session",
        "sp",
        "sp_global",
        "stop_rewind",
        "unwind",
    )

    def __init__(self) -> None:
        self.phase = _BOOT
        self.chunks: list[bytes] = []
        self.report: tuple[str, str] | None = None
        self.park_at = 0
        self.unwind: wasmtime.Func | None = None
        self.stop_rewind: wasmtime.Func | None = None
        #: A session's instance parks after each report; a one-shot one ends.
        self.session = False
        self.calls: Calls | None = None
        self.pending: list[bytes] = []
        self.report_max = _REPORT_MAX
        #: The guest's stack pointer, and its value when the bootstrap itself
        #: calls the host: user code always runs deeper (it runs inside the
        #: bootstrap's exec), so it can never make a call at this depth.
        self.sp_global: wasmtime.Global | None = None
        self.sp = -1
        self.exports: _Exports | None = None

    def start(self, request: bytes, calls: Calls | None, max_value: int) -> None:
        """Queue the next request; the guest picks it up when resumed."""
        # A report holds an error's traceback or the result value (with room to
        # spare, so that an oversized value is reported as such, not cut).
        self.report_max = _REPORT_MAX + max_value + 1
        # One byte of each reply says whether more follows.
        self.chunks = _chunks(request, HOST_REPLY_CAP - 1)
        self.calls = calls
        self.report = None
        self.pending = []

    def _from_bootstrap(self, caller: _wasm.RawCaller) -> bool:
        if self.sp_global is None and self.exports is not None:
            self.sp_global = _stack_pointer(self.exports)  # looked up when first needed
            self.exports = None
        if self.sp_global is None:
            return True  # no exported stack pointer: only the untransformed artifact, in tests
        sp = _wasm.global_i32(caller, self.sp_global)
        if self.phase == _BOOT:
            self.sp = sp
        return sp == self.sp

    def call(self, caller: _wasm.RawCaller, name: str, payload: bytes) -> bytes | None:
        if name in ("wasmbox.program", "wasmbox.done") and not self._from_bootstrap(caller):
            return b"."  # guest code imitating the bootstrap: nothing for it
        if name == "wasmbox.program":
            if self.phase == _BOOT:
                self.park_at = _park_buffer(preview1.current().view(caller), payload)
                return self._park(caller)
            if self.phase == _PARKED:
                # The rewound call: Asyncify has rebuilt the stack.
                assert self.stop_rewind is not None
                _wasm.call(caller, self.stop_rewind, short=True)
                self.phase = _RUNNING
            if not self.chunks:
                return b"."
            return (b"+" if len(self.chunks) > 1 else b".") + self.chunks.pop(0)
        if name == "wasmbox.done":
            # The report, and the question "what next?": in one call, from
            # the same place the bootstrap first asked for its program.
            if self.phase == _PARKED:  # the rewound call of a session's next request
                assert self.stop_rewind is not None
                _wasm.call(caller, self.stop_rewind, short=True)
                self.phase = _RUNNING
                return (b"+" if len(self.chunks) > 1 else b".") + self.chunks.pop(0)
            if self.phase == _RUNNING:
                kind = payload[:1].decode("ascii", "replace")
                self.report = (kind, payload[1 : self.report_max].decode("utf-8", "replace"))
                self.phase = _DONE
                if self.session:
                    return self._park(caller)
            return b"."  # nothing more: the interpreter ends
        if name.startswith("f:") and self.calls is not None and self.phase == _RUNNING:
            reply = self.calls.call(name[2:], payload)
            if self.calls.timed_out:
                preview1.current().stop(caller, "timeout")
                return None
            parts = _chunks(reply, HOST_REPLY_CAP - 1) or [b""]
            self.pending = parts[1:]
            return (b"+" if self.pending else b".") + parts[0]
        if name == "wasmbox.more" and self.pending:
            part = self.pending.pop(0)
            return (b"+" if self.pending else b".") + part
        return None

    def _park(self, caller: _wasm.RawCaller) -> bytes:
        """Unwind the stack into the bootstrap's ``park`` buffer (at ``park_at``)."""
        mem = preview1.current().view(caller)
        addr = self.park_at
        struct.pack_into("<II", mem, addr, addr + 8, addr + PARK_BYTES)
        assert self.unwind is not None
        _wasm.call(caller, self.unwind, addr)
        self.phase = _PARKED
        return b""


def _park_buffer(mem: memoryview, payload: bytes) -> int:
    """Where the bytes of the bootstrap's ``park`` buffer are, from ``id(park)``.

    Only the bootstrap runs before the first park, so the object is the
    bootstrap's bytearray; it is bounds-checked all the same, and later parks
    reuse the address.
    """
    obj = int(payload) if payload.isdigit() and len(payload) <= 10 else 0
    if obj <= 0 or obj % 4 or obj + _PARK_OBJECT.size > len(mem):
        raise EngineError("the bootstrap gave an invalid park buffer")
    typecode: int
    size: int
    items: int
    _type, typecode, size, items = _PARK_OBJECT.unpack_from(mem, obj)
    if (
        typecode != _PARK_TYPECODE
        or size != PARK_BYTES
        or items <= 0
        or items % 8
        or items + PARK_BYTES > len(mem)
    ):
        raise EngineError("the bootstrap gave an invalid park buffer")
    return items


def _chunks(data: bytes, size: int) -> list[bytes]:
    """Split UTF-8 at character boundaries so every chunk decodes on its own."""
    out = []
    while data:
        cut = min(size, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        out.append(data[:cut])
        data = data[cut:]
    return out


class Parked:
    """An instance booted ahead of time and parked at its first ``host.call``."""

    __slots__ = (
        "alive",
        "channel",
        "exports",
        "fuel",
        "heap_size",
        "memory",
        "rewind",
        "stack_pointer",
        "start",
        "state",
        "stop_unwind",
        "store",
        "unparked",
    )

    def __init__(
        self,
        store: wasmtime.Store,
        state: preview1.WasiState,
        channel: _Channel,
        start: wasmtime.Func,
        rewind: wasmtime.Func | None,
        *,
        memory: int,
        heap_size: int,
        fuel: bool,
    ) -> None:
        self.store = store
        self.state = state
        self.channel = channel
        self.start = start
        self.rewind = rewind
        self.memory = memory
        self.heap_size = heap_size
        self.fuel = fuel
        self.stop_unwind: wasmtime.Func | None = None
        #: A session's instance that parked again after its last call.
        self.alive = False
        #: Why a session's instance that finished its call could not park again, if so.
        self.unparked: str | None = None
        self.exports: _Exports | None = None
        #: The exported stack pointer, kept by real boots for making snapshots.
        self.stack_pointer: wasmtime.Global | None = None

    def fits(self, limits: Limits, env: Mapping[str, str]) -> bool:
        """Whether this instance was booted as a run with these settings needs."""
        return (
            not env
            and self.memory == limits.memory
            and self.heap_size == limits.heap_size
            and self.fuel == (limits.fuel is not None)
        )


def boot(runtime: Runtime, limits: Limits, env: Mapping[str, str] | None = None) -> Parked:
    """A fresh instance, parked and waiting with no thread for one program.

    The heap size and environment are read by MicroPython and wasi-libc at
    start-up, so they are fixed here; everything else is bound at resume.
    Without an environment the instance comes from the snapshot of a parked
    instance (a copy-on-write instantiation); otherwise it really boots.
    """
    if not env:
        snap = _snapshot_within_cap(runtime, limits)
        if snap is not None:
            return _instantiate_parked(runtime, limits, snap)
    return _boot(runtime, limits, env)


def _new_state(
    limits: Limits, env: Mapping[str, str] | None, channel: _Channel
) -> preview1.WasiState:
    return preview1.WasiState(
        args=["micropython", "-X", f"heapsize={limits.heap_size}", "-c", BOOTSTRAP],
        env=env or {},
        stdin=b"",
        fs=FileSystem(max_bytes=0, max_files=0, shared=_lib()[0]),
        output=Output(0),
        clock=Clock(),
        entropy=Entropy(),
        deadline=time.monotonic() + 5,
        wall_time=5,
        channel=channel,
    )


def _new_store(runtime: Runtime, limits: Limits) -> wasmtime.Store:
    store = wasmtime.Store(runtime.engine)
    store.set_limits(memory_size=limits.memory)
    if runtime.settings.fuel:
        store.set_fuel(_BOOT_FUEL)
    store.set_epoch_deadline(_BOOT_TICKS)
    return store


def _boot(runtime: Runtime, limits: Limits, env: Mapping[str, str] | None) -> Parked:
    """Boot MicroPython for real and park it at the bootstrap's first host call."""
    channel = _Channel()
    state = _new_state(limits, env, channel)
    store = _new_store(runtime, limits)
    previous = preview1.swap(state)
    try:
        instance = runtime.pre.instantiate(store)
        exports = _Exports(store, instance)
        memory, start = exports["memory"], exports["_start"]
        assert isinstance(memory, wasmtime.Memory) and isinstance(start, wasmtime.Func)
        state.attach(store, memory)
        rewind = _func(exports, "asyncify_start_rewind")
        if rewind is None:
            # A module without Asyncify (only the untransformed artifact, in
            # tests) cannot park: it starts from the beginning at resume.
            channel.phase = _RUNNING
        else:
            channel.unwind = _func(exports, "asyncify_start_unwind")
            channel.stop_rewind = _func(exports, "asyncify_stop_rewind")
            channel.sp_global = _stack_pointer(exports)
            stop_unwind = _func(exports, "asyncify_stop_unwind")
            assert stop_unwind is not None
            with _ticker.held():  # _BOOT_TICKS stops a boot that hangs
                _wasm.call(store, start)
            if channel.phase != _PARKED:
                raise EngineError(
                    f"the bootstrap did not reach its first host call: {state.output.stderr!r}"
                )
            _wasm.call(store, stop_unwind)
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        raise EngineError(f"booting MicroPython failed: {exc}") from exc
    finally:
        preview1.swap(previous)
    parked = Parked(
        store,
        state,
        channel,
        start,
        rewind,
        memory=limits.memory,
        heap_size=limits.heap_size,
        fuel=runtime.settings.fuel,
    )
    parked.stop_unwind = _func(exports, "asyncify_stop_unwind")
    parked.exports = exports
    try:
        sp = exports["__stack_pointer"]
        parked.stack_pointer = sp if isinstance(sp, wasmtime.Global) else None
    except KeyError:
        pass
    return parked


@dataclass(frozen=True, slots=True)
class _Snapshot:
    pre: wasmtime.InstancePre
    park_at: int
    sp: int


_snapshots: dict[tuple[int, int], _Snapshot | None] = {}
_snapshots_lock = threading.Lock()
#: At most this many heap sizes (memory limits) get a snapshot in a process. Making one
#: compiles the whole interpreter the first time on a machine (1.3-1.7 s of CPU, which no
#: run's budget pays for, and a module of 2-9 MB kept in memory and on disk): a caller
#: asking for ever new memory limits would have a worker compile for ever. Past the cap,
#: new sizes boot for real (about 20 ms a run), slower, never wrong.
_MAX_SNAPSHOTS = 16


def _snapshot(runtime: Runtime, limits: Limits) -> _Snapshot | None:
    """The snapshot module for this heap size, made (and cached on disk) on first use.

    Any failure leaves the engine booting for real: slower, never wrong.
    """
    key = (id(runtime), limits.heap_size)
    if key in _snapshots:
        return _snapshots[key]
    with _snapshots_lock:
        if key not in _snapshots:
            try:
                _snapshots[key] = _make_snapshot(runtime, limits)
            except (SnapshotError, EngineError, wasmtime.WasmtimeError, KeyError):
                _snapshots[key] = None
        return _snapshots[key]


def _snapshot_within_cap(runtime: Runtime, limits: Limits) -> _Snapshot | None:
    """:func:`_snapshot`, while fewer than :data:`_MAX_SNAPSHOTS` heap sizes have one
    on ``runtime``; else None (boot for real)."""
    key = (id(runtime), limits.heap_size)
    if key in _snapshots:
        return _snapshots[key]
    with _snapshots_lock:
        made = sum(1 for made_for, _ in _snapshots if made_for == id(runtime))
    if made >= _MAX_SNAPSHOTS:
        return None
    return _snapshot(runtime, limits)


def needs_snapshot(limits: Limits) -> bool:
    """Whether a run with ``limits`` would first make a snapshot of its heap size here.

    That is engine start-up, left out of the run's clock: about 0.1 s from
    the disk cache, 1.3-1.7 s of CPU a build when it is compiled. A service's
    worker says so before such a run, so that its watchdog waits for it.
    """
    runtime = get_runtime(fuel=limits.fuel is not None)
    first = speculative_runtime(runtime)
    return any(
        _would_make(made_for, limits) for made_for in (runtime, first) if made_for is not None
    )


def _would_make(runtime: Runtime, limits: Limits) -> bool:
    with _snapshots_lock:
        if (id(runtime), limits.heap_size) in _snapshots:
            return False
        return sum(1 for made_for, _ in _snapshots if made_for == id(runtime)) < _MAX_SNAPSHOTS


def _make_snapshot(runtime: Runtime, limits: Limits) -> _Snapshot:
    parked = _boot(runtime, limits, None)
    if parked.rewind is None or set(parked.state.fds) != {0, 1, 2, preview1.ROOT_FD}:
        raise SnapshotError("this instance cannot be snapshotted")
    store = parked.store

    def build() -> bytes:
        memory = parked.state.memory
        assert memory is not None
        assert parked.stack_pointer is not None
        stack_pointer = parked.stack_pointer.value(store)
        assert isinstance(stack_pointer, int)
        image = bytes(memory.read(store, 0, memory.data_len(store)))
        return build_snapshot(runtime.artifact.path.read_bytes(), image, stack_pointer)

    module = runtime.compile_cached(
        "snapshot", build, limits.heap_size, parked.channel.park_at, _lib()[1]
    )
    snap = _Snapshot(
        runtime.linker.instantiate_pre(module), parked.channel.park_at, parked.channel.sp
    )
    # Prove it before trusting it: a snapshot instance must run a program.
    probe = RunRequest("print(6 * 7)", limits, {}, {}, b"", {}, None, None)
    result = execute(runtime, probe, _instantiate_parked(runtime, limits, snap), startup=True)
    if result.stdout != "42\n":
        raise SnapshotError(f"the snapshot does not run correctly: {result}")
    return snap


def _instantiate_parked(runtime: Runtime, limits: Limits, snap: _Snapshot) -> Parked:
    """A parked instance from the snapshot: no guest code runs here."""
    channel = _Channel()
    channel.phase = _PARKED
    channel.park_at = snap.park_at
    channel.sp = snap.sp
    state = _new_state(limits, None, channel)
    store = _new_store(runtime, limits)
    instance = snap.pre.instantiate(store)
    exports = _Exports(store, instance)
    memory, start = exports["memory"], exports["_start"]
    assert isinstance(memory, wasmtime.Memory) and isinstance(start, wasmtime.Func)
    state.attach(store, memory)
    channel.stop_rewind = _func(exports, "asyncify_stop_rewind")
    channel.exports = exports
    parked = Parked(
        store,
        state,
        channel,
        start,
        _func(exports, "asyncify_start_rewind"),
        memory=limits.memory,
        heap_size=limits.heap_size,
        fuel=runtime.settings.fuel,
    )
    parked.exports = exports  # what only a session needs is looked up by serve()
    return parked


class _Exports:
    """Exports looked up one by one: wasmtime-py's mapping wraps them all eagerly."""

    def __init__(self, store: wasmtime.Store, instance: wasmtime.Instance) -> None:
        self.store, self.instance = store, instance

    def __getitem__(self, name: str) -> Any:
        item = _wasm.export(self.store, self.instance, name)
        if item is None:
            raise KeyError(name)
        return item


def _stack_pointer(exports: _Exports) -> wasmtime.Global | None:
    try:
        item = exports["__stack_pointer"]
    except KeyError:
        return None
    return item if isinstance(item, wasmtime.Global) else None


def _func(exports: _Exports, name: str) -> wasmtime.Func | None:
    try:
        item = exports[name]
    except KeyError:
        return None
    return item if isinstance(item, wasmtime.Func) else None


def execute(
    runtime: Runtime,
    request: RunRequest,
    parked: Parked | None = None,
    *,
    speculate: bool = True,
    startup: bool = False,
) -> RunResult:
    """Run ``request`` in ``parked`` (or a fresh instance) and classify how it ended.

    Most programs finish in well under a millisecond, and for those handing
    the GIL to another thread while the guest runs costs more than the run
    (two threads ran short programs at half the rate of one). So a run first
    goes *holding* the GIL, on a fuel slice of about two milliseconds. If it
    finishes, that is the result. If it uses up the slice or starts to sleep,
    that attempt is thrown away, with everything it did (a fresh instance,
    filesystem and output), and the program runs again from the start with
    the GIL released, so long runs on several threads execute in parallel.
    Without fuel accounting there is no slice, and every run releases the GIL.
    The guest runs on a thread with room for its native stack (see
    :mod:`wasmbox._hoststack`).

    Before all that, a run may go first to the build that never collects
    (:mod:`wasmbox._artifact.collect`); ``speculate=False`` keeps it on
    ``runtime`` (a sandbox with a pool of instances booted from it).

    ``startup``: the engine's own run (a snapshot's probe), which never gives
    way (see :mod:`wasmbox.scheduling`). A probe must never run twice either:
    a rerun boots, and would wait for ever for the lock its snapshot is being
    made under (session 13 made slices give way, and CI hung on exactly that).
    """
    return call_with_stack(lambda: _execute(runtime, request, parked, speculate, startup))


def _engine_ready(runtime: Runtime, limits: Limits, started: float) -> float:
    """``started``, moved past the making of this heap size's snapshot if it is made now.

    That is the engine's own start-up (seconds when the snapshot is compiled, once
    per machine and size), not the program's time: no run's budget pays for it.
    """
    if (id(runtime), limits.heap_size) in _snapshots:
        return started
    before = time.monotonic()
    _snapshot_within_cap(runtime, limits)
    return started + (time.monotonic() - before)


def _ticks_left(deadline: float) -> int:
    """Epoch increments that surely come before ``deadline``: at most one per ``EPOCH_TICK``.

    Ticks come late under load (never early), so only half the time left is
    counted in them; the rest is looked at again when they have come.
    """
    return int((deadline - time.monotonic()) / (2 * EPOCH_TICK))


class DeadlineWatch:
    """A run's wall-time deadline, kept to the tick rather than counted in ticks.

    Made before the run's first call into ``store``: the store's epoch deadline
    falls before the wall-time deadline, and from there :func:`_go_on` looks at
    the clock; near the end an alarm makes one increment fall on the deadline
    itself, so a busy loop stops there, not at the first tick after it. Entered
    around the calls (``with``): :func:`_go_on` finds the run on its thread.
    Both engines' runs use it.

    A run that has given way (:mod:`.scheduling`) holds only slow ticks (one
    every 50 ms): its alarm at the deadline stops it, and the ticker, with
    nothing else held, no longer wakes 500 times a second to ask whether it is
    time yet (it runs at full priority, the run does not: a service with long
    runs in flight spent 8% of a core on those ticks). Its next look is always
    the next increment, so where other runs of the process hold ticks, it is
    looked at on each of theirs.
    """

    __slots__ = (
        "_outer", "alarm", "cpu_started", "deadline", "engine", "held", "slow", "ticking"
    )  # fmt: skip

    def __init__(
        self,
        store: wasmtime.Store,
        deadline: float,
        *,
        cpu_started: float | None = None,
        ticking: bool = True,
    ) -> None:
        """``cpu_started``: the thread's CPU time when the run began (see :mod:`.scheduling`).

        Given when the run began before this watch (an earlier, discarded
        attempt); by default, now. ``ticking=False`` leaves the ticker thread
        alone, for calls that hold the GIL throughout (a fuel slice): the ticker
        needs the GIL to tick, so a slice never relied on it (its fuel bounds
        it, every host callback checks the deadline, and ``WasiState.stop``
        needs no tick), and waking it for one only had it wait for the GIL and
        take it from the next run.
        """
        self.engine = store.engine
        self.ticking = ticking
        self.held = self.slow = False  # whether it holds the ticker now, and how
        self.deadline = deadline
        self.alarm: Any = None
        self._outer: DeadlineWatch | None = None
        self.cpu_started = scheduling.run_started() if cpu_started is None else cpu_started
        _wasm.on_epoch_deadline(store)
        look = self.next_look(_ticks_left(deadline))
        store.set_epoch_deadline(1 if self.gave_way else look)

    def next_look(self, ticks: int) -> int:
        """Ticks until the run is looked at again: ``ticks``, or sooner if it may yield.

        Never for a slice: it holds the GIL, and a demoted thread must not (any
        other thread of the process would wait for it at idle priority). A slice
        gives way when it ends: at a host call (``_give_way_if_spent``), or when
        its fuel runs out (``_attempts``).
        """
        if not self.ticking:
            return max(1, ticks)
        until_yield = scheduling.ticks_until_yield(self.cpu_started)
        if until_yield is not None:
            ticks = min(ticks, until_yield)
        return max(1, ticks)

    @property
    def gave_way(self) -> bool:
        """Whether this run (one that ticks, not a slice) has given way: its alarm keeps it."""
        return self.ticking and scheduling.yielded()

    def alarm_only(self) -> None:
        """Hold slow ticks only; the increment of an alarm at the deadline stops the run.

        Slow ticks, not none: the deadline callback reads the clock, then wasmtime
        sets the next epoch deadline from the epoch as it is when the callback
        returns. An increment in between (the alarm, coming while some other
        increment had the callback look just before the deadline, and its thread,
        demoted, was preempted there) is swallowed. With no ticks held nothing
        else would come, and the run would go on for good; the next slow tick
        stops it.
        """
        if not self.slow:
            self.slow = True
            _ticker.hold(slow=True)
        if self.held:
            self.held = False
            _ticker.release()
        if self.alarm is None:
            self.alarm = _ticker.alarm(self.engine, self.deadline)

    def __enter__(self) -> DeadlineWatch:
        self._outer = getattr(_deadlines, "run", None)
        _deadlines.run = self
        if self.gave_way:
            self.alarm_only()
        elif self.ticking:
            self.held = True
            _ticker.hold()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.held:
            self.held = False
            _ticker.release()
        if self.slow:
            self.slow = False
            _ticker.release(slow=True)
        _deadlines.run = self._outer
        if self.alarm is not None:
            self.alarm.cancel()
            self.alarm = None


_deadlines = threading.local()


def _go_on() -> int:
    """At an epoch deadline: how many more increments the run on this thread may have.

    0 stops it: its wall time is up, or the host has asked it to stop
    (``WasiState.stop``, which moves the deadline to now). Otherwise the next
    look is after about half of the time left; in the last few ticks it is at
    every increment, and an alarm makes one fall on the deadline itself. Only a
    run that gets that far asks for an alarm: most end long before.
    """
    state = preview1.current()
    now = time.monotonic()
    if state.stop_reason is None and now < state.deadline:
        ticks = _ticks_left(state.deadline)
        run: DeadlineWatch | None = getattr(_deadlines, "run", None)
        if run is None:
            return max(1, ticks)
        # Near the end too a run may still be due to give way (a 10 ms busy loop
        # reaches 4 ms of CPU there): next_look demotes it then.
        look = run.next_look(max(1, ticks))
        if run.gave_way:  # just now, or earlier (then only others' ticks or the alarm came)
            run.alarm_only()
            return 1
        if ticks <= 1:
            if run.alarm is None:
                run.alarm = _ticker.alarm(run.engine, state.deadline)
            return 1
        return look
    if state.stop_reason is None:
        state.stop_reason = "timeout"
    state.host_stopped = True
    return 0


_wasm.deadline_policy(_go_on)


def _execute(
    runtime: Runtime, request: RunRequest, parked: Parked | None, speculate: bool, startup: bool
) -> RunResult:
    limits = request.limits
    started = request.received if request.received is not None else time.monotonic()
    if (parked is None or not parked.fits(limits, request.env)) and not request.env:
        started = _engine_ready(runtime, limits, started)  # booting uses the snapshot then
    # A discarded attempt counts towards yielding; the engine's own runs never yield.
    cpu_started = None if startup else scheduling.run_started()
    # A rerun would call host functions twice: runs that may call them are not sliced.
    fuel = _slice_fuel(cpu_started)
    sliced = runtime.settings.fuel and (limits.fuel or 0) > 2 * fuel and not request.functions
    slice_fuel = fuel if sliced else None
    # Not when a second attempt could be seen: host functions would be called twice, and
    # a run with an environment boots for real, twice.
    first = None
    if speculate and parked is None and not request.functions and not request.env:
        before = time.monotonic()
        first = speculative_runtime(runtime)
        started += time.monotonic() - before  # made now (the first time): engine start-up
    if first is not None:
        try:
            started = _engine_ready(first, limits, started)
            # Making that build, or its snapshot, is the engine's work, not the run's.
            cpu_started = None if startup else scheduling.run_started()
            result = _attempts(first, request, None, started, slice_fuel, cpu_started)
        except EngineError:  # it could not even boot this heap: the spilled build can
            result = _Again.SPILLED
        speculation.count(result)
        if isinstance(result, RunResult):
            return result
        if result in (_Again.COLLECT, _Again.SLEPT):
            # A program that sleeps would stop a slice there again. One that wanted
            # a collection collects at least once in the rerun, and a full collection
            # costs fuel in proportion to the heap: with the default 28 MiB heap it
            # alone takes more than a slice holds (`import gc; gc.collect()` ran out
            # of one), and a program that filled a small heap first (a 4 MiB memory
            # bomb) needs several. A slice would be thrown away (3 of that bomb's 8 ms);
            # going without the GIL from the start costs tens of microseconds.
            slice_fuel = None
    result = _attempts(runtime, request, parked, started, slice_fuel, cpu_started)
    if isinstance(result, _Again):  # only the speculative build's own runs (its probe)
        raise EngineError(f"a run on the speculative build must run again: {result.value}")
    return result


def _attempts(
    runtime: Runtime,
    request: RunRequest,
    parked: Parked | None,
    started: float,
    slice_fuel: int | None,
    cpu_started: float | None,
) -> RunResult | _Again:
    """A sliced attempt, then an unsliced one if the slice ran out (or the guest would sleep).

    No slice for a run that has already used its threshold (a rerun after the
    speculative build trapped): it gives way at once, and a demoted thread must
    not hold the GIL. Nor on a thread that gave way already (its slice ran out,
    whatever CPU that took; or an earlier run of a grade's gave way).
    """
    if slice_fuel is not None and not scheduling.spent(cpu_started) and not scheduling.yielded():
        result = _attempt(runtime, request, parked, started, slice_fuel, cpu_started=cpu_started)
        if result is _Again.SLICE:
            if slice_fuel < _SLICE_FUEL:  # the threshold's worth of fuel: it is long
                scheduling.give_way(cpu_started)
        elif result is not _Again.SLEEP:
            return result
        parked = None
    return _attempt(runtime, request, parked, started, None, cpu_started=cpu_started)


#: A slice spent in host calls ends at one once the run has used this many times the
#: threshold: an output flood (1.8 ms) still finishes in its slice, as it should (cut
#: at the threshold itself, it ran again and used 50% more CPU in all), while a guest
#: printing one character at a time gives way after 3.7 ms of CPU, not 7 (a 10M slice
#: holds 37 ms of such calls).
_HOST_CALLS_GRACE = 3


def _give_way_if_spent(
    state: preview1.WasiState, cpu_started: float, caller: _wasm.RawCaller
) -> None:
    """From a host call in a slice: give way if the run has used the threshold thrice.

    A slice holds the GIL and no tick looks at it, so only its fuel ends it, and
    a guest that spends its time in host calls burns little fuel. Its slice
    ends here instead, and it runs again from the start, demoted and without
    the GIL, like a slice that ran out (a demoted thread must not go on holding
    the GIL: any other thread of the process would wait for it).
    """
    after = scheduling.threshold()
    if after is not None and time.thread_time() - cpu_started >= _HOST_CALLS_GRACE * after:
        state.host_calls_check = None
        scheduling.give_way(cpu_started)
        state.stop(caller, "slice")


class _Again(enum.Enum):
    """Why an attempt was thrown away, to run the program again from the start."""

    SLICE = "its fuel slice ran out (run again unsliced, without the GIL)"
    SLEEP = "it would sleep holding the GIL (run again unsliced, without it)"
    SLEPT = "it would sleep on the speculative build (run again on the spilled one, unsliced)"
    COLLECT = "it wanted a collection (run again on the spilled build)"
    SPILLED = "it trapped (run again on the spilled build, whose result is the one that counts)"


class Speculation:
    """Whether runs go first to the build that never collects, and how those attempts ended.

    See :mod:`wasmbox._artifact.collect`. ``enabled`` switches it off for the
    whole process: every run then goes straight to the spilled build. It is
    also switched off, with a warning, when that build cannot be made.
    """

    def __init__(self) -> None:
        self.enabled = True
        self.finished = 0  # runs the speculative build finished
        self.collected = 0  # runs that wanted a collection and ran again
        self.trapped = 0  # runs that trapped otherwise (a native stack overflow) and ran again
        self.slept = 0  # runs that would sleep there, and ran on the spilled build instead
        self._lock = threading.Lock()

    def count(self, outcome: RunResult | _Again) -> None:
        with self._lock:
            if outcome is _Again.COLLECT:
                self.collected += 1
            elif outcome is _Again.SLEPT:
                self.slept += 1
            elif isinstance(outcome, _Again):
                self.trapped += 1
            else:
                self.finished += 1


speculation = Speculation()


def speculative_runtime(runtime: Runtime) -> Runtime | None:
    """The runtime of the build that never collects, for runs on ``runtime`` to go to first.

    None when runs on ``runtime`` never go there first (it is not the
    process-wide runtime of the spilled build, or speculation is off), and
    when the speculative build cannot be made: every run then uses the
    spilled one, slower, never wrong.
    """
    if not speculation.enabled or not runtime.speculate:
        return None
    try:
        return get_runtime(fuel=runtime.settings.fuel, speculative=True)
    except Exception as exc:
        speculation.enabled = False
        log.warning("runs go to the spilled build only: the speculative build failed: %r", exc)
        return None


def _gc_wanted(parked: Parked) -> bool:
    """Whether the speculative build trapped because it wanted a collection."""
    assert parked.exports is not None
    try:
        flag = parked.exports[GC_WANTED_EXPORT]
    except KeyError:
        return False
    return isinstance(flag, wasmtime.Global) and flag.value(parked.store) == 1


#: The first attempt's budget: about 2 ms of guest CPU on this kind of machine.
_SLICE_FUEL = 20_000_000
_OUT_OF_FUEL = wasmtime.TrapCode.OUT_OF_FUEL
#: Fuel per second of guest CPU, roughly (a busy loop on this kind of machine).
_FUEL_PER_SECOND = 10_000_000_000


def _slice_fuel(cpu_started: float | None) -> int:
    """The first attempt's fuel: :data:`_SLICE_FUEL`, or less where long runs give way.

    A slice cannot give way (it holds the GIL and no tick looks at it), so a
    run that outlasts it used all of it at full priority, then ran again from
    the start and gave way at once: with runs due to give way after 1 ms of
    CPU, a 2 ms slice was 2 ms of every busy loop and memory bomb taken from
    the short runs. So the slice is no longer than the threshold.
    """
    after = scheduling.threshold() if cpu_started is not None else None
    if after is None:
        return _SLICE_FUEL
    return max(1_000_000, int(min(float(_SLICE_FUEL), after * _FUEL_PER_SECOND)))


def _attempt(
    runtime: Runtime,
    request: RunRequest,
    parked: Parked | None,
    started: float,
    slice_fuel: int | None,
    resident: FileSystem | None = None,
    *,
    cpu_started: float | None = None,
) -> RunResult | _Again:
    """One attempt, or why it must be run again (:class:`_Again`).

    With ``resident`` (a session's filesystem), the instance parks again after
    its report instead of ending, and ``parked.alive`` says whether it did.
    """
    limits = request.limits
    if parked is None or not parked.fits(limits, request.env):
        before = time.thread_time() if cpu_started is not None else 0.0
        parked = boot(runtime, limits, request.env)
        if cpu_started is not None:  # booting is the engine's work, not the run's
            cpu_started += time.thread_time() - before
    store, state, channel = parked.store, parked.state, parked.channel
    state.bind(
        fs=resident or new_filesystem(request),
        stdin=request.stdin,
        output=Output(limits.max_output),
        clock=Clock(request.clock),
        deadline=started + limits.wall_time,
        wall_time=limits.wall_time,
    )
    sliced = slice_fuel is not None
    state.no_sleep = "speculative" if runtime.settings.speculative else "slice" if sliced else None
    channel.session = resident is not None
    calls = (
        Calls(
            request.functions,
            max_calls=limits.max_calls,
            max_value=limits.max_value,
            deadline=started + limits.wall_time,
        )
        if request.functions
        else None
    )
    channel.start(request.message(resident is not None), calls, limits.max_value)
    budget = slice_fuel if sliced else limits.fuel
    if runtime.settings.fuel:
        store.set_fuel(budget or 0)
    # A fuel slice keeps the GIL from start to end (its calls are "short"), so the
    # ticker, which needs the GIL, is left parked: the slice's fuel, the deadline
    # checks of the host callbacks and WasiState.stop bound it, as they always did.
    watch = DeadlineWatch(store, state.deadline, cpu_started=cpu_started, ticking=not sliced)
    if sliced and cpu_started is not None and not scheduling.yielded():
        # No tick looks at a slice: a guest that spends it in host calls (printing a
        # character at a time) would use the whole slice in them without giving way.
        state.host_calls_check = functools.partial(_give_way_if_spent, state, cpu_started)
    trap: wasmtime.Trap | wasmtime.WasmtimeError | None = None
    previous = preview1.swap(state)
    try:
        with watch:
            if parked.rewind is not None:
                _wasm.call(store, parked.rewind, channel.park_at, short=True)
            _wasm.call(store, parked.start, short=sliced)
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        trap = exc
    finally:
        preview1.swap(previous)
        state.host_calls_check = None  # it refers to the state: no cycle left behind
    # The run's time ends here: dropping its instance is the host's work, not the run's
    # (on this project's test VM, a store idle for half a second took 8 ms to drop).
    ended = time.monotonic()
    memory_peak = state.memory.data_len(store) if state.memory is not None else 0
    fuel_used = None
    interrupted = state.host_stopped or (
        isinstance(trap, wasmtime.Trap) and trap.trap_code == wasmtime.TrapCode.INTERRUPT
    )
    # Compiled code keeps its fuel count in a register and writes it back only
    # at calls and returns: a run stopped by the epoch deadline loses whatever
    # the interrupted function had counted, so its figure would be far too low.
    if runtime.settings.fuel and budget and not interrupted:
        fuel_used = budget - store.get_fuel()
    # On the speculative build a trap is never the answer: the spilled build's is
    # (a collection wanted, or a native stack overflow where the spilled build's
    # bigger frames reach MicroPython's own recursion limit first). Running out of
    # time or fuel ends a run alike on both.
    again = (
        (_Again.COLLECT if _gc_wanted(parked) else _Again.SPILLED)
        if runtime.settings.speculative
        and isinstance(trap, wasmtime.Trap)
        and not interrupted
        and trap.trap_code != _OUT_OF_FUEL
        else None
    )
    parked.alive = (
        resident is not None
        and trap is None
        and channel.phase == _PARKED
        and channel.report is not None
        and channel.report[0] != "x"  # sys.exit() ends a session
        and parked.stop_unwind is not None
    )
    if parked.alive:
        assert parked.stop_unwind is not None
        # The run's watch and WASI state are gone, and its epoch deadline may be the
        # next increment (a run due to give way is looked at every tick): a tick landing
        # now had the deadline policy find no run and stop this call, and the session's
        # caller got a WasmtimeError (a 500 from the service). Ending the unwind is the
        # host's work, under no deadline; the next call sets its own.
        # Likewise fuel: the run's is counted already, and may be all but spent.
        store.set_epoch_deadline(_NO_DEADLINE)
        if runtime.settings.fuel:
            store.set_fuel(_BOOT_FUEL)
        try:
            _wasm.call(store, parked.stop_unwind)
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:  # not expected: said, not raised
            parked.alive = False
            parked.unparked = f"its instance could not park again ({exc})"[:300]
            log.warning(
                "a session's instance could not park",
                extra={"event": "park_failed", "error": str(exc)[:300]},
            )
    if not parked.alive:
        close(parked)
    if again is not None:
        return again
    if state.stop_reason == "speculative":
        return _Again.SLEPT
    if sliced and state.stop_reason == "slice":
        return _Again.SLEEP
    if sliced and isinstance(trap, wasmtime.Trap) and trap.trap_code == _OUT_OF_FUEL:
        return _Again.SLICE
    return _classify(
        state,
        channel,
        trap,
        limits,
        duration_ms=(ended - started) * 1000,
        fuel_used=fuel_used,
        memory_peak=memory_peak,
    )


def new_filesystem(request: RunRequest) -> FileSystem:
    """The virtual filesystem a request starts with."""
    limits = request.limits
    return FileSystem(
        files=request.files,
        mounts=request.mounts,
        entropy=Entropy(request.seed).read,
        max_bytes=limits.max_files_bytes,
        max_files=limits.max_files,
        shared=_lib()[0],
    )


def close(parked: Parked) -> None:
    """Free an instance (its store and memory view); it cannot run again."""
    if parked.store is None:
        return
    parked.state.release()
    store = parked.store
    parked.store = None  # type: ignore[assignment]
    parked.alive = False
    store.close()


def serve(runtime: Runtime, parked: Parked, request: RunRequest, fs: FileSystem) -> RunResult:
    """Run one call of a session in its resident instance (``parked.alive`` after)."""
    started = request.received if request.received is not None else time.monotonic()
    if parked.exports is not None and parked.stop_unwind is None:
        parked.stop_unwind = _func(parked.exports, "asyncify_stop_unwind")
        parked.channel.unwind = _func(parked.exports, "asyncify_start_unwind")
    result = call_with_stack(lambda: _attempt(runtime, request, parked, started, None, fs))
    assert isinstance(result, RunResult)
    return result


def _classify(
    state: preview1.WasiState,
    channel: _Channel,
    trap: BaseException | None,
    limits: Limits,
    *,
    duration_ms: float,
    fuel_used: int | None,
    memory_peak: int,
) -> RunResult:
    output = state.output
    common = {
        "stdout": output.stdout.decode("utf-8", "replace"),
        "stderr": output.stderr.decode("utf-8", "replace"),
        "files": state.fs.workspace_files(),
        "duration_ms": duration_ms,
        "fuel_used": fuel_used,
        "memory_peak_bytes": memory_peak,
        "truncated": output.truncated,
        "calls": tuple(channel.calls.records) if channel.calls is not None else (),
    }

    def host_stop(status: RunStatus, kind: str, summary: str) -> RunResult:
        error = GuestError(type=kind, message=summary, summary=summary)
        return RunResult(status=status, error=error, exit_code=None, **common)  # type: ignore[arg-type]

    reason = state.stop_reason
    code = trap.trap_code if isinstance(trap, wasmtime.Trap) else None
    if reason == "output_limit":
        return host_stop(
            RunStatus.OUTPUT_LIMIT,
            "OutputLimitExceeded",
            f"Output limit exceeded: the code wrote more than {exact_size(limits.max_output)} "
            "to stdout and stderr; the first bytes are kept.",
        )
    if reason == "timeout" or (reason is None and code == wasmtime.TrapCode.INTERRUPT):
        return host_stop(
            RunStatus.TIMEOUT,
            "Timeout",
            f"Time limit exceeded: the code ran for more than {limits.wall_time:g} s.",
        )
    if code == _OUT_OF_FUEL:
        return host_stop(
            RunStatus.CPU_LIMIT,
            "CpuLimitExceeded",
            f"CPU limit exceeded: the code used all of its {limits.fuel:,} units of fuel.",
        )
    if reason == "host_error":
        return host_stop(
            RunStatus.CRASHED,
            "InternalError",
            "The sandbox hit an internal error while serving the code; the run was stopped.",
        )
    exited = state.stop_reason == "exit"
    # A report describes how the program ended only if the interpreter then
    # ended cleanly (or parked, in a session): after a trap it may be stale.
    report = channel.report if trap is None or exited else None
    if report is not None and report[0] == "e":
        kind, message, traceback = _parse_error(report[1])
        lines = _LINE.findall(traceback)
        line = int(lines[-1]) if lines else None
        where = f" (line {line})" if line else ""
        if kind == "MemoryError":
            summary = (
                f"Memory limit exceeded{where}: the code needed more than the "
                f"{exact_size(limits.memory)} it may use."
            )
            status = RunStatus.MEMORY_LIMIT
        else:
            summary = f"{kind}{where}: {message}" if message else f"{kind}{where}"
            status = RunStatus.ERROR
        error = GuestError(kind, message, summary, line, traceback)
        return RunResult(status=status, error=error, exit_code=1, **common)  # type: ignore[arg-type]
    if report is not None and report[0] == "x":
        text = report[1].strip()
        exit_code = int(text) if len(text) <= 10 and text.lstrip("-").isdigit() else 1
        if exit_code == 0:
            return RunResult(status=RunStatus.OK, exit_code=0, **common)  # type: ignore[arg-type]
        summary = f"The code exited with status {exit_code}."
        error = GuestError("SystemExit", str(exit_code), summary)
        return RunResult(status=RunStatus.ERROR, error=error, exit_code=exit_code, **common)  # type: ignore[arg-type]
    if report is not None and report[0] == "o":
        try:
            value = decode(report[1], limits.max_value) if report[1] else None
        except CodecError as exc:
            summary = f"ValueError: the value of the last expression: {exc}"
            error = GuestError("ValueError", str(exc), summary)
            return RunResult(status=RunStatus.ERROR, error=error, exit_code=1, **common)  # type: ignore[arg-type]
        return RunResult(status=RunStatus.OK, exit_code=0, value=value, **common)  # type: ignore[arg-type]
    if report is None and (trap is None or exited) and not state.exit_code:
        # _start returned (or exited 0): the bootstrap finished the program.
        return RunResult(status=RunStatus.OK, exit_code=0, **common)  # type: ignore[arg-type]
    if exited and state.exit_code:
        summary = f"The interpreter exited with status {state.exit_code}."
        error = GuestError("SystemExit", str(state.exit_code), summary)
        return RunResult(status=RunStatus.ERROR, error=error, exit_code=state.exit_code, **common)  # type: ignore[arg-type]
    if state.memory is not None and memory_peak >= limits.memory - 65536:
        return host_stop(
            RunStatus.MEMORY_LIMIT,
            "MemoryError",
            f"Memory limit exceeded: the code needed more than the {exact_size(limits.memory)} "
            "it may use.",
        )
    if code == wasmtime.TrapCode.STACK_OVERFLOW:
        return host_stop(
            RunStatus.CRASHED,
            "StackOverflow",
            "The code crashed: it overflowed the native stack (too deep recursion).",
        )
    detail = (
        _TRAPS.get(code, "it stopped unexpectedly")
        if code is not None
        else ("the interpreter exited without reporting how the program ended")
    )
    return host_stop(
        RunStatus.CRASHED,
        "Crash",
        f"The code crashed the interpreter: {detail}. The host is unaffected.",
    )


_TRAPS = {
    wasmtime.TrapCode.MEMORY_OUT_OF_BOUNDS: (
        "out-of-bounds memory access inside the sandbox, typically too deep "
        "recursion inside a built-in such as re"
    ),
    wasmtime.TrapCode.UNREACHABLE: "the interpreter hit a fatal internal error",
    wasmtime.TrapCode.INTEGER_DIVISION_BY_ZERO: "integer division by zero inside the interpreter",
    wasmtime.TrapCode.INDIRECT_CALL_TO_NULL: "a call through a null function pointer",
    wasmtime.TrapCode.BAD_SIGNATURE: "a call through a mistyped function pointer",
}


def _parse_error(payload: str) -> tuple[str, str, str]:
    """Split the bootstrap's ``len:type len:message traceback`` report."""
    parts = []
    rest = payload
    for _ in range(2):
        size, sep, rest = rest.partition(":")
        if not sep or not size.isdigit():
            return "Error", payload[:1000], ""
        parts.append(rest[: int(size)])
        rest = rest[int(size) :]
    return parts[0][:200], parts[1][:_MESSAGE_MAX], rest[:_REPORT_MAX]
