"""The build's bigger C stack and its fixes to MicroPython's code: the rewrites and their effect."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from wasmbox import Limits, RunStatus, Sandbox
from wasmbox._artifact.fixes import (
    FIBONACCI_MULTIPLIER,
    SPREAD_FROM,
    FixError,
    bigger_import_reads,
    restore_locals_after_class_body,
    spread_map_slots,
)
from wasmbox._artifact.stack import EXTRA_PAGES, StackLayoutError, grow_stack
from wasmbox.limits import MIN_MEMORY

# The shape of the shipped artifact, reduced to what grow_stack reads.
LAYOUT = """(module
 (global $global$0 (mut i32) (i32.const 136576))
 (memory $0 3)
 (func $main (param $0 i32) (param $1 i32) (result i32)
  (call $384
   (i32.const 40000)
  )
 )
 (func $malloc_init (result i32)
  (drop (i32.const 1431655768))
  (i32.sub
   (i32.const 196608)
   (i32.const 136576)
  )
 )
 (func $other (result i32)
  (i32.const 196608)
 )
)
"""


def test_grow_stack_moves_stack_top_heap_and_limit_together() -> None:
    extra = EXTRA_PAGES * 65536
    out = grow_stack(LAYOUT)
    assert f"(global $global$0 (mut i32) (i32.const {136576 + extra}))" in out
    assert f"(memory $0 {3 + EXTRA_PAGES})" in out
    assert f"(i32.const {40000 + extra})" in out
    init = out[out.index("(func $malloc_init") : out.index("(func $other")]
    assert f"(i32.const {196608 + extra})" in init and f"(i32.const {136576 + extra})" in init
    # 196608 elsewhere is just a number, not the heap end.
    assert "(func $other (result i32)\n  (i32.const 196608)" in out


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (LAYOUT.replace("(i32.const 40000)", "(i32.const 40001)"), "stack limit"),
        (LAYOUT.replace("(drop (i32.const 1431655768))", ""), "dlmalloc"),
        (
            LAYOUT.replace(
                "(func $other (result i32)\n  (i32.const 196608)",
                "(func $other (result i32)\n  (i32.const 136576)",
            ),
            "heap base",
        ),
        (LAYOUT.replace("(memory $0 3)", "(memory $0 3 3)"), "memory"),
        (LAYOUT.replace("(memory $0 3)", "(memory $0 2)"), "layout"),
    ],
    ids=["limit", "not-dlmalloc", "two-heap-users", "max-memory", "stack-above-memory"],
)
def test_grow_stack_refuses_an_unknown_layout(broken: str, message: str) -> None:
    with pytest.raises(StackLayoutError, match=message):
        grow_stack(broken)


BUILD_CLASS = """ (func $862 (param $0 i32) (param $1 i32) (result i32)
  (local.set $3
   (i32.load offset=12
    (i32.const 66772)
   )
  )
  (i32.store offset=12
   (i32.const 66772)
   (local.tee $4
    (call $488
     (i32.const 0)
    )
   )
  )
  (local.set $5
   (call $346
    (i32.load
     (local.get $1)
    )
   )
  )
  (i32.store offset=12
   (i32.const 66772)
   (local.get $3)
  )
 )
"""


def test_class_body_call_gets_a_handler_that_restores_locals() -> None:
    out = restore_locals_after_class_body(BUILD_CLASS)
    assert "(try $wasmbox_class_body (result i32)" in out
    handler = out[out.index("(catch_all") :]
    assert handler.index("(i32.store offset=12 (i32.const 66772) (local.get $3))") < handler.index(
        "(rethrow $wasmbox_class_body)"
    )
    assert out.count("(call $346") == 1


def test_class_body_fix_refuses_unknown_code() -> None:
    with pytest.raises(FixError):
        restore_locals_after_class_body(
            BUILD_CLASS.replace(
                "offset=12\n    (i32.const 66772)\n   )\n  )\n  (i32.store",
                "offset=16\n    (i32.const 66772)\n   )\n  )\n  (i32.store",
                1,
            )
        )
    with pytest.raises(FixError):
        restore_locals_after_class_body(BUILD_CLASS + BUILD_CLASS)


# What the fix is for: after a class body raises, module-level names still go
# to the module (they went to the dead class's namespace before).
CLASS_BODY_RAISES = """
try:
    class A:
        raise ValueError('in body')
except ValueError as e:
    print('caught', e)
x = 1
def f():
    return x
print(f(), 'A' in globals(), 'x' in globals())
"""

RECURSION_IN_CLASS_BODY = """
def make(n):
    class C:
        value = make(n + 1)
    return C
try:
    make(0)
except RuntimeError:
    print('deep')
y = 2
def g():
    return y
print(g())
"""


@pytest.mark.parametrize(
    ("code", "expected"),
    [(CLASS_BODY_RAISES, "caught in body\n1 False True\n"), (RECURSION_IN_CLASS_BODY, "deep\n2\n")],
    ids=["raise", "recursion-limit"],
)
def test_names_after_a_failed_class_body_are_module_globals(
    sandbox: Sandbox, code: str, expected: str
) -> None:
    result = sandbox.run(code)
    assert result.status is RunStatus.OK, result.error
    assert result.stdout == expected


def test_recursion_as_deep_as_cpython_allows(sandbox: Sandbox) -> None:
    code = (
        "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n"
        "print(depth(990))\n"
        "memo = {}\n"
        "def fib(n):\n"
        "    if n < 2:\n        return n\n"
        "    if n not in memo:\n        memo[n] = fib(n - 1) + fib(n - 2)\n"
        "    return memo[n]\n"
        "print(fib(900) % 1000007)\n"
    )
    result = sandbox.run(code)
    assert result.status is RunStatus.OK, result.error
    assert result.stdout.split() == ["990", str(_fib(900) % 1000007)]


def _fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_the_smallest_memory_limit_still_fits_the_bigger_stack(sandbox: Sandbox) -> None:
    code = "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nx = [0] * 20000\nprint(d(900), len(x))"
    result = sandbox.run(code, limits=Limits(memory=MIN_MEMORY))
    assert result.status is RunStatus.OK, result.error
    assert result.stdout == "900 20000\n"


READER = """ (func $1229 (param $0 i32) (param $1 i32)
  (local.set $4
   (select
    (i32.const 25)
    (select
     (call_indirect $0 (type $4)
      (local.get $1)
      (i32.const 11)
      (i32.const 0)
     )
     (i32.const 255)
     (i32.const 1)
    )
    (i32.const 0)
   )
  )
 )
 (func $9 (result i32)
  (i32.const 25)
 )
"""


def test_reader_default_buffer_becomes_the_largest_it_supports() -> None:
    out = bigger_import_reads(READER)
    reader, other = out.split(" (func $9")
    assert "(i32.const 25)" not in reader and reader.count("(i32.const 255)") == 2
    assert "(i32.const 25)" in other  # other functions keep their numbers
    with pytest.raises(FixError):
        bigger_import_reads(READER.replace("(i32.const 11)", "(i32.const 12)"))


def test_imports_read_255_bytes_at_a_time(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wasmbox.wasi.fs import FileSystem

    sizes: list[int] = []
    original = FileSystem.read

    def read(self: FileSystem, handle: Any, length: int) -> bytes:
        sizes.append(length)
        return original(self, handle, length)

    monkeypatch.setattr(FileSystem, "read", read)
    result = sandbox.run("import helper\nprint(helper.X)", files={"helper.py": b"X = 1\n" * 2000})
    assert result.stdout == "1\n"
    assert len(sizes) > 40 and set(sizes) == {255}


# mp_map_lookup reduced to its hashing and first slot (names as wasm-dis gives them),
# with stand-ins for qstr_hash ($41: identity) and mp_unary_op ($337: the object).
MAP_LOOKUP = """(module
 (memory $0 1)
 (func $41 (param $0 i32) (result i32)
  (local.get $0)
 )
 (func $337 (param $0 i32) (param $1 i32) (result i32)
  (local.get $1)
 )
 (func $396 (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $7 i32)
  (local $9 i32)
  (block $block14
   (block $block13
    (br_if $block13
     (i32.ne
      (i32.and
       (local.get $1)
       (i32.const 7)
      )
      (i32.const 2)
     )
    )
    (local.set $9
     (call $41
      (i32.shr_u
       (local.get $1)
       (i32.const 3)
      )
     )
    )
    (br $block14)
   )
   (local.set $9
    (i32.shr_s
     (call $337
      (i32.const 6)
      (local.get $1)
     )
     (i32.const 1)
    )
   )
  )
  (i32.rem_u
   (local.get $9)
   (local.tee $7
    (i32.load offset=4
     (local.get $0)
    )
   )
  )
 )
 (func $399 (param $0 i32) (param $1 i32) (param $2 i32) (result i32)
  (local $5 i32)
  (local.set $5
   (i32.shr_s
    (call $337
     (i32.const 6)
     (local.get $1)
    )
    (i32.const 1)
   )
  )
  (i32.rem_u
   (local.get $5)
   (i32.load
    (local.get $0)
   )
  )
 )
 (export "map_slot" (func $396))
 (export "set_slot" (func $399))
 (export "memory" (memory $0))
)
"""


Slot = Callable[[int, int], int]


def _slots(wat: str) -> tuple[Slot, Slot]:
    """``(map_slot, set_slot)``: the first slot for the small int ``k`` in a table of ``alloc``."""
    import wasmtime

    store = wasmtime.Store()
    exports = wasmtime.Instance(store, wasmtime.Module(store.engine, wat), []).exports(store)
    memory = exports["memory"]
    assert isinstance(memory, wasmtime.Memory)

    def call(name: str, offset: int) -> Slot:
        func = exports[name]
        assert isinstance(func, wasmtime.Func)

        def slot(k: int, alloc: int) -> int:
            memory.write(store, alloc.to_bytes(4, "little"), offset)
            result = func(store, 0, (k << 1) | 1, 0)
            assert isinstance(result, int)
            return result & 0xFFFFFFFF

        return slot

    return call("map_slot", 4), call("set_slot", 0)


def test_map_slots_come_from_fibonacci_hashing_in_big_tables() -> None:
    map_slot, _ = _slots(spread_map_slots(MAP_LOOKUP))
    multiplier = FIBONACCI_MULTIPLIER & 0xFFFFFFFF
    for alloc in (SPREAD_FROM + 1, 127, 24407, 3_000_017):
        for k in (0, 1, 2, 3, 1000, 12345, 2**29, -1, -12345):
            expected = (((k * multiplier) & 0xFFFFFFFF) * alloc) >> 32
            assert map_slot(k, alloc) == expected < alloc
    # Consecutive keys no longer fill a run of slots: 100 keys land far apart.
    slots = sorted(map_slot(k, 24407) for k in range(100))
    assert min(b - a for a, b in itertools.pairwise(slots)) > 100


def test_small_map_tables_and_sets_keep_hash_mod_alloc() -> None:
    map_slot, set_slot = _slots(spread_map_slots(MAP_LOOKUP))
    for alloc in (1, 2, 17, SPREAD_FROM):
        assert [map_slot(k, alloc) for k in range(100)] == [k % alloc for k in range(100)]
    assert [set_slot(k, 24407) for k in range(100)] == list(range(100))


def test_the_set_lookup_text_is_left_alone() -> None:
    out = spread_map_slots(MAP_LOOKUP)
    assert out.count(f"(i32.const {FIBONACCI_MULTIPLIER})") == 1
    set_lookup = MAP_LOOKUP[MAP_LOOKUP.index(" (func $399") :]
    assert out.endswith(set_lookup)


@pytest.mark.parametrize(
    "broken",
    [
        # only the set's lookup (no qstr fast path): nothing to patch
        MAP_LOOKUP.replace("(local.set $9\n     (call $41", "(local.set $8\n     (call $41"),
        # two map lookups
        MAP_LOOKUP.replace(
            " (export",
            MAP_LOOKUP[MAP_LOOKUP.index(" (func $396") : MAP_LOOKUP.index(" (func $399")].replace(
                "$396", "$397"
            )
            + " (export",
            1,
        ),
        # the hash used a second time: a slot computed somewhere the fix would miss
        MAP_LOOKUP.replace(
            "  (i32.rem_u\n   (local.get $9)",
            "  (drop (local.get $9))\n  (i32.rem_u\n   (local.get $9)",
        ),
        # the slot taken modulo something that is not map->alloc
        MAP_LOOKUP.replace(
            "(i32.load offset=4\n     (local.get $0)", "(i32.load offset=8\n     (local.get $0)"
        ),
    ],
    ids=["no-map-lookup", "two-map-lookups", "hash-used-twice", "not-alloc"],
)
def test_map_slot_fix_refuses_unknown_code(broken: str) -> None:
    assert broken != MAP_LOOKUP
    with pytest.raises(FixError):
        spread_map_slots(broken)


# What the fix is for, and what must not change with it. Plain MicroPython dicts
# (compat off), whose iteration order is their slot order.
DICT_SEMANTICS = """
d = {}
for i in range(-3000, 30000, 3):
    d[i] = i
for i in range(-3000, 30000, 6):
    del d[i]
for i in range(0, 600, 6):
    d[i] = -i
d[2**40] = 'big'
s = {}
for i in range(5000):
    s['key%d' % i] = i
    s[(i, str(i))] = i
small = {}
sizes_ok = True
for i in range(300):
    small[i * 7919] = i
    sizes_ok = sizes_ok and all(small[j * 7919] == j for j in range(0, i + 1, 37))
c = d.copy()
del c[3]
print(len(d), d[3], d[-2997], d[6], d[0], 12 in d, 599 in d, d[2**40], 2**40 + 1 in d)
print(len(s), s['key4999'], s[(17, '17')], 'key5000' in s, (17, 17) in s)
print(sizes_ok, len(c), 3 in c, 3 in d, c == d, dict(d) == d)
e = {1: 'int'}
e[1.0] = 'float'
e[True] = 'bool'
print(e, hash(12345), hash(-12345), hash('abc') == hash('ab' + 'c'))
# Sets are not spread: stock MicroPython's order, sorted for small ints in a big table.
t = set()
for i in range(999, -1, -1):
    t.add(i)
print(list({3, 1, 2, 10, 7}), list(t) == list(range(1000)))
print(sorted(d) == sorted(set(range(-3000, 30000, 3)) - set(range(-3000, 30000, 6)) | set(range(0, 600, 6)) | {2**40}))
"""


def _dict_semantics_expected() -> str:
    d: dict[Any, Any] = {i: i for i in range(-3000, 30000, 3)}
    for i in range(-3000, 30000, 6):
        del d[i]
    for i in range(0, 600, 6):
        d[i] = -i
    d[2**40] = "big"
    e: dict[float, str] = {1: "int"}
    e[1.0] = "float"
    e[True] = "bool"
    return (
        f"{len(d)} 3 -2997 -6 0 True False big False\n"
        "10000 4999 17 False False\n"
        f"True {len(d) - 1} False True False True\n"
        f"{e} 12345 -12345 True\n"
        "[10, 1, 2, 3, 7] True\n"
        "True\n"
    )


def test_dicts_keep_their_semantics_with_the_new_slots() -> None:
    result = Sandbox(compat=False).run(DICT_SEMANTICS, limits=Limits(wall_time=30))
    assert result.status is RunStatus.OK, result.error
    assert result.stdout == _dict_semantics_expected()


MISS_TIMES = """
import time, random
random.seed(7)
ints = {}
for i in range(20000):
    ints[i] = i
strs = {}
for i in range(20000):
    strs['s%d' % i] = i
probe_ints = [random.getrandbits(24) | 0x100000 for _ in range(2000)]
probe_strs = ['t%d' % random.getrandbits(24) for _ in range(2000)]
def per_lookup(d, keys):
    t = time.ticks_us()
    for k in keys:
        k in d
    return time.ticks_diff(time.ticks_us(), t) / len(keys)
print(per_lookup(ints, probe_ints), per_lookup(strs, probe_strs), sum(k in ints for k in probe_ints))
"""


def test_lookups_of_missing_keys_in_big_dicts_are_fast() -> None:
    """20,000 dense int keys: a miss took 80-120 us (a scan of the run of keys); now 0.3 us."""
    result = Sandbox(compat=False).run(MISS_TIMES, limits=Limits(wall_time=30))
    assert result.status is RunStatus.OK, result.error
    int_miss_us, str_miss_us, found = result.stdout.split()
    assert found == "0"
    # Measured 0.3 us for ints and 0.5 for strings (before the fix: 94 and 6.7).
    # The bound leaves room for a loaded machine, far below the old int misses.
    assert float(int_miss_us) < 5
    assert float(str_miss_us) < 5


def _data_segments(wasm: bytes) -> list[tuple[int, bytes]]:
    """The active data segments of a module: ``(address, bytes)``."""

    def uleb(pos: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            byte = wasm[pos]
            value |= (byte & 0x7F) << shift
            pos, shift = pos + 1, shift + 7
            if byte < 0x80:
                return value, pos

    pos, segments = 8, []
    while pos < len(wasm):
        section = wasm[pos]
        size, body = uleb(pos + 1)
        if section == 11:
            count, p = uleb(body)
            for _ in range(count):
                flags, p = uleb(p)
                assert flags == 0 and wasm[p] == 0x41  # active, memory 0, i32.const
                address, p = uleb(p + 1)  # the addresses are small: no sign to extend
                assert wasm[p] == 0x0B
                length, p = uleb(p + 1)
                segments.append((address, wasm[p : p + length]))
                p += length
        pos = body + size
    return segments


def test_no_fixed_dict_in_rom_is_a_hash_table() -> None:
    """The dicts compiled into the artifact (module globals, class namespaces) are
    searched linearly, so their layout does not depend on where a hash places keys.

    A map is three words: ``used << 3 | is_ordered << 2 | is_fixed << 1 |
    all_keys_are_qstrs``, ``alloc`` and ``table``; a fixed one has ``used == alloc``.
    """
    import struct

    from wasmbox._artifact import source_path

    segments = _data_segments(source_path().read_bytes())
    low, high = min(a for a, _ in segments), max(a + len(d) for a, d in segments)
    memory = bytearray(high)
    for address, data in segments:
        memory[address : address + len(data)] = data
    fixed = []
    for at in range(low, high - 12, 4):
        bits, alloc, table = struct.unpack_from("<III", memory, at)
        if bits & 2 and bits >> 3 == alloc > 0 and low <= table and table + 8 * alloc <= high:
            fixed.append(bits)
    assert len(fixed) >= 50  # 62 in the shipped artifact
    assert all(bits & 4 for bits in fixed)  # every one is_ordered
