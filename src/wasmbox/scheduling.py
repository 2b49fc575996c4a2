"""Long runs give way to short ones: a thread whose run goes on too long is demoted.

A service runs many short programs and now and then a long one (a busy loop
until its wall time, a memory bomb's collections). On a few cores the long
ones take CPU time from the short ones, whose latency then depends on what
else happens to be running. Once this is turned on (:func:`yield_long_runs`,
done by ``wasmbox serve``'s workers), a run that has lasted ``after`` seconds
moves its thread to ``SCHED_IDLE``: it still runs whenever a CPU has nothing
else to do and still ends at its own limits, but any other runnable task
takes the CPU from it at once.

An unprivileged thread can move itself to ``SCHED_IDLE`` but, under the
default ``RLIMIT_NICE`` of 0, never back. So demotion is for the rest of the
thread's life: the caller asks :func:`yielded` after a run and, if so,
carries on on a fresh thread (threads inherit their creator's policy). Only
runs that went on for ``after`` pay for that, one thread start each.

The check rides on the epoch callbacks that already keep a run's deadline
(:class:`wasmbox.runner.DeadlineWatch`): a run shorter than ``after`` costs
nothing more. Linux only; elsewhere, and where the kernel refuses, nothing
happens.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading

from .engine import EPOCH_TICK
from .errors import ConfigError

__all__ = ["yield_long_runs", "yielded"]

_after: float | None = None
_local = threading.local()


def yield_long_runs(after: float | None) -> None:
    """From now on, in this process, demote a thread whose run has lasted ``after`` seconds.

    None turns it off for runs that start afterwards.

    Raises:
        ConfigError: ``after`` is not a positive number of seconds.
    """
    global _after
    if after is not None and (
        isinstance(after, bool)
        or not isinstance(after, int | float)
        or not math.isfinite(after)
        or after <= 0
    ):
        raise ConfigError(f"after must be a positive number of seconds, not {after!r}")
    _after = None if after is None else float(after)


def yielded() -> bool:
    """Whether a run on this thread has been demoted (for the rest of the thread's life)."""
    return bool(getattr(_local, "yielded", False))


def ticks_until_yield(started: float, now: float) -> int | None:
    """Epoch ticks a run that started at ``started`` may go before it is looked at again.

    None when there is nothing to do: yielding is off, or this thread already
    gave way. Called at the run's start and from its epoch callbacks; when the
    time has come, demotes the calling thread and returns None.
    """
    after = _after
    if after is None or getattr(_local, "yielded", False):
        return None
    left = started + after - now
    if left > 0:
        return max(1, math.ceil(left / EPOCH_TICK))
    _local.yielded = True
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or refused
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    return None
