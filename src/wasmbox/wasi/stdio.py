"""Captured stdout/stderr with one cap shared by both, enforced while streaming."""

from __future__ import annotations

__all__ = ["Output"]


class Output:
    """The guest's stdout and stderr, kept in memory up to ``limit`` bytes in all.

    The cap is checked on every write, never after buffering: the first
    ``limit`` bytes are kept and :meth:`write` reports the overflow so the run
    can be stopped at once.
    """

    __slots__ = ("limit", "stderr", "stdout", "total", "truncated")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.total = 0
        self.truncated = False

    def write(self, fd: int, data: bytes) -> bool:
        """Append to stdout (fd 1) or stderr (fd 2); False once the cap is passed."""
        buf = self.stdout if fd == 1 else self.stderr
        room = self.limit - self.total
        if len(data) <= room:
            buf += data
            self.total += len(data)
            return True
        if room > 0:
            buf += data[:room]
            self.total = self.limit
        self.truncated = True
        return False
