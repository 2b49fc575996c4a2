"""Build step for the speculative artifact: a collection stops the run instead of happening.

Why this exists
---------------
``--spill-pointers`` makes MicroPython's collector safe by keeping every
pointer held in a wasm local in a shadow-stack slot, and that costs CPU-bound
code about a quarter of its time (HumanEval/75: 560 ms spilled, 420 ms
without). The spills matter only when a collection runs: an interpreter that
never collects frees nothing it did not free explicitly, so pointers hidden in
locals cannot dangle. Most programs finish long before their heap fills.

So wasmbox builds the artifact a second time without the spills, and with
``gc_collect`` replaced by "set the exported global ``wasmbox_gc_wanted``,
then trap". A run goes first on that build; if it ever needs a collection
(its heap filled, or it called ``gc.collect()``), the trap ends that attempt,
whose output, files and time so far are thrown away like a discarded fuel
slice, and the program runs again from the start on the spilled build. Both
builds boot the same heap at the same address, so until the first collection
their heaps hold the same objects at the same places; what still differs (fuel
counts, stack use, how deep recursion goes) is listed in docs/architecture.md.

``gc_collect`` is found from the data, never guessed: the built-in ``gc``
module's ``collect`` object points (through the function table) at
``py_gc_collect``, whose first call is the port's ``gc_collect``. That
function must be exactly three calls (``gc_collect_start``,
``gc_helper_collect_regs_and_stack``, ``gc_collect_end``), which nothing else
calls and no table holds, so no collection can start anywhere but through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fixes import FixError, _globals_of, _locate, _qstr_keys, function_spans

__all__ = ["GC_WANTED_EXPORT", "Collector", "find_collector", "forbid_collection"]

#: The exported i32 global the speculative build sets to 1 when a collection is wanted.
GC_WANTED_EXPORT = "wasmbox_gc_wanted"
_GLOBAL = "$wasmbox_gc_wanted"


@dataclass(frozen=True, slots=True)
class Collector:
    """Where the artifact's only way into a collection is."""

    #: ``gc_collect``: the function replaced.
    function: str
    #: Its three calls, each made only by it.
    steps: tuple[str, str, str]
    #: The functions that call it (``py_gc_collect`` and the allocator).
    callers: tuple[str, ...]
    #: Where its text is, in the text searched.
    span: tuple[int, int]


def _functions(wat: str) -> dict[str, tuple[int, int]]:
    """Each function's name and the span of its text."""
    spans = {}
    for start, end in function_spans(wat):
        name = re.match(r" \(func (\$\S+)", wat[start:end])
        if name is None:
            raise FixError(f"a function without a name at offset {start}")
        spans[name.group(1)] = (start, end)
    return spans


def _table(wat: str) -> tuple[int, list[str]]:
    elems = re.findall(r"^ \(elem \$\S+ \(i32\.const (\d+)\) ([^)\n]*)\)", wat, re.MULTILINE)
    if len(elems) != 1:
        raise FixError(f"expected one function table segment, found {len(elems)}")
    base, names = elems[0]
    return int(base), names.split()


def find_collector(wat: str) -> Collector:
    """Find ``gc_collect`` (see the module's docstring); :class:`FixError` if anything differs."""
    mem, tables = _locate(wat, ())
    key = _qstr_keys(tables.pools)
    gc_module = next(a.module for a in tables.anchors if a.name == "gc")  # an anchor: found
    dict_type = mem.word(mem.word(gc_module + 4) or 0)
    if dict_type is None:
        raise FixError("the gc module has no globals dict")
    pairs = dict(_globals_of(mem, "gc", gc_module, dict_type).pairs)
    collect = pairs.get(key("collect"))
    index = mem.word(collect + 4) if collect is not None else None
    base, table = _table(wat)
    if index is None or not base <= index < base + len(table):
        raise FixError("gc.collect is not a built-in function object in the data")
    spans = _functions(wat)
    builtin = table[index - base]
    if builtin not in spans:
        raise FixError(f"gc.collect's function {builtin} is not defined in the module")
    start, end = spans[builtin]
    first = re.search(r"\(call (\$\S+?)\)?\n", wat[start:end])
    if first is None:
        raise FixError(f"gc.collect's function {builtin} calls nothing")
    target = first.group(1)
    if target not in spans:
        raise FixError(f"{target}, which gc.collect calls first, is an import")
    start, end = spans[target]
    call = r"\n  \(call (\$\S+)\)"
    shape = re.fullmatch(rf" \(func {re.escape(target)}{call * 3}\n \)", wat[start:end].rstrip())
    if shape is None:
        raise FixError(f"{target}, which gc.collect calls first, is not three calls")
    steps = (shape.group(1), shape.group(2), shape.group(3))
    in_table = set(table)
    for name in (target, *steps):
        if name in in_table:
            raise FixError(f"{name} can be called through the function table")
    for step in steps:
        if len(re.findall(rf"\(call {re.escape(step)}\)", wat)) != 1:
            raise FixError(f"{step} is called from outside {target}")
    callers = tuple(
        name
        for name, (s, e) in spans.items()
        if re.search(rf"\(call {re.escape(target)}\)", wat[s:e])
    )
    if builtin not in callers or len(callers) < 2:
        raise FixError(f"expected gc.collect and the allocator to call {target}: {callers}")
    return Collector(target, steps, callers, spans[target])


def forbid_collection(wat: str) -> str:
    """``wat`` whose ``gc_collect`` sets :data:`GC_WANTED_EXPORT` and traps.

    Run it after the stack pointer is renamed (that step checks global 0 is
    the only mutable global) and before the built-in module tables are
    changed (the search reads them).
    """
    if _GLOBAL in wat:
        raise FixError("the module already has the gc-wanted global")
    found = find_collector(wat)
    start, end = found.span
    end = start + len(wat[start:end].rstrip())  # the blank line after it stays
    body = (
        f" (func {found.function}\n  (global.set {_GLOBAL}\n   (i32.const 1)\n  )\n"
        "  (unreachable)\n )"
    )
    text = wat[:start] + body + wat[end:]
    last_global = list(re.finditer(r"^ \(global [^\n]*\n", text, re.MULTILINE))
    anchor = '(export "_start"'
    if not last_global or anchor not in text:
        raise FixError("cannot place the gc-wanted global and its export")
    at = last_global[-1].end()
    text = text[:at] + f" (global {_GLOBAL} (mut i32) (i32.const 0))\n" + text[at:]
    return text.replace(anchor, f'(export "{GC_WANTED_EXPORT}" (global {_GLOBAL}))\n ' + anchor, 1)
