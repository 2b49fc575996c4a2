"""The service's pool of worker processes, driven from the event loop.

Each worker (:mod:`wasmbox.server.worker`) runs one job at a time. A job
waits for an idle worker in a FIFO queue; a session's jobs wait for the one
worker that holds the session. A worker that dies, or stops answering well
past its job's wall-time budget (it is then killed), ends its job as
``crashed`` and is replaced at once; sessions it held end with it. (A job
that had given way and was starved of CPU rather than hung ends as a
timeout: :class:`WorkerStarved`.)

Jobs are handed to workers from the socket callbacks themselves: the
callback that receives a worker's reply settles that job and writes the next
waiting job to the same worker before returning. A worker is therefore
never idle while jobs wait, however busy the event loop is; handing over
through a waiting task instead cost each job two loop iterations of
latency, and kept the workers idle two thirds of the time under load.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from ..errors import WasmboxError
from .worker import FRAME_HEADER, MAX_FRAME, encode_frame

__all__ = [
    "BadJob",
    "Overloaded",
    "PoolSettings",
    "WorkerCrashed",
    "WorkerGone",
    "WorkerPool",
    "WorkerStarved",
]

#: Seconds between a job's timer firing and the look that decides its worker is hung.
_SECOND_LOOK = 0.05

log = logging.getLogger("wasmbox.server")
T = TypeVar("T")
#: The environment a worker inherits: what Python and the artifact cache need, nothing else.
_WORKER_ENV = frozenset(
    {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "XDG_CACHE_HOME",
     "WASMBOX_CACHE_DIR", "WASMBOX_BINARYEN_BIN"}
)  # fmt: skip


class Overloaded(WasmboxError):
    """Too many jobs are waiting for a worker: the request is refused (503)."""


class WorkerGone(WasmboxError):
    """A session's worker process was replaced: the session's state is gone."""


class WorkerCrashed(WasmboxError):
    """The worker running a job died or stopped answering; the job ended ``crashed``
    (or ``timeout``, for the subclass :class:`WorkerStarved`)."""


class BadJob(WasmboxError):
    """A job that cannot be put into a frame at all (nested past Python's depth, say).

    Found before any worker is chosen: a frame that failed to encode once left its
    worker marked busy with no job running, for good (two such requests stopped
    every run of the service).
    """


class WorkerStarved(WorkerCrashed):
    """A job that had given way got no CPU until past its deadline; its worker was replaced.

    A run past its CPU threshold runs at ``SCHED_IDLE``: on a machine kept busy at
    normal priority it may not run at all, not even as far as its own deadline
    check. That is the run's time running out, not a crash, and ends ``timeout``.
    """


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """How many workers, how long a queue, and the OS limits of each worker.

    Attributes:
        workers: jobs that run at once at full priority; each worker process
            runs one job at a time.
        spare_workers: more worker processes, for the jobs that start while
            long runs have given way (``yield_after``): a worker whose run
            was demoted says so mid-run, and no longer counts against
            ``workers``, so the next job starts on another process at once
            instead of waiting behind it.
        max_queue: jobs that may wait for a worker before requests get 503.
        worker_memory: ``RLIMIT_DATA`` of a worker, in bytes (None: no limit).
        grace: seconds past a job's wall-time budget before its worker is killed.
        warm_up: seconds more for a job whose worker says it is warming up: the
            engine first makes a snapshot of the job's heap size (once per size
            and process, at most 16 sizes), which the run's own clock leaves
            out: about 0.1 s from the disk cache, 1.3-1.7 s of CPU a build when
            it compiles one.
        start_timeout: seconds a new worker has to boot.
        limits: the default limits of a run, as ``Limits`` fields.
        max_sessions: sessions one worker may hold.
        session_idle_timeout: seconds before an idle session is closed.
        engines: the engines a worker starts and runs code on.
        yield_after: CPU seconds a run uses before its worker thread gives way
            to the others (``SCHED_IDLE``, see :mod:`wasmbox.scheduling`); None: never.
    """

    workers: int = 2
    spare_workers: int = 0
    max_queue: int = 256
    worker_memory: int | None = 4 << 30
    grace: float = 5.0
    warm_up: float = 30.0
    start_timeout: float = 60.0
    limits: Mapping[str, Any] = field(default_factory=dict)
    max_sessions: int = 64
    session_idle_timeout: float = 600.0
    engines: tuple[str, ...] = ("micropython",)
    yield_after: float | None = 0.001
    fetch: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        for name, least in (("workers", 1), ("spare_workers", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise ValueError(f"{name} must be a whole number of at least {least}")


class _Channel(asyncio.Protocol):
    """The parent's end of a worker's socket: frames out, frames in, by callback."""

    def __init__(
        self,
        on_frame: Callable[[dict[str, Any]], None],
        on_lost: Callable[[BaseException], None],
    ) -> None:
        self.transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._on_frame, self._on_lost = on_frame, on_lost
        self.closed: BaseException | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports quack like asyncio.Transport without subclassing it.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while self.closed is None and len(self._buffer) >= FRAME_HEADER.size:
            (size,) = FRAME_HEADER.unpack_from(self._buffer)
            if size > MAX_FRAME:
                self._fail(ValueError(f"a worker sent a frame of {size} bytes"))
                return
            end = FRAME_HEADER.size + size
            if len(self._buffer) < end:
                return
            frame = bytes(self._buffer[FRAME_HEADER.size : end])
            del self._buffer[:end]
            try:
                message = json.loads(frame)
                if not isinstance(message, dict):
                    raise ValueError("a worker sent a frame that is not an object")
            except ValueError as exc:
                self._fail(exc)
                return
            self._on_frame(message)

    def _fail(self, exc: BaseException) -> None:
        if self.transport is not None:
            self.transport.close()
        self.connection_lost(exc)

    def connection_lost(self, exc: BaseException | None) -> None:
        if self.closed is None:
            self.closed = exc or EOFError("the worker closed its socket")
            self._on_lost(self.closed)

    def send(self, frame: bytes) -> None:
        """Write one frame, made already (:func:`encode_frame`)."""
        if self.closed is not None or self.transport is None:
            raise EOFError("the worker's socket is closed")
        self.transport.write(frame)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


@dataclass(slots=True, eq=False)
class _Job:
    #: The message as sent: encoded once, before any worker is chosen for it.
    frame: bytes
    target: _Worker | None
    generation: int | None
    wall_time: float
    future: asyncio.Future[dict[str, Any]]
    worker: _Worker | None = None
    timer: asyncio.TimerHandle | None = None
    #: ``loop.time()`` when it was sent to its worker, and whether its timer was pushed back
    sent: float = 0.0
    warming: bool = False
    #: Its worker's CPU (ns, all threads) at the watchdog's first look, if it had given way.
    cpu_at_first_look: int | None = None


class _Worker:
    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.process: subprocess.Popen[bytes] | None = None
        self.channel: _Channel | None = None
        self.busy = True  # until it has booted
        self.current: _Job | None = None
        self.hello: asyncio.Future[dict[str, Any]] | None = None
        self.replacing = False  # its process is being replaced: its socket's end is expected
        self.generation = 0
        self.jobs = 0
        self.yielded = False  # its current run gave way: it does not count against `workers`

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def usable(self) -> bool:
        return not self.busy and self.channel is not None and self.channel.closed is None


class WorkerPool:
    """Worker processes and the queue in front of them; use from one event loop."""

    def __init__(
        self,
        settings: PoolSettings | None = None,
        *,
        on_restart: Callable[[int, str], None] | None = None,
    ) -> None:
        self.settings = settings or PoolSettings()
        self._workers = [
            _Worker(i) for i in range(self.settings.workers + self.settings.spare_workers)
        ]
        self._waiters: collections.deque[_Job] = collections.deque()
        self._on_restart = on_restart
        self._closing = False
        self._next_id = 0
        self.restarts = 0
        self.given_way = 0  # runs that gave way mid-run (see _on_frame)
        self.warm_ups = 0  # jobs whose worker first made a snapshot of their heap size
        self._tasks: set[asyncio.Task[Any]] = set()
        self._config = json.dumps(
            {
                "limits": dict(self.settings.limits),
                "worker_memory": self.settings.worker_memory,
                "max_sessions": self.settings.max_sessions,
                "session_idle_timeout": self.settings.session_idle_timeout,
                "engines": list(self.settings.engines),
                "yield_after": self.settings.yield_after,
                "fetch": self.settings.fetch,
                "parent": os.getpid(),
            }
        )

    @property
    def queue_depth(self) -> int:
        """Jobs waiting for a worker now."""
        return len(self._waiters)

    @property
    def busy(self) -> tuple[int, int]:
        """Workers running a job now: (at full priority, after their run gave way)."""
        full = given_way = 0
        for worker in self._workers:
            if worker.current is not None:
                if worker.yielded:
                    given_way += 1
                else:
                    full += 1
        return full, given_way

    @property
    def pids(self) -> list[int | None]:
        return [w.pid for w in self._workers]

    def worker_of(self, slot: int) -> _Worker:
        return self._workers[slot]

    def _room(self) -> bool:
        """Whether another job may start: fewer than ``workers`` run without having given way."""
        return self.busy[0] < self.settings.workers

    async def start(self) -> None:
        await asyncio.gather(*(self._spawn(w) for w in self._workers))

    # -- processes ---------------------------------------------------------------

    async def _spawn(self, worker: _Worker) -> None:
        parent, child = socket.socketpair()
        # Only what a worker needs: the service's own environment (database URLs,
        # credentials) stays out of the processes where untrusted code runs.
        env = {k: v for k, v in os.environ.items() if k in _WORKER_ENV}
        env["WASMBOX_WORKER_CONFIG"] = self._config
        try:
            worker.process = subprocess.Popen(
                [sys.executable, "-m", "wasmbox.server.worker", str(child.fileno())],
                pass_fds=(child.fileno(),),
                env=env,
                stdin=subprocess.DEVNULL,
                # A worker must not get the service's Ctrl-C or SIGTERM: the service
                # stops its workers itself, after draining. A process group of its own
                # does that; a session of its own would also be a scheduling group of
                # its own (Linux's autogroups), where SCHED_IDLE and SCHED_BATCH only
                # rank the worker's threads against each other: a demoted busy loop
                # then took as much CPU as the whole service.
                process_group=0,
            )
        except BaseException:
            parent.close()  # no process: its socket pair must not leak
            raise
        finally:
            child.close()
        loop = asyncio.get_running_loop()
        hello: asyncio.Future[dict[str, Any]] = loop.create_future()
        worker.hello = hello

        def channel_of_this_process() -> _Channel:
            # Set here, before any callback can run: the worker's hello may arrive
            # before create_unix_connection returns.
            channel = _Channel(
                lambda message: self._on_frame(worker, channel, message),
                lambda exc: self._on_lost(worker, channel, exc),
            )
            worker.channel = channel
            return channel

        _, channel = await loop.create_unix_connection(channel_of_this_process, sock=parent)
        worker.generation += 1
        worker.replacing = False
        try:
            message = await asyncio.wait_for(hello, self.settings.start_timeout)
            if not message.get("ready"):
                raise ValueError(f"its first message was {message!r}")
        except (TimeoutError, OSError, EOFError, ValueError) as exc:
            channel.close()
            self._kill(worker)
            raise WasmboxError(f"a worker failed to start: {exc!r}") from exc
        finally:
            worker.hello = None
        worker.busy = False
        self._feed(worker)

    def _on_frame(self, worker: _Worker, channel: _Channel, message: dict[str, Any]) -> None:
        """A frame from ``worker``: settle its job, then give it the next one at once."""
        if worker.channel is not channel:
            return  # from a process already replaced
        if worker.hello is not None:
            if not worker.hello.done():
                worker.hello.set_result(message)
            return
        job = worker.current
        if job is None:
            return  # nothing asked: ignore
        if message.get("warming") and "id" not in message:
            # It makes a snapshot of this heap size first (seconds, if compiled): the
            # run's clock starts after that, so the watchdog's may wait that much more.
            if not job.warming and job.timer is not None:
                job.warming = True
                self.warm_ups += 1
                job.timer.cancel()
                job.timer = asyncio.get_running_loop().call_later(
                    job.wall_time + self.settings.grace + self.settings.warm_up,
                    self._on_timeout,
                    worker,
                    job,
                )
            return
        if message.get("yielded") and "id" not in message:
            # Its run gave way mid-run: a waiting job may start on another worker now.
            if not worker.yielded:
                worker.yielded = True
                self.given_way += 1
                self._dispatch()
            return
        worker.current = None
        worker.yielded = False
        worker.jobs += 1
        if job.timer is not None:
            job.timer.cancel()
        if not job.future.done():
            job.future.set_result(message)
        if message.get("retire"):
            # The worker asked to be replaced (its own memory ran out): it exits now.
            worker.busy = worker.replacing = True
            self._background(self._bury(worker))
            self._dispatch()  # its room goes to a spare meanwhile, if there is one
            return
        worker.busy = False
        self._feed(worker)
        if self._waiters and self._room():
            self._dispatch()

    def _on_lost(self, worker: _Worker, channel: _Channel, exc: BaseException) -> None:
        """``worker``'s socket ended: it died (or is dying). Its job, if any, crashed."""
        if worker.channel is not channel:
            return  # a process already replaced
        if worker.hello is not None and not worker.hello.done():
            worker.hello.set_exception(exc)
            return
        job, worker.current = worker.current, None
        worker.busy = True
        if job is not None and job.timer is not None:
            job.timer.cancel()
        if self._closing:
            if job is not None:
                _fail(job, WorkerCrashed("the service stopped during the run"))
            return
        if worker.replacing:
            return  # whoever is replacing it has its job in hand
        worker.replacing = True
        self._background(self._bury(worker, job))
        self._dispatch()  # its room goes to a spare worker meanwhile, if there is one

    def _on_timeout(self, worker: _Worker, job: _Job, *, looked: bool = False) -> None:
        if worker.current is not job:
            return
        if not looked:
            # uvloop runs due timers before it reads its sockets: after the loop was
            # held up (a stall, a frozen VM), a reply already waiting would lose to this
            # timer, and a run that ended in time would be called crashed. So the
            # worker is only killed if it still has not answered once the loop has read.
            if worker.yielded:  # starved or hung? What CPU it gets until the second look says
                job.cpu_at_first_look = _cpu_and_runnable(worker.pid)[0]
            job.timer = asyncio.get_running_loop().call_later(
                _SECOND_LOOK, functools.partial(self._on_timeout, worker, job, looked=True)
            )
            return
        worker.current = None
        worker.busy = worker.replacing = True
        waited = round(asyncio.get_running_loop().time() - job.sent, 1)
        error: WorkerCrashed
        reason = None
        if _starved(worker, job):
            error = WorkerStarved(
                f"the run had given way to shorter ones and got no CPU until {waited:g} s"
                " into it, past its deadline; its worker was replaced"
            )
            reason = "starved (it had given way, and got no CPU)"
        else:
            error = WorkerCrashed(
                f"the worker stopped answering {waited:g} s into the run and was killed"
            )
        self._kill(worker)
        self._background(self._bury(worker, job, error, reason))
        self._dispatch()

    # -- jobs --------------------------------------------------------------------

    async def call(
        self,
        job: dict[str, Any],
        *,
        wall_time: float,
        slot: int | None = None,
        generation: int | None = None,
    ) -> tuple[dict[str, Any], int, int]:
        """Run ``job`` on a worker; returns the reply, the worker's slot and its generation.

        A session's jobs give the ``slot`` and ``generation`` its opening job
        returned: they run on that worker process, or not at all.

        Raises:
            Overloaded: too many jobs are waiting, or the pool is stopping.
            WorkerCrashed: the worker died or hung; it has been replaced.
                :class:`WorkerStarved` when the job had given way and got no CPU.
            WorkerGone: the session's worker process has been replaced since.
        """
        if self._closing:
            raise Overloaded("the service is shutting down")
        target = self._workers[slot] if slot is not None else None
        self._next_id += 1
        message = {**job, "id": self._next_id}
        try:
            frame = encode_frame(message)
        except (ValueError, TypeError, RecursionError) as exc:
            raise BadJob(f"the job cannot be sent to a worker: {exc!r}"[:300]) from exc
        entry = _Job(
            frame,
            target,
            generation,
            wall_time,
            asyncio.get_running_loop().create_future(),
        )
        free = [target] if target is not None else self._workers
        worker = next((w for w in free if w.usable), None) if self._room() else None
        if worker is not None:
            self._start(worker, entry)
        elif len(self._waiters) >= self.settings.max_queue:
            # Not how many: that would tell one tenant how busy the others keep it.
            raise Overloaded("too many runs are already waiting for a worker")
        else:
            self._waiters.append(entry)
        try:
            reply = await entry.future
        except asyncio.CancelledError:
            if entry.worker is None:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(entry)
            elif entry.worker.current is entry:
                # Cancelled mid-job (the service is stopping, or the client left):
                # the worker's state is unknown, so it is replaced rather than reused.
                running = entry.worker
                running.current = None
                running.busy = running.replacing = True
                if entry.timer is not None:
                    entry.timer.cancel()
                self._kill(running)
                self._background(self._replace(running, "cancelled mid-run"))
                self._dispatch()
            raise
        assert entry.worker is not None
        return reply, entry.worker.slot, entry.worker.generation

    def _start(self, worker: _Worker, job: _Job) -> None:
        """Give ``job`` to the idle ``worker`` (or fail it, if it cannot run there)."""
        if job.generation is not None and worker.generation != job.generation:
            _fail(job, WorkerGone("the worker holding the session crashed; its state is gone"))
            return
        assert worker.channel is not None
        worker.busy = True
        worker.yielded = False
        worker.current = job
        job.worker = worker
        try:
            worker.channel.send(job.frame)
        except (OSError, EOFError):
            # Dead while idle: nothing of this job ran. A plain run waits for the next
            # worker; a session's state died with this one.
            worker.current, job.worker = None, None
            if job.generation is not None:
                _fail(job, WorkerGone("the worker holding the session died; its state is gone"))
            else:
                self._waiters.appendleft(job)
            return
        loop = asyncio.get_running_loop()
        job.sent = loop.time()
        job.timer = loop.call_later(
            job.wall_time + self.settings.grace, self._on_timeout, worker, job
        )

    def _feed(self, worker: _Worker) -> None:
        """Give the idle ``worker`` the first waiting job it can take, if one may start."""
        while worker.usable and self._waiters and self._room():
            job = next((j for j in self._waiters if j.target is None or j.target is worker), None)
            if job is None:
                return
            self._waiters.remove(job)
            if not job.future.done():
                self._start(worker, job)

    def _dispatch(self) -> None:
        """Start waiting jobs, oldest first, on workers that can take them, while there is room.

        :meth:`_feed` is the common case (the worker that just finished takes the
        next job); this one is for room made otherwise: a run that gave way, a
        worker gone, or a finished worker that could take none of the waiting
        jobs (a session's job waits for its own worker, maybe idle meanwhile).
        """
        if not any(w.usable for w in self._workers):
            return
        for job in list(self._waiters):
            if not self._room():
                return
            if job.future.done():
                self._waiters.remove(job)
                continue
            if job.target is not None:
                worker: _Worker | None = job.target if job.target.usable else None
            else:
                worker = next((w for w in self._workers if w.usable), None)
            if worker is not None:
                self._waiters.remove(job)
                self._start(worker, job)

    # -- deaths and replacements -------------------------------------------------

    async def _bury(
        self,
        worker: _Worker,
        job: _Job | None = None,
        error: BaseException | None = None,
        reason: str | None = None,
    ) -> str:
        """Find out why ``worker`` ended (killing it if need be), fail its job, replace it.

        ``reason``: why the pool killed it, where the signal alone would not say.
        """
        why = await self._death_of(worker)
        if reason is not None:
            why = f"{reason}: {why}"
        self._retire(worker, why)
        if job is not None:
            _fail(job, error or WorkerCrashed(f"the worker running this code died ({why})"))
        await self._respawn(worker)
        return why

    def _background(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _death_of(self, worker: _Worker) -> str:
        """Why ``worker`` is gone, once its process has ended (killed if it has not)."""
        proc = worker.process
        if proc is None:
            return "not started"
        for _ in range(200):
            if proc.poll() is not None:
                break
            await asyncio.sleep(0.01)
        else:
            self._kill(worker)
            return "it stopped answering"
        code = proc.returncode
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def _kill(self, worker: _Worker) -> None:
        if worker.process is not None and worker.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                worker.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(timeout=5)

    async def _replace(self, worker: _Worker, why: str) -> None:
        self._retire(worker, why)
        await self._respawn(worker)

    def _retire(self, worker: _Worker, why: str) -> None:
        """Count and report a worker's end; its process is killed if it still runs."""
        if worker.channel is not None:
            worker.channel.close()
        self._kill(worker)
        worker.busy = True
        if self._closing:
            return
        self.restarts += 1
        log.warning(
            "worker restarted",
            extra={
                "event": "worker_restart",
                "slot": worker.slot,
                "pid": worker.pid,
                "reason": why,
            },
        )
        if self._on_restart is not None:
            self._on_restart(worker.slot, why)

    async def _respawn(self, worker: _Worker) -> None:
        started = time.monotonic()
        while not self._closing:
            try:
                await self._spawn(worker)
                return
            except (WasmboxError, OSError, subprocess.SubprocessError) as exc:
                # OSError: no file descriptors or memory left for a process just now
                # (EMFILE, ENOMEM, EAGAIN). The slot must not stay dead: try again later.
                log.error(
                    "worker failed to start", extra={"event": "worker_error", "error": str(exc)}
                )
                await asyncio.sleep(min(5.0, 0.5 + time.monotonic() - started))

    async def drain(self, timeout: float) -> bool:
        """Stop taking jobs and wait up to ``timeout`` s for running ones; True if all ended."""
        self._closing = True
        while self._waiters:
            _fail(self._waiters.popleft(), Overloaded("the service is shutting down"))
        deadline = time.monotonic() + timeout
        while any(w.current is not None for w in self._workers):
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True

    async def close(self) -> None:
        """Stop every worker: close its socket (a clean exit), then kill what remains."""
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        for worker in self._workers:
            if worker.current is not None:
                _fail(worker.current, WorkerCrashed("the service stopped during the run"))
            if worker.channel is not None:
                worker.channel.close()
        for worker in self._workers:
            proc = worker.process
            if proc is None:
                continue
            for _ in range(100):
                if proc.poll() is not None:
                    break
                await asyncio.sleep(0.01)
            self._kill(worker)


def _starved(worker: _Worker, job: _Job) -> bool:
    """Whether ``job``'s run, past its deadline and the grace, was starved rather than hung.

    A run that gave way runs at ``SCHED_IDLE``: while the machine is busy at
    normal priority it may get no CPU at all, not even to see its deadline. Such
    a worker is runnable and got next to no CPU between the watchdog's two
    looks; a hung one is stopped or asleep, or spins and gets its share (Linux's
    /proc; elsewhere never known, so never starved).
    """
    if not worker.yielded or job.cpu_at_first_look is None:
        return False
    cpu, runnable = _cpu_and_runnable(worker.pid)
    return runnable and cpu - job.cpu_at_first_look < _SECOND_LOOK * 1e9 / 5


def _cpu_and_runnable(pid: int | None) -> tuple[int, bool]:
    """Nanoseconds of CPU process ``pid``'s threads have had, and whether one of them
    is running or waiting for a CPU now (schedstat and stat, per thread)."""
    cpu, runnable = 0, False
    if pid is None:
        return cpu, runnable
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return cpu, runnable
    for task in tasks:
        try:  # a thread may end meanwhile: the others still count
            cpu += int((task / "schedstat").read_text().split()[0])
            stat = (task / "stat").read_text()
        except (OSError, ValueError, IndexError):
            continue
        runnable = runnable or stat[stat.rfind(")") + 2 :][:1] == "R"
    return cpu, runnable


def _fail(job: _Job, exc: BaseException) -> None:
    if job.timer is not None:
        job.timer.cancel()
    if not job.future.done():
        job.future.set_exception(exc)
