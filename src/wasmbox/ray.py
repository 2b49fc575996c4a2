"""Grading batches on a Ray cluster: actors that hold warm graders (``pip install wasmbox[ray]``).

:class:`RayPool` has the interface of :class:`wasmbox.grading.batch.LocalPool`
(``grade(jobs)`` yields :class:`~wasmbox.grading.batch.Graded` as they come),
so ``wasmbox grade --ray [ADDRESS]`` is the same batch on many machines:

* one actor per CPU of the cluster (or ``actors``), each building one
  :class:`~wasmbox.grading.Grader` when it starts and keeping it;
* small jobs travel in batches (``batch_size`` submissions per task), since a
  task's own cost in Ray (about a millisecond) is more than grading a simple
  submission;
* back-pressure: each actor has at most ``ahead`` batches queued, and the
  input is read only as actors need more, so a batch of millions streams;
* an actor that dies (its node lost, its process killed) is replaced and the
  batches it held are sent again, to any actor; a batch that kills actors
  ``max_attempts`` times is given up, each of its jobs with the reason.

Every node needs wasmbox installed (and, for the CPython engine, its compiled
cache is built once per node: run ``wasmbox warmup --engine cpython`` there).
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ConfigError
from .grading.batch import Graded, GradeOptions, Job, grade_one

__all__ = ["RayPool"]


# wasmtime turns a guest's trap into a contained `crashed` result by handling
# SIGSEGV itself. Ray's core installs a failure signal handler over it when it
# starts, which would make every such trap kill the whole process: turned off
# for every ray.init() in this process (and the workers it starts), from here on.
os.environ.setdefault("RAY_DISABLE_FAILURE_SIGNAL_HANDLER", "1")


def _init(address: str | None) -> None:
    """ray.init(), keeping this process's SIGSEGV handling as wasmtime needs it.

    ray.init() also turns Python's faulthandler on when it is off, and its
    handler would then run before wasmtime's: turned off again here.
    """
    import faulthandler

    import ray

    was_enabled = faulthandler.is_enabled()
    ray.init(address=address, include_dashboard=False, logging_level=logging.WARNING)
    if not was_enabled:
        faulthandler.disable()


class _GraderActor:
    """The actor: one warm grader, batches of jobs in, their results out."""

    def __init__(self, options: GradeOptions) -> None:
        self.options = options
        self.grader = options.grader()
        self.grader.grade("pass", [{"test": "pass"}])  # load everything before the first batch

    def grade_many(self, batch: list[tuple[int, Job]]) -> list[tuple[int, Any, str | None]]:
        out: list[tuple[int, Any, str | None]] = []
        for seq, job in batch:
            try:
                out.append((seq, grade_one(self.grader, job, self.options), None))
            except Exception as exc:  # a malformed job, a host-side failure: this job only
                out.append((seq, None, f"{type(exc).__name__}: {exc}"))
        return out

    def pid(self) -> int:
        import os

        return os.getpid()


class RayPool:
    """Grades jobs on Ray actors; see the module docstring.

    Args:
        options: how every job is graded.
        address: the cluster to join (``"auto"``, ``"ray://host:10001"``...);
            None starts a local one, or uses the one this process already joined.
        actors: how many actors; the cluster's CPU count when None.
        batch_size: jobs per task.
        ahead: batches queued per actor.
        max_attempts: times a batch may be sent before it is given up.
    """

    def __init__(
        self,
        options: GradeOptions,
        *,
        address: str | None = None,
        actors: int | None = None,
        batch_size: int = 16,
        ahead: int = 2,
        max_attempts: int = 2,
    ) -> None:
        try:
            import ray
        except ImportError as exc:
            raise ConfigError("grading on Ray needs it: pip install 'wasmbox[ray]'") from exc
        if batch_size < 1 or ahead < 1 or max_attempts < 1:
            raise ConfigError("batch_size, ahead and max_attempts must be at least 1")
        options.grader().close()  # a bad option fails here, not in every actor
        self._ray = ray
        self._owns = not ray.is_initialized()
        if self._owns:
            _init(address)
        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        count = actors or max(1, int(cpus))
        # Ray's stubs cannot follow .remote() through a decorated class: Any from here.
        self._actor_class: Any = ray.remote(num_cpus=1, max_restarts=0)(_GraderActor)
        self.options = options
        self.batch_size = batch_size
        self.ahead = ahead
        self.max_attempts = max_attempts
        self._actors: list[Any] = [self._actor_class.remote(options) for _ in range(count)]
        #: Actors that died and were replaced.
        self.restarts = 0

    @property
    def actors(self) -> list[Any]:
        """The actor handles (for tests and operators)."""
        return list(self._actors)

    def grade(self, jobs: Iterable[Job]) -> Iterator[Graded]:
        """Grade every job; each outcome as soon as its batch is done (not in input order)."""
        ray = self._ray
        source = iter(enumerate(jobs))
        retry: collections.deque[list[tuple[int, Job]]] = collections.deque()
        attempts: collections.Counter[int] = collections.Counter()  # by the batch's first seq
        in_flight: dict[Any, tuple[int, Any, list[tuple[int, Job]]]] = {}
        queued = [0] * len(self._actors)
        exhausted = False
        while True:
            for index in range(len(self._actors)):
                while queued[index] < self.ahead:
                    batch = retry.popleft() if retry else None
                    if batch is None and not exhausted:
                        batch = list(itertools.islice(source, self.batch_size))
                        exhausted = len(batch) < self.batch_size
                    if not batch:
                        break
                    actor = self._actors[index]
                    in_flight[actor.grade_many.remote(batch)] = (index, actor, batch)
                    queued[index] += 1
            if not in_flight:
                return
            done, _ = ray.wait(list(in_flight), num_returns=1)
            for ref in done:
                index, actor, batch = in_flight.pop(ref)
                if actor is self._actors[index]:
                    queued[index] -= 1
                try:
                    results = ray.get(ref)
                except ray.exceptions.RayActorError:
                    if actor is self._actors[index]:  # the first of its batches to fail
                        self._replace(index, queued)
                    yield from self._again(batch, retry, attempts)
                    continue
                jobs_by_seq = dict(batch)
                for seq, result, error in results:
                    yield Graded(seq, jobs_by_seq[seq], result, error)

    def _replace(self, index: int, queued: list[int]) -> None:
        """An actor died: a new one takes its place (its other batches fail on their own)."""
        self.restarts += 1
        # An actor only unreachable for now would hold its CPU: make sure it is gone.
        with contextlib.suppress(Exception):
            self._ray.kill(self._actors[index])
        self._actors[index] = self._actor_class.remote(self.options)
        queued[index] = 0

    def _again(
        self,
        batch: list[tuple[int, Job]],
        retry: collections.deque[list[tuple[int, Job]]],
        attempts: collections.Counter[int],
    ) -> Iterator[Graded]:
        """A batch whose actor died: sent again, or given up after ``max_attempts``."""
        first = batch[0][0]
        attempts[first] += 1
        if attempts[first] >= self.max_attempts:
            why = f"the grading actor died {attempts[first]} times on this batch; given up"
            for seq, job in batch:
                yield Graded(seq, job, None, why)
        else:
            retry.append(batch)

    def close(self) -> None:
        """Stop the actors, and the local cluster if this pool started it."""
        for actor in self._actors:
            self._ray.kill(actor)
        if self._owns:
            self._ray.shutdown()

    def __enter__(self) -> RayPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
