"""Fixes to MicroPython's own code, applied to the artifact's text at build time.

Each fix finds its code by the exact shape clang gave it and fails the build
rather than guess on a different artifact.

1. A class body that raises leaves names in the wrong namespace.
2. Imports read files 25 bytes at a time (see :func:`bigger_import_reads`).
3. Dicts of consecutive ints make every missing key's lookup scan the whole
   dict (see :func:`spread_map_slots`).

``__build_class__`` runs a class body with the thread's "locals" pointer set
to the new class's namespace and puts the old value back afterwards, but not
when the body raises: the exception unwinds past the restore. Module-level
code then reads and writes names in the dead class's namespace, so after

    try:
        class A:
            raise ValueError
    except ValueError:
        pass
    x = 1

``x`` is stored in ``A``'s namespace and a function reading the global ``x``
gets a ``NameError``. It happens to real code whenever a class body fails (a
validation error in a class body, or the recursion limit reached while a
class statement runs). The fix wraps the body's call in a handler that puts
the old pointer back and rethrows.

The function is found by the exact shape clang gave it (read the old
pointer, store a fresh dict, call the body with ``args[0]``, store the old
pointer back); anything else fails the build rather than guessing.
"""

from __future__ import annotations

import itertools
import re

__all__ = [
    "FixError",
    "bigger_import_reads",
    "function_spans",
    "restore_locals_after_class_body",
    "spread_map_slots",
]


class FixError(Exception):
    """The artifact does not have the code a fix expects."""


def function_spans(wat: str) -> list[tuple[int, int]]:
    """Where each top-level ``(func`` form of wasm-dis text starts and ends."""
    starts = [m.start() for m in re.finditer(r"^ \(func ", wat, re.MULTILINE)] + [len(wat)]
    return list(itertools.pairwise(starts))


_BUILD_CLASS = re.compile(
    # old = MP_STATE_THREAD(dict_locals)
    r"\(local\.set (?P<old>\$\d+)\n\s+\(i32\.load offset=(?P<off>\d+)\n"
    r"\s+\(i32\.const (?P<base>\d+)\)\n\s+\)\n\s+\)\n"
    # MP_STATE_THREAD(dict_locals) = mp_obj_new_dict(0)
    r"\s+\(i32\.store offset=(?P=off)\n\s+\(i32\.const (?P=base)\)\n"
    r"\s+\(local\.tee \$\d+\n\s+\(call \$\d+\n\s+\(i32\.const 0\)\n\s+\)\n\s+\)\n\s+\)\n"
    # cell = mp_call_function_0(args[0])
    r"(?P<indent>\s+)\(local\.set (?P<cell>\$\d+)\n"
    r"(?P<call>\s+\(call \$\d+\n\s+\(i32\.load\n\s+\(local\.get \$1\)\n\s+\)\n\s+\))\n\s+\)\n"
    # MP_STATE_THREAD(dict_locals) = old
    r"\s+\(i32\.store offset=(?P=off)\n\s+\(i32\.const (?P=base)\)\n\s+\(local\.get (?P=old)\)\n"
)


def restore_locals_after_class_body(wat: str) -> str:
    """``wat`` with ``__build_class__`` restoring the locals pointer when the body raises.

    Expects the legacy exception-handling text (after ``rewrite_try_table``):
    the handler is a legacy ``try``/``catch_all``/``rethrow``, which
    ``--translate-to-exnref`` converts with everything else.
    """
    found = list(_BUILD_CLASS.finditer(wat))
    if len(found) != 1:
        raise FixError(f"expected one __build_class__ body call, found {len(found)}")
    m = found[0]
    restore = f"(i32.store offset={m['off']} (i32.const {m['base']}) (local.get {m['old']}))"
    guarded = (
        f"{m['indent']}(local.set {m['cell']}\n"
        f"{m['indent']} (try $wasmbox_class_body (result i32)\n"
        f"{m['indent']}  (do\n{m['call']}\n{m['indent']}  )\n"
        f"{m['indent']}  (catch_all\n"
        f"{m['indent']}   {restore}\n"
        f"{m['indent']}   (rethrow $wasmbox_class_body)\n"
        f"{m['indent']}  )\n"
        f"{m['indent']} )\n"
        f"{m['indent']})\n"
    )
    start = m.start("indent")
    end = wat.index(")\n", m.end("call")) + 2
    return wat[:start] + guarded + wat[end:]


#: What MicroPython uses when a file cannot say its buffer size: 25 bytes.
_DEFAULT_READ = 25
#: The most its reader can buffer (the buffer's length and position are bytes).
_MAX_READ = 255


def bigger_import_reads(wat: str) -> str:
    """``wat`` with MicroPython reading source and ``.mpy`` files 255 bytes at a time, not 25.

    ``mp_reader_new_file`` asks the file for a buffer size and, when it cannot
    say (our WASI files cannot), uses a 25-byte buffer: importing a 30 KB
    module made 1,300 ``fd_read`` calls, each a host call, and that was most
    of an import's time. 255 is the largest size the reader supports (the
    clamp right next to the default), and the buffer is allocated per open
    file from the GC heap, so it costs 230 bytes while a module loads.
    """
    default = f"(i32.const {_DEFAULT_READ})"
    stream_ioctl = re.compile(
        r"\(call_indirect \$\d+ \(type \$\d+\)\n\s+\(local\.get \$\d+\)\n\s+\(i32\.const 11\)"
    )
    hits = []
    for a, b in function_spans(wat):
        body = wat[a:b]
        if (
            body.count(default) == 1
            and f"(i32.const {_MAX_READ})" in body
            and stream_ioctl.search(body)
        ):
            hits.append((a, b))
    if len(hits) != 1:
        raise FixError(f"expected one mp_reader_new_file, found {len(hits)}")
    a, b = hits[0]
    return wat[:a] + wat[a:b].replace(default, f"(i32.const {_MAX_READ})") + wat[b:]


#: ``gc_alloc``'s "was it a one-block allocation?" test before it moves the hint.
_GC_HINT = re.compile(
    r"\(br_if \$(?P<label>\w+)\n(?P<indent>\s+)\(i32\.ne\n"
    r"\s+\(local\.get \$\d+\)\n\s+\(i32\.const 1\)\n\s+\)\n\s+\)\n"
    r"(?P<store>\s+\(i32\.store offset=\d+\n\s+\(i32\.const \d+\)\n\s+\(i32\.shr_u\n\s+\(i32\.add\n"
    r"\s+\(local\.get \$\d+\)\n\s+\(i32\.const 1\)\n\s+\)\n\s+\(i32\.const 2\)\n\s+\)\n\s+\))"
)


def allocation_hint_always_advances(wat: str) -> str:
    """``wat`` with ``gc_alloc`` moving its search hint past every new object, not only small ones.

    The allocator scans the allocation table from a hint, the first block
    that may be free, and moves the hint past a new object only when that
    object is one block (16 bytes): a larger one may have skipped smaller
    free holes. Between collections nearly all allocation is at the frontier,
    so code that makes many objects of two blocks or more (3-tuples, small
    dicts, most instances) rescans everything allocated since the last
    collection, every time: 50,000 three-item tuples took 1.2 s. Moving the
    hint anyway only leaves such holes unused until the next collection,
    which resets the hint to the start of the heap (``gc_collect_end``), and
    an allocation that finds no room collects before it fails, so no
    ``MemoryError`` comes earlier for it.
    """
    found = list(_GC_HINT.finditer(wat))
    if len(found) != 1:
        raise FixError(f"expected one gc_alloc hint update, found {len(found)}")
    m = found[0]
    start = m.start()
    end = m.start("store")
    return (
        wat[:start]
        + f"(br_if ${m['label']}\n{m['indent']}(i32.const 0)\n{m['indent'][:-1]})\n"
        + wat[end:]
    )


#: 2**32 / golden ratio, odd: Knuth's multiplier for Fibonacci hashing, as wasm's signed i32.
FIBONACCI_MULTIPLIER = 0x9E3779B1 - (1 << 32)

#: Tables up to this many slots keep MicroPython's own placement: small dicts
#: (keyword arguments, records) then iterate exactly as in stock MicroPython,
#: and runs of adjacent keys cost nothing at this size.
SPREAD_FROM = 64

_MAP_HASH = re.compile(
    # if (mp_obj_is_qstr(index)) hash = qstr_hash(MP_OBJ_QSTR_VALUE(index));
    r"\(local\.set (?P<hash>\$\d+)\n\s+\(call \$\d+\n\s+\(i32\.shr_u\n\s+\(local\.get \$1\)\n"
    r"\s+\(i32\.const 3\)\n\s+\)\n\s+\)\n\s+\)\n\s+\(br \$\w+\)\n\s+\)\n"
    # else hash = MP_OBJ_SMALL_INT_VALUE(mp_unary_op(MP_UNARY_OP_HASH, index));
    r"\s+\(local\.set (?P=hash)\n\s+\(i32\.shr_s\n\s+\(call \$\d+\n\s+\(i32\.const 6\)\n"
    r"\s+\(local\.get \$1\)\n\s+\)\n\s+\(i32\.const 1\)\n\s+\)\n\s+\)\n"
)


def spread_map_slots(wat: str) -> str:
    """``wat`` with ``mp_map_lookup`` placing keys by a scrambled hash, not the hash itself.

    MicroPython's dicts are open-addressed tables with linear probing that
    start a key's search at ``hash % map->alloc`` and grow only when full,
    and a small int's hash is the int. Keys ``0..n`` therefore fill one run
    of adjacent slots, and looking up a missing key whose start falls in the
    run walks the rest of it: with 20,000 int keys a miss took about 100 us
    where a hit takes 0.3 us, so int-keyed memo tables (``if n not in
    cache``) were a thousand times slower than they should be.

    The fix starts the search at ``(hash * 0x9E3779B1 mod 2**32) * alloc >>
    32`` instead: Fibonacci hashing, which spreads consecutive ints (and ints
    in any stride, including powers of two) evenly over the table, and
    random-looking hashes (strings) stay as random. Only the slot changes:
    ``hash()`` is untouched, and lookups still compare keys for equality, so
    equal keys of different types (``1``, ``1.0``, ``True``) still meet.
    Nothing else computes a slot from a hash: the dicts in ROM (module and
    class namespaces) are all ordered arrays, searched linearly, and the
    lookup cache (``MICROPY_OPT_MAP_LOOKUP_CACHE``, at the top of the same
    function) remembers slots but checks the key it finds there. Iteration
    order of native dicts changes with the slots; it was never insertion
    order anyway.

    Tables of up to :data:`SPREAD_FROM` slots keep ``hash % alloc``, so
    small dicts (``**kwargs``, records) iterate exactly as in stock
    MicroPython. Sets (``mp_set_lookup``) keep ``hash % alloc`` at every
    size: a set of small ints then iterates in sorted order, which is what
    CPython prints too.

    ``mp_map_lookup`` is the function that hashes its key both ways (qstr
    hash, else ``mp_unary_op(MP_UNARY_OP_HASH)``); it must use the hash
    exactly once, as ``hash % map->alloc`` (the search's restart after a
    rehash loops back to that same expression).
    """
    hits = [(a, b, m) for a, b in function_spans(wat) for m in _MAP_HASH.finditer(wat, a, b)]
    if len(hits) != 1:
        raise FixError(f"expected one mp_map_lookup hash computation, found {len(hits)}")
    a, b, m = hits[0]
    body, h = wat[a:b], m["hash"]
    uses = re.findall(rf"\(local\.get {re.escape(h)}\)", body)
    placement = list(
        re.finditer(
            rf"\(i32\.rem_u\n\s+\(local\.get {re.escape(h)}\)\n"
            r"\s+\(local\.tee (?P<alloc>\$\d+)\n\s+\(i32\.load offset=4\n\s+\(local\.get \$0\)\n"
            r"\s+\)\n\s+\)\n\s+\)",
            body,
        )
    )
    if len(uses) != 1 or len(placement) != 1:
        raise FixError(
            f"expected mp_map_lookup to use its hash once, as hash % map->alloc; found "
            f"{len(uses)} uses and {len(placement)} such remainders"
        )
    p = placement[0]
    alloc = p["alloc"]
    spread = (
        "(select (i32.wrap_i64 (i64.shr_u (i64.mul"
        f" (i64.extend_i32_u (i32.mul (local.get {h}) (i32.const {FIBONACCI_MULTIPLIER})))"
        f" (i64.extend_i32_u (local.tee {alloc} (i32.load offset=4 (local.get $0)))))"
        " (i64.const 32)))"
        f" (i32.rem_u (local.get {h}) (local.get {alloc}))"
        f" (i32.gt_u (local.get {alloc}) (i32.const {SPREAD_FROM})))"
    )
    body = body[: p.start()] + spread + body[p.end() :]
    return wat[:a] + body + wat[b:]
