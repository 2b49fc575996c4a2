"""A bigger C stack for MicroPython, so that Python code can recurse 1,000 deep.

The artifact's C stack (the "shadow stack" in linear memory, which holds each
Python call's C frames) is wasm-ld's default 64 KiB, and MicroPython's
``main`` caps its use at 40,000 bytes: with ``--spill-pointers`` about 655
bytes per Python call, so only about 60 nested calls fit. CPython allows
1,000. The layout wasm-ld chose::

    [1024 .. ~71 KiB)        data and bss
    [~71 KiB .. HEAP_BASE)   the stack, growing down from HEAP_BASE
    [HEAP_BASE .. HEAP_END)  dlmalloc's initial region (HEAP_END = memory end)
    [HEAP_END .. )           sbrk, i.e. memory.grow

The stack cannot grow down (data is there), so it grows up: the stack top,
the heap base and the heap end all move up by the same whole number of pages,
the initial memory grows by as many pages, and MicroPython's limit grows by
the same number of bytes (keeping the margin the original build kept for C
code that runs below the limit check). sbrk still returns the memory end,
contiguous with dlmalloc's initial region, as before. The constants are
linker-resolved addresses baked into the code as ``i32.const``: the stack top
into the global's initializer, the heap bounds into dlmalloc's initializer
(the only function that uses the heap base) and the limit into ``main``'s
call of ``mp_stack_set_limit``. Every rewrite checks that it found exactly
what it expected, so a different artifact fails the build instead of being
silently miscompiled.
"""

from __future__ import annotations

import re

from .fixes import function_spans

__all__ = ["STACK_LIMIT", "StackLayoutError", "grow_stack"]

_PAGE = 64 * 1024
#: The limit ``main`` passes to ``mp_stack_set_limit`` in the shipped artifact.
_ORIGINAL_LIMIT = 40_000
#: Pages added to the stack: 704 KiB in all, room for about 1,060 Python frames
#: (CPython allows 1,000). Each also costs native stack: see engine.MAX_WASM_STACK.
EXTRA_PAGES = 10
#: The stack-use limit MicroPython enforces after :func:`grow_stack`.
STACK_LIMIT = _ORIGINAL_LIMIT + EXTRA_PAGES * _PAGE


class StackLayoutError(Exception):
    """The artifact's layout is not the one :func:`grow_stack` knows how to change."""


def _one(pattern: str, text: str, what: str) -> re.Match[str]:
    found = list(re.finditer(pattern, text, re.MULTILINE))
    if len(found) != 1:
        raise StackLayoutError(f"expected exactly one {what}, found {len(found)}")
    return found[0]


def grow_stack(wat: str, extra_pages: int = EXTRA_PAGES) -> str:
    """``wat`` (wasm-dis text of the shipped artifact) with a stack ``extra_pages`` larger."""
    extra = extra_pages * _PAGE
    sp = _one(r"^ \(global \$global\$0 \(mut i32\) \(i32\.const (\d+)\)\)$", wat, "stack pointer")
    mem = _one(r"^ \(memory \$0 (\d+)\)$", wat, "memory without a maximum")
    heap_base, pages = int(sp.group(1)), int(mem.group(1))
    heap_end = pages * _PAGE
    if heap_base % 16 or not heap_base < heap_end:
        raise StackLayoutError(f"unexpected layout: stack top {heap_base}, memory end {heap_end}")

    # Functions are the top-level "(func" forms; find the one holding the heap base.
    base_const = f"(i32.const {heap_base})"
    users = [(a, b) for a, b in function_spans(wat) if base_const in wat[a:b]]
    if len(users) != 1:
        raise StackLayoutError(f"expected one function to use the heap base, found {len(users)}")
    a, b = users[0]
    body = wat[a:b]
    if f"(i32.const {heap_end})" not in body or "(i32.const 1431655768)" not in body:
        raise StackLayoutError("the heap base's user is not dlmalloc's initializer")
    body = body.replace(base_const, f"(i32.const {heap_base + extra})")
    body = body.replace(f"(i32.const {heap_end})", f"(i32.const {heap_end + extra})")
    wat = wat[:a] + body + wat[b:]

    limit = _one(rf"\(call \$\d+\n\s+\(i32\.const ({_ORIGINAL_LIMIT})\)", wat, "stack limit call")
    wat = wat[: limit.start(1)] + str(_ORIGINAL_LIMIT + extra) + wat[limit.end(1) :]
    sp = _one(r"^ \(global \$global\$0 \(mut i32\) \(i32\.const (\d+)\)\)$", wat, "stack pointer")
    wat = wat[: sp.start(1)] + str(heap_base + extra) + wat[sp.end(1) :]
    mem = _one(r"^ \(memory \$0 (\d+)\)$", wat, "memory")
    return wat[: mem.start(1)] + str(pages + extra_pages) + wat[mem.end(1) :]
