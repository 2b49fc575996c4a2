"""The service's pool of worker processes, driven from the event loop.

Each worker (:mod:`wasmbox.server.worker`) runs one job at a time. A job
waits for an idle worker in a FIFO queue; a session's jobs wait for the one
worker that holds the session. A worker that dies, or stops answering well
past its job's wall-time budget (it is then killed), ends its job as
``crashed`` and is replaced at once; sessions it held end with it.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..errors import WasmboxError
from .worker import MAX_FRAME

__all__ = ["Overloaded", "PoolSettings", "WorkerCrashed", "WorkerGone", "WorkerPool"]

log = logging.getLogger("wasmbox.server")
T = TypeVar("T")
#: The environment a worker inherits: what Python and the artifact cache need, nothing else.
_WORKER_ENV = frozenset(
    {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", "XDG_CACHE_HOME",
     "WASMBOX_CACHE_DIR", "WASMBOX_BINARYEN_BIN"}
)  # fmt: skip
_HEADER = struct.Struct(">I")


class Overloaded(WasmboxError):
    """Too many jobs are waiting for a worker: the request is refused (503)."""


class WorkerGone(WasmboxError):
    """A session's worker process was replaced: the session's state is gone."""


class WorkerCrashed(WasmboxError):
    """The worker running a job died or stopped answering; the job ended ``crashed``."""


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """How many workers, how long a queue, and the OS limits of each worker.

    Attributes:
        workers: worker processes; each runs one job at a time.
        max_queue: jobs that may wait for a worker before requests get 503.
        worker_memory: ``RLIMIT_DATA`` of a worker, in bytes (None: no limit).
        grace: seconds past a job's wall-time budget before its worker is killed.
        start_timeout: seconds a new worker has to boot.
        limits: the default limits of a run, as ``Limits`` fields.
        max_sessions: sessions one worker may hold.
        session_idle_timeout: seconds before an idle session is closed.
    """

    workers: int = 2
    max_queue: int = 256
    worker_memory: int | None = 4 << 30
    grace: float = 5.0
    start_timeout: float = 60.0
    limits: Mapping[str, Any] = field(default_factory=dict)
    max_sessions: int = 64
    session_idle_timeout: float = 600.0


class _Channel(asyncio.Protocol):
    """The parent's end of a worker's socket: frames out, frames in.

    A plain protocol rather than asyncio streams: a reply is one callback that
    parses the frame and settles the waiting future, where a StreamReader with
    ``wait_for`` costs two reads and a task per job (measured: a quarter of
    the service's CPU per run).
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._waiter: asyncio.Future[dict[str, Any]] | None = None
        self._early: list[dict[str, Any]] = []
        self.closed: BaseException | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports quack like asyncio.Transport without subclassing it.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buffer)
            if size > MAX_FRAME:
                self._fail(ValueError(f"a worker sent a frame of {size} bytes"))
                return
            end = _HEADER.size + size
            if len(self._buffer) < end:
                return
            frame = bytes(self._buffer[_HEADER.size : end])
            del self._buffer[:end]
            try:
                message = json.loads(frame)
                if not isinstance(message, dict):
                    raise ValueError("a worker sent a frame that is not an object")
            except ValueError as exc:
                self._fail(exc)
                return
            if self._waiter is not None and not self._waiter.done():
                self._waiter.set_result(message)
                self._waiter = None
            else:
                self._early.append(message)

    def _fail(self, exc: BaseException) -> None:
        self.closed = exc
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(exc)
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.closed is None:
            self.closed = exc or EOFError("the worker closed its socket")
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(self.closed)

    def send(self, message: Mapping[str, Any]) -> None:
        if self.closed is not None or self.transport is None:
            raise EOFError("the worker's socket is closed")
        data = json.dumps(message, separators=(",", ":")).encode()
        self.transport.write(_HEADER.pack(len(data)) + data)

    async def receive(self, timeout: float) -> dict[str, Any]:
        """The next frame; TimeoutError after ``timeout`` s, EOFError/ValueError at a bad end."""
        if self._early:
            return self._early.pop(0)
        if self.closed is not None:
            raise self.closed
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[dict[str, Any]] = loop.create_future()
        self._waiter = waiter
        timer = loop.call_later(timeout, _expire, waiter)
        try:
            return await waiter
        finally:
            timer.cancel()
            self._waiter = None

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


def _expire(waiter: asyncio.Future[dict[str, Any]]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class _Worker:
    def __init__(self, slot: int) -> None:
        self.slot = slot
        self.process: subprocess.Popen[bytes] | None = None
        self.channel: _Channel | None = None
        self.busy = True  # until it has booted
        self.generation = 0
        self.jobs = 0

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


class WorkerPool:
    """Worker processes and the queue in front of them; use from one event loop."""

    def __init__(
        self,
        settings: PoolSettings | None = None,
        *,
        on_restart: Callable[[int, str], None] | None = None,
    ) -> None:
        self.settings = settings or PoolSettings()
        self._workers = [_Worker(i) for i in range(self.settings.workers)]
        self._waiters: collections.deque[tuple[_Worker | None, asyncio.Future[_Worker]]] = (
            collections.deque()
        )
        self._on_restart = on_restart
        self._closing = False
        self._next_id = 0
        self.restarts = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._config = json.dumps(
            {
                "limits": dict(self.settings.limits),
                "worker_memory": self.settings.worker_memory,
                "max_sessions": self.settings.max_sessions,
                "session_idle_timeout": self.settings.session_idle_timeout,
                "parent": os.getpid(),
            }
        )

    @property
    def queue_depth(self) -> int:
        """Jobs waiting for a worker now."""
        return len(self._waiters)

    @property
    def pids(self) -> list[int | None]:
        return [w.pid for w in self._workers]

    def worker_of(self, slot: int) -> _Worker:
        return self._workers[slot]

    async def start(self) -> None:
        await asyncio.gather(*(self._spawn(w) for w in self._workers))

    async def _spawn(self, worker: _Worker) -> None:
        parent, child = socket.socketpair()
        # Only what a worker needs: the service's own environment (database URLs,
        # credentials) stays out of the processes where untrusted code runs.
        env = {k: v for k, v in os.environ.items() if k in _WORKER_ENV}
        env["WASMBOX_WORKER_CONFIG"] = self._config
        worker.process = subprocess.Popen(
            [sys.executable, "-m", "wasmbox.server.worker", str(child.fileno())],
            pass_fds=(child.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
            # A worker must not get the service's Ctrl-C or SIGTERM: the service
            # stops its workers itself, after draining.
            start_new_session=True,
        )
        child.close()
        loop = asyncio.get_running_loop()
        _, channel = await loop.create_unix_connection(_Channel, sock=parent)
        worker.channel = channel
        worker.generation += 1
        try:
            hello = await channel.receive(self.settings.start_timeout)
            if not hello.get("ready"):
                raise ValueError(f"its first message was {hello!r}")
        except (TimeoutError, OSError, EOFError, ValueError) as exc:
            channel.close()
            self._kill(worker)
            raise WasmboxError(f"a worker failed to start: {exc!r}") from exc
        worker.busy = False
        self._hand_over(worker)

    async def _acquire(self, target: _Worker | None) -> _Worker:
        if self._closing:
            raise Overloaded("the service is shutting down")
        candidates = [target] if target is not None else self._workers
        # An idle worker has no waiter that could take it: _hand_over runs
        # whenever one becomes idle.
        for worker in candidates:
            if not worker.busy:
                worker.busy = True
                return worker
        if len(self._waiters) >= self.settings.max_queue:
            raise Overloaded(f"{len(self._waiters)} runs are already waiting for a worker")
        future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        entry = (target, future)
        self._waiters.append(entry)
        try:
            return await future
        except asyncio.CancelledError:
            if entry in self._waiters:
                self._waiters.remove(entry)
            elif future.done() and not future.cancelled():
                self._release(future.result())
            raise

    def _release(self, worker: _Worker) -> None:
        worker.busy = False
        self._hand_over(worker)

    def _hand_over(self, worker: _Worker) -> None:
        """Give an idle ``worker`` to the first waiter that can use it."""
        for entry in self._waiters:
            target, future = entry
            if target is None or target is worker:
                self._waiters.remove(entry)
                worker.busy = True
                future.set_result(worker)
                return

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
            WorkerGone: the session's worker process has been replaced since.
        """
        while True:
            worker = await self._acquire(self._workers[slot] if slot is not None else None)
            # A process that is gone (its socket closed: the kernel closes it once
            # the last thread has exited) takes no job.
            channel = worker.channel
            if channel is not None and channel.closed is None:
                break
            # It died while idle: nothing of this job ran, so a plain run takes
            # another worker; a session's state died with it.
            self._background(self._bury(worker))
            if generation is not None:
                raise WorkerGone("the worker holding the session died; its state is gone")
        if generation is not None and worker.generation != generation:
            self._release(worker)
            raise WorkerGone("the worker holding the session crashed; its state is gone")
        generation = worker.generation
        self._next_id += 1
        job = {**job, "id": self._next_id}
        try:
            assert worker.channel is not None
            worker.channel.send(job)
            deadline = wall_time + self.settings.grace
            try:
                reply = await worker.channel.receive(deadline)
            except TimeoutError:
                self._kill(worker)
                raise WorkerCrashed(
                    f"the worker stopped answering {deadline:g} s into the run and was killed"
                ) from None
            worker.jobs += 1
        except (OSError, EOFError, ValueError, WorkerCrashed) as exc:
            # The replacement is scheduled before anything else is awaited, so even a
            # call cancelled from here on cannot leave the slot dead and busy.
            why = await asyncio.shield(self._background(self._bury(worker)))
            if isinstance(exc, WorkerCrashed):
                raise
            raise WorkerCrashed(f"the worker running this code died ({why})") from None
        except BaseException:
            # Cancelled mid-job (the service is stopping, or the client left): the
            # worker's state is unknown, so it is replaced rather than reused.
            self._kill(worker)
            self._background(self._replace(worker, "cancelled mid-run"))
            raise
        if reply.get("retire"):
            # The worker asked to be replaced (its own memory ran out): it exits now.
            self._background(self._bury(worker))
        elif worker.generation == generation:
            self._release(worker)
        return reply, worker.slot, generation

    async def _bury(self, worker: _Worker) -> str:
        """Find out why ``worker`` ended (killing it if need be), replace it; returns why."""
        why = await self._death_of(worker)
        await self._replace(worker, why)
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
        if worker.channel is not None:
            worker.channel.close()
        self._kill(worker)
        old = worker.pid
        worker.busy = True
        if self._closing:
            return
        self.restarts += 1
        log.warning(
            "worker restarted",
            extra={"event": "worker_restart", "slot": worker.slot, "pid": old, "reason": why},
        )
        if self._on_restart is not None:
            self._on_restart(worker.slot, why)
        started = time.monotonic()
        while not self._closing:
            try:
                await self._spawn(worker)
                return
            except WasmboxError as exc:
                log.error(
                    "worker failed to start", extra={"event": "worker_error", "error": str(exc)}
                )
                await asyncio.sleep(min(5.0, 0.5 + time.monotonic() - started))

    async def drain(self, timeout: float) -> bool:
        """Stop taking jobs and wait up to ``timeout`` s for running ones; True if all ended."""
        self._closing = True
        for _, future in list(self._waiters):
            if not future.done():
                future.set_exception(Overloaded("the service is shutting down"))
        self._waiters.clear()
        deadline = time.monotonic() + timeout
        while any(w.busy and w.process and w.process.poll() is None for w in self._workers):
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
