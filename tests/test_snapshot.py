"""The snapshot rewriter on small modules, and snapshot instances against real boots."""

from __future__ import annotations

import time

import pytest
import wasmtime

from wasmbox import Limits, Sandbox
from wasmbox.engine import get_runtime
from wasmbox.runner import RunRequest, _boot, _snapshot, boot, execute
from wasmbox.snapshot import PAGE, SnapshotError, build_snapshot, nonzero_runs

TINY = """(module
 (memory (export "memory") 1)
 (global $sp (mut i32) (i32.const 100))
 (global $other (mut i32) (i32.const 7))
 (export "__stack_pointer" (global $sp))
 (data (i32.const 16) "hello")
)"""


def instantiate(wasm: bytes) -> tuple[wasmtime.Store, wasmtime.Instance]:
    store = wasmtime.Store()
    return store, wasmtime.Instance(store, wasmtime.Module(store.engine, wasm), [])


def test_nonzero_runs_merge_short_gaps() -> None:
    image = b"\x00" * 10 + b"ab" + b"\x00" * 3 + b"c" + b"\x00" * 100 + b"z" + b"\x00" * 5
    assert nonzero_runs(image, gap=64) == [(10, b"ab\x00\x00\x00c"), (116, b"z")]
    assert nonzero_runs(b"\x00" * 100) == []


def test_snapshot_sets_memory_and_stack_pointer() -> None:
    wasm = wasmtime.wat2wasm(TINY)
    image = bytearray(2 * PAGE)
    image[16:21] = b"HELLO"
    image[PAGE + 5 : PAGE + 8] = b"\x01\x02\x03"
    store, instance = instantiate(build_snapshot(wasm, bytes(image), 4242))
    exports = instance.exports(store)
    memory, sp = exports["memory"], exports["__stack_pointer"]
    assert isinstance(memory, wasmtime.Memory) and isinstance(sp, wasmtime.Global)
    assert memory.data_len(store) == 2 * PAGE
    assert bytes(memory.read(store, 0, 2 * PAGE)) == bytes(image)
    assert sp.value(store) == 4242


def test_negative_and_large_stack_pointer_values_encode() -> None:
    wasm = wasmtime.wat2wasm(TINY)
    for value in (0, 63, 64, -1, 2**31 - 1, -(2**31)):
        store, instance = instantiate(build_snapshot(wasm, bytes(PAGE), value))
        sp = instance.exports(store)["__stack_pointer"]
        assert isinstance(sp, wasmtime.Global) and sp.value(store) == value


@pytest.mark.parametrize(
    ("wasm", "image", "match"),
    [
        (b"not wasm", bytes(PAGE), "WebAssembly"),
        (wasmtime.wat2wasm(TINY), b"\x00" * 100, "whole number of pages"),
        (
            wasmtime.wat2wasm(
                "(module (memory 1) (global (mut i32) (i32.const 0)) (func $f)"
                ' (export "f" (func $f)) (data (i32.const 0) "x"))'
            ),
            bytes(PAGE),
            "__stack_pointer",
        ),
    ],
    ids=["not wasm", "partial page", "no stack pointer export"],
)
def test_refuses_what_it_does_not_understand(wasm: bytes, image: bytes, match: str) -> None:
    with pytest.raises(SnapshotError, match=match):
        build_snapshot(wasm, image, 0)


PROGRAMS = [
    "print(sum(i * i for i in range(1000)))",
    "import sys\nsys.stdout.write('x' * 3000)",
    "d = {str(i): [i] * 5 for i in range(2000)}\nprint(len(d), d['1999'])",
    "class A:\n    def __repr__(self): return 'A!'\nprint([A() for _ in range(3)])",
    "import json\nprint(json.dumps({'a': [1, 2, {'b': None}]}))",
    "1/0",
    "import os\nopen('f', 'w').write('z')\nprint(os.listdir('.'))",
    "import random\nrandom.seed(3)\nprint(random.getrandbits(20))",
]


@pytest.mark.parametrize("code", PROGRAMS)
def test_snapshot_instances_behave_like_real_boots(code: str) -> None:
    runtime = get_runtime(fuel=True)
    limits = Limits()
    assert _snapshot(runtime, limits) is not None
    request = RunRequest(code, limits, {}, {}, b"", {}, None, None)
    from_snapshot = execute(runtime, request, boot(runtime, limits))
    from_boot = execute(runtime, request, _boot(runtime, limits, None))
    assert from_snapshot.status == from_boot.status
    assert (from_snapshot.stdout, from_snapshot.stderr) == (from_boot.stdout, from_boot.stderr)
    assert from_snapshot.files == from_boot.files


def test_runs_with_an_environment_boot_for_real() -> None:
    runtime = get_runtime(fuel=True)
    parked = boot(runtime, Limits(), {"K": "v"})
    assert parked.stack_pointer is not None  # only real boots keep it
    assert not parked.fits(Limits(), {"K": "v"})


def test_every_memory_limit_gets_its_own_snapshot() -> None:
    sandbox = Sandbox()
    for memory in (3 << 20, 5 << 20, 32 << 20):
        result = sandbox.run("b = bytearray(1 << 18)\nprint(len(b))", limits=Limits(memory=memory))
        assert result.stdout == "262144\n"
        assert result.memory_peak_bytes <= memory


def test_past_the_cap_new_memory_limits_boot_for_real(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each new heap size's snapshot is a compile of the interpreter (seconds of CPU the
    # first time on a machine): a caller cycling through memory limits must not get more.
    from wasmbox import runner

    runtime = get_runtime(fuel=True)
    Sandbox().run("pass")  # the default size has its snapshot
    made = sum(1 for made_for, _ in runner._snapshots if made_for == id(runtime))
    monkeypatch.setattr(runner, "_MAX_SNAPSHOTS", made)
    limits = Limits(memory=(9 << 20) + (3 << 16))  # a size no other test asks for
    key = (id(runtime), limits.heap_size)
    assert key not in runner._snapshots
    started = time.process_time()
    result = Sandbox().run("print(sum(range(10)))", limits=limits)
    assert result.ok and result.stdout == "45\n"
    assert key not in runner._snapshots  # booted for real, no compile
    assert time.process_time() - started < 1.0
