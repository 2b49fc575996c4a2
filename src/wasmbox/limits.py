"""Budgets for one run, and the parsing of human-friendly sizes and durations.

Sizes and durations are plain numbers (bytes, seconds) everywhere inside the
library; :func:`parse_size` and :func:`parse_duration` accept ``"32M"`` or
``"500ms"`` at the edges (CLI, config files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ConfigError

__all__ = ["MIN_MEMORY", "Limits", "exact_size", "parse_duration", "parse_size"]

KiB = 1024
MiB = 1024 * KiB

#: Memory outside MicroPython's heap: the interpreter's data, its 704 KiB C
#: stack (enough for 1,000 nested Python calls) and room for what it mallocs.
_RESERVE = 2 * MiB
#: The smallest memory limit a run may have. Below it MicroPython's heap would
#: be smaller than 1 MiB, which cannot even hold a 20,000-element list.
MIN_MEMORY = _RESERVE + 1 * MiB

#: Fuel is set per run; about 10 s of busy CPU on this kind of machine, beyond what the default
#: ``wall_time`` lets code burn, so by default the wall clock is the binding limit.
DEFAULT_FUEL = 100_000_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """Budgets of one run. Every field is enforced by the host, never by the guest.

    Attributes:
        wall_time: seconds of wall-clock time, sleeps and blocking calls included.
        memory: bytes of WebAssembly linear memory; MicroPython's heap is sized
            to fit inside it.
        fuel: wasmtime fuel units (about one per WebAssembly instruction), a
            CPU budget that does not depend on machine load. ``None`` turns
            fuel accounting off, which makes CPU-bound code about 1.6x faster.
        max_output: bytes of stdout and stderr together; the first bytes are
            kept and the run stops when the guest writes more.
        max_files_bytes: bytes of file data in the writable workspace ``/work``.
        max_files: number of files and directories in ``/work``.
        max_value: bytes of one value crossing the boundary from the guest,
            encoded: the run's result value, a host function's arguments, and
            a host function's reply.
        max_calls: host-function calls (``fetch`` included) one run may make.
    """

    wall_time: float = 5.0
    memory: int = 32 * MiB
    fuel: int | None = DEFAULT_FUEL
    max_output: int = 1 * MiB
    max_files_bytes: int = 16 * MiB
    max_files: int = 1000
    max_value: int = 1 * MiB
    max_calls: int = 1000

    def __post_init__(self) -> None:
        if not (self.wall_time > 0) or self.wall_time > 24 * 3600:
            raise ConfigError(f"wall_time must be between 0 and 86400 s, not {self.wall_time!r}")
        if self.memory < MIN_MEMORY or self.memory > 4096 * MiB - 64 * KiB:
            raise ConfigError(
                f"memory must be between {MIN_MEMORY} bytes (3M) and just under 4 GiB, "
                f"not {self.memory!r}"
            )
        if self.fuel is not None and self.fuel <= 0:
            raise ConfigError(f"fuel must be positive or None, not {self.fuel!r}")
        for name in ("max_output", "max_files_bytes", "max_files", "max_value", "max_calls"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ConfigError(f"{name} must be a non-negative integer, not {value!r}")

    @property
    def heap_size(self) -> int:
        """MicroPython's GC heap: the memory limit less room for the interpreter itself.

        MicroPython's heap is allocated once at start-up; a heap larger than the
        store's memory limit would trap instead of raising ``MemoryError``.
        """
        reserve = max(_RESERVE, self.memory // 8)
        heap = self.memory - reserve
        return max(1 * MiB, heap - heap % (64 * KiB))


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": KiB, "m": MiB, "g": 1024 * MiB, "t": 1024 * 1024 * MiB}


def parse_size(text: str | int) -> int:
    """Parse ``"32M"``, ``"512k"``, ``"1GiB"`` or ``"1000"`` into bytes (binary units)."""
    if isinstance(text, int):
        return text
    match = _SIZE.match(text)
    if not match:
        raise ConfigError(f"not a size: {text!r} (use e.g. 32M, 512K, 1G or a number of bytes)")
    number, unit, _ = match.groups()
    return int(float(number) * _UNITS[unit.lower()])


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*$", re.IGNORECASE)
_SECONDS = {None: 1.0, "s": 1.0, "ms": 0.001, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str | float) -> float:
    """Parse ``"2"``, ``"2s"``, ``"500ms"``, ``"1m"``, ``"2h"`` or ``"30d"`` into seconds."""
    if isinstance(text, int | float):
        return float(text)
    match = _DURATION.match(text)
    if not match:
        raise ConfigError(f"not a duration: {text!r} (use e.g. 2, 2s, 500ms or 1m)")
    number, unit = match.groups()
    return float(number) * _SECONDS[unit.lower() if unit else None]


def exact_size(n: int) -> str:
    """``n`` bytes as people say them where it is exact (``32 MiB``), else in bytes.

    For the summaries of limit errors, which name the limit exactly.
    """
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"
