"""The fast paths over wasmtime's C API."""

from __future__ import annotations

import pytest
import wasmtime

from wasmbox import _wasm

WAT = """(module
 (import "host" "add" (func $add (param i32 i64) (result i32)))
 (import "host" "boom" (func $boom (param i32) (result i32)))
 (memory (export "memory") 1)
 (global $g (mut i32) (i32.const 0))
 (func (export "run") (param $x i32)
   (global.set $g (call $add (local.get $x) (i64.const -5))))
 (func (export "explode") (param $x i32) (global.set $g (call $boom (local.get $x))))
 (func (export "trap") unreachable)
 (export "g" (global $g))
)"""


@pytest.fixture
def setup():  # type: ignore[no-untyped-def]
    engine = wasmtime.Engine()
    linker = wasmtime.Linker(engine)
    seen: list[tuple[int, int]] = []

    def add(caller: _wasm.RawCaller, a: int, b: int) -> int:
        assert caller._context() is not None
        seen.append((a, b))
        return a + b

    def boom(caller: _wasm.RawCaller, a: int) -> int:
        raise KeyboardInterrupt  # must never cross into wasm

    _wasm.define_raw(linker, "host", "add", ["i32", "i64"], ["i32"], add)
    _wasm.define_raw(linker, "host", "boom", ["i32"], ["i32"], boom)
    module = wasmtime.Module(engine, wasmtime.wat2wasm(WAT))
    store = wasmtime.Store(engine)
    instance = linker.instantiate(store, module)
    return store, instance, module, seen


def test_raw_host_function_gets_ints_and_returns(setup) -> None:  # type: ignore[no-untyped-def]
    store, instance, _module, seen = setup
    _wasm.call(store, _wasm.export(store, instance, "run"), -3)
    assert seen == [(-3, -5)]
    assert _wasm.export(store, instance, "g").value(store) == -8


def test_exceptions_in_host_functions_do_not_escape(setup) -> None:  # type: ignore[no-untyped-def]
    store, instance, _module, _seen = setup
    _wasm.call(store, _wasm.export(store, instance, "explode"), 1)
    assert _wasm.export(store, instance, "g").value(store) == -1


def test_traps_raise(setup) -> None:  # type: ignore[no-untyped-def]
    store, instance, _module, _seen = setup
    with pytest.raises(wasmtime.Trap):
        _wasm.call(store, _wasm.export(store, instance, "trap"))


def test_missing_export_is_none(setup) -> None:  # type: ignore[no-untyped-def]
    store, instance, _module, _seen = setup
    assert _wasm.export(store, instance, "nope") is None


def test_signature_check(setup) -> None:  # type: ignore[no-untyped-def]
    _store, _instance, module, _seen = setup
    _wasm.check_signature(module, "run", 1)
    with pytest.raises(wasmtime.WasmtimeError):
        _wasm.check_signature(module, "run", 0)


def test_holding_the_gil_is_idempotent() -> None:
    _wasm.hold_gil_for_short_calls()
    _wasm.hold_gil_for_short_calls()
    store = wasmtime.Store()
    store.set_epoch_deadline(1)


def test_a_function_without_arguments_and_its_callers_context() -> None:
    # The caller's context is looked up on first use, once, and is the store's own.
    import ctypes

    engine = wasmtime.Engine()
    linker = wasmtime.Linker(engine)
    contexts: list[int | None] = []

    def seven(caller: _wasm.RawCaller) -> int:
        first = caller._context()
        assert caller._context() is first
        contexts.append(ctypes.cast(first, ctypes.c_void_p).value)
        return 7

    _wasm.define_raw(linker, "host", "seven", [], ["i32"], seven)
    wat = """(module (import "host" "seven" (func $s (result i32)))
      (global $g (mut i32) (i32.const 0)) (export "g" (global $g))
      (func (export "run") (global.set $g (call $s))))"""
    store = wasmtime.Store(engine)
    instance = linker.instantiate(store, wasmtime.Module(engine, wasmtime.wat2wasm(wat)))
    _wasm.call(store, _wasm.export(store, instance, "run"))
    assert _wasm.export(store, instance, "g").value(store) == 7
    assert contexts == [ctypes.cast(store._context(), ctypes.c_void_p).value]
