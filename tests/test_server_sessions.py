"""Sessions over HTTP, on a real uvicorn server with real worker processes, on both audit backends.

Every test counts the requests it makes that must be audited (every POST and
DELETE) and checks at the end that the audit log grew by exactly that many.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from services import serve_asgi
from wasmbox.server import workers
from wasmbox.server.app import create_app
from wasmbox.server.settings import ServiceSettings
from wasmbox.server.store import Store
from wasmbox.server.workers import WorkerPool

MiB = 1 << 20
#: Every tenant of this module gets these ceilings.
WALL_CEILING, MEMORY_CEILING = 3, 16 * MiB
MAX_SESSIONS = 3


@dataclass
class Service:
    """A running service: its base URL, its store, and the app (for its live worker pool)."""

    url: str
    store: Store
    app: Starlette

    @property
    def pool(self) -> WorkerPool:
        pool: WorkerPool = self.app.state.wasmbox["pool"]
        return pool

    def slot_of(self, session_id: str) -> int:
        """The worker slot holding a session (the API does not say; the app's state does)."""
        slot: int = self.app.state.wasmbox["sessions"][session_id].slot
        return slot


@dataclass
class Api:
    """An HTTP client that counts the requests the audit log must record."""

    service: Service
    audited: int = 0
    before: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.before = self.service.store.count()

    def _count(self) -> None:
        with self._lock:
            self.audited += 1

    def post(self, path: str, key: str, body: Any = None, timeout: float = 30) -> httpx.Response:
        self._count()
        return httpx.post(
            self.service.url + path, json=body or {}, headers=auth(key), timeout=timeout
        )

    def delete(self, path: str, key: str) -> httpx.Response:
        self._count()
        return httpx.delete(self.service.url + path, headers=auth(key), timeout=30)

    def open(self, key: str, **body: Any) -> str:
        r = self.post("/v1/sessions", key, body)
        assert r.status_code == 201, r.text
        session_id: str = r.json()["id"]
        return session_id

    def run(self, session_id: str, key: str, code: str, **body: Any) -> httpx.Response:
        return self.post(f"/v1/sessions/{session_id}/runs", key, {"code": code, **body})

    def assert_audited(self) -> None:
        """Exactly one audit record for every request this client made."""
        assert self.service.store.count() - self.before == self.audited


def auth(key: str) -> dict[str, str]:
    """The header carrying ``key``; no header at all for an empty key."""
    return {"Authorization": f"Bearer {key}"} if key else {}


def error_code(r: httpx.Response) -> str:
    error = r.json()["error"]
    assert error["message"], r.text
    code: str = error["code"]
    return code


@pytest.fixture(scope="module")
def service(audit_database_url: str) -> Iterator[Service]:
    """A real service on 127.0.0.1 with two worker processes, once per audit backend."""
    store = Store(audit_database_url)
    settings = ServiceSettings(workers=2, max_sessions_per_tenant=MAX_SESSIONS, body_timeout=1.0)
    app = create_app(store, settings)
    try:
        with serve_asgi(app) as url:
            yield Service(url, store, app)
    finally:
        store.close()


@pytest.fixture
def api(service: Service) -> Api:
    return Api(service)


def new_key(service: Service, **quotas: float) -> str:
    """A fresh tenant's key, so that no test sees another's sessions or quotas."""
    quotas = {"max_wall_time": WALL_CEILING, "max_memory": MEMORY_CEILING, **quotas}
    _, key = service.store.add_tenant(f"t-{uuid.uuid4().hex[:12]}", **quotas)
    return key


def test_a_session_keeps_state_until_reset_and_delete(service: Service, api: Api) -> None:
    key = new_key(service)
    r = api.post("/v1/sessions", key, {"files": {"seed.txt": "hello"}})
    assert r.status_code == 201, r.text
    opened = r.json()
    assert set(opened) == {"id", "engine", "limits", "idle_timeout"}
    assert opened["id"].startswith("ses_") and opened["idle_timeout"] > 0
    assert opened["engine"] == "micropython"
    assert opened["limits"]["wall_time"] <= WALL_CEILING
    assert opened["limits"]["memory"] <= MEMORY_CEILING
    sid = opened["id"]

    assert api.run(sid, key, "x = 1").json()["status"] == "ok"
    r = api.run(sid, key, "x + 1")
    assert r.status_code == 200 and r.json()["value"] == 2
    assert api.run(sid, key, "import json\nopen('made.txt', 'w').write('made')").status_code == 200
    r = api.run(sid, key, "json.dumps([x]) + open('made.txt').read() + open('seed.txt').read()")
    assert r.json()["value"] == "[1]madehello", r.text

    r = api.post(f"/v1/sessions/{sid}/reset", key)
    assert r.status_code == 200 and r.json() == {"id": sid, "reset": True}
    r = api.run(sid, key, "x")
    assert r.status_code == 200
    assert r.json()["status"] == "error" and r.json()["error"]["type"] == "NameError"
    # A reset starts again from the session's initial files, not from what runs wrote.
    r = api.run(sid, key, "import os\nsorted(os.listdir('.'))")
    assert r.json()["value"] == ["seed.txt"], r.text

    r = api.delete(f"/v1/sessions/{sid}", key)
    assert r.status_code == 204 and r.content == b""
    for path in (f"/v1/sessions/{sid}/runs", f"/v1/sessions/{sid}/reset"):
        r = api.post(path, key, {"code": "1"} if path.endswith("runs") else None)
        assert r.status_code == 404 and error_code(r) == "not_found"
    r = api.delete(f"/v1/sessions/{sid}", key)
    assert r.status_code == 404 and error_code(r) == "not_found"
    api.assert_audited()


def test_a_sessions_life_is_on_record_each_step_before_it_happens(
    service: Service, api: Api
) -> None:
    key = new_key(service)
    tenant = service.store.tenant_for_key(key)
    assert tenant is not None
    pool = service.app.state.wasmbox["pool"]
    seen_by_the_worker: list[list[tuple[str, str]]] = []
    call = pool.call

    async def watched(job: dict[str, Any], **kwargs: Any) -> Any:
        # What the audit log holds for this tenant at the moment the worker is asked.
        rows = service.store.runs(tenant_id=tenant.id)
        seen_by_the_worker.append([(r["kind"], r["status"]) for r in rows])
        return await call(job, **kwargs)

    pool.call = watched
    try:
        sid = api.open(key)
        assert api.post(f"/v1/sessions/{sid}/reset", key).status_code == 200
        assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204
    finally:
        del pool.call  # the class's own again
    # Each step's record was there, `running`, before its worker was asked.
    assert [rows[0] for rows in seen_by_the_worker] == [
        ("session_open", "running"),
        ("session_reset", "running"),
        ("session_close", "running"),
    ]
    assert api.post(f"/v1/sessions/{sid}/reset", key).status_code == 404
    rows = list(service.store.runs(tenant_id=tenant.id))[::-1]  # oldest first
    assert [(r["kind"], r["status"], r["error"]) for r in rows] == [
        ("session_open", "ok", f"opened {sid}"),
        ("session_reset", "ok", f"reset {sid}"),
        ("session_close", "ok", f"close {sid}"),
        ("session_reset", "refused", "not_found: no such session"),
    ]
    api.assert_audited()


def test_another_tenants_session_is_not_found(service: Service, api: Api) -> None:
    owner, stranger = new_key(service), new_key(service)
    sid = api.open(owner)
    assert api.run(sid, owner, "secret = 42").status_code == 200
    made_up = "ses_" + "0" * 24
    for target in (sid, made_up):
        answers = [
            api.run(target, stranger, "secret"),
            api.post(f"/v1/sessions/{target}/reset", stranger),
            api.delete(f"/v1/sessions/{target}", stranger),
        ]
        # The same answer as for an id that does not exist: the stranger learns nothing.
        for r in answers:
            assert r.status_code == 404, r.text
            assert r.json() == {"error": {"code": "not_found", "message": "no such session"}}
    # Nothing the stranger did touched the session.
    assert api.run(sid, owner, "secret").json()["value"] == 42
    assert api.delete(f"/v1/sessions/{sid}", owner).status_code == 204
    api.assert_audited()


def test_sessions_per_tenant_are_capped(service: Service, api: Api) -> None:
    key, other = new_key(service), new_key(service)
    sids = [api.open(key) for _ in range(MAX_SESSIONS)]
    r = api.post("/v1/sessions", key)
    assert r.status_code == 429 and error_code(r) == "too_many_sessions"
    assert str(MAX_SESSIONS) in r.json()["error"]["message"]
    # When the first of them would end by itself (idle), the most a client need wait.
    assert 1 <= int(r.headers["Retry-After"]) <= 600
    # The cap is per tenant: another tenant still opens sessions.
    other_sid = api.open(other)
    assert api.delete(f"/v1/sessions/{sids[0]}", key).status_code == 204
    sids[0] = api.open(key)
    for sid in sids:
        assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204
    assert api.delete(f"/v1/sessions/{other_sid}", other).status_code == 204
    api.assert_audited()


def test_the_session_cap_holds_under_concurrent_opens(service: Service, api: Api) -> None:
    key, busy = new_key(service), new_key(service)
    slow = {"code": "import time\ntime.sleep(1.5)", "limits": {"wall_time": WALL_CEILING}}
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        # Both workers busy: the opens queue for a worker after passing the cap check.
        blockers = [pool.submit(api.post, "/v1/runs", busy, slow) for _ in range(2)]
        deadline = time.monotonic() + 10
        while not all(service.pool.worker_of(i).busy for i in range(2)):
            assert time.monotonic() < deadline, "the blocking runs never reached the workers"
            time.sleep(0.01)  # polling the pool's state; it has no event to wait on
        opens = [pool.submit(api.post, "/v1/sessions", key) for _ in range(2 * MAX_SESSIONS)]
        codes = [f.result().status_code for f in opens]
        assert [b.result().status_code for b in blockers] == [200, 200]
    for sid, ref in list(service.app.state.wasmbox["sessions"].items()):
        if ref.tenant_id == service.store.tenant_for_key(key).id:  # type: ignore[union-attr]
            api.delete(f"/v1/sessions/{sid}", key)
    api.assert_audited()
    assert codes.count(201) <= MAX_SESSIONS, codes


def test_a_session_is_opened_without_inputs_and_says_so(service: Service, api: Api) -> None:
    # Values are bound per run ("inputs" of a session run), not when a session opens.
    key = new_key(service)
    r = api.post("/v1/sessions", key, {"inputs": {"n": 41}})
    api.assert_audited()
    assert r.status_code == 422 and "inputs" in r.json()["error"]["message"]


def test_a_sessions_memory_is_fixed_and_its_limits_have_ceilings(
    service: Service, api: Api
) -> None:
    key = new_key(service)
    r = api.post("/v1/sessions", key, {"limits": {"memory": 8 * MiB}})
    assert r.status_code == 201 and r.json()["limits"]["memory"] == 8 * MiB
    sid = r.json()["id"]
    assert api.run(sid, key, "kept = 'still here'").status_code == 200
    # 10 MiB fits a 16 MiB run, not an 8 MiB session: a run cannot raise its session's memory.
    big = "b = bytearray(10 * 1024 * 1024)\nlen(b)"
    r = api.run(sid, key, big, limits={"memory": 16 * MiB})
    assert r.status_code == 200 and r.json()["status"] == "memory_limit", r.text
    record = service.store.run(r.json()["id"])
    assert record is not None and record["limits"]["memory"] == 8 * MiB
    # A memory limit is the run's failure, not the session's end: its state is still there.
    kept = api.run(sid, key, "kept")
    assert kept.json().get("value") == "still here", kept.text

    for limits in ({"wall_time": WALL_CEILING + 1}, {"memory": 2 * MEMORY_CEILING}):
        r = api.run(sid, key, "1", limits=limits)
        assert r.status_code == 422 and error_code(r) == "above_ceiling"
        assert f"limits.{next(iter(limits))} is above your ceiling" in r.json()["error"]["message"]
        r = api.post("/v1/sessions", key, {"limits": limits})
        assert r.status_code == 422 and error_code(r) == "above_ceiling"
    r = api.run(sid, key, "1", limits={"wall_time": WALL_CEILING + 1})
    assert r.json()["error"]["message"] == (
        f"limits.wall_time is above your ceiling of {WALL_CEILING}"
    )
    r = api.run(sid, key, "1", limits={"wall_time": -1})
    assert r.status_code == 422 and error_code(r) == "bad_limits"
    # A run's own wall time, under the ceiling, applies to that run; a timeout ends the
    # session (its instance was stopped mid-instruction), and says so.
    r = api.run(sid, key, "while True: pass", limits={"wall_time": 0.3})
    assert r.json()["status"] == "timeout"
    r = api.run(sid, key, "kept")
    assert r.status_code == 410 and error_code(r) == "session_ended"
    assert "timeout" in r.json()["error"]["message"]
    assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204
    api.assert_audited()


def signalled_mid_run(
    service: Service, api: Api, key: str, sid: str, wall_time: float, once: str, signum: int
) -> httpx.Response:
    """The answer to a busy loop in session ``sid`` whose worker got ``signum`` mid-run,
    once the pool saw that worker ``once`` (``"busy"``: running it; ``"yielded"``: it gave way).
    """
    slot = service.slot_of(sid)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        limits = {"wall_time": wall_time}
        in_flight = pool.submit(api.run, sid, key, "while True: pass", limits=limits)
        deadline = time.monotonic() + 10
        while not getattr(service.pool.worker_of(slot), once):
            assert time.monotonic() < deadline, f"the run's worker never was {once}"
            time.sleep(0.01)  # polling the pool's state; it has no event to wait on
        pid = service.pool.pids[slot]
        assert pid is not None
        os.kill(pid, signum)
        return in_flight.result(timeout=30)


def test_a_run_starved_after_giving_way_ends_its_session_as_a_timeout(
    service: Service, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A busy loop that gave way runs at SCHED_IDLE: on a machine busy at normal priority
    # it can get no CPU until the pool's watchdog kills its worker. Still runnable then,
    # it was starved, not hung: its time ran out (CI saw such a run called crashed).
    # The worker is stopped here, and taken for runnable.
    monkeypatch.setattr(workers, "_cpu_and_runnable", lambda pid: (0, True))
    key = new_key(service)
    sid = api.open(key)
    assert api.run(sid, key, "x = 1").status_code == 200
    r = signalled_mid_run(service, api, key, sid, 2.5, "yielded", signal.SIGSTOP)
    assert r.status_code == 200, r.text
    ended = r.json()
    assert ended["status"] == "timeout" and ended["error"]["type"] == "Timeout", ended
    assert "given way" in ended["error"]["message"] and ended["duration_ms"] >= 2500
    record = service.store.run(ended["id"])
    assert record is not None and record["status"] == "timeout"
    r = api.run(sid, key, "x")
    assert r.status_code == 410 and "timeout" in r.json()["error"]["message"], r.text
    assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204
    api.assert_audited()


def test_the_memory_ceiling_is_named_exactly(service: Service, api: Api) -> None:
    key = new_key(service)
    r = api.post("/v1/runs", key, {"code": "1", "limits": {"memory": 2 * MEMORY_CEILING}})
    api.assert_audited()
    assert r.status_code == 422 and error_code(r) == "above_ceiling"
    assert r.json()["error"]["message"] == (
        f"limits.memory is above your ceiling of {MEMORY_CEILING}"
    )


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("import sys\nsys.exit()", "ok"),
        ("import sys\nsys.exit(3)", "error"),
        ("raise SystemExit", "ok"),
        ("while True: print('y' * 1000)", "output_limit"),
    ],
)
def test_a_run_that_ends_its_session_makes_it_410(
    service: Service, api: Api, code: str, status: str
) -> None:
    key = new_key(service)
    sid = api.open(key, limits={"max_output": 64 << 10})
    assert api.run(sid, key, "x = 1").status_code == 200
    r = api.run(sid, key, code)
    assert r.status_code == 200 and r.json()["status"] == status, r.text
    why = "sys.exit()" if "exit" in code.lower() else status  # the 410 says what ended it
    for _ in range(2):
        r = api.run(sid, key, "x")
        assert r.status_code == 410 and error_code(r) == "session_ended", r.text
        assert f"the run ended it ({why})" in r.json()["error"]["message"], r.text
    # A reset starts it again, empty.
    assert api.post(f"/v1/sessions/{sid}/reset", key).status_code == 200
    r = api.run(sid, key, "x = 5\nx")
    assert r.status_code == 200 and r.json()["value"] == 5
    assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204
    api.assert_audited()


def test_a_killed_worker_ends_its_session(service: Service, api: Api) -> None:
    key = new_key(service)
    sid = api.open(key)
    assert api.run(sid, key, "x = 1").status_code == 200
    restarts = service.pool.restarts
    r = signalled_mid_run(service, api, key, sid, WALL_CEILING, "busy", signal.SIGKILL)
    assert r.status_code == 200, r.text
    crashed = r.json()
    assert crashed["status"] == "crashed" and crashed["error"]["type"] == "WorkerCrashed"
    record = service.store.run(crashed["id"])
    assert record is not None and record["status"] == "crashed"
    for _ in range(2):
        r = api.run(sid, key, "x")
        assert r.status_code == 410 and error_code(r) == "session_ended", r.text
    assert service.pool.restarts > restarts
    # The service goes on: new runs and new sessions work.
    r = api.post("/v1/runs", key, {"code": "6 * 7"})
    assert r.status_code == 200 and r.json()["value"] == 42
    fresh = api.open(key)
    assert api.run(fresh, key, "1 + 1").json()["value"] == 2
    for s in (sid, fresh):
        assert api.delete(f"/v1/sessions/{s}", key).status_code == 204
    api.assert_audited()


def test_session_requests_need_a_valid_key(service: Service, api: Api) -> None:
    key = new_key(service)
    sid = api.open(key)
    for bad in ("", "wbx_nope"):
        for r in (
            api.run(sid, bad, "1"),
            api.post(f"/v1/sessions/{sid}/reset", bad),
            api.delete(f"/v1/sessions/{sid}", bad),
            api.post("/v1/sessions", bad),
        ):
            assert r.status_code == 401 and error_code(r) == "unauthorized"
    assert api.run(sid, key, "1").status_code == 200
    assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204
    api.assert_audited()


def test_a_session_costs_cpu_and_stops_opening_once_todays_is_spent(
    service: Service, api: Api
) -> None:
    key = new_key(service, daily_cpu_seconds=0.05)
    sid = api.open(key)
    for _ in range(20):  # about 0.2 s of CPU each on an idle machine, over the day's
        busy = api.run(sid, key, "while True: pass", limits={"wall_time": 0.2})
        if busy.status_code == 429:
            break
        assert busy.json()["status"] == "timeout", busy.text
        # A timeout ends a session's interpreter: reset it (charged too) to go on.
        if api.post(f"/v1/sessions/{sid}/reset", key).status_code == 429:
            break
    for path in ("/v1/sessions", f"/v1/sessions/{sid}/reset"):
        r = api.post(path, key)
        assert r.status_code == 429 and error_code(r) == "quota_exceeded", r.text
        assert "CPU" in r.json()["error"]["message"]
    assert api.delete(f"/v1/sessions/{sid}", key).status_code == 204  # closing costs nothing
    api.assert_audited()
