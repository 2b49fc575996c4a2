"""The real ``wasmbox serve`` process: its logs, its signals, its crashes, its config file.

Every server here is a subprocess of the test, on a SQLite audit database in a
temporary directory (crashes and draining on a PostgreSQL one as well); every one is stopped in a ``finally``, and so are the
worker processes it started (they run in sessions of their own, so they
outlive a server that is SIGKILLed).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from services import free_port, fresh_database
from wasmbox.server.store import Store

#: ``python -m wasmbox.cli``: the command, as an operator runs it.
CLI = [sys.executable, "-m", "wasmbox.cli"]
#: Exit status of ``wasmbox`` used wrongly (a bad option or config file); see ``wasmbox.cli``.
EXIT_USAGE = 64
START_TIMEOUT = 30.0


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the server's workers)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(p) for p in text.split()]
    except OSError:
        pass
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The command name may hold spaces and parentheses: the fields after the last ')'.
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def wait_until(what: str, condition: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)  # polling another process; there is nothing to wait on


@dataclass
class Server:
    """One ``wasmbox serve`` process, its stderr in a file, and the workers it was seen with."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path
    workers: set[int] = field(default_factory=set)

    def see_workers(self) -> list[int]:
        pids = children(self.process.pid)
        self.workers.update(pids)
        return pids

    def log_lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines()

    def stop(self) -> None:
        """Terminate, wait, kill; then kill any of its workers still alive."""
        if self.process.poll() is None:
            self.see_workers()
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in self.workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@dataclass
class Site:
    """A temporary directory holding an audit database with one tenant."""

    tmp: Path
    database_url: str
    key: str
    tenant: str = "acme"

    @contextlib.contextmanager
    def serve(self, *extra: str, workers: int | None = 2) -> Iterator[Server]:
        port = free_port()
        log = self.tmp / f"serve-{port}.log"
        args = [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)]
        args += ["--database-url", self.database_url, *extra]
        if workers is not None:
            args += ["--workers", str(workers)]
        with log.open("wb") as err:
            process = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
            )
        server = Server(process, f"http://127.0.0.1:{port}", log)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                assert process.poll() is None, f"serve exited:\n{log.read_text()}"
                with contextlib.suppress(httpx.TransportError):
                    if httpx.get(f"{server.url}/readyz", timeout=1).status_code == 200:
                        break
                assert time.monotonic() < deadline, f"serve never got ready:\n{log.read_text()}"
                time.sleep(0.05)  # polling a server that is starting; nothing to wait on
            server.see_workers()
            yield server
        finally:
            server.stop()

    def store(self) -> Store:
        return Store(self.database_url)

    def records(self) -> list[dict[str, object]]:
        store = self.store()
        try:
            return list(store.runs(limit=10_000))
        finally:
            store.close()


def make_site(tmp: Path, url: str | None = None) -> Site:
    url = url or f"sqlite:///{tmp / 'audit.db'}"
    out = subprocess.run(
        [*CLI, "tenants", "add", "acme", "--database-url", url, "--max-concurrent", "20"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wbx_"), out.stdout
    return Site(tmp, url, lines[0])


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


@contextlib.contextmanager
def site_on(backend: str, tmp: Path, request: pytest.FixtureRequest) -> Iterator[Site]:
    """A site whose audit database is SQLite in ``tmp``, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield make_site(tmp)
        return
    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        yield make_site(tmp, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    """A site on each audit backend: crashes and draining must lose no record on either
    (PostgreSQL's writes go through a thread of their own, SQLite's through the loop)."""
    with site_on(request.param, tmp_path, request) as site:
        yield site


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Site, Server]]:
    """One server for the tests that leave it serving, on each audit backend."""
    with contextlib.ExitStack() as stack:
        site = stack.enter_context(
            site_on(request.param, tmp_path_factory.mktemp("serve"), request)
        )
        yield site, stack.enter_context(site.serve())


def run(url: str, key: str, code: str, timeout: float = 30, **limits: float) -> httpx.Response:
    body: dict[str, object] = {"code": code}
    if limits:
        body["limits"] = limits
    return httpx.post(
        f"{url}/v1/runs", json=body, headers={"Authorization": f"Bearer {key}"}, timeout=timeout
    )


def test_stderr_is_json_lines_with_one_line_per_run(shared: tuple[Site, Server]) -> None:
    site, server = shared
    r = run(server.url, site.key, "print('hi')")
    assert r.status_code == 200 and r.json()["stdout"] == "hi\n"
    run_id = r.json()["id"]

    def logged() -> list[dict[str, object]]:
        rows = [json.loads(line) for line in server.log_lines()]
        return [row for row in rows if row.get("event") == "run" and row.get("run_id") == run_id]

    wait_until("the run's log line", lambda: bool(logged()))
    (line,) = logged()
    assert line["tenant"] == site.tenant and line["status"] == "ok" and line["kind"] == "run"
    for text in server.log_lines():
        row = json.loads(text)
        assert {"ts", "level", "logger", "msg"} <= set(row), text
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", str(row["ts"]))
    assert any(json.loads(t).get("event") == "start" for t in server.log_lines())


def dead(pid: int) -> bool:
    """True once ``pid`` has ended (a zombie its parent has not reaped counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX"
    except OSError:
        return True


def cpu_seconds(pid: int) -> float:
    """User and system CPU time ``pid`` has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_worker_killed_mid_run_ends_it_crashed(shared: tuple[Site, Server]) -> None:
    site, server = shared
    before = server.see_workers()
    assert len(before) == 4  # two workers and, by default, as many spares
    used = {pid: cpu_seconds(pid) for pid in before}
    store = site.store()
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            spinning = pool.submit(run, server.url, site.key, "while True: pass", wall_time=8)

            # The worker running it is the one burning CPU; the other sleeps on its socket.
            def spinning_workers() -> list[int]:
                return [pid for pid in before if cpu_seconds(pid) - used[pid] > 0.3]

            wait_until("a worker to spin", lambda: bool(spinning_workers()))
            busy = spinning_workers()
            assert len(busy) == 1, busy
            os.kill(busy[0], signal.SIGKILL)
            r = spinning.result(timeout=30)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "crashed" and r.json()["error"]["type"] == "WorkerCrashed"
        record = store.run(r.json()["id"])
        assert record is not None and record["status"] == "crashed"
    finally:
        store.close()
    metrics = httpx.get(f"{server.url}/metrics").text
    restarts = re.findall(r'^wasmbox_worker_restarts_total\{reason="(\w+)"\} (\S+)$', metrics, re.M)
    assert dict(restarts).get("killed") == "1.0", metrics
    # A new worker took its place, and the service serves.
    wait_until("a new worker", lambda: len(set(server.see_workers()) - set(before)) == 1)
    for _ in range(4):  # on either worker
        r = run(server.url, site.key, "6 * 7")
        assert r.status_code == 200 and r.json()["value"] == 42, r.text
    log = [json.loads(line) for line in server.log_lines()]
    assert [row["pid"] for row in log if row.get("event") == "worker_restart"] == busy


def test_a_worker_killed_while_idle_costs_no_run(any_site: Site) -> None:
    """A worker found dead when a job comes is replaced; the job goes to a live one."""
    site = any_site
    with site.serve() as server:
        workers = server.see_workers()
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        wait_until("the workers to die", lambda: all(dead(pid) for pid in workers))
        answers = [run(server.url, site.key, "6 * 7") for _ in range(2)]
        assert [r.json()["status"] for r in answers] == ["ok", "ok"], [r.text for r in answers]


def test_sigterm_drains_runs_in_flight(any_site: Site) -> None:
    site = any_site
    with site.serve() as server:
        # 3 s: the four requests, and a look at the metrics, all within the first two's sleep.
        body = "import time\ntime.sleep(3)\n'done'"
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            runs = [pool.submit(run, server.url, site.key, body, wall_time=5) for _ in range(4)]
            # Two run, two wait for a worker: all four are in flight.
            wait_until(
                "four runs in flight",
                lambda: "wasmbox_runs_in_flight 4.0" in httpx.get(f"{server.url}/metrics").text,
            )
            server.process.send_signal(signal.SIGTERM)
            answers = [f.result(timeout=30) for f in runs]
        assert [r.status_code for r in answers] == [200] * 4, [r.text for r in answers]
        assert [r.json()["value"] for r in answers] == ["done"] * 4
        # Drained, it ends: by re-raising the SIGTERM (see the next test), or with 0.
        assert server.process.wait(15) in (0, -signal.SIGTERM)
        log = [json.loads(line) for line in server.log_lines()]
        (stop,) = [row for row in log if row.get("event") == "stop"]
        assert stop["drained"] is True and stop["stranded"] == 0, stop
    records = site.records()
    assert len(records) == 4
    assert all(row["status"] == "ok" and row["finished_at"] for row in records), records


def test_a_run_still_going_when_the_drain_ends_gets_a_json_answer(site: Site) -> None:
    # uvicorn cancels requests still running when its graceful shutdown times out; the
    # client got its plain-text 500 (the record was completed as crashed already).
    config = site.tmp / "drain.toml"
    config.write_text('[service]\ndrain_timeout = "1s"\n')
    with site.serve("--config", str(config)) as server:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            long = pool.submit(run, server.url, site.key, "import time\ntime.sleep(8)", wall_time=9)
            wait_until(
                "the run in flight",
                lambda: "wasmbox_runs_in_flight 1.0" in httpx.get(f"{server.url}/metrics").text,
            )
            server.process.send_signal(signal.SIGTERM)
            answer = long.result(timeout=30)
        assert answer.status_code == 503, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.json()["error"]["code"] == "shutting_down"
        server.process.wait(15)
        log = [json.loads(line) for line in server.log_lines()]
        # uvicorn says it cancelled the run (an ERROR of its own); the service says nothing
        # failed (it said its answer had, which it had not).
        ours = [r for r in log if r.get("level") == "ERROR" and r["logger"].startswith("wasmbox")]
        assert not ours, ours
    (record,) = site.records()
    assert record["status"] == "crashed", record
    assert record["error"] == "the service stopped before the run finished"


def test_sigterm_exits_0(site: Site) -> None:
    with site.serve() as server:
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(15) == 0


def test_a_killed_server_restarts_and_reconciles(site: Site) -> None:
    responses = cut = 0
    lock = threading.Lock()
    stop = threading.Event()

    def client(url: str) -> None:
        nonlocal responses, cut
        while not stop.is_set():
            try:
                run(url, site.key, "import time\ntime.sleep(0.05)", wall_time=5, timeout=10)
            except httpx.ConnectError:
                return  # the server is gone: this request never reached it
            except httpx.TransportError:
                with lock:
                    cut += 1  # sent, then cut off: the server may have recorded it
                return
            with lock:
                responses += 1

    with site.serve() as server:
        store = site.store()
        try:
            with concurrent.futures.ThreadPoolExecutor(1) as long:
                # Killed in flight, after six more runs on the one other worker: it
                # must outlast those by far (it costs nothing, being cut off).
                slow = "import time\ntime.sleep(9)"
                in_flight = long.submit(run, server.url, site.key, slow, wall_time=10)
                wait_until(
                    "the long run's record",
                    lambda: any(True for _ in store.runs(status="running", limit=1)),
                )
                threads = [threading.Thread(target=client, args=(server.url,)) for _ in range(3)]
                for t in threads:
                    t.start()
                wait_until("a few answered runs", lambda: responses >= 6)
                server.see_workers()
                server.process.kill()
                server.process.wait(10)
                stop.set()
                for t in threads:
                    t.join(15)
                with pytest.raises(httpx.TransportError):
                    in_flight.result(timeout=15)
        finally:
            store.close()
    attempted = responses + cut + 1  # the long run was accepted, then cut off
    assert any(row["status"] == "running" for row in site.records())  # what the crash left

    with site.serve() as server:
        records = site.records()
        assert not [row for row in records if row["status"] == "running"], records
        crashed = [row for row in records if row["status"] == "crashed"]
        assert crashed and all("stopped" in str(row["error"]) for row in crashed)
        assert responses + 1 <= len(records) <= attempted, (responses, cut, len(records))
        r = run(server.url, site.key, "6 * 7")
        assert r.status_code == 200 and r.json()["value"] == 42
        log = [json.loads(line) for line in server.log_lines()]
        assert any(row.get("event") == "reconciled" and row["crashed"] >= 1 for row in log)


def test_a_config_file_takes_effect(site: Site) -> None:
    config = site.tmp / "wasmbox.toml"
    config.write_text(
        "[service]\nworkers = 1\nspare_workers = 2\n\n"
        '[limits]\nwall_time = "1s"\n\n[audit]\nredact_code = true\n'
    )
    with site.serve("--config", str(config), workers=None) as server:
        assert len(server.see_workers()) == 3
        code = "while True: pass"
        r = run(server.url, site.key, code)
        assert r.status_code == 200 and r.json()["status"] == "timeout"
        assert "1 s" in r.json()["error"]["message"]
        store = site.store()
        try:
            record = store.run(r.json()["id"])
        finally:
            store.close()
        assert record is not None
        assert record["code"] is None
        assert record["code_sha256"] == hashlib.sha256(code.encode()).hexdigest()
        assert record["limits"]["wall_time"] == 1.0


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[service\nworkers = 1\n", "cannot read"),
        ("[servce]\nworkers = 1\n", "unknown sections: servce"),
        ("[service]\nworkers = 0\n", "workers must be"),
        ("[service]\nthreads = 4\n", "unknown keys: threads"),
        ('[limits]\nwall_time = "fast"\n', "not a duration"),
        ('[audit]\nredact_code = "yes"\n', "redact_code"),
        ("[audit]\nretention = true\n", "retention"),
        ("[service]\nworkers = 1.5\n", "whole number"),
        ("[service]\nworkers = true\n", "workers"),
        ("[service]\nspare_workers = -1\n", "spare_workers must be"),
    ],
)
def test_a_bad_config_file_is_one_clear_line_and_exit_64(site: Site, text: str, says: str) -> None:
    config = site.tmp / "bad.toml"
    config.write_text(text)
    port = free_port()
    log, url = site.tmp / "bad.log", site.database_url
    with log.open("wb") as err:
        process = subprocess.Popen(
            [*CLI, "serve", "--port", str(port), "--config", str(config), "--database-url", url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        # Either it exits, as it should, or it starts serving: then it took the file.
        def settled() -> bool:
            if process.poll() is not None:
                return True
            with contextlib.suppress(httpx.TransportError):
                return httpx.get(f"{server.url}/readyz", timeout=1).status_code == 200
            return False

        wait_until("serve to exit or serve", settled, timeout=START_TIMEOUT)
        assert process.poll() == EXIT_USAGE, log.read_text()
        lines = log.read_text().splitlines()
        assert len(lines) == 1 and lines[0].startswith("wasmbox: error: "), lines
        assert says in lines[0]
    finally:
        server.stop()
