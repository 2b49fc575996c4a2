"""The speculative build's fix: ``gc_collect`` found from the data, made to flag and trap."""

from __future__ import annotations

import re

import pytest
import wasmtime

from wasmbox import Limits
from wasmbox._artifact.asyncify import rename_stack_pointer
from wasmbox._artifact.collect import GC_WANTED_EXPORT, find_collector, forbid_collection
from wasmbox._artifact.fixes import FixError
from wasmbox.engine import get_runtime
from wasmbox.runner import RunRequest, _Again, _attempt


@pytest.fixture(scope="module")
def shipped(shipped_wat: str) -> str:
    return rename_stack_pointer(shipped_wat)


def _body(wat: str, name: str) -> str:
    start = re.search(rf"\n \(func {re.escape(name)}[\n ]", wat).start()  # type: ignore[union-attr]
    return wat[start : wat.index("\n (func ", start + 1)]


def test_the_collector_is_gc_collect_of_micropythons_unix_port(shipped: str) -> None:
    found = find_collector(shipped)
    # gc_collect_start, gc_helper_collect_regs_and_stack, gc_collect_end: three distinct calls.
    assert len(set(found.steps)) == 3
    # py_gc_collect and gc_alloc, the only two places that start a collection.
    assert len(found.callers) == 2
    assert _body(shipped, found.function).count("(call ") == 3


def test_forbidding_replaces_the_body_and_exports_the_flag(shipped: str) -> None:
    found = find_collector(shipped)
    fixed = forbid_collection(shipped)
    body = _body(fixed, found.function)
    assert "(call " not in body and "(unreachable)" in body
    assert "(global.set $wasmbox_gc_wanted" in body
    assert f'(export "{GC_WANTED_EXPORT}" (global $wasmbox_gc_wanted))' in fixed
    assert " (global $wasmbox_gc_wanted (mut i32) (i32.const 0))\n" in fixed
    # Everything else is untouched.
    assert len(fixed.splitlines()) - len(shipped.splitlines()) == 2 + 4 - 3
    with pytest.raises(FixError, match="already"):
        forbid_collection(fixed)


def test_a_step_called_from_elsewhere_fails_the_build(shipped: str) -> None:
    """A collection that could start without gc_collect would not be caught: refuse."""
    found = find_collector(shipped)
    step = found.steps[0]
    other = _body(shipped, found.callers[0])
    changed = shipped.replace(other, other.replace("\n  (", f"\n  (call {step})\n  (", 1), 1)
    with pytest.raises(FixError, match="called from outside"):
        find_collector(changed)


def test_a_collector_in_the_function_table_fails_the_build(shipped: str) -> None:
    found = find_collector(shipped)
    # At the table's end, so that gc.collect's own index still points where it did.
    changed = re.sub(
        r"^( \(elem \$\S+ \(i32\.const \d+\) [^)\n]*)\)",
        rf"\1 {found.function})",
        shipped,
        flags=re.M,
    )
    with pytest.raises(FixError, match="function table"):
        find_collector(changed)


def test_the_built_module_traps_with_the_flag_set_when_the_guest_collects() -> None:
    """On the built artifact itself: ``gc.collect()`` ends the attempt, asking for the other build."""
    runtime = get_runtime(fuel=False, speculative=True)
    assert runtime.settings.speculative and not runtime.speculate
    exported = {e.name: type(e.type).__name__ for e in runtime.module.exports}
    assert exported.get(GC_WANTED_EXPORT) == "GlobalType"
    limits = Limits(fuel=None)

    def attempt(code: str) -> object:
        request = RunRequest(code, limits, {}, {}, b"", {}, None, None)
        return _attempt(runtime, request, None, __import__("time").monotonic(), None)

    assert attempt("import gc\nprint(1)\ngc.collect()\nprint(2)") is _Again.COLLECT
    assert attempt("x = []\nwhile True: x.append(str(len(x)) * 8)") is _Again.COLLECT
    done = attempt("print(sum(range(1000)))")
    assert not isinstance(done, _Again) and done.stdout == "499500\n"  # type: ignore[attr-defined]


def test_wasmtime_reads_the_flag_as_an_i32_global() -> None:
    runtime = get_runtime(fuel=False, speculative=True)
    item = next(e for e in runtime.module.exports if e.name == GC_WANTED_EXPORT)
    assert isinstance(item.type, wasmtime.GlobalType)
    assert item.type.mutable and str(item.type.content) == "i32"
