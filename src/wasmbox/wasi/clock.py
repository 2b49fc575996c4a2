"""Time and entropy as the guest sees them: real by default, fixed for reproducible runs."""

from __future__ import annotations

import os
import random
import time

__all__ = ["Clock", "Entropy"]


class Clock:
    """The guest's clocks.

    With ``fixed`` set, time is virtual: it starts at that Unix time, advances
    by one microsecond per reading (so loops that wait for time to pass still
    end) and by the requested amount on each sleep, without the host sleeping.
    Two runs of the same code then print the same times.
    """

    __slots__ = ("_offset", "_start", "fixed")

    def __init__(self, fixed: float | None = None) -> None:
        self.fixed = fixed
        self._start = time.monotonic_ns()
        self._offset = 0

    def realtime_ns(self) -> int:
        if self.fixed is None:
            return time.time_ns()
        self._offset += 1000
        return int(self.fixed * 1e9) + self._offset

    def monotonic_ns(self) -> int:
        if self.fixed is None:
            return time.monotonic_ns() - self._start
        self._offset += 1000
        return self._offset

    def advance(self, ns: int) -> None:
        """Account for a virtual sleep."""
        self._offset += ns


class Entropy:
    """Bytes for ``/dev/urandom``: the OS source, or a seeded stream for reproducible runs."""

    __slots__ = ("_rng",)

    def __init__(self, seed: int | None = None) -> None:
        self._rng = None if seed is None else random.Random(seed)

    def read(self, n: int) -> bytes:
        n = max(0, min(n, 1 << 20))
        if self._rng is None:
            return os.urandom(n)
        return self._rng.randbytes(n)
