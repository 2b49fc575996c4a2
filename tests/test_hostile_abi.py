"""The host boundary under attack: wild arguments at the raw ABI, crafted bytecode,
random programs, and many runs in a row. Nothing may raise into the host, hang,
or leak; every run ends classified and the next one works."""

from __future__ import annotations

import os
import resource
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wasmbox import Limits, RunStatus, Sandbox
from wasmbox._wasm import RawCaller
from wasmbox.engine import get_runtime
from wasmbox.errors import EngineError
from wasmbox.runner import PARK_BYTES, _park_buffer, boot, close
from wasmbox.wasi import preview1

I32 = st.one_of(
    st.integers(-(2**31), 2**31 - 1),
    st.sampled_from([0, 1, -1, 4096, 65535, 65536, 2**31 - 1, -(2**31), 30 << 20]),
)
I64 = st.one_of(st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, -1, 2**63 - 1]))


@pytest.fixture(scope="module")
def parked():  # type: ignore[no-untyped-def]
    return boot(get_runtime(fuel=True), Limits(memory=4 << 20))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
@pytest.mark.parametrize("name", sorted(preview1._SIGNATURES))
def test_every_import_survives_wild_arguments(parked, name: str, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    params, results = preview1._SIGNATURES[name]
    args = [data.draw(I64 if p == "i64" else I32) for p in params]
    state = parked.state
    state.stop_reason = None
    call = preview1._boundary(name, bool(results))
    previous = preview1.swap(state)
    try:
        value = call(RawCaller.of_context(parked.store._context()), *args)
    finally:
        preview1.swap(previous)
    if results:
        assert isinstance(value, int) and 0 <= value < 100, (name, args, value)
    # A wild argument is an errno, never an internal error of the host.
    assert state.stop_reason in (None, "exit", "timeout", "output_limit"), (name, args)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(min_size=0, max_size=400))
def test_crafted_mpy_files_are_contained(data: bytes) -> None:
    sandbox = _sandbox()
    header = b"M\x06\x00\x1f"  # MicroPython .mpy magic, version 6
    result = sandbox.run("import evil", files={"evil.mpy": header + data}, limits=_FAST)
    assert result.status in (
        RunStatus.OK,
        RunStatus.ERROR,
        RunStatus.CRASHED,
        RunStatus.TIMEOUT,
        RunStatus.MEMORY_LIMIT,
        RunStatus.CPU_LIMIT,
    )
    assert result.error is None or result.error.summary


PROGRAM_ALPHABET = string.printable + "éλ😀\x00"


@settings(max_examples=150, deadline=None)
@given(code=st.text(alphabet=PROGRAM_ALPHABET, max_size=200))
def test_random_text_as_a_program(code: str) -> None:
    result = _sandbox().run(code, limits=_FAST)
    assert isinstance(result.status, RunStatus)
    if result.status is not RunStatus.OK:
        assert result.error is not None and result.error.summary


TOKENS = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "lambda",
    "yield",
    "def f():",
    "\n",
    "    ",
    "x",
    "1",
    "'s'",
    "*",
    "**",
    "=",
    "for i in range(9):",
    "while 1:",
    "try:",
    "except:",
    "import sys",
    "sys.exit(2)",
    "raise",
    "print(",
    "del",
    "global x",
    "@f",
    "async",
    ",",
]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.sampled_from(TOKENS), max_size=40))
def test_grammar_soup_programs(parts: list[str]) -> None:
    result = _sandbox().run(" ".join(parts), limits=_FAST)
    assert isinstance(result.status, RunStatus)
    assert result.status is RunStatus.OK or result.error is not None


def test_huge_host_call_arguments() -> None:
    code = "import host\ntry:\n    host.call('n' * 200000, 'p' * 2000000)\nexcept Exception as e:\n    print(type(e).__name__)"
    result = _sandbox().run(code)
    assert result.stdout == "RuntimeError\n"


def test_many_runs_leak_neither_memory_nor_descriptors() -> None:
    sandbox = _sandbox()
    hostile = [
        "while True: pass",
        "print('x' * 10**6)",
        "b = bytearray(1 << 30)",
        "1/0",
        "import os\nopen('f', 'w').write('y' * 100000)",
        "print(1)",
    ]
    for code in hostile * 5:
        sandbox.run(code, limits=Limits(wall_time=0.05, max_output=1000))
    fds = len(os.listdir("/proc/self/fd"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i in range(1500):
        sandbox.run(hostile[i % len(hostile)], limits=Limits(wall_time=0.05, max_output=1000))
    assert len(os.listdir("/proc/self/fd")) <= fds + 2
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
    assert grown_mib < 64, f"peak RSS grew by {grown_mib:.0f} MiB over 1500 runs"


_FAST = Limits(wall_time=0.2, memory=4 << 20, max_output=10_000)
_SANDBOX: list[Sandbox] = []


def _sandbox() -> Sandbox:
    if not _SANDBOX:
        _SANDBOX.append(Sandbox())
    return _SANDBOX[0]


def test_huge_iovecs_copy_only_what_fits(parked) -> None:  # type: ignore[no-untyped-def]
    """One fd_write naming the whole memory 64 times must not copy gigabytes."""
    import struct
    import time

    state = parked.state
    caller = RawCaller.of_context(parked.store._context())
    mem = state.view(caller)
    iovs = 4096
    for i in range(64):
        struct.pack_into("<II", mem, iovs + 8 * i, 0, len(mem))
    previous = preview1.swap(state)
    try:
        started = time.monotonic()
        errno = preview1._boundary("fd_write", True)(caller, 1, iovs, 64, 8192)
        elapsed = time.monotonic() - started
    finally:
        preview1.swap(previous)
    assert errno in (0, 29)  # success or EIO once the output cap is passed
    assert state.output.total <= state.output.limit
    assert elapsed < 0.5


@pytest.mark.parametrize(
    ("where", "vector"),
    [
        ("vector past the end", lambda size: (size - 4, 8)),
        ("vector ending at 2**32", lambda size: (2**32 - 4, 4)),
        ("list at the last bytes", None),
    ],
)
def test_a_single_wild_iovec_is_efault_and_writes_nothing(  # type: ignore[no-untyped-def]
    parked, where: str, vector: object
) -> None:
    """fd_write's one-vector path (every print) checks bounds as the general one does."""
    import struct
    import time

    state = parked.state
    caller = RawCaller.of_context(parked.store._context())
    mem = state.view(caller)
    if vector is None:
        iovs = len(mem) - 4  # the 8-byte iovec itself runs off the end
    else:
        iovs = 4096
        struct.pack_into("<II", mem, iovs, *vector(len(mem)))  # type: ignore[operator]
    before = state.output.total
    state.stop_reason = None
    state.deadline = time.monotonic() + 60  # the module's instance booted long ago
    previous = preview1.swap(state)
    try:
        errno = preview1._boundary("fd_write", True)(caller, 1, iovs, 1, 8192)
    finally:
        preview1.swap(previous)
    assert errno == 21, where  # EFAULT
    assert state.output.total == before


# -- the park buffer the bootstrap names with id(park) ------------------------------------------

_OBJ, _ITEMS = 1024, 8192


def _park_memory(**fields: int) -> memoryview:
    """Memory holding a bytearray object (``mp_obj_array_t``) at ``_OBJ``."""
    import struct

    words = {"type": 0x55BC, "typecode": 1, "len": PARK_BYTES, "items": _ITEMS} | fields
    mem = bytearray(3 * 65536)
    struct.pack_into("<IIII", mem, _OBJ, *words.values())
    return memoryview(mem)


def test_the_park_buffer_is_the_bytearrays_items() -> None:
    assert _park_buffer(_park_memory(), str(_OBJ).encode()) == _ITEMS


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        (b"", {}),
        (b"-1024", {}),
        (b"0", {}),
        (b"1026", {}),  # not an object address
        (b"0x400", {}),
        (b"9" * 11, {}),
        (str(3 * 65536 - 8).encode(), {}),  # the object runs past memory
        (str(_OBJ).encode(), {"typecode": ord("B")}),  # an array, not a bytearray
        (str(_OBJ).encode(), {"typecode": 1 | (16 << 8)}),  # room to grow: not bytearray(n)
        (str(_OBJ).encode(), {"len": PARK_BYTES - 1}),
        (str(_OBJ).encode(), {"items": 0}),
        (str(_OBJ).encode(), {"items": 3 * 65536 - PARK_BYTES + 8}),  # runs past memory
        (str(_OBJ).encode(), {"items": _ITEMS + 4}),
    ],
)
def test_a_wild_park_buffer_is_refused(payload: bytes, fields: dict[str, int]) -> None:
    with pytest.raises(EngineError, match="invalid park buffer"):
        _park_buffer(_park_memory(**fields), payload)


@pytest.mark.parametrize("env", [None, {"A": "1"}], ids=["snapshot", "real boot"])
def test_a_booted_instance_parks_in_its_bytearray(env: dict[str, str] | None) -> None:
    """The bootstrap's park buffer: the first words are Asyncify's header."""
    import struct

    parked = boot(get_runtime(fuel=True), Limits(memory=4 << 20), env)
    try:
        mem = parked.state.view(RawCaller.of_context(parked.store._context()))
        at = parked.channel.park_at
        assert at % 8 == 0 and 0 < at < len(mem) - PARK_BYTES
        current, end = struct.unpack_from("<II", mem, at)
        assert end == at + PARK_BYTES and at + 8 < current < end
    finally:
        close(parked)


# -- paths and pointers found by a review (session 18) ---------------------------------------


def _raw(parked):  # type: ignore[no-untyped-def]
    import time

    state = parked.state
    state.stop_reason = None
    state.deadline = time.monotonic() + 60  # the module's instance booted long ago
    return state, RawCaller.of_context(parked.store._context())


def test_a_path_longer_than_any_the_tree_takes_is_refused_before_it_is_copied(parked) -> None:  # type: ignore[no-untyped-def]
    # The whole length the guest named was copied and decoded first: a 100 MB path from
    # a CPython guest made the host allocate 4x that, in one call.
    import tracemalloc

    state, caller = _raw(parked)
    mem = state.view(caller)
    previous = preview1.swap(state)
    tracemalloc.start()
    try:
        errno = preview1._boundary("path_filestat_get", True)(
            caller, preview1.ROOT_FD, 0, 0, len(mem), 8192
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        preview1.swap(previous)
    assert errno == 37  # ENAMETOOLONG
    assert peak < 256 << 10


def test_path_open_with_a_wild_result_pointer_makes_no_file(parked) -> None:  # type: ignore[no-untyped-def]
    # It made (or truncated) the file and took a descriptor, then found it could not
    # say which: the guest was told the call failed, with its side effects done.
    state, caller = _raw(parked)
    mem = state.view(caller)
    name = b"work/made-anyway.txt"
    mem[4096 : 4096 + len(name)] = name
    fds_before = dict(state.fds)
    call = preview1._boundary
    previous = preview1.swap(state)
    try:
        errno = call("path_open", True)(
            caller, preview1.ROOT_FD, 0, 4096, len(name), 1, 0xFFFF, 0, 0, len(mem) - 2
        )
        seen = call("path_filestat_get", True)(caller, preview1.ROOT_FD, 0, 4096, len(name), 8192)
    finally:
        preview1.swap(previous)
    assert errno == 21  # EFAULT
    assert seen == 44  # ENOENT: nothing was made
    assert state.fds == fds_before


def test_rewriting_a_file_in_place_needs_no_room_in_a_full_workspace() -> None:
    # The room a write may use was the quota's free bytes, even for bytes written over
    # the file's own: with the workspace full, each call wrote one byte (200 KB: 0.8 s).
    size = 200_000
    result = Sandbox().run(
        f"f = open('a', 'r+b')\nn = f.write(b'Q' * {size})\nf.close()\n"
        "d = open('a', 'rb').read()\n(n, len(d), d[:2], d[-2:])",
        files={"a": b"x" * size},
        limits=Limits(max_files_bytes=size),
    )
    assert result.value == (size, size, b"QQ", b"QQ"), result.error
    assert result.duration_ms < 300
    # Past the end it is new data: the quota still holds.
    grown = Sandbox().run(
        "f = open('a', 'ab')\nf.write(b'more')\nf.close()",
        files={"a": b"x" * size},
        limits=Limits(max_files_bytes=size),
    )
    assert grown.status is RunStatus.ERROR and grown.error is not None


@pytest.mark.parametrize("clock", [float("inf"), float("nan"), 1e300, -5.0, "now", True])
def test_a_fixed_clock_the_guest_cannot_hold_is_the_callers_error(clock: object) -> None:
    # Unchecked, inf, nan and 1e300 ended the run 'crashed' (the sandbox's bug, it
    # said); -5 quietly became 1970.
    from wasmbox import ConfigError

    with pytest.raises(ConfigError):
        Sandbox().run("1", clock=clock)  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        Sandbox().session(clock=clock)  # type: ignore[arg-type]
    assert Sandbox().run("import time\ntime.time()", clock=1e9).value >= 1e9
