"""The build's try_table rewrite, on small synthetic modules run under wasmtime."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import wasmtime

from wasmbox._artifact import asyncify as A

_BIN = os.environ.get("WASMBOX_BINARYEN_BIN", "")
WASM_OPT = Path(_BIN) / "wasm-opt" if _BIN else None
needs_binaryen = pytest.mark.skipif(
    WASM_OPT is None or not WASM_OPT.exists(), reason="needs Binaryen (make test sets it up)"
)

HEAD = """(module
 (type $t (func (param i32)))
 (tag $e (type $t) (param i32))
 (func $thrower (param $0 i32) (throw $e (local.get $0)))
 (func $leaf (param $0 i32) (drop (local.get $0)))
"""


@pytest.fixture(scope="module")
def engine() -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_exceptions = True
    return wasmtime.Engine(config)


def roundtrip(engine: wasmtime.Engine, wat: str, tmp: Path) -> wasmtime.Module:
    (tmp / "t.wat").write_text(A.rewrite_try_table(wat))
    subprocess.run(
        [
            str(WASM_OPT),
            str(tmp / "t.wat"),
            "--translate-to-exnref",
            *A.FEATURE_FLAGS,
            "-o",
            str(tmp / "t.wasm"),
        ],
        check=True,
    )
    return wasmtime.Module.from_file(engine, str(tmp / "t.wasm"))


def run(engine: wasmtime.Engine, module: wasmtime.Module, name: str, *args: int) -> object:
    store = wasmtime.Store(engine)
    func = wasmtime.Instance(store, module, []).exports(store)[name]
    assert isinstance(func, wasmtime.Func)
    return func(store, *args)


@needs_binaryen
def test_catch_with_label_and_result(engine: wasmtime.Engine, tmp_path: Path) -> None:
    wat = (
        HEAD
        + """
 (func (export "a") (param $0 i32) (result i32)
  (block $h (result i32)
   (try_table $tt (result i32) (catch $e $h)
    (drop (br_if $tt (i32.const 7) (i32.eqz (local.get $0))))
    (call $thrower (i32.add (local.get $0) (i32.const 100)))
    (i32.const -1))))
)"""
    )
    module = roundtrip(engine, wat, tmp_path)
    assert run(engine, module, "a", 0) == 7
    assert run(engine, module, "a", 5) == 105


@needs_binaryen
def test_catch_all_ref_outside_a_handler_is_a_block(
    engine: wasmtime.Engine, tmp_path: Path
) -> None:
    wat = (
        HEAD
        + """
 (func (export "bb") (param $0 i32) (result i32)
  (block $h (result i32)
   (try_table (catch $e $h) (return (call $bfun (local.get $0))))
   (unreachable)))
 (func $bfun (param $0 i32) (result i32)
  (throw_ref
   (block $r (result exnref)
    (try_table (catch_all_ref $r) (call $thrower (local.get $0)))
    (return (i32.const 1)))))
)"""
    )
    assert run(engine, roundtrip(engine, wat, tmp_path), "bb", 42) == 42


@needs_binaryen
def test_nested_non_throwing_body_is_accepted(engine: wasmtime.Engine, tmp_path: Path) -> None:
    wat = (
        HEAD
        + """
 (func (export "d") (param $0 i32) (result i32)
  (throw_ref
   (block $r (result exnref)
    (drop (block $h (result i32)
     (try_table (catch $e $h)
      (try_table (catch_all_ref $r) (call $leaf (local.get $0)))
      (call $thrower (local.get $0)))
     (i32.const 0)))
    (return (i32.const 1)))))
)"""
    )
    assert run(engine, roundtrip(engine, wat, tmp_path), "d", 3) == 1


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            """ (func (export "c") (param $0 i32) (result i32)
  (throw_ref
   (block $r (result exnref)
    (drop (block $h (result i32)
     (try_table (catch $e $h)
      (try_table (catch_all_ref $r) (call $thrower (local.get $0))))
     (i32.const 0)))
    (return (i32.const 1)))))
)""",
            "may throw",
        ),
        (
            """ (func (param $0 i32) (result i32)
  (block $h (result i32 exnref) (try_table (catch_ref $e $h) (nop)) (unreachable)) (drop) (drop) (i32.const 0)))""",
            "catch_ref",
        ),
        (
            """ (func (param $0 i32)
  (throw_ref (block $r (result exnref) (try_table (catch_all_ref $r) (nop)) (br $r (ref.null exn))))))""",
            "used by something other",
        ),
        (
            """ (func (param $0 i32) (block $h (try_table (catch_all $h) (nop)) (try_table (catch $e 0) (nop)))))""",
            "numeric",
        ),
    ],
    ids=["throwing body nested in a handler", "catch_ref", "label reused", "numeric label"],
)
def test_unknown_shapes_fail_loudly(body: str, needle: str) -> None:
    with pytest.raises(A.AsyncifyBuildError, match=needle):
        A.rewrite_try_table(HEAD + body)


def test_stack_pointer_is_renamed_and_exported() -> None:
    wat = '(module\n (global $global$0 (mut i32) (i32.const 1024))\n (func $f (global.set $global$0 (i32.const 1)))\n (export "_start" (func $f))\n)'
    out = A.export_stack_pointer(A.rename_stack_pointer(wat))
    assert "$global$0" not in out
    assert '(export "__stack_pointer" (global $__stack_pointer))' in out
