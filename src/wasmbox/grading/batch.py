"""Grading many submissions on every core: worker processes, each with a warm grader.

A batch is a stream of :class:`Job` (an id, the code, its cases). :class:`LocalPool`
starts ``workers`` processes; each builds one :class:`~wasmbox.grading.Grader`
(the engine compiled and loaded once) and grades job after job. The parent keeps
every worker two jobs ahead, so a worker never waits for the next one, and reads
results as they come.

A worker that dies (killed, out of memory on the host) loses nothing: the jobs
it held go back to the front of the queue and a new worker takes its place. A
job that was running when its worker died ``max_attempts`` times is given up,
with the reason, instead of taking the batch down with it.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError, WasmboxError
from ..limits import Limits
from .cases import Case
from .grader import Grader, GradeResult

__all__ = ["GradeOptions", "Graded", "Job", "LocalPool", "in_order"]

#: Jobs each worker holds at once: one running, one ready to start.
_AHEAD = 2
#: Seconds a new worker has to start (load the engine) before it counts as failed.
_START_TIMEOUT = 300.0
#: Seconds between checks for workers that never started.
_POLL = 5.0


@dataclass(frozen=True, slots=True)
class Job:
    """One submission to grade: ``id`` is the caller's, returned with the result.

    ``cases`` are mappings or case objects (:func:`~wasmbox.grading.parse_cases`); case
    objects are checked when made and pass to a worker as they are, where mappings are
    checked again by the worker that grades them.
    """

    id: Any
    code: str
    cases: Sequence[Mapping[str, Any] | Case]


@dataclass(frozen=True, slots=True)
class GradeOptions:
    """How every job of a batch is graded (see :meth:`wasmbox.grading.Grader.grade`)."""

    limits: Limits | None = None
    engine: str = "micropython"
    compare: str = "exact"
    tolerance: float = 1e-6
    stop_on_failure: bool = False

    def grader(self) -> Grader:
        return Grader(
            self.limits, engine=self.engine, compare=self.compare, tolerance=self.tolerance
        )


@dataclass(frozen=True, slots=True)
class Graded:
    """The outcome of one job: its result, or why it could not be graded."""

    seq: int
    job: Job
    result: GradeResult | None
    error: str | None = None


def grade_one(grader: Grader, job: Job, options: GradeOptions) -> GradeResult:
    """One job on ``grader``: the single place a batch's options turn into a grade."""
    return grader.grade(job.code, job.cases, stop_on_failure=options.stop_on_failure)


def _worker(conn: multiprocessing.connection.Connection, options: GradeOptions) -> None:
    """A worker process: one grader, then jobs until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    grader = options.grader()
    grader.grade("pass", [{"test": "pass"}])  # load everything before the first job
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        seq, job = message
        try:
            reply: tuple[Any, ...] = (seq, grade_one(grader, job, options), None)
        except WasmboxError as exc:  # a malformed job: the parent checked, but say so
            reply = (seq, None, f"{type(exc).__name__}: {exc}")
        conn.send(reply)


@dataclass
class _Slot:
    process: Any
    conn: multiprocessing.connection.Connection
    held: dict[int, Job] = field(default_factory=dict)
    ready: bool = False
    started: float = field(default_factory=time.monotonic)


class LocalPool:
    """Worker processes that grade jobs; see the module docstring.

    Raises:
        ConfigError: ``workers`` is not a positive whole number.
    """

    def __init__(self, workers: int, options: GradeOptions, *, max_attempts: int = 2) -> None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ConfigError(f"workers must be a whole number of at least 1, not {workers!r}")
        options.grader().close()  # a bad option fails here, not in every worker
        self.options = options
        self.max_attempts = max_attempts
        self._context = multiprocessing.get_context("spawn")  # wasmtime is not fork-safe
        self._slots = [self._start() for _ in range(workers)]
        #: Workers that died and were replaced (for tests and the summary).
        self.restarts = 0
        self._start_failures = 0

    @property
    def pids(self) -> list[int | None]:
        """The worker processes' ids, ready or starting."""
        return [slot.process.pid for slot in self._slots]

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker, args=(child, self.options), daemon=True, name="wasmbox-grader"
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def grade(self, jobs: Iterable[Job]) -> Iterator[Graded]:
        """Grade every job; each outcome as soon as it is known (not in input order)."""
        source = enumerate(jobs)  # read as workers need jobs: a batch may not fit in memory
        pending: collections.deque[tuple[int, Job]] = collections.deque()  # jobs to run again
        attempts: collections.Counter[int] = collections.Counter()
        exhausted = False
        while not exhausted or pending or any(slot.held for slot in self._slots):
            for slot in self._slots:
                while slot.ready and len(slot.held) < _AHEAD:
                    if pending:
                        seq, job = pending.popleft()
                    else:
                        item = next(source, None)
                        if item is None:
                            exhausted = True
                            break
                        seq, job = item
                    slot.held[seq] = job
                    try:
                        slot.conn.send((seq, job))
                    except OSError:  # it died: its sentinel says so, and it is replaced
                        break
            if exhausted and not pending and not any(slot.held for slot in self._slots):
                break
            self._kill_stuck()
            waitables: list[Any] = [s.conn for s in self._slots]
            waitables += [s.process.sentinel for s in self._slots]
            for ready in multiprocessing.connection.wait(waitables, timeout=_POLL):
                found = self._slot_of(ready)
                if found is None:
                    continue
                if ready is found.conn:
                    yield from self._receive(found)
                if ready == found.process.sentinel:
                    yield from self._replace(found, pending, attempts)

    def _kill_stuck(self) -> None:
        """A worker that has not started in ``_START_TIMEOUT`` is killed (and replaced)."""
        now = time.monotonic()
        for slot in self._slots:
            if not slot.ready and now - slot.started > _START_TIMEOUT:
                slot.process.kill()

    def _slot_of(self, waitable: Any) -> _Slot | None:
        for slot in self._slots:
            if waitable is slot.conn or waitable == slot.process.sentinel:
                return slot
        return None

    def _receive(self, slot: _Slot) -> Iterator[Graded]:
        while True:
            try:
                if not slot.conn.poll():
                    return
                message = slot.conn.recv()
            except (EOFError, OSError):
                return  # the worker died: its sentinel says so, and _replace handles it
            if message[0] == "ready":
                slot.ready = True
                self._start_failures = 0
                continue
            seq, result, error = message
            job = slot.held.pop(seq, None)
            if job is not None:
                yield Graded(seq, job, result, error)

    def _replace(
        self,
        slot: _Slot,
        pending: collections.deque[tuple[int, Job]],
        attempts: collections.Counter[int],
    ) -> Iterator[Graded]:
        """A worker died: its jobs go back to the front of the queue, a new one starts."""
        yield from self._receive(slot)  # what it finished before it died counts
        slot.process.join()
        self.restarts += 1
        slot.conn.close()
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures >= 3:
                raise WasmboxError(
                    f"grading workers keep dying before they start (exit status "
                    f"{slot.process.exitcode}); their error is on stderr"
                )
        # A worker grades its jobs in the order sent: the first it held was running
        # when it died and counts an attempt; the ones queued behind it go back as they were.
        held = list(slot.held.items())
        for position, (seq, job) in reversed(list(enumerate(held))):
            if position == 0:
                attempts[seq] += 1
                if attempts[seq] >= self.max_attempts:
                    why = f"the grading worker died {attempts[seq]} times on this job; given up"
                    yield Graded(seq, job, None, why)
                    continue
            pending.appendleft((seq, job))
        self._slots[self._slots.index(slot)] = self._start()

    def close(self) -> None:
        """Stop the workers."""
        for slot in self._slots:
            with contextlib.suppress(OSError, ValueError):
                slot.conn.send(None)
        for slot in self._slots:
            slot.process.join(5)
            if slot.process.is_alive():
                slot.process.kill()
            slot.conn.close()

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def in_order(outcomes: Iterable[Graded]) -> Iterator[Graded]:
    """``outcomes`` in their jobs' input order, each as soon as all before it are known."""
    waiting: dict[int, Graded] = {}
    next_seq = 0
    for outcome in outcomes:
        waiting[outcome.seq] = outcome
        while next_seq in waiting:
            yield waiting.pop(next_seq)
            next_seq += 1
    for seq in sorted(waiting):
        yield waiting[seq]
