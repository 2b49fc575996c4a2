"""A worker process of ``wasmbox serve``: one warm :class:`~wasmbox.Sandbox`, one job at a time.

The service runs guest code here rather than in its own process so that
nothing a run does, not even a wasmtime bug or a host-side leak, can take
the service down: a worker that dies is replaced and only its own run ends,
as ``crashed``. OS limits on the process are the last line of defence behind
the sandbox's own budgets: ``RLIMIT_DATA`` caps what the worker can touch
(wasmtime's address-space *reservations* are not counted, only memory made
writable), ``RLIMIT_CPU`` is re-armed before every job at that job's budget
plus a margin, and core dumps are off.

The worker talks to its parent over one socket in frames of a 4-byte
big-endian length and a JSON object, never pickle: a worker is where
untrusted code runs, so nothing it sends may execute in the parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import logging
import os
import resource
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from .. import scheduling
from .._hoststack import roomy_thread

__all__ = ["FRAME_HEADER", "MAX_FRAME", "encode_frame", "main", "read_frame", "write_frame"]

#: The largest frame either side accepts: a result's output, files and value.
MAX_FRAME = 256 << 20
#: A frame starts with its length: 4 bytes, big-endian.
FRAME_HEADER = struct.Struct(">I")
#: CPU seconds a job may use beyond its wall-time budget before the kernel stops the worker.
CPU_MARGIN = 10


#: One encoder for every frame: ``json.dumps`` with options builds a new one per call.
_encode = json.JSONEncoder(separators=(",", ":")).encode


def encode_frame(message: Mapping[str, Any]) -> bytes:
    """A message as one frame: its length, then its compact JSON."""
    data = _encode(message).encode()
    return FRAME_HEADER.pack(len(data)) + data


def write_frame(sock: socket.socket, message: Mapping[str, Any]) -> None:
    sock.sendall(encode_frame(message))


def read_frame(stream: Any) -> dict[str, Any] | None:
    """The next frame from a binary file-like ``stream``, None at a clean end."""
    header = stream.read(FRAME_HEADER.size)
    if not header:
        return None
    if len(header) < FRAME_HEADER.size:
        raise EOFError("the connection closed inside a frame")
    (size,) = FRAME_HEADER.unpack(header)
    if size > MAX_FRAME:
        raise ValueError(f"a frame of {size} bytes is over the limit")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the connection closed inside a frame")
    message = json.loads(data)
    if not isinstance(message, dict):
        raise ValueError("a frame is a JSON object")
    return message


def _os_limits(memory: int | None) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory:
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))


class _CpuAlarm:
    """RLIMIT_CPU's soft limit, kept between a job's need and that plus two margins.

    Before every job the limit must leave the job its wall-time budget in CPU
    seconds plus :data:`CPU_MARGIN`. Moving it costs three system calls, so it
    moves only when it leaves less than that, or more than two margins: a
    stream of short jobs re-arms it once per few seconds of CPU, not per job.
    Only the soft limit moves (SIGXCPU, which ends the process): a hard limit
    could never be raised again for the next job.
    """

    def __init__(self) -> None:
        self.soft: float | None = None

    def arm(self, wall_time: float) -> None:
        need = time.process_time() + wall_time + CPU_MARGIN
        if self.soft is not None and need <= self.soft <= need + CPU_MARGIN:
            return
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(need) + 1
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        self.soft = soft


class _Worker:
    def __init__(self, config: Mapping[str, Any]) -> None:
        from ..capabilities.fetch import FetchPolicy
        from ..limits import Limits
        from ..sandbox import Sandbox

        self.Limits = Limits
        self.cpu = _CpuAlarm()
        limits = Limits(**config.get("limits", {}))
        max_sessions = int(config.get("max_sessions", 64))
        engines = list(config.get("engines") or ["micropython"])
        # What every run may fetch: nothing, unless the service's settings say so.
        fetch = FetchPolicy(**config["fetch"]) if config.get("fetch") else None
        self.sandbox = Sandbox(limits, max_sessions=max_sessions, fetch=fetch)
        #: A warm sandbox per engine the service offers (CPython keeps one
        #: interpreter started ahead, so that a run costs ~2 ms, not ~17).
        self.sandboxes = {"micropython": self.sandbox}
        if "cpython" in engines:
            from ..cpython import DEFAULT_MEMORY

            cpython = replace(limits, memory=max(limits.memory, DEFAULT_MEMORY))
            self.sandboxes["cpython"] = Sandbox(
                cpython, engine="cpython", pool_size=1, max_sessions=max_sessions, fetch=fetch
            )
            self.sandboxes["auto"] = Sandbox(
                cpython, engine="auto", max_sessions=max_sessions, fetch=fetch
            )
        #: Sends a message to the pool mid-job (set by main(); None: nobody to tell).
        self.tell: Callable[[dict[str, Any]], object] | None = None
        self.sessions: dict[str, Any] = {}
        self.graders: dict[str, Any] = {}  # by engine, made on the first grade
        self.idle_timeout = float(config.get("session_idle_timeout", 600.0))
        #: Heap sizes (and whether fuel counts) whose snapshot is made, or never will be.
        self._made: set[tuple[int, bool]] = set()
        for sandbox in self.sandboxes.values():
            sandbox.run("pass")  # compile and warm everything before the first real job

    def handle(self, job: Mapping[str, Any]) -> dict[str, Any]:
        from ..errors import ConfigError, SessionClosedError, TooManySessionsError, WasmboxError

        op = job.get("op")
        try:
            limits = self.Limits(**job["limits"]) if job.get("limits") else None
            wall_time = limits.wall_time if limits else self.sandbox.limits.wall_time
            if op == "grade":  # every case runs: its CPU allowance is the sum of theirs
                from ..grading.cases import grade_budget

                wall_time = grade_budget(list(job.get("cases") or ()), wall_time)
            self.cpu.arm(wall_time)
            sandbox = self.sandboxes.get(job.get("engine") or "micropython")
            if sandbox is None:
                return _error("bad_request", f"this service does not run {job.get('engine')!r}")
            if op in ("run", "open", "grade") and sandbox.engine == "micropython":
                self._warn_if_warming(limits or sandbox.limits)
            if op == "grade":
                return {"result": self._grade(job, sandbox.engine, limits)}
            if op == "run":
                result = sandbox.run(
                    job["code"],
                    limits=limits,
                    inputs=job.get("inputs"),
                    stdin=job.get("stdin"),
                    files=job.get("files"),
                )
                return {"result": result.to_dict()}
            if op == "open":
                self._reap()
                self.sessions[job["sid"]] = sandbox.session(
                    limits=limits, files=job.get("files"), idle_timeout=self.idle_timeout
                )
                return {"ok": True}
            if op not in ("srun", "reset", "close"):
                return _error("bad_request", f"unknown operation {op!r}")
            session = self.sessions.get(job.get("sid", ""))
            if session is None:
                return _error("session_ended", "the session has ended")
            if op == "srun":
                result = session.run(
                    job["code"], limits=limits, inputs=job.get("inputs"), stdin=job.get("stdin")
                )
                return {"result": result.to_dict(), "alive": session.alive, "ended": session.ended}
            if op == "reset":
                session.reset()
                return {"ok": True}
            if op == "close":
                self.sessions.pop(job["sid"], None)
                session.close()
                return {"ok": True}
            return _error("bad_request", f"unknown operation {op!r}")
        except MemoryError:
            # The worker's own memory (RLIMIT_DATA) ran out, not the guest's: this
            # process may be in a bad state, so it answers, then is replaced.
            return {**_error("over_capacity", _OVER_CAPACITY), "retire": True}
        except SessionClosedError as exc:
            return _error("session_ended", str(exc))
        except TooManySessionsError as exc:
            return _error("overloaded", str(exc))
        except (ConfigError, TypeError, KeyError) as exc:
            return _error("bad_request", str(exc))
        except WasmboxError as exc:
            if "booting" in str(exc):  # no room to even start an instance of that size
                return {**_error("over_capacity", _OVER_CAPACITY), "retire": True}
            return _error("internal", f"{type(exc).__name__}: {exc}")

    def _warn_if_warming(self, limits: Any) -> None:
        """Tell the pool when this job first makes a snapshot of its heap size.

        The run's clock leaves that out (it can take seconds), the pool's
        watchdog would not: told, it waits ``warm_up`` longer for this job.
        """
        if self.tell is None:
            return
        size = (limits.heap_size, limits.fuel is not None)
        if size in self._made:  # every job after the first of a size: one set lookup
            return
        from ..runner import needs_snapshot

        if needs_snapshot(limits):
            self.tell({"warming": True})
        else:  # made, or never to be made here (the cap): the answer stays the same
            self._made.add(size)

    def _grade(self, job: Mapping[str, Any], engine: str, limits: Any) -> dict[str, Any]:
        from ..grading import Grader

        grader = self.graders.get(engine)
        if grader is None:
            grader = self.graders[engine] = Grader(self.sandboxes[engine].limits, engine=engine)
        graded = grader.grade(
            job["code"],
            job["cases"],
            limits=limits,
            compare=job.get("compare") or "exact",
            tolerance=1e-6 if job.get("tolerance") is None else job["tolerance"],
            stop_on_failure=bool(job.get("stop_on_failure")),
        )
        result: dict[str, Any] = graded.to_dict()
        result["engine"] = engine
        return result

    def _reap(self) -> None:
        """Forget sessions the library's reaper closed for idleness."""
        for sid in [sid for sid, s in self.sessions.items() if s.ended == "idle"]:
            del self.sessions[sid]


_OVER_CAPACITY = (
    "the worker process has no memory left for a run with this memory limit; "
    "retry, or ask for a lower limits.memory"
)


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    if issubclass(kind, KeyboardInterrupt | BrokenPipeError):
        return  # the service is going away; nothing to say
    logging.getLogger("wasmbox.worker").error(
        "worker failed", exc_info=(kind, exc, tb), extra={"event": "worker_error"}
    )


def _die_with_parent(parent: int | None) -> None:
    """Ask the kernel to SIGKILL this worker when the service dies, even by SIGKILL.

    Workers run in their own process group (so a Ctrl-C meant for the service
    does not reach them), so nothing else would stop an orphan mid-run.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the socket's EOF still ends the worker
        return
    if parent is not None and os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


#: CPU seconds a job may take beyond its run's own clock: reading the job, building the reply.
_OUTSIDE_THE_RUN = 0.005


def _job_cpu(used: float, reply: Mapping[str, Any]) -> float:
    """The CPU seconds the tenant's daily quota is charged for a job (not its wall time).

    ``used`` is this thread's, where the guest runs (a demoted run too): other
    threads' work (the ticker, the CPython pool booting its next interpreter in
    the background, for whoever comes next) is not the job's. A run's CPU cannot
    exceed its own clock, which leaves out the engine's start-up (making a heap
    size's snapshot, seconds the first time on a worker): so a run's charge is at
    most its duration and a little for the job around it.
    """
    result = reply.get("result")
    duration = result.get("duration_ms") if isinstance(result, dict) else None
    if isinstance(duration, int | float) and not isinstance(duration, bool):
        return min(used, duration / 1000 + _OUTSIDE_THE_RUN)
    return used


def _run_as_batch() -> None:
    """Schedule this worker as CPU-bound batch work (``SCHED_BATCH``).

    The service's own process hands every job to a worker and every answer to
    its client; when it waits for a CPU behind a worker, every worker soon
    waits for it. A batch task never preempts another on waking, so the
    service runs as soon as it has something to do and the workers take the
    time between: 5-8% more runs/s on 2 cores (bench_service). Unprivileged;
    it only gives priority away.
    """
    with contextlib.suppress(AttributeError, OSError):  # not Linux
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))


def main(argv: list[str] | None = None) -> int:
    """``python -m wasmbox.server.worker FD``: serve jobs on the inherited socket ``FD``.

    The configuration (limits, OS limits) comes as JSON in ``$WASMBOX_WORKER_CONFIG``.
    """
    argv = sys.argv[1:] if argv is None else argv
    # The worker shares the service's stderr: whatever it says must be JSON lines
    # too, tracebacks included.
    from .logs import configure_logging

    configure_logging("WARNING")
    sys.excepthook = _log_uncaught
    config = json.loads(os.environ.get("WASMBOX_WORKER_CONFIG") or "{}")
    _die_with_parent(config.get("parent"))
    # In a background process group of the service's terminal: with `stty tostop`, a
    # write to the shared stderr would stop the worker instead of writing.
    with contextlib.suppress(AttributeError, ValueError):  # not Linux
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    _run_as_batch()
    sock = socket.socket(fileno=int(argv[0]))
    _os_limits(config.get("worker_memory"))
    worker = _Worker(config)
    gc.freeze()  # the warm sandbox lives as long as the worker: no full GC passes over it
    # Written by the thread whose run gave way, which also writes that run's reply
    # later: the notice always comes first, and never in the middle of a reply.
    scheduling.yield_long_runs(
        config.get("yield_after"), on_yield=lambda: write_frame(sock, {"yielded": True})
    )
    worker.tell = lambda message: write_frame(sock, message)
    write_frame(sock, {"ready": True, "pid": os.getpid()})
    stream = sock.makefile("rb")
    return _serve_on_threads(lambda: _serve(worker, sock, stream))


def _serve(worker: _Worker, sock: socket.socket, stream: Any) -> int | None:
    """Jobs until the service goes (an exit status), or None after a run that gave way.

    A run that used ``yield_after`` seconds of CPU left its thread at
    ``SCHED_IDLE`` for good (:mod:`wasmbox.scheduling`): the next job must be
    served by a fresh thread, which has the worker's own policy again.
    """
    while True:
        try:
            job = read_frame(stream)
        except (EOFError, ValueError, OSError):
            return 1
        if job is None:  # the parent closed the socket: it is stopping
            return 0
        cpu_started = time.thread_time()
        try:
            reply = worker.handle(job)
        except Exception as exc:  # a bug here must not look like the guest's crash
            reply = _error("internal", f"{type(exc).__name__}: {exc}")
        reply["id"] = job.get("id")
        reply["cpu"] = _job_cpu(time.thread_time() - cpu_started, reply)
        try:
            write_frame(sock, reply)
        except OSError:
            return 1
        if reply.get("retire"):
            return 1
        if scheduling.yielded():
            return None


def _serve_on_threads(serve: Callable[[], int | None]) -> int:
    """``serve()`` on a thread, and again on a fresh one each time it returns None.

    The main thread only waits: it never runs guest code, so it keeps the
    worker's scheduling policy for every thread it starts. Should no thread
    start, it serves itself.
    """
    outcome: list[int | BaseException | None] = []

    def target() -> None:
        try:
            outcome.append(serve())
        except BaseException as exc:  # raised again on the main thread
            outcome.append(exc)

    while True:
        try:
            roomy_thread(target, name="wasmbox-serve").join()
        except RuntimeError:  # no thread to be had (memory): serve on this one instead
            target()
        last = outcome.pop()
        if isinstance(last, BaseException):
            raise last
        if last is not None:
            return last


if __name__ == "__main__":
    sys.exit(main())
