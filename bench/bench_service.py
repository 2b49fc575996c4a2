"""The service under load on loopback: `wasmbox serve` against the library called directly.

In one run: the library's own figures (the baseline), then a server on a
free port with a fresh SQLite database, driven by a small keep-alive
HTTP/1.1 client on this process's event loop: one connection in series (the
overhead of the service), a closed loop at full tilt (max runs/s), an open
loop at a fixed offered rate with only trivial runs, the same rate with 10%
hostile runs mixed in, the same pair again at a rate where the hostile runs
alone keep half a core busy (at 1,500/s they need more than the two cores
have left), the clean runs at that rate once more while as many 1 s busy
loops as the service has workers stay in flight (they give way, and the
service's spare workers take the short runs), and finally the audit log
counted against the requests sent.
Latency in the open loops runs from each request's scheduled send time, so a
slow server cannot hide its queue (no coordinated omission); they wake once a
millisecond (--tick) and send what has fallen due, as a client whose CPU
comes out of the same two cores should (a send is up to a tick late, and
that counts in its latency: about 0.5 ms at p50, 1 ms at p99).

Targets (the issue): >=1,500 trivial runs/s with p99 < 20 ms on 2 cores;
with 10% hostile, clean-run p99 within 2x of the clean figure; no lost
audit records. Figures are reported, not enforced: the exit status is 1 only
when the server does not start or audit records are lost. Usage:

    python bench/bench_service.py [--quick] [--seconds 5] [--rate 1500] [--mix-rate R]
        [--workers N] [--long-runs N] [--connections 32] [--tick 1] [--database-url URL]
        [--server-arg=--flag ...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from wasmbox import Limits, Sandbox

CLEAN = "print(1)"
HOSTILE = {
    "busy loop": "while True: pass",
    "memory bomb": "x = []\nwhile True: x.append(bytearray(1 << 20))",
    "output flood": "while True: print('x' * 1000)",
}
#: The limit meant to stop each hostile run. Under load a memory bomb may run out of wall time
#: first: any limit is a fine end; anything else (crashed, error, ok) is a finding.
HOSTILE_END = {
    "busy loop": "timeout",
    "memory bomb": "memory_limit",
    "output flood": "output_limit",
}
LIMIT_ENDS = {"timeout", "memory_limit", "output_limit", "cpu_limit"}
#: The last phase's long runs: busy loops that hold a worker each for their whole wall time,
#: sent back to back on as many connections as the service has workers.
LONG = "long busy loop"
LONG_LIMITS: dict[str, float] = {"wall_time": 1.0}
#: Tight limits of every hostile run. The busy loop burns all its wall time, so its own is
#: shorter (--busy-wall-time): 50 busy loops/s at 50 ms each would need 2.5 of the 2 cores.
HOSTILE_LIMITS: dict[str, float] = {"wall_time": 0.05, "memory": 4 << 20, "max_output": 64 << 10}
#: One request in ten is hostile, the three kinds in turn, deterministically interleaved.
MIX = [kind for hostile in HOSTILE for kind in [*["clean"] * 9, hostile]]
#: Huge quotas, so that nothing but the service's capacity limits the load. The ceilings
#: equal the library's defaults, so clean runs have the baseline's limits.
TENANT_FLAGS = [
    *("--requests-per-minute", "1e9", "--max-concurrent", "1000"),
    *("--daily-cpu-seconds", "1e9", "--daily-output", "1T"),
    *("--max-wall-time", "5s", "--max-memory", "32M"),
]
CLI = [sys.executable, "-m", "wasmbox.cli"]


class ServerError(Exception):
    """The server could not be set up: the tenant not created, the process not ready."""


def percentile(samples: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``samples``, nearest rank; NaN when there are none."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


# -- the server ---------------------------------------------------------------------------


@dataclass
class Server:
    """A ``wasmbox serve`` subprocess on loopback, with one tenant for the bench."""

    port: int
    key: str
    tenant: str
    process: subprocess.Popen[bytes]
    log: Path

    def cpu_seconds(self) -> float:
        """CPU time of the server and its worker processes so far (user + system)."""
        return _tree_cpu(self.process.pid)

    def loop_times(self) -> tuple[float, float]:
        """Seconds the service's event loop (its main thread) has run, and waited for a CPU.

        From the kernel's schedstat (0, 0 where there is none): when the loop waits,
        every request waits, so this says whether the service got the CPU it needed.
        """
        try:
            raw = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/schedstat").read_text()
        except OSError:
            return 0.0, 0.0
        ran, waited = raw.split()[:2]
        return int(ran) / 1e9, int(waited) / 1e9

    def stop(self) -> int:
        """SIGTERM, then wait for a graceful end (SIGKILL after 30 s); the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def serve_offers(flag: str) -> bool:
    """Whether ``wasmbox serve --help`` lists ``flag`` (the service gains options over time)."""
    out = subprocess.run([*CLI, "serve", "--help"], capture_output=True, text=True, check=True)
    return flag in out.stdout


@contextlib.contextmanager
def running_server(url: str, workdir: Path, server_args: list[str]) -> Iterator[Server]:
    """A started and ready server with a new tenant; stopped when the block ends."""
    tenant = "bench-" + secrets.token_hex(4)
    added = subprocess.run(
        [*CLI, "tenants", "add", tenant, "--database-url", url, *TENANT_FLAGS],
        capture_output=True,
        text=True,
    )
    if added.returncode != 0:
        raise ServerError(f"wasmbox tenants add failed:\n{added.stderr}")
    port = _free_port()
    log = workdir / "server.log"
    command = [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--database-url", url]
    with open(log, "wb") as out:
        process = subprocess.Popen([*command, *server_args], stdout=out, stderr=subprocess.STDOUT)
    server = Server(port, added.stdout.strip(), tenant, process, log)
    try:
        _wait_ready(server, timeout=60)
        yield server
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = server.log.read_text(errors="replace")[-3000:]
            raise ServerError(f"the server exited with status {server.process.returncode}:\n{log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise ServerError(f"the server was not ready within {timeout:g} s")


def _tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and its live descendants, and of the children they reaped."""
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                raw = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            stats[int(entry)] = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
    children: dict[int, list[int]] = {}
    for pid, fields in stats.items():
        children.setdefault(int(fields[1]), []).append(pid)
    ticks, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            ticks += sum(int(x) for x in stats[pid][11:15])  # utime stime cutime cstime
        todo.extend(children.get(pid, []))
    return ticks / os.sysconf("SC_CLK_TCK")


# -- the load generator -------------------------------------------------------------------

#: Called with (HTTP status, body) when a response is in; status 0 if the connection died.
OnResponse = Callable[[int, bytes], None]


class Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection with at most one request in flight.

    Requests are prebuilt bytes; responses are split by Content-Length (the
    API always sends it) without a general HTTP parser, to keep the client's
    cost per request small next to the server's.
    """

    def __init__(self) -> None:
        self.transport: Any = None  # uvloop's transports are no asyncio.Transport
        self.buffer = bytearray()
        self.on_response: OnResponse | None = None
        self.body_at = -1  # where the body starts in the buffer, once the head is in
        self.length = 0
        self.alive = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def send(self, request: bytes, on_response: OnResponse) -> bool:
        """Write ``request``; False (``on_response`` to be called with 0) if the server closed."""
        assert self.on_response is None
        self.on_response = on_response
        if self.transport.is_closing():  # closed by the server; connection_lost not yet run
            asyncio.get_running_loop().call_soon(self._fail)
            return False
        self.transport.write(request)
        return True

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.body_at < 0:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).lower() + b"\r\n"
            at = head.find(b"\r\ncontent-length:")
            if at < 0:
                self._fail()
                return
            self.length = int(head[at + 17 : head.index(b"\r\n", at + 2)])
            self.body_at = end + 4
        total = self.body_at + self.length
        if len(self.buffer) < total:
            return
        status = int(self.buffer[9:12])
        body = bytes(self.buffer[self.body_at : total])
        del self.buffer[:total]
        self.body_at = -1
        callback, self.on_response = self.on_response, None
        if callback is not None:
            callback(status, body)

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail()

    def _fail(self) -> None:
        self.alive = False
        if self.transport is not None:
            self.transport.close()
        callback, self.on_response = self.on_response, None
        if callback is not None:
            callback(0, b"")


def build_request(port: int, key: str, code: str, limits: dict[str, float] | None) -> bytes:
    """The bytes of one ``POST /v1/runs``."""
    payload: dict[str, object] = {"code": code}
    if limits is not None:
        payload["limits"] = limits
    body = json.dumps(payload, separators=(",", ":")).encode()
    head = (
        f"POST /v1/runs HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def run_status(http_status: int, body: bytes) -> str:
    """How a run ended, from its response: the result's status, or what went wrong over HTTP."""
    if http_status == 0:
        return "connection lost"
    if http_status != 200:
        return f"HTTP {http_status}"
    at = body.find(b'"status":"')  # the result's first key after "id": found at once
    if at < 0:
        return "no status"
    return body[at + 10 : body.index(b'"', at + 10)].decode()


@dataclass
class Phase:
    """What one phase of load measured, on both sides of the wire."""

    label: str
    title: str
    seconds: float = 0.0
    sent: int = 0
    unsent: int = 0  # scheduled by the open loop but never sent: the service fell behind
    latency: dict[str, list[float]] = field(default_factory=dict)  # ms, by request kind
    statuses: dict[str, Counter[str]] = field(default_factory=dict)
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    loop_ran: float = 0.0  # seconds the service's event loop ran
    loop_waited: float = 0.0  # and waited for a CPU, runnable
    started_at: float = 0.0  # wall clock, to find the phase's audit records
    ended_at: float = 0.0
    timer_lag: float = 0.0  # ms, the open loop's worst lateness in a send, beyond a tick

    def record(self, kind: str, ms: float, status: str) -> None:
        self.latency.setdefault(kind, []).append(ms)
        self.statuses.setdefault(kind, Counter())[status] += 1

    @property
    def answered(self) -> int:
        return sum(len(v) for v in self.latency.values())

    def rate(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def clean(self, q: float) -> float:
        return percentile(self.latency.get("clean", []), q)

    def clean_not_ok(self) -> int:
        return sum(n for s, n in self.statuses.get("clean", Counter()).items() if s != "ok")

    def hostile_not_stopped(self) -> int:
        """Hostile and long runs that no limit stopped: crashed, errors, HTTP failures."""
        return sum(
            n
            for kind in [*HOSTILE, LONG]
            for s, n in self.statuses.get(kind, Counter()).items()
            if s not in LIMIT_ENDS
        )


class LoadGenerator:
    """Drives one server from this process's event loop."""

    def __init__(
        self, server: Server, hostile_limits: dict[str, dict[str, float]], tick: float = 0.001
    ) -> None:
        self.server = server
        #: Seconds between the open loop's wake-ups: it sends what has fallen due since.
        self.tick = tick
        self.requests = {"clean": build_request(server.port, server.key, CLEAN, None)}
        for kind, code in HOSTILE.items():
            self.requests[kind] = build_request(server.port, server.key, code, hostile_limits[kind])
        self.requests[LONG] = build_request(
            server.port, server.key, HOSTILE["busy loop"], LONG_LIMITS
        )

    async def connect(self, n: int) -> list[Connection]:
        loop = asyncio.get_running_loop()
        conns = []
        for _ in range(n):
            _, conn = await loop.create_connection(Connection, "127.0.0.1", self.server.port)
            conns.append(conn)
        return conns

    @contextlib.asynccontextmanager
    async def measured(self, phase: Phase) -> AsyncIterator[Phase]:
        phase.started_at = time.time()
        cpu, server_cpu = time.process_time(), self.server.cpu_seconds()
        ran, waited = self.server.loop_times()
        start = time.perf_counter()
        yield phase
        phase.seconds = time.perf_counter() - start
        phase.client_cpu = time.process_time() - cpu
        phase.server_cpu = self.server.cpu_seconds() - server_cpu
        ran_after, waited_after = self.server.loop_times()
        phase.loop_ran, phase.loop_waited = ran_after - ran, waited_after - waited
        phase.ended_at = time.time()

    async def closed_loop(self, phase: Phase, connections: int, seconds: float) -> Phase:
        """Each connection sends a trivial run as soon as its previous one is answered."""
        conns = await self.connect(connections)
        request = self.requests["clean"]
        async with self.measured(phase):
            finished = asyncio.get_running_loop().create_future()
            deadline = time.perf_counter() + seconds
            busy = len(conns)

            def fire(conn: Connection) -> None:
                sent_at = time.perf_counter()

                def on_response(status: int, body: bytes) -> None:
                    nonlocal busy
                    now = time.perf_counter()
                    phase.record("clean", (now - sent_at) * 1000, run_status(status, body))
                    if now < deadline and conn.alive:
                        fire(conn)
                    else:
                        busy -= 1
                        if busy == 0 and not finished.done():
                            finished.set_result(None)

                phase.sent += conn.send(request, on_response)

            for conn in conns:
                fire(conn)
            await finished
        _close(conns)
        return phase

    async def open_loop(
        self,
        phase: Phase,
        kinds: list[str],
        rate: float,
        connections: int,
        seconds: float,
        long_runs: int = 0,
    ) -> Phase:
        """Requests at ``rate``/s on a timer, cycling through ``kinds``.

        A request waits for a free connection if there is none; its latency
        counts from its scheduled time all the same. What still waits when the
        phase ends is not sent (``unsent``), so a slow service cannot stretch it.
        Meanwhile ``long_runs`` more connections each send :data:`LONG` runs back
        to back, so that as many long runs as that are always in flight.
        """
        conns = await self.connect(connections)
        hogs = await self.connect(long_runs)
        free: deque[Connection] = deque(conns)
        waiting: deque[tuple[float, str]] = deque()
        in_flight = 0
        scheduling = True
        async with self.measured(phase):
            drained = asyncio.get_running_loop().create_future()

            def dispatch() -> None:
                nonlocal in_flight
                while waiting and free:
                    scheduled, kind = waiting.popleft()
                    conn = free.popleft()
                    in_flight += 1
                    phase.sent += conn.send(self.requests[kind], respond(conn, scheduled, kind))

            def respond(conn: Connection, scheduled: float, kind: str) -> OnResponse:
                def on_response(status: int, body: bytes) -> None:
                    nonlocal in_flight
                    in_flight -= 1
                    ms = (time.perf_counter() - scheduled) * 1000
                    phase.record(kind, ms, run_status(status, body))
                    if conn.alive:
                        free.append(conn)
                    dispatch()
                    if not scheduling and in_flight == 0 and not drained.done():
                        drained.set_result(None)

                return on_response

            def hog(conn: Connection) -> None:
                nonlocal in_flight
                sent_at = time.perf_counter()

                def on_response(status: int, body: bytes) -> None:
                    nonlocal in_flight
                    in_flight -= 1
                    ms = (time.perf_counter() - sent_at) * 1000
                    phase.record(LONG, ms, run_status(status, body))
                    if scheduling and conn.alive:
                        hog(conn)
                    elif not scheduling and in_flight == 0 and not drained.done():
                        drained.set_result(None)

                in_flight += 1
                phase.sent += conn.send(self.requests[LONG], on_response)

            for conn in hogs:
                hog(conn)
            total = int(rate * seconds)
            start = time.perf_counter() + 0.005
            i = 0
            while i < total:
                now = time.perf_counter()
                due = min(total, int((now - start) * rate) + 1)
                if due > i:
                    late = now - start - i / rate - self.tick  # a tick late is by design
                    phase.timer_lag = max(phase.timer_lag, late * 1000)
                for n in range(i, due):
                    waiting.append((start + n / rate, kinds[n % len(kinds)]))
                i = max(i, due)
                dispatch()
                # At most one wake-up a tick: this client shares the two cores with the
                # service, and a wake-up per request (1,500 a second) cost it about
                # 0.1 ms of CPU a request. A request sent late is timed all the same
                # from its own scheduled moment.
                await asyncio.sleep(max(self.tick, start + i / rate - time.perf_counter()))
            phase.unsent = len(waiting)
            waiting.clear()
            scheduling = False
            if in_flight:
                await asyncio.wait_for(drained, 60)
        _close(conns + hogs)
        return phase


def _close(conns: list[Connection]) -> None:
    for conn in conns:
        if conn.transport is not None:
            conn.transport.close()


async def load(
    server: Server, args: argparse.Namespace, hostile_limits: dict[str, dict[str, float]]
) -> list[Phase]:
    """The phases against ``server``, in order; the first, a warm-up, is not reported."""
    gen = LoadGenerator(server, hostile_limits, args.tick / 1000)
    c, o, rate, seconds = args.connections, args.open_connections, args.rate, args.seconds
    return [
        await gen.closed_loop(Phase("warm-up", "warm-up"), c, 1.5),
        await gen.closed_loop(Phase("serial", "one connection, in series"), 1, min(seconds, 2)),
        await gen.closed_loop(Phase("closed", f"closed loop, {c} connections"), c, seconds),
        await gen.open_loop(
            Phase("fixed", f"open loop at {rate:.0f}/s, clean, {o} connections"),
            ["clean"],
            rate,
            o,
            seconds,
        ),
        await gen.open_loop(
            Phase("mixed", f"open loop at {rate:.0f}/s, 10% hostile, {o} connections"),
            MIX,
            rate,
            o,
            seconds,
        ),
        await gen.open_loop(
            Phase("fixed2", f"open loop at {args.mix_rate:.0f}/s, clean, {o} connections"),
            ["clean"],
            args.mix_rate,
            o,
            seconds,
        ),
        await gen.open_loop(
            Phase("mixed2", f"open loop at {args.mix_rate:.0f}/s, 10% hostile, {o} connections"),
            MIX,
            args.mix_rate,
            o,
            seconds,
        ),
        await gen.open_loop(
            Phase(
                "long",
                f"open loop at {args.mix_rate:.0f}/s, clean, {o} connections, while"
                f" {args.long_runs} busy loops of {LONG_LIMITS['wall_time']:g} s run",
            ),
            ["clean"],
            args.mix_rate,
            o,
            seconds,
            long_runs=args.long_runs,
        ),
    ]


# -- the baseline and the audit log ---------------------------------------------------------


def library_baseline(
    n: int, hostile_limits: dict[str, dict[str, float]]
) -> tuple[list[float], float, dict[str, float]]:
    """Ms per ``Sandbox().run(CLEAN)`` on one thread, its runs/s, each hostile kind's median ms."""
    sandbox = Sandbox()
    for _ in range(50):
        sandbox.run(CLEAN)
    samples = []
    start = time.perf_counter()
    for _ in range(n):
        t0 = time.perf_counter()
        result = sandbox.run(CLEAN)
        samples.append((time.perf_counter() - t0) * 1000)
    rate = n / (time.perf_counter() - start)
    assert result.ok and result.stdout == "1\n", result
    hostile = {}
    for kind, code in HOSTILE.items():
        limits = Limits(**hostile_limits[kind])  # type: ignore[arg-type]
        times = []
        for _ in range(7):
            t0 = time.perf_counter()
            result = sandbox.run(code, limits=limits)
            times.append((time.perf_counter() - t0) * 1000)
            if result.status.value != HOSTILE_END[kind]:
                print(f"  note: a {kind} ended {result.status.value} in the library")
        hostile[kind] = statistics.median(times)
    return samples, rate, hostile


def audit_records(url: str, tenant: str) -> list[dict[str, Any]]:
    """The tenant's run records: when received and finished, status, code, run duration."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT r.received_at, r.finished_at, r.status, r.code, r.duration_ms"
                    " FROM runs r JOIN tenants t ON r.tenant_id = t.id WHERE t.name = :name"
                ),
                {"name": tenant},
            ).all()
    finally:
        engine.dispose()
    return [dict(row._mapping) for row in rows]


def server_side(records: list[dict[str, Any]], phase: Phase, q: float) -> tuple[float, float, int]:
    """The phase's clean runs: the ``q`` quantile of ms from audit begin to finish and of run
    ms, and their count."""
    span, run = [], []
    for r in records:
        if r["code"] == CLEAN and phase.started_at <= r["received_at"] <= phase.ended_at:
            if r["finished_at"] is not None:
                span.append((r["finished_at"] - r["received_at"]) * 1000)
            if r["duration_ms"] is not None:
                run.append(r["duration_ms"])
    return percentile(span, q), percentile(run, q), len(span)


# -- the report ---------------------------------------------------------------------------


def print_phase(phase: Phase) -> None:
    behind = f"; {phase.unsent} never sent (the service fell behind)" if phase.unsent else ""
    print(f"\n{phase.title}: {phase.answered} answered in {phase.seconds:.2f} s{behind}")
    for kind in ["clean", *HOSTILE, LONG]:
        lat = phase.latency.get(kind, [])
        if lat:
            counts = ", ".join(f"{s} {n}" for s, n in phase.statuses[kind].most_common())
            print(
                f"  {kind:12s} {len(lat) / phase.seconds:6.0f}/s  p50 {percentile(lat, 0.5):8.2f}"
                f"  p99 {percentile(lat, 0.99):8.2f}  max {max(lat):8.2f} ms  {counts}"
            )
    if phase.answered:
        busy = phase.client_cpu / phase.seconds
        per_run = 1000 / phase.answered
        print(
            f"  CPU per run: server {phase.server_cpu * per_run:.2f} ms,"
            f" client {phase.client_cpu * per_run:.2f} ms (client busy {busy:.0%} of a core"
            + (", saturated: the figures are a floor)" if busy > 0.9 else ")")
            + (f"; worst send lag past a tick {phase.timer_lag:.1f} ms" if phase.timer_lag else "")
        )
        if phase.loop_ran:
            # Split, because the two scale differently: the loop is one thread that every
            # request crosses twice; the rest (the workers) is spread over processes.
            loop = phase.loop_ran * per_run
            print(
                f"  the service's event loop ran {phase.loop_ran / phase.seconds:.0%} of a core"
                f" and waited for one {phase.loop_waited / phase.seconds:.0%} of the time;"
                f" of the server's CPU per run, {loop:.2f} ms was the loop's,"
                f" {phase.server_cpu * per_run - loop:.2f} ms its workers' (and threads')"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="of each measured phase")
    parser.add_argument("--rate", type=float, default=1500.0, help="offered runs/s, open loops")
    parser.add_argument("--connections", type=int, default=32, help="of the closed loop")
    parser.add_argument("--open-connections", type=int, default=64, help="of the open loops")
    parser.add_argument("--workers", type=int, help="for serve (default: the service's own)")
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp directory")
    parser.add_argument(
        "--server-arg", action="append", default=[], help="an argument for serve (repeatable)"
    )
    parser.add_argument(
        "--busy-wall-time", type=float, default=0.01, help="the busy loop's wall time, seconds"
    )
    parser.add_argument(
        "--mix-rate",
        type=float,
        help="offered runs/s of the second pair of open loops, clean then 10%% hostile"
        " (default: the rate at which the hostile runs alone keep half a core busy)",
    )
    parser.add_argument(
        "--tick", type=float, default=1.0, help="ms between the open loops' wake-ups"
    )
    parser.add_argument(
        "--long-runs",
        type=int,
        help="busy loops in flight in the last phase (default: as many as the service's workers)",
    )
    parser.add_argument("--quick", action="store_true", help="2 s phases")
    args = parser.parse_args()
    if args.quick:
        args.seconds = min(args.seconds, 2.0)
    if args.long_runs is None:  # the service's default: two workers per core
        args.long_runs = args.workers or 2 * (os.cpu_count() or 1)
    hostile_limits = {kind: dict(HOSTILE_LIMITS) for kind in HOSTILE}
    hostile_limits["busy loop"]["wall_time"] = args.busy_wall_time
    try:
        import uvloop

        new_loop: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
        loop_name = "uvloop"
    except ImportError:
        new_loop, loop_name = asyncio.new_event_loop, "asyncio"

    print(f"Library baseline: Sandbox().run({CLEAN!r}) on one thread, in this process")
    samples, lib_rate, hostile_ms = library_baseline(2000, hostile_limits)
    lib_p50, lib_p99 = percentile(samples, 0.5), percentile(samples, 0.99)
    print(f"  {lib_rate:.0f} runs/s  p50 {lib_p50:.3f}  p99 {lib_p99:.3f} ms  (n={len(samples)})")
    print("  hostile runs, median of 7:")
    for kind, ms in hostile_ms.items():
        lim = hostile_limits[kind]
        shown = f"wall_time {lim['wall_time']:g} s, memory {lim['memory'] >> 20} MiB"
        print(f"    {kind:12s} {ms:6.1f} ms   ({shown}, max_output {lim['max_output'] >> 10} KiB)")
    demand = args.rate * 0.1 / len(HOSTILE) * sum(hostile_ms.values()) / 1000
    print(
        f"  at {args.rate:.0f}/s with 10% hostile, these alone keep ~{demand:.2f}"
        f" of the {os.cpu_count()} cores busy"
    )
    if args.mix_rate is None:  # where the hostile runs leave the clean ones room
        args.mix_rate = min(args.rate, args.rate * 0.5 / demand) if demand else args.rate
        args.mix_rate = max(50.0, round(args.mix_rate, -1))
    print(f"  the second pair of open loops offers {args.mix_rate:.0f}/s")

    server_args = list(args.server_arg)
    if args.workers is not None and serve_offers("--workers"):
        server_args += ["--workers", str(args.workers)]
    with tempfile.TemporaryDirectory(prefix="wasmbox-bench-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/audit.db"
        shown = " ".join(server_args) or "(no options)"
        dialect = url.split(":")[0]
        print(f"\nService: wasmbox serve {shown}; audit log in {dialect}; client on {loop_name}")
        try:
            with running_server(url, Path(tmp), server_args) as server:
                with asyncio.Runner(loop_factory=new_loop) as runner:
                    phases = runner.run(load(server, args, hostile_limits))
                exit_status = server.stop()
        except ServerError as exc:
            print(f"bench_service: {exc}", file=sys.stderr)
            return 1
        records = audit_records(url, server.tenant)
    report(phases, records, exit_status, args, lib_rate, lib_p50, demand)
    return 1 if sum(p.sent for p in phases) != len(records) else 0


def report(
    phases: list[Phase],
    records: list[dict[str, Any]],
    exit_status: int,
    args: argparse.Namespace,
    lib_rate: float,
    lib_p50: float,
    demand: float,
) -> None:
    """``demand``: the cores the hostile runs of the mix at ``args.rate`` need (library figures)."""
    _, serial, closed, fixed, mixed, fixed2, mixed2, long = phases
    for phase in phases[1:]:
        print_phase(phase)

    print("\nWhere a clean run's time goes (p50 / p99, ms; server side from the audit log):")
    print("  phase         client sees  audit begin->finish    the run itself  (library p50)")
    for phase in phases[1:]:
        span, run, n = server_side(records, phase, 0.5)
        span99, run99, _ = server_side(records, phase, 0.99)
        print(
            f"  {phase.label:8s} {phase.clean(0.5):7.2f} /{phase.clean(0.99):7.2f}"
            f" {span:10.2f} /{span99:7.2f} {run:8.2f} /{run99:6.2f}   ({lib_p50:.3f})  n={n}"
        )

    sent = sum(p.sent for p in phases)
    running = sum(1 for r in records if r["status"] == "running")
    stopped = "stopped by SIGTERM" if exit_status == -signal.SIGTERM else f"exit {exit_status}"
    print(
        f"\nAudit log: {sent} requests sent (all phases), {len(records)} records,"
        f" {running} left 'running'; the server {stopped}"
    )

    clean_not_ok = sum(p.clean_not_ok() for p in phases)
    print("\nTargets (2 cores):")
    print(
        f"  clean max: {closed.rate():.0f} runs/s (target >=1500; the library alone {lib_rate:.0f}/s)"
    )
    print(
        f"  clean p99 at {args.rate:.0f}/s offered: {fixed.clean(0.99):.1f} ms (target <20);"
        f" {fixed.rate():.0f}/s answered"
    )
    for rate, clean, mix in ((args.rate, fixed, mixed), (args.mix_rate, fixed2, mixed2)):
        clean_p99, mixed_p99 = clean.clean(0.99), mix.clean(0.99)
        print(
            f"  hostile-mix clean p99 / clean p99 at {rate:.0f}/s: {mixed_p99 / clean_p99:.1f}x"
            f" (target <=2x); {mixed_p99:.1f} ms against {clean_p99:.1f} ms"
        )
        if clean.unsent or mix.unsent:
            print("    (the service fell behind the offered rate: these p99s measure its queue)")
        if rate == args.rate and fixed.answered:
            # What the mix asks of the machine: its clean runs cost what they did alone
            # (service, workers and client), its hostile runs what the library measured.
            clean_cores = (fixed.server_cpu + fixed.client_cpu) / fixed.seconds
            clean_cores *= 0.9 * rate / max(fixed.rate(), 1.0)
            print(
                f"    the mix needs ~{clean_cores:.2f} cores for its clean runs (as measured"
                f" alone) + ~{demand:.2f} for its hostile ones = ~{clean_cores + demand:.2f}"
                f" of {os.cpu_count()}"
            )
    print(
        f"  clean p99 at {args.mix_rate:.0f}/s while {args.long_runs} busy loops hold a worker"
        f" each: {long.clean(0.99):.1f} ms against {fixed2.clean(0.99):.1f} ms without them"
        f" ({long.clean(0.99) / fixed2.clean(0.99):.1f}x)"
    )
    stopped_not = sum(p.hostile_not_stopped() for p in (mixed, mixed2, long))
    print(f"  hostile runs no limit stopped: {stopped_not} (target 0)")
    print(f"  clean runs not ok: {clean_not_ok} (target 0)")
    print(f"  service overhead over library p50: {serial.clean(0.5) - lib_p50:+.2f} ms")
    print(f"  lost audit records: {sent - len(records)}")


if __name__ == "__main__":
    sys.exit(main())
