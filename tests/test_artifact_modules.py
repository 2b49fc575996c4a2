"""The build's fixes that take uctypes, machine and vfs out of MicroPython's built-in module
tables, and mount and umount out of the os and vfs modules."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from wasmbox._artifact.fixes import (
    ANCHOR_MODULES,
    HIDDEN_MODULES,
    MOUNT_FUNCTIONS,
    MOUNTING_MODULES,
    FixError,
    _Memory,
    find_builtin_modules,
    find_mount_functions,
    hide_builtin_modules,
    qstr_hash,
    qstr_object,
    remove_mount_functions,
)

# -- a synthetic image: one qstr pool, module objects, one module table -----------------------

BASE = 1024
NAMES = [
    *("", "__name__", "__main__", "gc", "sys", "math", "json", "uctypes", "machine", "vfs"),
    *("os", "mount", "umount", "getcwd", "stat", "VfsPosix"),
]
MODULES = ["gc", "sys", "math", "json", "uctypes", "machine", "vfs", "os"]
#: Each module's globals after ``__name__``: (attribute, function) pairs. A
#: function is one object per distinct name, shared by the modules naming it.
ATTRS = {
    "os": [("getcwd", "getcwd"), ("mount", "mount"), ("umount", "umount"), ("stat", "stat")],
    "vfs": [("mount", "mount"), ("umount", "umount"), ("VfsPosix", "VfsPosix")],
}


class Image:
    """Builds the data a WAT's segment holds: words and strings at known addresses."""

    def __init__(self) -> None:
        self.data = bytearray()

    def here(self) -> int:
        while len(self.data) % 4:
            self.data.append(0)
        return BASE + len(self.data)

    def words(self, *values: int) -> int:
        at = self.here()
        for v in values:
            self.data += v.to_bytes(4, "little")
        return at

    def raw(self, data: bytes) -> int:
        at = BASE + len(self.data)
        self.data += data
        return at

    def word(self, at: int) -> int:
        return int.from_bytes(self.data[at - BASE : at - BASE + 4], "little")


def build(
    *,
    names: list[str] = NAMES,
    table: list[tuple[str, str]] | None = None,
    module_name: Callable[[str], str] = lambda n: n,
    attrs: dict[str, list[tuple[str, str]]] = ATTRS,
    extra: Callable[[Image, dict[str, int]], None] | None = None,
    code: str = "",
) -> str:
    """A WAT module whose data has a qstr pool and a module table ``table`` (key, module).

    ``extra`` may add data; it gets the module objects and, under ``fn:NAME``,
    the function objects.
    """
    img = Image()
    strings = {n: img.raw(n.encode() + b"\0") for n in names}
    ids = {n: i for i, n in enumerate(names)}
    hashes = img.raw(
        b"".join(
            (0 if i == 0 else qstr_hash(n.encode())).to_bytes(2, "little")
            for i, n in enumerate(names)
        )
    )
    lengths = img.raw(bytes(len(n) for n in names))
    img.words(0, 0, 10, len(names), hashes, lengths, *(strings[n] for n in names))
    module_type, dict_type, fun_type = img.words(0, 0), img.words(0, 0), img.words(0, 0)
    functions = {
        f"fn:{f}": img.words(fun_type, i)
        for i, f in enumerate(sorted({f for a in attrs.values() for _, f in a}))
    }
    modules = {}
    for m in (m for m in MODULES if m in ids):
        pairs = [("__name__", qstr_object(ids[module_name(m)]))]
        pairs += [(k, functions[f"fn:{f}"]) for k, f in attrs.get(m, [])]
        globals_table = img.words(*(w for k, v in pairs for w in (qstr_object(ids[k]), v)))
        globals_ = img.words(dict_type, (len(pairs) << 3) | 7, len(pairs), globals_table)
        modules[m] = img.words(module_type, globals_)
    pairs = table if table is not None else [(m, m) for m in MODULES]
    at = img.words(*(w for k, m in pairs for w in (qstr_object(ids[k]), modules[m])))
    img.words((len(pairs) << 3) | 7, len(pairs), at)
    if extra is not None:
        extra(img, {**modules, **functions})
    text = "".join(
        chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\{b:02x}" for b in img.data
    )
    return f'(module\n (memory $0 1)\n (data $0 (i32.const {BASE}) "{text}")\n{code})\n'


def memory(wat: str) -> bytes:
    return bytes(_Memory(wat).image)


def test_the_keys_of_hidden_modules_are_cleared_and_nothing_else() -> None:
    wat = build()
    found = find_builtin_modules(wat)
    assert [h.name for h in found.hidden] == list(HIDDEN_MODULES)
    assert [a.name for a in found.anchors] == list(ANCHOR_MODULES)
    assert [h.qstr_id for h in found.hidden] == [NAMES.index(n) for n in HIDDEN_MODULES]
    before, after = memory(wat), memory(hide_builtin_modules(wat))
    changed = [i for i in range(len(before)) if before[i] != after[i]]
    cleared = [e + i for h in found.hidden for e in h.entries for i in range(4)]
    assert set(changed) <= set(cleared) and all(after[i] == 0 for i in cleared)


def test_other_names_can_be_hidden() -> None:
    found = find_builtin_modules(build(), names=["os"])
    assert [h.name for h in found.hidden] == ["os"]


def _also_refer(img: Image, modules: dict[str, int]) -> None:
    img.words(modules["uctypes"])  # e.g. an attribute of another module


def _twin(img: Image, modules: dict[str, int]) -> None:
    # A second table holding a second module object of the same name.
    twin = img.words(img.word(modules["uctypes"]), img.word(modules["uctypes"] + 4))
    at = img.words(qstr_object(NAMES.index("uctypes")), twin)
    img.words((1 << 3) | 7, 1, at)


def _misfiled(img: Image, modules: dict[str, int]) -> None:
    # A table that files a module under another module's name.
    at = img.words(qstr_object(NAMES.index("uctypes")), modules["vfs"])
    img.words((1 << 3) | 7, 1, at)


REFUSED = {
    "missing": (
        build(table=[(m, m) for m in MODULES if m != "uctypes"]),
        "one built-in module 'uctypes', found 0",
    ),
    "no qstr": (
        build(
            names=[n for n in NAMES if n != "machine"],
            table=[(m, m) for m in MODULES if m != "machine"],
        ),
        "one qstr 'machine', found 0",
    ),
    "two qstrs": (build(names=[*NAMES, "uctypes"]), "one qstr 'uctypes', found 2"),
    "no anchor": (
        build(table=[(m, m) for m in MODULES if m != "sys"]),
        "no built-in module table holds 'sys'",
    ),
    "misnamed": (
        build(module_name=lambda n: "vfs" if n == "machine" else n),
        "a module whose name is",
    ),
    "misfiled": (build(extra=_misfiled), "a module whose name is"),
    "twin": (build(extra=_twin), "one built-in module 'uctypes', found 2"),
    "referenced": (build(extra=_also_refer), "'uctypes' is referenced from elsewhere"),
}


@pytest.mark.parametrize(("wat", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_refuses_what_it_does_not_recognise(wat: str, message: str) -> None:
    with pytest.raises(FixError, match=re.escape(message)):
        hide_builtin_modules(wat)


def test_refuses_code_that_holds_a_module_itself() -> None:
    module = find_builtin_modules(build()).hidden[0].module
    wat = build(code=f" (func $f (result i32)\n  (i32.const {module})\n )\n")
    with pytest.raises(FixError, match="code refers to built-in module 'uctypes'"):
        hide_builtin_modules(wat)


def test_refuses_data_it_cannot_place() -> None:
    wat = build().replace("(data $0 (i32.const 1024)", "(data $0 (global.get $g)")
    with pytest.raises(FixError, match="active data segments"):
        hide_builtin_modules(wat)
    with pytest.raises(FixError, match="cannot read"):
        hide_builtin_modules(build().replace('")\n', '\\u{41}")\n', 1))


def test_a_second_pass_fails() -> None:
    # A table with an empty key is no longer one the fix recognises.
    with pytest.raises(FixError):
        hide_builtin_modules(hide_builtin_modules(build()))


# -- the shipped artifact ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(shipped_wat: str) -> str:
    return shipped_wat


def test_the_shipped_tables_are_where_micropython_1_27_puts_them(shipped: str) -> None:
    found = find_builtin_modules(shipped)
    # Three static pools (static, sorted core, frozen), one chain.
    assert [(p.first, len(p.strings)) for p in found.pools] == [(0, 217), (217, 420), (637, 186)]
    assert found.pools[0].strings[:2] == (b"", b"")  # MP_QSTRnull and MP_QSTR_
    by_name = {m.name: m for m in found.hidden + found.anchors}
    assert {n: m.qstr_id for n, m in by_name.items()} == {
        "uctypes": 619,
        "machine": 493,
        "gc": 435,
        "sys": 603,
        "math": 495,
        "json": 479,
        "vfs": 633,
    }
    # mp_builtin_module_map (13), mp_builtin_extensible_module_map (16) and the
    # compiler's constants (errno, uctypes, math).
    assert sorted(len(m.pairs) for m in found.maps) == [3, 13, 16]
    assert len(by_name["uctypes"].entries) == 2 and len(by_name["machine"].entries) == 1
    assert len(by_name["vfs"].entries) == 1


def test_the_shipped_artifact_changes_only_in_those_keys(shipped: str) -> None:
    found = find_builtin_modules(shipped)
    hidden = hide_builtin_modules(shipped)
    before, after = memory(shipped), memory(hidden)
    changed = {i for i in range(len(before)) if before[i] != after[i]}
    keys = {e + i for h in found.hidden for e in h.entries for i in range(4)}
    assert changed and changed <= keys
    assert all(after[i] == 0 for i in keys)
    # The code is untouched: only the one data segment's text differs.
    strip = re.compile(r"^ \(data .*$", re.MULTILINE)
    assert strip.sub("", shipped) == strip.sub("", hidden)


# -- mount and umount taken out of os and vfs -------------------------------------------------


def _globals(wat: str, module: str) -> list[tuple[str, int]]:
    """A module's globals as the data holds them: (attribute name, value) for the used pairs."""
    mem = _Memory(wat)
    found = find_builtin_modules(wat, names=[module]).hidden[0]
    globals_ = mem.word(found.module + 4)
    assert globals_ is not None
    bits, alloc, table = (mem.word(globals_ + 4 * i) or 0 for i in (1, 2, 3))
    assert bits & 7 == 7 and bits >> 3 == alloc
    words = [mem.word(table + 4 * i) or 0 for i in range(2 * alloc)]
    return [(NAMES[k >> 3], v) for k, v in zip(words[::2], words[1::2], strict=True)]


def test_mount_and_umount_leave_os_and_vfs_and_the_rest_stays_in_order() -> None:
    wat = build()
    found = find_mount_functions(wat)
    assert [h.name for h in found.holders] == list(MOUNTING_MODULES)
    assert [h.slots for h in found.holders] == [(2, 3), (1, 2)]
    fixed = remove_mount_functions(wat)
    for module in MOUNTING_MODULES:
        before, after = _globals(wat, module), _globals(fixed, module)
        assert after == [p for p in before if p[0] not in MOUNT_FUNCTIONS]
        assert len(after) == len(before) - 2
    # The function objects are in no module's globals any more.
    assert not {v for m in MODULES for _, v in _globals(fixed, m)} & set(found.functions)
    # Only the two dicts' headers and tables change.
    before, after = memory(wat), memory(fixed)
    changed = {i for i in range(len(before)) if before[i] != after[i]}
    allowed = {
        a
        for h in found.holders
        for a in [*range(h.dict + 4, h.dict + 12), *range(h.table, h.table + 8 * len(h.pairs))]
    }
    assert changed and changed <= allowed
    # Hiding the modules afterwards still finds its tables.
    assert [h.name for h in find_builtin_modules(fixed).hidden] == list(HIDDEN_MODULES)


def _refer_to_mount(img: Image, objects: dict[str, int]) -> None:
    img.words(objects["fn:mount"])  # e.g. a method table


def _share_os_table(img: Image, objects: dict[str, int]) -> None:
    # A second dict over os's globals table.
    globals_ = img.word(objects["os"] + 4)
    img.words(
        img.word(globals_), img.word(globals_ + 4), img.word(globals_ + 8), img.word(globals_ + 12)
    )


def _os(*pairs: tuple[str, str]) -> dict[str, list[tuple[str, str]]]:
    return {**ATTRS, "os": list(pairs)}


MOUNTS_REFUSED = {
    "no umount in os": (
        build(attrs=_os(("getcwd", "getcwd"), ("mount", "mount"))),
        "'os' to hold each of ['mount', 'umount'] once, found [1, 0]",
    ),
    "mount twice": (
        build(attrs=_os(("mount", "mount"), ("umount", "umount"), ("mount", "mount"))),
        "'os' to hold each of ['mount', 'umount'] once, found [2, 1]",
    ),
    "another module": (
        build(attrs={**ATTRS, "gc": [("mount", "mount")]}),
        "built-in module 'gc' holds a mount function too",
    ),
    "only os": (
        build(attrs={"os": ATTRS["os"]}),
        "to hold ['mount', 'umount'], found ['os']",
    ),
    "none": (build(attrs={}), "found []"),
    "no os": (
        build(table=[(m, m) for m in MODULES if m != "os"]),
        "to hold ['mount', 'umount'], found ['vfs']",
    ),
    "different functions": (
        build(attrs=_os(("mount", "mount2"), ("umount", "umount"))),
        "the built-in modules hold 2 different 'mount'",
    ),
    "one function for both": (
        build(
            attrs={
                "os": [("mount", "m"), ("umount", "m")],
                "vfs": [("mount", "m"), ("umount", "m")],
            }
        ),
        "the mount functions are not distinct objects",
    ),
    "referenced": (build(extra=_refer_to_mount), "'mount' is referenced from elsewhere"),
    "shared table": (
        build(extra=_share_os_table),
        "the globals table of built-in module 'os' is shared",
    ),
}


@pytest.mark.parametrize(("wat", "message"), MOUNTS_REFUSED.values(), ids=MOUNTS_REFUSED.keys())
def test_mount_removal_refuses_what_it_does_not_recognise(wat: str, message: str) -> None:
    with pytest.raises(FixError, match=re.escape(message)):
        remove_mount_functions(wat)


def test_mount_removal_refuses_code_that_holds_the_function() -> None:
    mount = find_mount_functions(build()).functions[0]
    wat = build(code=f" (func $f (result i32)\n  (i32.const {mount})\n )\n")
    with pytest.raises(FixError, match="code refers to 'mount' directly"):
        remove_mount_functions(wat)


def test_mount_removal_refuses_a_module_that_is_not_a_function() -> None:
    def mount_is_gc(img: Image, objects: dict[str, int]) -> None:
        for m in ("os", "vfs"):
            table = img.word(img.word(objects[m] + 4) + 12)
            for i in range(0, 8 * 5, 8):
                if img.word(table + i + 4) == objects["fn:mount"]:
                    at = table + i + 4 - BASE
                    img.data[at : at + 4] = objects["gc"].to_bytes(4, "little")

    with pytest.raises(FixError, match="'mount' is not a function object"):
        remove_mount_functions(build(extra=mount_is_gc))


def test_mount_removal_a_second_pass_and_after_hiding_fail() -> None:
    once = remove_mount_functions(build())
    with pytest.raises(FixError, match="found \\[\\]"):
        remove_mount_functions(once)
    with pytest.raises(FixError):
        remove_mount_functions(hide_builtin_modules(build()))


def test_the_shipped_os_and_vfs_hold_mount_and_umount(shipped: str) -> None:
    found = find_mount_functions(shipped)
    assert [(h.name, len(h.pairs), h.slots) for h in found.holders] == [
        ("os", 21, (18, 19)),
        ("vfs", 5, (1, 2)),
    ]
    fixed = remove_mount_functions(shipped)
    mem = _Memory(fixed)
    for h in found.holders:
        assert mem.word(h.dict + 4) == ((len(h.pairs) - 2) << 3) | 7
        assert mem.word(h.dict + 8) == len(h.pairs) - 2
    # Then the modules are hidden as before, and the code is untouched.
    both = hide_builtin_modules(fixed)
    strip = re.compile(r"^ \(data .*$", re.MULTILINE)
    assert strip.sub("", shipped) == strip.sub("", both)
