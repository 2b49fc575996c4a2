"""Instances booted ahead of time, so that a run pays only for the user's code.

Booting (Store, instantiate, MicroPython start-up, the bootstrap) does not
depend on the program, so a background thread keeps a few instances booted
and parked. A run takes one, resumes it with its program, and throws it away:
each instance serves exactly one run. When the pool is empty, the run boots
its own instance; it is never shared.
"""

from __future__ import annotations

import atexit
import collections
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["InstancePool"]

_pools: weakref.WeakSet[InstancePool[Any]] = weakref.WeakSet()

T = TypeVar("T")


class InstancePool(Generic[T]):
    """A few parked instances of one configuration, refilled in the background.

    Either engine's: MicroPython's parked instances, CPython's warmed ones.

    Args:
        boot: makes one parked instance.
        size: how many to keep ready. A parked MicroPython instance costs a few
            hundred KiB of memory, a warmed CPython one about 10 MiB.
    """

    def __init__(self, boot: Callable[[], T], size: int = 4) -> None:
        self.size = size
        self._boot = boot
        self._ready: collections.deque[T] = collections.deque()
        self._wake = threading.Event()
        self._closed = False
        self.failures = 0
        self._thread = threading.Thread(target=self._refill, name="wasmbox-pool", daemon=True)
        self._thread.start()
        _pools.add(self)

    def take(self) -> T | None:
        """A parked instance, or None when none is ready (the caller then boots one).

        Call :meth:`refill` once the run is over: booting while the run is in
        progress would compete with it for the GIL and the CPU.
        """
        try:
            return self._ready.popleft()  # deque operations are atomic
        except IndexError:
            return None

    def refill(self) -> None:
        """Wake the background thread to top the pool up."""
        if len(self._ready) < self.size:
            self._wake.set()

    def close(self) -> None:
        """Stop refilling and drop the parked instances."""
        self._closed = True
        self._wake.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._ready.clear()

    def _refill(self) -> None:
        while not self._closed:
            self._wake.clear()
            while len(self._ready) < self.size and not self._closed:
                try:
                    self._ready.append(self._boot())
                except Exception:
                    # A boot that fails here fails again, loudly, when the
                    # run boots its own instance; do not spin on it.
                    self.failures += 1
                    self._closed = self.failures > 100
                    break
            self._wake.wait()


@atexit.register
def _close_all() -> None:
    # Stop refill threads before the interpreter tears down wasmtime: a daemon
    # thread killed in the middle of a boot can crash the process at exit.
    for pool in list(_pools):
        pool.close()
