"""Long runs give way to short ones: a thread whose run goes on too long is demoted.

A service runs many short programs and now and then a long one (a busy loop
until its wall time, a memory bomb's collections). On a few cores the long
ones take CPU time from the short ones, whose latency then depends on what
else happens to be running. Once this is turned on (:func:`yield_long_runs`,
done by ``wasmbox serve``'s workers), a run that has used ``after`` seconds of
CPU moves its thread to ``SCHED_IDLE``: it still runs whenever a CPU has
nothing else to do and still ends at its own limits, but any other runnable
task takes the CPU from it at once. CPU time, not wall time: a guest that
sleeps, or a short run that only waited for a CPU, is not demoted.

The price: while the CPUs stay busy with other work, a demoted run gets
almost no CPU time, so under sustained overload a long run may reach its wall
time (``timeout``) having done little. That is the point of the policy (short
runs first), and a service under sustained overload refuses runs anyway.

An unprivileged thread can move itself to ``SCHED_IDLE`` but, under the
default ``RLIMIT_NICE`` of 0, never back. So demotion is for the rest of the
thread's life: the caller asks :func:`yielded` after a run and, if so,
carries on on a fresh thread (threads inherit their creator's policy). Only
runs that used ``after`` pay for that, one thread start each.

The check rides on the epoch callbacks that already keep a run's deadline
(:class:`wasmbox.runner.DeadlineWatch`): a run shorter than ``after`` costs two
reads of the thread's CPU clock (0.2 us each). A fuel slice, which no tick looks
at, is also looked at on every 8th host call, and ends there once it has used
three times ``after``. Once demoted, a run holds only slow ticks: an alarm at
its deadline stops it. Booting an instance for a run
is not counted. Linux only; elsewhere, and where the kernel refuses, nothing
happens. In a process that runs guests on several threads,
mind that a demoted thread keeps its policy while it holds the GIL (a fuel
slice holds it for up to the threshold's worth of fuel, at most 20M units):
demotion suits processes like the service's workers, which run one guest at a
time. A demoted thread runs no more slices.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Callable

from .engine import EPOCH_TICK
from .errors import ConfigError

__all__ = ["yield_long_runs", "yielded"]

_after: float | None = None
_on_yield: Callable[[], object] | None = None
_local = threading.local()


def yield_long_runs(after: float | None, on_yield: Callable[[], object] | None = None) -> None:
    """From now on, in this process, demote a thread whose run has used ``after`` s of CPU.

    None turns it off for runs that start afterwards. ``on_yield`` is called
    on the thread being demoted, in the middle of its run, just before the
    demotion (after it, the thread may wait behind any other task):
    a service's worker tells its pool there, so that the pool starts the next
    short run elsewhere instead of waiting for this one to end. It must be
    quick and must not raise (what it raises is dropped: the run goes on).

    Raises:
        ConfigError: ``after`` is not a positive number of seconds.
    """
    global _after, _on_yield
    _after = checked_after(after)
    _on_yield = on_yield


def checked_after(after: object, name: str = "after") -> float | None:
    """``after`` as seconds, or None; ConfigError unless it is a positive finite number."""
    if after is None:
        return None
    if (
        isinstance(after, bool)
        or not isinstance(after, int | float)
        or not math.isfinite(after)
        or after <= 0
    ):
        raise ConfigError(f"{name} must be a positive number of seconds, not {after!r}")
    return float(after)


def threshold() -> float | None:
    """The CPU seconds after which a run gives way, None when runs never do."""
    return _after


def yielded() -> bool:
    """Whether a run on this thread has been demoted (for the rest of the thread's life)."""
    return bool(getattr(_local, "yielded", False))


def run_started() -> float | None:
    """This thread's CPU time as a run starts on it; None when nothing is to be watched.

    None when yielding is off or this thread already gave way, so that runs
    then cost nothing more (reading a thread's CPU clock is a system call).
    """
    if _after is None or getattr(_local, "yielded", False):
        return None
    return time.thread_time()


def spent(cpu_started: float | None) -> bool:
    """Whether a run that started at ``cpu_started`` has used ``after`` (it would give way)."""
    after = _after
    if cpu_started is None or after is None:
        return False
    return time.thread_time() - cpu_started >= after


def ticks_until_yield(cpu_started: float | None) -> int | None:
    """Epoch ticks before a run that started at ``cpu_started`` is looked at again.

    ``cpu_started`` is :func:`run_started`'s value. The threshold is CPU time
    on this thread, so a guest that sleeps, or a run that only waited for a
    CPU, is not demoted; since CPU time never runs ahead of the clock, the
    ticks are a safe lower bound. None when there is nothing more to do; when
    the run has used ``after``, demotes the calling thread and returns None.
    """
    after = _after
    if cpu_started is None or after is None or getattr(_local, "yielded", False):
        return None
    left = cpu_started + after - time.thread_time()
    if left > 0:
        return max(1, math.ceil(left / EPOCH_TICK))
    give_way(cpu_started)
    return None


def give_way(cpu_started: float | None) -> None:
    """Demote the calling thread now, as if its run had used the threshold.

    For a run known to be long before it has used it: one that outran its
    first attempt's fuel slice, sized to the threshold, runs again from the
    start, and would otherwise take the threshold's CPU once more before
    the next tick looks. Nothing happens where runs never give way, or the
    thread already did.
    """
    if cpu_started is None or _after is None or getattr(_local, "yielded", False):
        return
    _local.yielded = True
    tell = _on_yield
    if tell is not None:  # first: once demoted, any other task may keep this thread waiting
        with contextlib.suppress(Exception):  # called from a host callback: never raise
            tell()
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or refused
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
