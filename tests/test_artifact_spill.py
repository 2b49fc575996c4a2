"""The spill rewrite: pointers stay visible to the collector, stored at assignment.

A small module is run through Binaryen's ``--spill-pointers`` and then through
:func:`wasmbox._artifact.spill.spill_at_assignment`. Its ``collect`` import
plays the collector: it reads every word of the shadow stack, as MicroPython's
GC does. At each call, every value the function still needs must be there;
C stack frames of the function's own must be left alone.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import wasmtime

from wasmbox import _artifact
from wasmbox._artifact.asyncify import FEATURE_FLAGS
from wasmbox._artifact.spill import SpillRewriteError, spill_at_assignment

_BIN = os.environ.get("WASMBOX_BINARYEN_BIN", "")
WASM_OPT = Path(_BIN) / "wasm-opt" if _BIN else None
needs_binaryen = pytest.mark.skipif(
    WASM_OPT is None or not WASM_OPT.exists(), reason="needs Binaryen (make test sets it up)"
)

TOP = 65536
SOURCE = f"""(module
 (type $t (func (param i32)))
 (import "env" "collect" (func $collect))
 (import "env" "use" (func $use (param i32)))
 (global $__stack_pointer (mut i32) (i32.const {TOP}))
 (memory $0 2)
 (tag $e (type $t) (param i32))
 (export "memory" (memory $0))
 (export "__stack_pointer" (global $__stack_pointer))
 (func $straight (export "straight") (param $0 i32) (param $1 i32) (result i32)
  (local $2 i32)
  (local.set $2 (i32.add (local.get $0) (i32.const 1000)))
  (call $collect)
  (local.set $2 (i32.add (local.get $2) (local.get $1)))
  (call $collect)
  (i32.add (local.get $2) (local.get $0))
 )
 (func $looping (export "looping") (param $0 i32) (result i32)
  (local $1 i32)
  (local $2 i32)
  (local.set $1 (i32.const 0))
  (loop $again
   (local.set $2 (i32.add (local.get $0) (i32.mul (local.get $1) (i32.const 16))))
   (call $collect)
   (call $use (local.get $2))
   (br_if $again (i32.lt_u (local.tee $1 (i32.add (local.get $1) (i32.const 1))) (i32.const 5)))
  )
  (local.get $1)
 )
 (func $teeing (export "teeing") (param $0 i32) (result i32)
  (local $1 i32)
  (call $use (local.tee $1 (i32.add (local.get $0) (i32.const 8))))
  (call $collect)
  (local.get $1)
 )
 (func $thrower (param $0 i32) (throw $e (local.get $0)))
 (func $catching (export "catching") (param $0 i32) (result i32)
  (local $1 i32)
  (try
   (do (call $thrower (i32.add (local.get $0) (i32.const 5))))
   (catch $e
    (local.set $1 (pop i32))
    (call $collect)
    (call $use (local.get $1))
   )
  )
  (local.get $1)
 )
 (func $c_frame (export "c_frame") (param $0 i32) (result i32)
  (local $1 i32)
  (global.set $__stack_pointer
   (local.tee $1 (i32.sub (global.get $__stack_pointer) (i32.const 16))))
  (i32.store offset=4 (local.get $1) (local.get $0))
  (i32.store offset=8 (local.get $1) (i32.const 77))
  (call $collect)
  (local.set $0 (i32.add (i32.load offset=4 (local.get $1)) (i32.load offset=8 (local.get $1))))
  (global.set $__stack_pointer (i32.add (local.get $1) (i32.const 16)))
  (local.get $0)
 )
 (func $c_frame_leaf (export "c_frame_leaf") (param $0 i32) (result i32)
  (local $1 i32)
  (global.set $__stack_pointer
   (local.tee $1 (i32.sub (global.get $__stack_pointer) (i32.const 16))))
  (i32.store offset=4 (local.get $1) (local.get $0))
  (local.set $0 (i32.load offset=4 (local.get $1)))
  (global.set $__stack_pointer (i32.add (local.get $1) (i32.const 16)))
  (local.get $0)
 )
)
"""


def wasm_opt(*args: str) -> None:
    subprocess.run([str(WASM_OPT), *args, *FEATURE_FLAGS], check=True, capture_output=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("spill")
    (tmp / "source.wat").write_text(SOURCE)
    wasm_opt(str(tmp / "source.wat"), "-S", "-o", str(tmp / "before.wat"))
    wasm_opt(str(tmp / "before.wat"), "--spill-pointers", "-S", "-o", str(tmp / "spilled.wat"))
    text, report = spill_at_assignment(
        (tmp / "spilled.wat").read_text(), (tmp / "before.wat").read_text()
    )
    assert (report.functions, report.kept) == (5, 0)
    assert report.added < report.removed
    (tmp / "moved.wat").write_text(text)
    out = {}
    for name in ("spilled", "moved"):
        for level in ("", "-O2"):
            path = tmp / f"{name}{level}.wasm"
            args = [str(tmp / f"{name}.wat"), *([level] if level else [])]
            wasm_opt(*args, "--translate-to-exnref", "-o", str(path))
            out[name + level] = path
    return out


class Collector:
    """Runs an export; at each ``collect``, the words between the stack pointer and the top."""

    def __init__(self, path: Path) -> None:
        config = wasmtime.Config()
        config.wasm_exceptions = True
        self.engine = wasmtime.Engine(config)
        self.module = wasmtime.Module.from_file(self.engine, str(path))
        self.seen: list[set[int]] = []
        self.used: list[int] = []

    def run(self, name: str, *args: int) -> object:
        self.seen.clear()
        self.used.clear()
        store = wasmtime.Store(self.engine)
        linker = wasmtime.Linker(self.engine)

        def collect(caller: wasmtime.Caller) -> None:
            memory, sp = caller.get("memory"), caller.get("__stack_pointer")
            assert isinstance(memory, wasmtime.Memory) and isinstance(sp, wasmtime.Global)
            low = sp.value(caller)
            assert isinstance(low, int)
            data = memory.read(caller, low, TOP)
            self.seen.append(
                {int.from_bytes(data[i : i + 4], "little") for i in range(0, len(data), 4)}
            )

        i32 = wasmtime.ValType.i32()
        linker.define_func("env", "collect", wasmtime.FuncType([], []), collect, access_caller=True)
        linker.define_func("env", "use", wasmtime.FuncType([i32], []), self.used.append)
        func = linker.instantiate(store, self.module).exports(store)[name]
        assert isinstance(func, wasmtime.Func)
        return func(store, *args)


VARIANTS = ["spilled", "spilled-O2", "moved", "moved-O2"]


@needs_binaryen
@pytest.mark.parametrize("variant", VARIANTS)
def test_live_values_are_on_the_shadow_stack_at_each_call(
    built: dict[str, Path], variant: str
) -> None:
    guest = Collector(built[variant])
    a, b = 0x40000, 0x50000
    assert guest.run("straight", a, b) == a + 1000 + b + a
    assert len(guest.seen) == 2
    assert {a, b, a + 1000} <= guest.seen[0]
    assert {a, a + 1000 + b} <= guest.seen[1]

    assert guest.run("looping", a) == 5
    assert guest.used == [a + 16 * i for i in range(5)]
    for i, words in enumerate(guest.seen):
        assert {a, a + 16 * i} <= words, i

    assert guest.run("teeing", a) == a + 8
    assert a + 8 in guest.seen[0]

    assert guest.run("catching", a) == a + 5
    assert guest.used == [a + 5]
    assert a + 5 in guest.seen[0]


@needs_binaryen
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_functions_own_stack_frame_is_left_alone(built: dict[str, Path], variant: str) -> None:
    """LLVM's prologue has the pass's shape; its stores are the program's, not spills."""
    guest = Collector(built[variant])
    assert guest.run("c_frame", 1234) == 1234 + 77
    assert {1234, 77} <= guest.seen[0]
    assert guest.run("c_frame_leaf", 99) == 99


@needs_binaryen
def test_stores_move_from_calls_to_assignments(built: dict[str, Path]) -> None:
    moved = built["moved"].with_suffix(".wat").read_text()
    looping = moved[moved.index("\n (func $looping") : moved.index("\n (func $teeing")]
    # One store per assignment ($1 twice, $2 once) and one for the parameter; none is
    # left before the calls, where the pass stored $0, $1 and $2, then $0 and $1.
    assert looping.count("i32.store") == 4
    spilled_looping = built["spilled"].with_suffix(".wat").read_text()
    spilled_looping = spilled_looping[
        spilled_looping.index("\n (func $looping") : spilled_looping.index("\n (func $teeing")
    ]
    assert spilled_looping.count("i32.store") == 5
    leaf = moved[moved.index("\n (func $c_frame_leaf") :]
    spilled = built["spilled"].with_suffix(".wat").read_text()
    assert leaf == spilled[spilled.index("\n (func $c_frame_leaf") :]


def test_text_without_a_pass_frame_is_refused() -> None:
    text = "(module\n (func $0 (param $0 i32)\n  (drop\n   (local.get $0)\n  )\n )\n)\n"
    with pytest.raises(SpillRewriteError, match="no function"):
        spill_at_assignment(text, text)


def test_the_built_artifact_was_rewritten() -> None:
    """Every function the pass framed in MicroPython was recognised and rewritten."""
    manifest = json.loads(_artifact.load().path.with_suffix(".json").read_text())
    report = manifest["spill_rewrite"]
    assert report["kept"] == 0
    assert report["functions"] > 500
    assert report["added"] < report["removed"]
