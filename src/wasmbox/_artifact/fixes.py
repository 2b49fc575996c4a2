"""Fixes to MicroPython's own code, applied to the artifact's text at build time.

Each fix finds its code by the exact shape clang gave it and fails the build
rather than guess on a different artifact.

1. A class body that raises leaves names in the wrong namespace.
2. Imports read files 25 bytes at a time (see :func:`bigger_import_reads`).
3. Dicts of consecutive ints make every missing key's lookup scan the whole
   dict (see :func:`spread_map_slots`).
4. ``uctypes`` and ``machine`` read and write the interpreter's own memory:
   they are taken out of the built-in module tables, in the data segments
   (see :func:`hide_builtin_modules`), and so is ``vfs``.
5. ``os.mount`` and ``vfs.mount`` mount a Python object as a filesystem, from
   which ``import`` then loads unverified ``.mpy`` bytecode: they are taken out
   of those modules' globals (see :func:`remove_mount_functions`).

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

__all__ = [
    "ANCHOR_MODULES",
    "HIDDEN_MODULES",
    "MOUNTING_MODULES",
    "MOUNT_FUNCTIONS",
    "BuiltinModule",
    "FixError",
    "ModuleGlobals",
    "ModuleTables",
    "MountFunctions",
    "QstrPool",
    "RomMap",
    "bigger_import_reads",
    "find_builtin_modules",
    "find_mount_functions",
    "function_spans",
    "hide_builtin_modules",
    "qstr_hash",
    "qstr_object",
    "remove_mount_functions",
    "restore_locals_after_class_body",
    "spread_map_slots",
]


class FixError(Exception):
    """The artifact does not have the code a fix expects."""


def closing_paren(text: str, start: int, depth: int = 0) -> int:
    """The index of the ``)`` that closes the ``(`` at ``start`` (``depth=1``: the one just
    before ``start``). Raises ``ValueError`` on a string in between or no such ``)``:
    the code these fixes read has neither."""
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        elif c == '"':
            raise ValueError("a string inside the code")
    raise ValueError("parentheses that do not close")


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


# -- built-in modules guest code must not reach -----------------------------------

#: Built-in modules hidden from guest code. ``uctypes`` and ``machine`` both
#: read and write the interpreter's own memory (``uctypes.bytes_at(addr, n)``,
#: ``machine.mem32[addr]``), so a program could read secrets placed in it or
#: forge the report of its own run. ``vfs`` mounts filesystems (see
#: :func:`remove_mount_functions`) and makes ``VfsRom`` filesystems out of
#: any buffer, a parser of images meant to be trusted; nothing else is in it,
#: and CPython has no such module.
HIDDEN_MODULES: tuple[str, ...] = ("uctypes", "machine", "vfs")
#: Modules that stay, found the same way: they check the reading of the layout.
ANCHOR_MODULES: tuple[str, ...] = ("gc", "sys", "math", "json")

#: An active data segment as wasm-dis prints it.
_DATA = re.compile(r'^ \(data (?:\$\S+ )?\(i32\.const (\d+)\) "((?:[^"\\]|\\.)*)"\)$', re.MULTILINE)
#: One byte of a data string: a hex escape, a named escape or a printable character.
_BYTE = re.compile(r"""\\[0-9a-fA-F]{2}|\\[tnr"'\\]|[ !#-\[\]-~]""")
_NAMED = {"t": 9, "n": 10, "r": 13, '"': 34, "'": 39, "\\": 92}

#: Words in a ``qstr_pool_t`` before its string pointers: prev, total_prev_len
#: (31 bits) with is_sorted (the top bit), alloc, len, hashes, lengths.
_POOL_HEADER = 24
#: ``MICROPY_QSTR_BYTES_IN_HASH`` of this build (and one byte of length).
_HASH_BYTES = 2
#: ``mp_map_t``'s low bits for a ROM table: all keys qstrs, fixed, ordered.
_ROM_MAP = 0b111


def qstr_hash(data: bytes) -> int:
    """MicroPython's ``qstr_compute_hash`` (djb2, xor form) at this build's hash width."""
    h = 5381
    for c in data:
        h = ((h << 5) + h) ^ c
    h &= (1 << (8 * _HASH_BYTES)) - 1
    return h or 1


def qstr_object(qstr_id: int) -> int:
    """``MP_OBJ_NEW_QSTR(id)`` in this build's object representation (``MICROPY_OBJ_REPR_A``)."""
    return (qstr_id << 3) | 2


class _Segment:
    """One active data segment: its bytes, and the text that spells each byte."""

    def __init__(self, address: int, text_start: int, text: str) -> None:
        self.address = address
        self.text_start = text_start
        self.text_end = text_start + len(text)
        self.tokens = _BYTE.findall(text)
        if sum(map(len, self.tokens)) != len(text):
            raise FixError(f"data segment at {address} has characters this fix cannot read")
        self.data = bytearray(
            int(t[1:], 16) if len(t) == 3 else _NAMED[t[1]] if len(t) == 2 else ord(t)
            for t in self.tokens
        )


class _Memory:
    """The initial contents of linear memory, as the active data segments give it."""

    def __init__(self, wat: str) -> None:
        found = list(_DATA.finditer(wat))
        if not found or len(found) != len(re.findall(r"^ \(data ", wat, re.MULTILINE)):
            raise FixError("expected only active data segments at constant addresses")
        self.segments = sorted(
            (_Segment(int(m[1]), m.start(2), m[2]) for m in found), key=lambda s: s.address
        )
        self.spans: list[tuple[int, int]] = []  # covered ranges, adjacent segments merged
        for s in self.segments:
            end = s.address + len(s.data)
            if self.spans and s.address < self.spans[-1][1]:
                raise FixError("data segments overlap")
            if self.spans and s.address == self.spans[-1][1]:
                self.spans[-1] = (self.spans[-1][0], end)
            else:
                self.spans.append((s.address, end))
        self.image = bytearray(self.spans[-1][1])
        for s in self.segments:
            self.image[s.address : s.address + len(s.data)] = s.data

    def inside(self, address: int, size: int) -> bool:
        return any(a <= address and address + size <= b for a, b in self.spans)

    def word(self, address: int) -> int | None:
        """The aligned 32-bit word at ``address``, or None outside the data."""
        if address % 4 or not self.inside(address, 4):
            return None
        return int.from_bytes(self.image[address : address + 4], "little")

    def words(self) -> Iterator[int]:
        """Every aligned address in the data."""
        for a, b in self.spans:
            yield from range((a + 3) & ~3, b - 3, 4)

    def references(self, value: int) -> list[int]:
        """Aligned addresses whose word is ``value``."""
        needle = value.to_bytes(4, "little")
        out, i = [], self.image.find(needle)
        while i >= 0:
            if i % 4 == 0 and self.inside(i, 4):
                out.append(i)
            i = self.image.find(needle, i + 1)
        return out

    def clear_word(self, wat: str, address: int) -> str:
        """``wat`` with the data word at ``address`` set to 0."""
        return self.set_word(wat, address, 0)

    def set_word(self, wat: str, address: int, value: int) -> str:
        """``wat`` with the data word at ``address`` set to ``value``."""
        new = value.to_bytes(4, "little")
        for s in self.segments:
            if s.address <= address and address + 4 <= s.address + len(s.data):
                i = address - s.address
                s.tokens[i : i + 4] = [f"\\{b:02x}" for b in new]
                s.data[i : i + 4] = new
                self.image[address : address + 4] = new
                text = "".join(s.tokens)
                shift = len(text) - (s.text_end - s.text_start)
                out = wat[: s.text_start] + text + wat[s.text_end :]
                s.text_end += shift
                for later in self.segments:
                    if later.text_start > s.text_start:
                        later.text_start += shift
                        later.text_end += shift
                return out
        raise FixError(f"the word at {address} is not inside one data segment")


@dataclass(frozen=True)
class QstrPool:
    """A static ``qstr_pool_t`` in the data segments."""

    address: int
    prev: int
    #: ``total_prev_len``: the id of the pool's first string.
    first: int
    strings: tuple[bytes, ...]


def _pool_at(mem: _Memory, at: int) -> QstrPool | None:
    header = [mem.word(at + 4 * i) for i in range(_POOL_HEADER // 4)]
    if None in header:
        return None
    prev, total, _alloc, n, hashes, lengths = (h or 0 for h in header)
    if not 0 < n <= 1 << 16 or not mem.inside(lengths, n) or not mem.inside(hashes, 2 * n):
        return None
    first = total & 0x7FFFFFFF
    strings = []
    for i in range(n):
        ptr = mem.word(at + _POOL_HEADER + 4 * i)
        size = mem.image[lengths + i]
        if ptr is None or not mem.inside(ptr, size + 1):
            return None
        text = bytes(mem.image[ptr : ptr + size])
        if mem.image[ptr + size] != 0 or 0 in text:
            return None
        stored = int.from_bytes(mem.image[hashes + 2 * i : hashes + 2 * i + 2], "little")
        # MP_QSTRnull, the first static qstr, is the empty string with hash 0.
        if stored != qstr_hash(text) and not (prev == first == i == stored == 0 and not text):
            return None
        strings.append(text)
    return QstrPool(at, prev, first, tuple(strings))


def _qstr_pools(mem: _Memory) -> tuple[QstrPool, ...]:
    """The static qstr pools, first to last: the chain ``qstr_find_strn`` walks back."""
    pools = {p.address: p for p in (_pool_at(mem, at) for at in mem.words()) if p is not None}
    roots = [p for p in pools.values() if p.prev == 0]
    if len(roots) != 1 or roots[0].first != 0:
        raise FixError(f"expected one first qstr pool, found {len(roots)}")
    chain = [roots[0]]
    while True:
        nxt = [p for p in pools.values() if p.prev == chain[-1].address]
        if not nxt:
            break
        if len(nxt) != 1 or nxt[0].first != chain[-1].first + len(chain[-1].strings):
            raise FixError(f"qstr pools after {chain[-1].address:#x} do not follow on")
        chain.append(nxt[0])
    if len(chain) != len(pools):
        raise FixError(f"{len(pools) - len(chain)} qstr pools are not in the chain")
    return tuple(chain)


@dataclass(frozen=True)
class RomMap:
    """A ROM ``mp_map_t`` (all keys qstrs, fixed, ordered): ``used`` (key, value) words."""

    address: int
    table: int
    pairs: tuple[tuple[int, int], ...]


def _rom_maps(mem: _Memory, n_qstrs: int) -> list[RomMap]:
    out = []
    for at in mem.words():
        bits = mem.word(at)
        if bits is None or bits & 7 != _ROM_MAP or mem.word(at + 4) != bits >> 3 or bits < 8:
            continue
        used, table = bits >> 3, mem.word(at + 8)
        if table is None or table % 4 or not mem.inside(table, 8 * used):
            continue
        cells = mem.image[table : table + 8 * used]
        words = [int.from_bytes(cells[i : i + 4], "little") for i in range(0, len(cells), 4)]
        pairs = tuple(zip(words[::2], words[1::2], strict=True))
        if all(k & 7 == 2 and k >> 3 < n_qstrs for k, _ in pairs):
            out.append(RomMap(at, table, pairs))
    return out


def _module_name(mem: _Memory, module: int, name_key: int) -> int | None:
    """What a module object's ROM globals give as ``__name__`` (a qstr object), if they do.

    ``mp_obj_module_t`` is (type, globals); ``mp_obj_dict_t`` is (type, map bits,
    alloc, table), and a ROM module's table starts with ``__name__``.
    """
    globals_ = mem.word(module + 4)
    if globals_ is None or mem.word(globals_) is None:
        return None
    bits, table = mem.word(globals_ + 4), mem.word(globals_ + 12)
    if bits is None or bits & 7 != _ROM_MAP or table is None or mem.word(table) != name_key:
        return None
    return mem.word(table + 4)


@dataclass(frozen=True)
class BuiltinModule:
    """A built-in module as the tables hold it."""

    name: str
    qstr_id: int
    #: The module object (``mp_obj_module_t``).
    module: int
    #: Each (key, value) pair that holds it, by address.
    entries: tuple[int, ...]


@dataclass(frozen=True)
class ModuleTables:
    """Where the build's built-in module tables are, and what they hold."""

    pools: tuple[QstrPool, ...]
    #: ``&mp_type_module``.
    module_type: int
    #: Every ROM map whose values are all modules: ``mp_builtin_module_map``,
    #: ``mp_builtin_extensible_module_map`` and the compiler's
    #: ``mp_constants_map`` (which folds ``uctypes.UINT8`` to an int).
    maps: tuple[RomMap, ...]
    hidden: tuple[BuiltinModule, ...]
    anchors: tuple[BuiltinModule, ...]


def _qstr_keys(pools: Sequence[QstrPool]) -> Callable[[str], int]:
    """What maps a name to its qstr object; it fails unless the pools hold the name once."""
    ids: dict[bytes, list[int]] = {}
    for pool in pools:
        for i, text in enumerate(pool.strings):
            ids.setdefault(text, []).append(pool.first + i)

    def key(name: str) -> int:
        found = ids.get(name.encode(), [])
        if len(found) != 1:
            raise FixError(f"expected one qstr {name!r}, found {len(found)}")
        return qstr_object(found[0])

    return key


def _locate(wat: str, names: Sequence[str]) -> tuple[_Memory, ModuleTables]:
    mem = _Memory(wat)
    pools = _qstr_pools(mem)
    key = _qstr_keys(pools)
    name_key, main_key = key("__name__"), key("__main__")
    maps = _rom_maps(mem, pools[-1].first + len(pools[-1].strings))
    types: set[int | None] = set()
    for anchor in ANCHOR_MODULES:
        k = key(anchor)
        found = [
            v for m in maps for kk, v in m.pairs if kk == k and _module_name(mem, v, name_key) == k
        ]
        if not found:
            raise FixError(f"no built-in module table holds {anchor!r}")
        types.update(mem.word(v) for v in found)
    if len(types) != 1 or None in types:
        raise FixError(f"the anchor modules do not share one type: {types}")
    module_type = types.pop()
    assert module_type is not None
    modules = [m for m in maps if all(mem.word(v) == module_type for _, v in m.pairs)]
    for m in modules:
        for k, v in m.pairs:
            named = _module_name(mem, v, name_key)
            globals_ = mem.word(v + 4)
            in_ram = globals_ is not None and not mem.inside(globals_, 16)
            if named != k and not (named is None and in_ram and k == main_key):
                raise FixError(
                    f"the module table at {m.address:#x} holds {k:#x} -> {v:#x}, "
                    f"a module whose name is {named!r}"
                )

    def holders(name: str) -> BuiltinModule:
        k = key(name)
        entries = [
            (m.table + 8 * i, v) for m in modules for i, (kk, v) in enumerate(m.pairs) if kk == k
        ]
        values = {v for _, v in entries}
        if len(values) != 1:
            raise FixError(f"expected one built-in module {name!r}, found {len(values)}")
        module = values.pop()
        return BuiltinModule(name, k >> 3, module, tuple(a for a, _ in entries))

    anchors = tuple(holders(a) for a in ANCHOR_MODULES)
    hidden = tuple(holders(n) for n in names)
    for h in hidden:
        # Reachable only through the pairs being cleared: no other data word and
        # no instruction holds the module, and only the module holds its globals.
        others = set(mem.references(h.module)) - {a + 4 for a in h.entries}
        globals_ = mem.word(h.module + 4)
        assert globals_ is not None
        if others or mem.references(globals_) != [h.module + 4]:
            raise FixError(f"built-in module {h.name!r} is referenced from elsewhere")
        if f"(i32.const {h.module})" in wat or f"(i32.const {globals_})" in wat:
            raise FixError(f"code refers to built-in module {h.name!r} directly")
    tables = ModuleTables(pools, module_type, tuple(modules), hidden, anchors)
    return mem, tables


def find_builtin_modules(wat: str, names: Sequence[str] = HIDDEN_MODULES) -> ModuleTables:
    """Where MicroPython's built-in module tables hold ``names`` (and the anchor modules).

    Fails (:class:`FixError`) on anything it does not recognise exactly; see
    :func:`hide_builtin_modules`.
    """
    return _locate(wat, names)[1]


def hide_builtin_modules(wat: str, names: Sequence[str] = HIDDEN_MODULES) -> str:
    """``wat`` with the built-in modules ``names`` unreachable from Python code.

    Import finds a built-in module by a linear search of ROM tables of (key,
    value) words, ``mp_builtin_module_map`` and
    ``mp_builtin_extensible_module_map`` (``py/objmodule.c``), comparing the
    key with the name's qstr object, ``(qstr_id << 3) | 2``. Setting a key to
    0 (``MP_OBJ_NULL``) makes that search miss it by every route: ``import``,
    ``__import__``, after ``sys.modules`` is cleared, with an empty
    ``sys.path``, and as ``umachine`` (the u-prefix alias looks ``machine``
    up the same way). No qstr lookup makes key 0, and ``help('modules')``
    skips empty keys (``mp_map_slot_is_filled``). The compiler's
    ``mp_constants_map``, from which ``uctypes.UINT8`` would still fold to an
    int without any import, is cleared the same way. A module of the same
    name on ``sys.path`` imports as before: it is the user's own file.

    The tables are found from the data segments alone: the static qstr pools
    (each entry's string, length byte and 16-bit hash must agree) give the
    names' ids; the ROM maps whose values are all module objects (their type
    being that of ``gc``, ``sys``, ``math`` and ``json``, found by name) are
    the module tables, and every entry of theirs must name a module whose
    ``__name__`` is its key. Each hidden module must be held by one object
    that nothing else in the data or the code refers to.
    """
    mem, tables = _locate(wat, names)
    for module in tables.hidden:
        for entry in module.entries:
            wat = mem.clear_word(wat, entry)
    return wat


# -- filesystems guest code must not mount ----------------------------------------

#: Functions taken out of the built-in modules: ``mount(obj, path)`` accepts any
#: Python object with the VFS methods (``stat``, ``open``, ``ilistdir``...) as a
#: filesystem, and ``import`` then loads ``.mpy`` files it serves, bytecode that
#: MicroPython does not verify and that can read and write any memory.
#: ``umount`` goes with it: it could only take the sandbox's own filesystem away.
MOUNT_FUNCTIONS: tuple[str, ...] = ("mount", "umount")
#: Every built-in module that holds them (``vfs`` is also hidden whole).
MOUNTING_MODULES: tuple[str, ...] = ("os", "vfs")


@dataclass(frozen=True)
class ModuleGlobals:
    """A built-in module's ROM globals: ``mp_obj_dict_t`` (type, map bits, alloc, table)."""

    name: str
    module: int
    #: The ``mp_obj_dict_t``; its ``mp_map_t`` starts one word in.
    dict: int
    table: int
    pairs: tuple[tuple[int, int], ...]
    #: Where in ``pairs`` each of :data:`MOUNT_FUNCTIONS` is, in that order.
    slots: tuple[int, ...]


@dataclass(frozen=True)
class MountFunctions:
    """The mount functions' objects and the modules' globals that hold them."""

    #: Each of :data:`MOUNT_FUNCTIONS`' function object, in that order.
    functions: tuple[int, ...]
    holders: tuple[ModuleGlobals, ...]


def _globals_of(mem: _Memory, name: str, module: int, dict_type: int) -> ModuleGlobals:
    globals_ = mem.word(module + 4)
    if globals_ is None or mem.word(globals_) != dict_type:
        raise FixError(f"built-in module {name!r} has no globals dict in the data")
    bits, alloc, table = (mem.word(globals_ + 4 * i) for i in (1, 2, 3))
    if bits is None or bits & 7 != _ROM_MAP or alloc != bits >> 3 or table is None:
        raise FixError(f"the globals of built-in module {name!r} are not a ROM map")
    used = bits >> 3
    if table % 4 or not mem.inside(table, 8 * used):
        raise FixError(f"the globals of built-in module {name!r} are not in the data")
    cells = [mem.word(table + 4 * i) or 0 for i in range(2 * used)]
    return ModuleGlobals(
        name, module, globals_, table, tuple(zip(cells[::2], cells[1::2], strict=True)), ()
    )


def _locate_mounts(wat: str) -> tuple[_Memory, MountFunctions]:
    mem, tables = _locate(wat, ())
    key = _qstr_keys(tables.pools)
    wanted = [key(n) for n in MOUNT_FUNCTIONS]
    # The anchors' globals give the type of a module's globals dict.
    dict_types = {mem.word(mem.word(a.module + 4) or 0) for a in tables.anchors}
    if len(dict_types) != 1 or None in dict_types:
        raise FixError(f"the anchor modules' globals do not share one type: {dict_types}")
    dict_type = dict_types.pop()
    assert dict_type is not None
    # Each module object under its key (`_locate` checked that the key is its __name__).
    modules = {v: k for m in tables.maps for k, v in m.pairs}
    text = {
        qstr_object(p.first + i): t.decode(errors="replace")
        for p in tables.pools
        for i, t in enumerate(p.strings)
    }
    found: dict[str, ModuleGlobals] = {}
    for module, k in sorted(modules.items()):
        globals_ = mem.word(module + 4)
        if globals_ is None or not mem.inside(globals_, 16):
            continue  # __main__: its globals are made at run time
        name = text[k]
        g = _globals_of(mem, name, module, dict_type)
        slots = [[i for i, (kk, _) in enumerate(g.pairs) if kk == w] for w in wanted]
        if not any(slots):
            continue
        if name not in MOUNTING_MODULES or name in found:
            raise FixError(f"built-in module {name!r} holds a mount function too")
        if any(len(s) != 1 for s in slots):
            raise FixError(
                f"expected built-in module {name!r} to hold each of {list(MOUNT_FUNCTIONS)} "
                f"once, found {[len(s) for s in slots]}"
            )
        found[name] = ModuleGlobals(
            name, module, g.dict, g.table, g.pairs, tuple(s[0] for s in slots)
        )
    if sorted(found) != sorted(MOUNTING_MODULES):
        raise FixError(
            f"expected the built-in modules {list(MOUNTING_MODULES)} to hold "
            f"{list(MOUNT_FUNCTIONS)}, found {sorted(found)}"
        )
    holders = tuple(found[n] for n in MOUNTING_MODULES)
    held = {h.table + 8 * i + 4 for h in holders for i in h.slots}
    functions = []
    for j, fname in enumerate(MOUNT_FUNCTIONS):
        values = {h.pairs[h.slots[j]][1] for h in holders}
        if len(values) != 1:
            raise FixError(f"the built-in modules hold {len(values)} different {fname!r}")
        fn = values.pop()
        if fn in modules or mem.word(fn) in (None, 0, tables.module_type, dict_type):
            raise FixError(f"{fname!r} is not a function object in the data")
        if not set(mem.references(fn)) <= held:
            raise FixError(f"{fname!r} is referenced from elsewhere")
        if f"(i32.const {fn})" in wat:
            raise FixError(f"code refers to {fname!r} directly")
        functions.append(fn)
    if len(set(functions)) != len(functions):
        raise FixError("the mount functions are not distinct objects")
    for h in holders:
        # The table is this dict's alone: shortening the dict hides the pairs from every view.
        if mem.references(h.table) != [h.dict + 12]:
            raise FixError(f"the globals table of built-in module {h.name!r} is shared")
    return mem, MountFunctions(tuple(functions), holders)


def find_mount_functions(wat: str) -> MountFunctions:
    """Where the built-in modules hold the mount functions; see :func:`remove_mount_functions`."""
    return _locate_mounts(wat)[1]


def remove_mount_functions(wat: str) -> str:
    """``wat`` with ``mount`` and ``umount`` gone from the built-in ``os`` and ``vfs`` modules.

    ``vfs.mount(obj, '/userfs')`` (``os.mount`` is the same function) mounts
    any Python object that has the VFS methods as a filesystem; ``import``
    then reads modules from it, ``.mpy`` files among them, and MicroPython
    runs ``.mpy`` bytecode without verifying it: crafted bytecode reads and
    writes the interpreter's memory. The host never sees such a filesystem,
    so only taking the function away closes it. The sandbox's own filesystem
    is mounted by the C runtime at startup, which calls ``mp_vfs_mount``
    directly, not through these objects.

    A module's globals are a ROM dict: ``mp_obj_dict_t`` (type, map bits,
    alloc, table) whose table of (key, value) words is searched linearly. The
    fix moves the two pairs to the end of the table and shortens the map by
    two (its ``used`` count, in the bits, and ``alloc``), so every lookup,
    ``dir()``, ``__dict__`` and ``len(__dict__)`` see only the rest: the
    attributes raise ``AttributeError``. A zero key (as
    :func:`hide_builtin_modules` leaves in the module tables) would not do
    here: a module's ``__dict__`` can be searched with a string that is not
    interned, and that search compares every key by value, a zero key too.

    Found from the data alone, as :func:`hide_builtin_modules` finds the
    module tables: every built-in module whose ROM globals hold ``mount`` or
    ``umount`` must be one of :data:`MOUNTING_MODULES` and hold both, once;
    all must hold the same two function objects, which nothing else in the
    data or the code refers to, and each globals table must be its dict's
    alone. Run it before :func:`hide_builtin_modules`, which leaves module
    tables this search no longer recognises.
    """
    mem, found = _locate_mounts(wat)
    for h in found.holders:
        removed = set(h.slots)
        pairs = [p for i, p in enumerate(h.pairs) if i not in removed]
        pairs += [h.pairs[i] for i in sorted(removed)]
        for i, (k, v) in enumerate(pairs):
            if (k, v) != h.pairs[i]:
                wat = mem.set_word(wat, h.table + 8 * i, k)
                wat = mem.set_word(wat, h.table + 8 * i + 4, v)
        used = len(h.pairs) - len(removed)
        wat = mem.set_word(wat, h.dict + 4, (used << 3) | _ROM_MAP)
        wat = mem.set_word(wat, h.dict + 8, used)
    return wat
