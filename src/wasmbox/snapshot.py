"""A module whose initial state *is* a parked instance, so booting becomes a copy-on-write map.

A parked instance (see :mod:`wasmbox.runner`) is fully described by its linear
memory and its stack pointer: Asyncify's own globals are reset by
``stop_unwind`` and set again by ``start_rewind``, and the host keeps nothing
of it but the park address. Writing that memory into the module's data
segments (and the stack pointer into its global's initialiser) gives a module
that instantiates straight into the parked state: wasmtime maps the data as a
copy-on-write image, so "booting" costs an instantiation, not a MicroPython
start-up. The snapshot holds nothing secret: it is taken before any program
or run setting reaches the instance, with an empty environment.

This is a small, strict rewriter of the binary format: it understands exactly
the sections it changes (memory, global, data, data count) and fails loudly on
anything unexpected, in which case the engine boots instances the slow way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SnapshotError", "build_snapshot", "nonzero_runs"]

_MAGIC = b"\x00asm\x01\x00\x00\x00"
_IMPORT, _MEMORY, _GLOBAL, _EXPORT, _DATA, _DATACOUNT = 2, 5, 6, 7, 11, 12
PAGE = 65536


class SnapshotError(Exception):
    """The module or the parked state is not one this rewriter can snapshot."""


@dataclass
class _Reader:
    data: bytes
    pos: int = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise SnapshotError("unexpected end of section")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uleb(self) -> int:
        return self._leb(signed=False)

    def sleb(self) -> int:
        return self._leb(signed=True)

    def _leb(self, *, signed: bool) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                if signed and b & 0x40:
                    result -= 1 << shift
                return result

    def name(self) -> str:
        size = self.uleb()
        raw = self.data[self.pos : self.pos + size]
        self.pos += size
        return raw.decode("utf-8")

    def skip_limits(self) -> None:
        flags = self.byte()
        if flags not in (0, 1):
            raise SnapshotError(f"unsupported limits flags {flags}")
        self.uleb()
        if flags == 1:
            self.uleb()

    def skip_const_expr(self) -> None:
        while True:
            op = self.byte()
            if op == 0x0B:
                return
            if op in (0x41, 0x42):
                self.sleb()
            elif op == 0x43:
                self.pos += 4
            elif op == 0x44:
                self.pos += 8
            elif op in (0x23, 0xD2):
                self.uleb()
            elif op == 0xD0:
                self.byte()
            else:
                raise SnapshotError(f"unsupported opcode {op:#x} in a constant expression")


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if (value == 0 and not b & 0x40) or (value == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def _sections(wasm: bytes) -> list[tuple[int, bytes]]:
    if not wasm.startswith(_MAGIC):
        raise SnapshotError("not a WebAssembly 1.0 module")
    reader = _Reader(wasm, len(_MAGIC))
    out = []
    while reader.pos < len(wasm):
        sid = reader.byte()
        size = reader.uleb()
        out.append((sid, wasm[reader.pos : reader.pos + size]))
        reader.pos += size
    return out


def _imported_globals(section: bytes) -> int:
    reader = _Reader(section)
    count = 0
    for _ in range(reader.uleb()):
        reader.name()
        reader.name()
        kind = reader.byte()
        if kind == 0:  # function
            reader.uleb()
        elif kind == 1:  # table
            reader.byte()
            reader.skip_limits()
        elif kind == 2:  # memory
            reader.skip_limits()
        elif kind == 3:  # global
            reader.byte()
            reader.byte()
            count += 1
        else:
            raise SnapshotError(f"unsupported import kind {kind}")
    return count


def _exported_global(section: bytes, name: str) -> int:
    reader = _Reader(section)
    for _ in range(reader.uleb()):
        export = reader.name()
        kind = reader.byte()
        index = reader.uleb()
        if export == name and kind == 3:
            return index
    raise SnapshotError(f"the module does not export the global {name!r}")


def _rewrite_globals(section: bytes, values: dict[int, int]) -> bytes:
    """Replace the initialisers of the given (mutable i32) globals."""
    reader = _Reader(section)
    count = reader.uleb()
    out = bytearray(_uleb(count))
    for index in range(count):
        start = reader.pos
        valtype, mutable = reader.byte(), reader.byte()
        reader.skip_const_expr()
        if index in values:
            if valtype != 0x7F or mutable != 1:
                raise SnapshotError(f"global {index} is not a mutable i32")
            out += bytes([valtype, mutable, 0x41]) + _sleb(values[index]) + b"\x0b"
        else:
            out += section[start : reader.pos]
    return bytes(out)


def _memory(pages: int, section: bytes) -> bytes:
    reader = _Reader(section)
    if reader.uleb() != 1:
        raise SnapshotError("expected exactly one memory")
    flags = reader.byte()
    if flags not in (0, 1):
        raise SnapshotError("shared or 64-bit memories are not supported")
    reader.uleb()
    out = b"\x01" + bytes([flags]) + _uleb(pages)
    if flags == 1:
        maximum = reader.uleb()
        if maximum < pages:
            raise SnapshotError("the parked memory is larger than the module's maximum")
        out += _uleb(maximum)
    return out


def nonzero_runs(image: bytes, gap: int = 64) -> list[tuple[int, bytes]]:
    """The non-zero stretches of ``image``, joined across short runs of zeros."""
    runs: list[tuple[int, bytes]] = []
    pattern = re.compile(rb"[^\x00]+(?:\x00{1,%d}[^\x00]+)*" % gap)
    for match in pattern.finditer(image):
        runs.append((match.start(), match.group()))
    return runs


def build_snapshot(wasm: bytes, image: bytes, stack_pointer: int) -> bytes:
    """The module ``wasm`` with ``image`` as its initial memory and the given stack pointer."""
    if len(image) % PAGE:
        raise SnapshotError("the memory image is not a whole number of pages")
    sections = _sections(wasm)
    ids = [sid for sid, _ in sections]
    for required in (_MEMORY, _GLOBAL, _EXPORT, _DATA):
        if required not in ids:
            raise SnapshotError(f"the module has no section {required}")
    imports = dict(sections).get(_IMPORT, b"\x00")
    index = _exported_global(dict(sections)[_EXPORT], "__stack_pointer")
    local_index = index - _imported_globals(imports)
    runs = nonzero_runs(image)
    data = bytearray(_uleb(len(runs)))
    for offset, chunk in runs:
        data += b"\x00\x41" + _sleb(offset if offset < 1 << 31 else offset - (1 << 32)) + b"\x0b"
        data += _uleb(len(chunk)) + chunk
    out = bytearray(_MAGIC)
    for sid, body in sections:
        if sid == _MEMORY:
            body = _memory(len(image) // PAGE, body)
        elif sid == _GLOBAL:
            body = _rewrite_globals(body, {local_index: stack_pointer})
        elif sid == _DATA:
            body = bytes(data)
        elif sid == _DATACOUNT:
            body = _uleb(len(runs))
        out += bytes([sid]) + _uleb(len(body)) + body
    return bytes(out)
