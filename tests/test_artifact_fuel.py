"""The build's fuel mend (``_artifact/fuel.py``): the host hears of every throw and catch."""

from __future__ import annotations

import re

import pytest
import wasmtime

from wasmbox import Limits, RunStatus, Sandbox
from wasmbox._artifact import load
from wasmbox._artifact.asyncify import rename_stack_pointer, rewrite_try_table
from wasmbox._artifact.fixes import FixError, restore_locals_after_class_body
from wasmbox._artifact.fuel import FUEL_IMPORTS, count_fuel_across_throws
from wasmbox.runner import speculation


@pytest.fixture(scope="module")
def legacy(shipped_wat: str) -> str:
    """The shipped text as the transform gets it: legacy EH, the class-body handler added."""
    return restore_locals_after_class_body(rewrite_try_table(rename_stack_pointer(shipped_wat)))


def test_the_first_throw_of_an_exception_notes_the_fuel(legacy: str) -> None:
    mended = count_fuel_across_throws(legacy)
    assert len(re.findall(r"\(throw ", mended)) == 1
    assert re.search(
        r"\(throw \$tag\$0 \(if \(result i32\) \(global\.get \$wasmbox_fuel_pending\)"
        r" \(then (.+?)\) \(else \(global\.set \$wasmbox_fuel_pending \(i32\.const 1\)\)"
        r" \(call \$wasmbox_fuel_note \1\)\)\)\)",
        mended,
    )
    assert "(global $wasmbox_fuel_pending (mut i32) (i32.const 0))" in mended


def test_the_frame_that_keeps_the_exception_restores_it(legacy: str) -> None:
    catches = len(re.findall(r"\(catch \$", legacy))
    assert catches >= 9  # every setjmp in MicroPython's interpreter (nlr_push)
    mended = count_fuel_across_throws(legacy)
    # The handlers are as they were; __wasm_setjmp_test, which each asks first, is wrapped.
    assert len(re.findall(r"\(catch \$", mended)) == catches
    wrapper = re.search(
        r"\n \(func (\$\S+) \(param \$0 i32\) \(param \$1 i32\) \(result i32\)\n"
        r"  \(call \$wasmbox_fuel_kept \(call \$wasmbox_setjmp_test_inner ",
        mended,
    )
    assert wrapper is not None
    assert len(re.findall(rf"\(call {re.escape(wrapper.group(1))}\s", mended)) == catches
    kept = mended[mended.index(" (func $wasmbox_fuel_kept ") :]
    kept = kept[: kept.index("\n (func ")]
    # Only when one is in flight and the jump is this frame's; the label passes through.
    assert "(i32.and (global.get $wasmbox_fuel_pending) (i32.ne (local.get $0)" in kept
    assert "(call $wasmbox_fuel_restore (local.get $0))" in kept


def test_the_two_imports_come_after_the_others(legacy: str) -> None:
    mended = count_fuel_across_throws(legacy)
    imports = re.findall(r'^ \(import "([^"]+)" "([^"]+)"', mended, re.M)
    assert tuple(imports[-2:]) == FUEL_IMPORTS
    assert imports[:-2] == re.findall(r'^ \(import "([^"]+)" "([^"]+)"', legacy, re.M)


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        # A second throw would go unnoted.
        (lambda w: w.replace(" (func ", " (func $extra (throw $tag$0 (i32.const 0)))\n (func ", 1),
         "one throw"),
        # A catch that drops the payload instead of branching with it.
        (lambda w: w.replace("(br $block (pop i32))", "(drop (pop i32))", 1), "catch"),
        # A catch_all that goes on instead of rethrowing.
        (lambda w: w.replace("(catch $tag$0 (br $block (pop i32)))", "(catch_all (br $block))", 1),
         "handler"),
        # A catch_all that keeps the exception (the class-body handler's, without rethrow).
        (lambda w: w.replace("(rethrow $wasmbox_class_body)", "(nop)", 1), "rethrow"),
        # __wasm_setjmp_test of another shape: which frame keeps an exception is unknown.
        (lambda w: w.replace("(i32.const 0)\n     (i32.eq\n      (i32.load\n       (local.get $0)",
                             "(i32.const 1)\n     (i32.eq\n      (i32.load\n       (local.get $0)", 1),
         "__wasm_setjmp_test"),
    ],
)  # fmt: skip
def test_a_shape_it_does_not_know_fails_the_build(legacy: str, edit: object, says: str) -> None:
    assert callable(edit)
    changed = edit(legacy)
    assert changed != legacy
    with pytest.raises(FixError, match=says):
        count_fuel_across_throws(changed)


def test_the_built_artifact_imports_them() -> None:
    for speculative in (False, True):
        module = wasmtime.Module.from_file(_engine(), str(load(speculative=speculative).path))
        imports = [(i.module, i.name) for i in module.imports]
        assert tuple(imports[-2:]) == FUEL_IMPORTS


def _engine() -> wasmtime.Engine:
    config = wasmtime.Config()
    config.wasm_exceptions = True
    return wasmtime.Engine(config)


#: Work in a function that raises when done, caught by its caller: {rounds} rounds.
ROUNDS = (
    "class E(Exception): pass\n"
    "def work():\n"
    "    s = 0\n"
    "    for i in range(20000): s += i\n"
    "    raise E\n"
    "for n in range({rounds}):\n"
    "    try:\n"
    "        work()\n"
    "    except E:\n"
    "        pass\n"
)

#: The same work without the exception.
PLAIN = (
    "def work():\n"
    "    s = 0\n"
    "    for i in range(20000): s += i\n"
    "for n in range({rounds}):\n"
    "    work()\n"
)


@pytest.mark.parametrize("speculate", [True, False], ids=["speculative", "spilled"])
def test_fuel_used_counts_work_under_a_caught_exception_on_both_builds(speculate: bool) -> None:
    before = speculation.enabled
    speculation.enabled = speculate
    try:
        with Sandbox() as sandbox:
            one = sandbox.run(ROUNDS.format(rounds=1), limits=Limits(wall_time=30))
            ten = sandbox.run(ROUNDS.format(rounds=10), limits=Limits(wall_time=30))
            plain = sandbox.run(PLAIN.format(rounds=10), limits=Limits(wall_time=30))
    finally:
        speculation.enabled = before
    assert one.ok and ten.ok and plain.ok, (one, ten, plain)
    assert one.fuel_used and ten.fuel_used and plain.fuel_used
    # Ten rounds cost ten times one, and about as much as the same work without exceptions
    # (before the mend, one round counted 0.92M units and ten 0.96M: 21M each is right).
    assert 9 * one.fuel_used < ten.fuel_used < 11 * one.fuel_used
    assert plain.fuel_used < ten.fuel_used < 1.1 * plain.fuel_used


def test_a_run_ending_in_an_uncaught_exception_reports_its_work() -> None:
    with Sandbox() as sandbox:
        raised = sandbox.run("s = 0\nfor i in range(200000): s += i\nraise ValueError(s)")
        plain = sandbox.run("s = 0\nfor i in range(200000): s += i")
    assert raised.status is RunStatus.ERROR and raised.error is not None
    assert raised.error.type == "ValueError"
    assert raised.fuel_used and plain.fuel_used and raised.fuel_used >= plain.fuel_used


def test_without_fuel_the_imports_only_pass_the_payload_on() -> None:
    with Sandbox() as sandbox:
        result = sandbox.run(ROUNDS.format(rounds=3) + "print('done')", limits=Limits(fuel=None))
    assert result.ok and result.stdout == "done\n" and result.fuel_used is None


WORK = "def work():\n    s = 0\n    for i in range(20000): s += i\n"
#: Other ways for work to end in a caught exception, {rounds} rounds each.
SHAPES = {
    "twenty frames deep": (
        "def down(n):\n    if n: return down(n - 1)\n    work()\n    raise E\n"
        "for n in range({rounds}):\n    try:\n        down(20)\n    except E:\n        pass\n"
    ),
    "through a finally": (
        "def f():\n    try:\n        work()\n        raise E\n    finally:\n        pass\n"
        "for n in range({rounds}):\n    try:\n        f()\n    except E:\n        pass\n"
    ),
    "out of a class body": (
        "for n in range({rounds}):\n    try:\n        class C:\n            work()\n"
        "            raise E\n    except E:\n        pass\n"
    ),
    "out of a generator": (
        "def g():\n    yield\n    work()\n    raise E\n"
        "for n in range({rounds}):\n    it = g()\n    next(it)\n    try:\n        next(it)\n"
        "    except E:\n        pass\n"
    ),
    "out of a with block": (
        "class CM:\n    def __enter__(self): return self\n"
        "    def __exit__(self, *exc): return False\n"
        "for n in range({rounds}):\n    try:\n        with CM():\n            work()\n"
        "            raise E\n    except E:\n        pass\n"
    ),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_work_that_ends_in_a_caught_exception_runs_out_of_fuel(shape: str) -> None:
    # 200 rounds of about 21M units each: 200M stop them within ten.
    code = "class E(Exception): pass\n" + WORK + SHAPES[shape].format(rounds=200)
    with Sandbox() as sandbox:
        result = sandbox.run(code, limits=Limits(fuel=200_000_000, wall_time=30))
        few = sandbox.run(
            code.replace("range(200)", "range(2)") + "print('done')", limits=Limits(wall_time=30)
        )
    assert few.ok and few.stdout == "done\n", few
    assert result.status is RunStatus.CPU_LIMIT, result
