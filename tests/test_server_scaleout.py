"""Two replicas of ``wasmbox serve`` sharing one PostgreSQL and one Redis, for real.

Each replica is its own ``python -m wasmbox.cli serve`` process on its own loopback
port, as in production; both use the same fresh PostgreSQL database (tenants and the
audit log) and the same Redis (quotas). Tenants are made and revoked with ``wasmbox
tenants`` and the log is read with ``wasmbox audit``, the operator's own tools. What
one replica does the other must see: records, request rates, run slots, daily budgets
and revocations; and a replica killed in the middle of a run loses that run only.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from services import free_port, fresh_database
from wasmbox.server.store import Store

#: Seconds a replica has to answer ``/readyz`` after it is started.
START_TIMEOUT = 30.0
#: Seconds a replica has to stop after SIGTERM before it is killed.
STOP_TIMEOUT = 20.0
#: Runs in these tests sleep for seconds; every request may take this long.
HTTP_TIMEOUT = 30.0


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def wait_until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout:g} s")
        # Another process's state is what is awaited here: there is nothing to block on.
        time.sleep(0.02)


@dataclass
class Replica:
    """One ``wasmbox serve`` process of the deployment, started and stopped by the test."""

    name: str
    database_url: str
    quotas_url: str
    log: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "wasmbox.cli",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--database-url",
                    self.database_url,
                    "--quotas-url",
                    self.quotas_url,
                    "--workers",
                    "1",
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.log.parent,
            )

    def wait_ready(self) -> None:
        assert self.process is not None

        def ready() -> bool:
            if self.process is not None and self.process.poll() is not None:
                pytest.fail(
                    f"replica {self.name} exited with status {self.process.returncode}:\n"
                    + _log_tail(self.log)
                )
            try:
                return httpx.get(f"{self.url}/readyz", timeout=1.0).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, START_TIMEOUT, f"replica {self.name} answering /readyz")

    def workers(self) -> list[int]:
        """The worker processes of this replica (they run in sessions of their own)."""
        if self.process is None:
            return []
        pids: list[int] = []
        for path in glob.glob(f"/proc/{self.process.pid}/task/*/children"):
            with contextlib.suppress(OSError):
                pids += [int(p) for p in Path(path).read_text().split()]
        return [pid for pid in pids if b"wasmbox.server.worker" in _cmdline(pid)]

    def kill(self) -> None:
        """SIGKILL the replica, as a crash or the OOM killer would, then end its orphaned workers.

        A worker is in a session of its own, so it outlives a killed parent until
        its job ends; under systemd or in a container its cgroup goes with it.
        """
        if self.process is None:
            return
        workers = self.workers()
        self.process.kill()
        self.process.wait()
        self._end(workers)

    def stop(self) -> None:
        """SIGTERM (drain, then stop), SIGKILL if that takes too long; never leaves a worker."""
        if self.process is None or self.process.poll() is not None:
            return
        workers = self.workers()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._end(workers)

    @staticmethod
    def _end(workers: list[int]) -> None:
        for pid in workers:
            if b"wasmbox.server.worker" in _cmdline(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


@dataclass
class Cluster:
    """Two replicas, A and B, over one database and one Redis."""

    database_url: str
    a: Replica
    b: Replica
    workdir: Path

    def cli(self, *args: str) -> str:
        """Run ``wasmbox ARGS --database-url URL``; its stdout."""
        done = subprocess.run(
            [sys.executable, "-m", "wasmbox.cli", *args, "--database-url", self.database_url],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=self.workdir,
            check=False,
        )
        assert done.returncode == 0, f"wasmbox {' '.join(args)}: {done.stderr}"
        return done.stdout

    def tenant(self, name: str, *quotas: str) -> str:
        """A new tenant's API key, made by ``wasmbox tenants add`` (the key is its only line)."""
        lines = self.cli("tenants", "add", name, *quotas).splitlines()
        assert len(lines) == 1 and lines[0].startswith("wbx_"), lines
        return lines[0]


@pytest.fixture(scope="module")
def cluster(
    postgres_url: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    with redis.Redis.from_url(redis_url) as client:
        client.flushdb()  # quota keys are per tenant id, and every fresh database starts at 1
    workdir = tmp_path_factory.mktemp("replicas")
    with fresh_database(postgres_url) as database_url:
        a, b = (Replica(n, database_url, redis_url, workdir / f"{n}.log") for n in "AB")
        cluster = Cluster(database_url, a, b, workdir)
        try:
            # Create the schema first, as the deployment does (docs/deployment.md): the
            # replicas then start on a migrated database.
            cluster.cli("tenants", "list")
            a.start()
            b.start()
            a.wait_ready()
            b.wait_ready()
            yield cluster
        finally:
            a.stop()
            b.stop()


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def run(replica: Replica, key: str, code: str, **limits: float) -> httpx.Response:
    body: dict[str, Any] = {"code": code}
    if limits:
        body["limits"] = limits
    return httpx.post(f"{replica.url}/v1/runs", json=body, headers=auth(key), timeout=HTTP_TIMEOUT)


def record(replica: Replica, key: str, run_id: str) -> dict[str, Any]:
    r = httpx.get(f"{replica.url}/v1/runs/{run_id}", headers=auth(key), timeout=HTTP_TIMEOUT)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def records(replica: Replica, key: str, status: str | None = None) -> list[dict[str, Any]]:
    params = {"limit": "1000", **({"status": status} if status else {})}
    r = httpx.get(f"{replica.url}/v1/runs", params=params, headers=auth(key), timeout=HTTP_TIMEOUT)
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["runs"]
    return rows


def running_run(replica: Replica, key: str, known: Collection[str] = ()) -> str:
    """The id of a run of ``key`` that is ``running`` and not in ``known``, once there is one."""

    def find() -> str | None:
        fresh = [row["id"] for row in records(replica, key, "running") if row["id"] not in known]
        return fresh[0] if fresh else None

    found: str = wait_until(find, 10.0, "a running record")
    return found


def test_a_run_on_one_replica_is_in_the_shared_audit_log(cluster: Cluster) -> None:
    key = cluster.tenant("shared-log")
    r = run(cluster.a, key, "print('from A')\n6 * 7")
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["status"], result["stdout"], result["value"]) == ("ok", "from A\n", 42)
    seen = record(cluster.b, key, result["id"])
    assert seen["status"] == "ok" and seen["code"] == "print('from A')\n6 * 7"
    assert seen["stdout_bytes"] == len("from A\n")
    assert result["id"] in [row["id"] for row in records(cluster.b, key)]
    exported = cluster.cli("audit", "--jsonl", "--tenant", "shared-log")
    rows = {row["id"]: row for row in map(json.loads, exported.splitlines())}
    assert rows[result["id"]]["status"] == "ok"
    assert rows[result["id"]]["tenant_id"] == seen["tenant_id"]


def test_the_request_rate_is_one_quota_across_replicas(cluster: Cluster) -> None:
    key = cluster.tenant("rate", "--requests-per-minute", "6")
    answers = [run(cluster.a if i % 2 == 0 else cluster.b, key, "1") for i in range(12)]
    # A bucket of 6 refills at 0.1 token/s: these 12 requests take far less than the
    # 10 s it would need to earn a 7th.
    accepted = [i for i, r in enumerate(answers) if r.status_code == 200]
    assert len(accepted) == 6, [r.status_code for r in answers]
    # Alternating, each replica accepted half: a quota per replica would have accepted all 12.
    assert sum(1 for i in accepted if i % 2 == 0) == 3
    for r in answers:
        if r.status_code != 200:
            assert r.status_code == 429, r.text
            assert r.json()["error"]["code"] == "quota_exceeded"
            assert "requests per minute" in r.json()["error"]["message"]
            assert int(r.headers["Retry-After"]) >= 1
    # Read from the database: a read over HTTP takes a token of the same (empty) bucket.
    audit = cluster.cli("audit", "--tenant", "rate", "--status", "refused", "--jsonl")
    refused = [json.loads(line) for line in audit.splitlines()]
    assert len(refused) == 6 and all("quota_exceeded" in row["error"] for row in refused)


def test_run_slots_are_shared_across_replicas(cluster: Cluster) -> None:
    key = cluster.tenant("one-at-a-time", "--max-concurrent", "1")
    with ThreadPoolExecutor(1) as pool:
        # 4 s: it must outlast the poll for its record and the refused request, however
        # slow a busy machine makes those.
        slow = pool.submit(run, cluster.a, key, "import time\ntime.sleep(4)", wall_time=6)
        # Its record is written after its slot is taken: once it shows, the slot is held.
        running_run(cluster.b, key)
        refused = run(cluster.b, key, "1")
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"]["code"] == "quota_exceeded"
        assert "already running" in refused.json()["error"]["message"]
        assert int(refused.headers["Retry-After"]) >= 1
        assert slow.result().json()["status"] == "ok"
    after = run(cluster.b, key, "1")
    assert after.status_code == 200 and after.json()["status"] == "ok", after.text


def test_the_daily_output_budget_is_shared_across_replicas(cluster: Cluster) -> None:
    key = cluster.tenant("chatty", "--daily-output", "1000")
    first = run(cluster.a, key, "print('a' * 799)")
    assert first.status_code == 200 and len(first.json()["stdout"]) == 800, first.text
    # 800 of 1,000 bytes used: the budget is checked before a run, so this one runs...
    second = run(cluster.b, key, "print('b' * 799)")
    assert second.status_code == 200 and len(second.json()["stdout"]) == 800, second.text
    # ...and takes the day's total past it, wherever the next request lands.
    for replica in (cluster.a, cluster.b):
        third = run(replica, key, "print('c')")
        assert third.status_code == 429, third.text
        message = third.json()["error"]["message"]
        assert "today's" in message and "output" in message, message
        assert int(third.headers["Retry-After"]) >= 1


def test_a_revoked_key_is_refused_by_every_replica(cluster: Cluster) -> None:
    key = cluster.tenant("soon-gone")
    for replica in (cluster.a, cluster.b):  # both replicas now hold the key in their caches
        assert run(replica, key, "1").status_code == 200
    cluster.cli("tenants", "revoke", "soon-gone")

    def refused_everywhere() -> bool:
        return all(
            httpx.get(f"{r.url}/v1/runs", headers=auth(key), timeout=HTTP_TIMEOUT).status_code
            == 403
            for r in (cluster.a, cluster.b)
        )

    # The key cache lives 2 s by default: a revocation is seen within that, plus a poll.
    wait_until(refused_everywhere, 5.0, "both replicas refusing the revoked key")
    for replica in (cluster.a, cluster.b):
        r = run(replica, key, "1")
        assert r.status_code == 403 and r.json()["error"]["code"] == "revoked", r.text


def test_a_killed_replica_loses_only_its_own_run(cluster: Cluster) -> None:
    # B's run below must outlast A's cold start (imports, a worker booted, /readyz): 12 s,
    # where a start takes about 2 s here and CI's busy machine has been seen 3x slower.
    key = cluster.tenant("survivor", "--max-wall-time", "20")
    made = 0
    with ThreadPoolExecutor(1) as pool:
        doomed = pool.submit(run, cluster.a, key, "import time\ntime.sleep(15)", wall_time=18)
        made += 1
        orphan = running_run(cluster.b, key)
        cluster.a.kill()
        with pytest.raises(httpx.TransportError):
            doomed.result()

    for i in range(3):  # B goes on serving
        r = run(cluster.b, key, f"print({i})")
        made += 1
        assert r.status_code == 200 and r.json()["status"] == "ok", r.text
    assert len(records(cluster.b, key)) == made  # every request made has its record
    assert record(cluster.b, key, orphan)["status"] == "running"  # nobody finished it

    # A starts again while B runs something. A reconciles on start, but only runs with no
    # sign of life (received or heartbeaten) for three heartbeats (3 min): B's run, and even
    # A's own orphan, are too young.
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(run, cluster.b, key, "import time\ntime.sleep(12)\n'done'", wall_time=18)
        made += 1
        live = running_run(cluster.b, key, known={orphan})
        cluster.a.start()
        cluster.a.wait_ready()
        assert not slow.done(), "A took longer to start than B's run: nothing was checked"
        assert record(cluster.a, key, live)["status"] == "running"
        assert record(cluster.a, key, orphan)["status"] == "running"
        finished = slow.result()
    assert finished.status_code == 200, finished.text
    assert (finished.json()["id"], finished.json()["status"]) == (live, "ok")
    assert record(cluster.a, key, live)["status"] == "ok"
    assert len(records(cluster.a, key)) == made

    store = Store(cluster.database_url)
    try:
        longest = max(t.quotas["max_wall_time"] for t in store.tenants()) + 60.0
        # What a replica's start or housekeeping does now: nothing is that old.
        assert store.reconcile(older_than=time.time() - longest) == 0
        # Once the orphan is old enough, a reconcile marks it, and only it, crashed.
        orphan_row = store.run(orphan)
        assert orphan_row is not None
        assert store.reconcile(older_than=orphan_row["received_at"] + 0.001) == 1
        assert record(cluster.b, key, orphan)["status"] == "crashed"
        assert record(cluster.b, key, live)["status"] == "ok"
    finally:
        store.close()
