"""The HTTP API, on a real uvicorn server on 127.0.0.1, driven by httpx."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa

from services import serve_asgi
from wasmbox.capabilities.fetch import FetchPolicy
from wasmbox.server.app import MAX_BODY, create_app
from wasmbox.server.settings import ServiceSettings
from wasmbox.server.store import Store


@pytest.fixture(scope="module")
def service(audit_database_url: str) -> Iterator[tuple[str, Store]]:
    """A real service on 127.0.0.1 with two worker processes, once per audit backend."""
    store = Store(audit_database_url)
    settings = ServiceSettings(workers=2, max_sessions_per_tenant=3, body_timeout=1.0)
    with serve_asgi(create_app(store, settings)) as url:
        yield url, store
    store.close()


@pytest.fixture(scope="module")
def keys(service: tuple[str, Store]) -> dict[str, str]:
    _, store = service
    out = {}
    for name in ("acme", "globex", "gone"):
        _, out[name] = store.add_tenant(name, max_wall_time=2, max_memory=16 << 20)
    store.revoke("gone")
    return out


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_a_run_and_its_audit_record(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    body = {"code": "print(x * 2)\nx + 1", "inputs": {"x": 20}, "limits": {"wall_time": 1}}
    r = httpx.post(f"{url}/v1/runs", json=body, headers=auth(keys["acme"]))
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["status"], data["stdout"], data["value"]) == ("ok", "40\n", 21)
    record = httpx.get(f"{url}/v1/runs/{data['id']}", headers=auth(keys["acme"])).json()
    assert record["status"] == "ok" and record["code"] == body["code"]
    assert record["limits"]["wall_time"] == 1 and record["inputs_sha256"]
    listed = httpx.get(f"{url}/v1/runs?status=ok", headers=auth(keys["acme"])).json()["runs"]
    assert data["id"] in [row["id"] for row in listed]


def test_the_record_digests_everything_a_run_is_given_and_keeps_its_client(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service

    def digest(body: dict[str, object]) -> object:
        r = httpx.post(f"{url}/v1/runs", json={"code": "1", **body}, headers=auth(keys["acme"]))
        assert r.status_code == 200, r.text
        record = httpx.get(f"{url}/v1/runs/{r.json()['id']}", headers=auth(keys["acme"])).json()
        assert record["client"] == "127.0.0.1"
        return record["inputs_sha256"]

    assert digest({}) is None  # given nothing besides its code
    seen = [
        digest({"inputs": {"x": 1}}),
        digest({"stdin": "a"}),
        digest({"stdin": "b"}),
        digest({"files": {"a.txt": "b"}}),
        digest({"files": {"a.tx": "tb"}}),  # the same bytes, split otherwise
    ]
    assert all(isinstance(d, str) and len(d) == 64 for d in seen)
    assert len(set(seen)) == len(seen)
    assert digest({"stdin": "a"}) == seen[1]  # and the same request has the same digest
    # JSON can carry what UTF-8 cannot: a lone surrogate is the caller's error, not a 500.
    for body in (
        b'{"code": "1", "stdin": "\\ud800"}',
        b'{"code": "1", "files": {"a": "\\udfff"}}',
        b'{"code": "x = \\"\\ud800\\""}',
        b'{"code": "1", "files": {"\\ud800": "a"}}',
    ):
        r = httpx.post(
            f"{url}/v1/runs",
            content=body,
            headers={**auth(keys["acme"]), "Content-Type": "application/json"},
        )
        assert r.status_code == 422 and r.json()["error"]["code"] == "bad_request", r.text
        assert "lone surrogate" in r.json()["error"]["message"]


def test_guest_failures_are_200s(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    for code, status in (("1/0", "error"), ("while True: pass", "timeout")):
        r = httpx.post(
            f"{url}/v1/runs",
            json={"code": code, "limits": {"wall_time": 0.3}},
            headers=auth(keys["acme"]),
        )
        assert r.status_code == 200 and r.json()["status"] == status


def test_other_tenants_runs_are_not_found(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    run_id = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(keys["acme"])).json()[
        "id"
    ]
    r = httpx.get(f"{url}/v1/runs/{run_id}", headers=auth(keys["globex"]))
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    listed = httpx.get(f"{url}/v1/runs", headers=auth(keys["globex"])).json()["runs"]
    assert run_id not in [row["id"] for row in listed]


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Basic abc"}, 401, "unauthorized"),
        ({"Authorization": "Bearer wbx_nope"}, 401, "unauthorized"),
    ],
)
def test_keys(service: tuple[str, Store], headers: dict[str, str], status: int, code: str) -> None:
    url, _ = service
    r = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=headers)
    assert r.status_code == status and r.json()["error"]["code"] == code


def test_a_revoked_key_is_403(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    r = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(keys["gone"]))
    assert r.status_code == 403 and r.json()["error"]["code"] == "revoked"


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"{not json", 400, "bad_json"),
        (b"[1, 2]", 400, "bad_request"),
        (b'{"code": 5}', 422, "bad_request"),
        (b'{"code": "1", "extra": 1}', 422, "bad_request"),
        (b'{"code": "1", "limits": {"wall_time": 60}}', 422, "above_ceiling"),
        (b'{"code": "1", "limits": {"memory": 1}}', 422, "bad_limits"),
        (b'{"code": "1", "limits": {"speed": 1}}', 422, "bad_limits"),
        (b'{"code": "1", "inputs": [1]}', 422, "bad_request"),
        (b'{"code": "1", "inputs": {"__x": 1}}', 422, "bad_request"),
    ],
)
def test_bad_requests(
    service: tuple[str, Store], keys: dict[str, str], content: bytes, status: int, code: str
) -> None:
    url, _ = service
    headers = {**auth(keys["acme"]), "Content-Type": "application/json"}
    r = httpx.post(f"{url}/v1/runs", content=content, headers=headers)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code and r.json()["error"]["message"]


def test_huge_bodies_are_refused_before_being_read(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service
    r = httpx.post(f"{url}/v1/runs", content=b"x" * (MAX_BODY + 1), headers=auth(keys["acme"]))
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"

    def endless() -> Iterator[bytes]:
        for _ in range(MAX_BODY // 65536 + 10):
            yield b"y" * 65536

    r = httpx.post(f"{url}/v1/runs", content=endless(), headers=auth(keys["acme"]))
    assert r.status_code == 413


def test_health_and_unknown_endpoints(service: tuple[str, Store]) -> None:
    url, _ = service
    assert httpx.get(f"{url}/healthz").json() == {"ok": True}
    assert httpx.get(f"{url}/readyz").status_code == 200
    r = httpx.get(f"{url}/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = httpx.delete(f"{url}/v1/runs")
    assert r.status_code == 405 and "error" in r.json()


def test_every_accepted_request_has_a_record(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, store = service
    before = len(list(store.runs(limit=10_000)))
    for i in range(5):
        httpx.post(f"{url}/v1/runs", json={"code": f"{i}"}, headers=auth(keys["globex"]))
    after = list(store.runs(limit=10_000))
    assert len(after) == before + 5
    assert all(row["status"] != "running" for row in after)


def test_listing_runs_filters_by_status_since_limit_and_kind(service: tuple[str, Store]) -> None:
    url, store = service
    _, key = store.add_tenant("lister")

    def get(query: str = "") -> httpx.Response:
        return httpx.get(f"{url}/v1/runs{query}", headers=auth(key))

    ids = [
        httpx.post(f"{url}/v1/runs", json={"code": code}, headers=auth(key)).json()["id"]
        for code in ("1", "1 / 0", "2")
    ]
    runs = get().json()["runs"]
    assert [r["id"] for r in runs] == ids[::-1]  # newest first, and no reads among them
    assert [r["status"] for r in get("?status=error").json()["runs"]] == ["error"]
    assert [r["id"] for r in get("?limit=2").json()["runs"]] == ids[:0:-1]
    second = runs[1]["received_at"]
    assert [r["id"] for r in get(f"?since={second}").json()["runs"]] == ids[:0:-1]
    assert get(f"?since={second + 3600}").json()["runs"] == []
    listed = get("?kind=list").json()["runs"]  # the five listings before, asked for by kind
    assert len(listed) == 5 and {r["status"] for r in listed} == {"ok"}
    for bad in ("?limit=many", "?since=yesterday"):
        r = get(bad)
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"
    one = httpx.get(f"{url}/v1/runs/{ids[0]}", headers=auth(key))
    assert one.status_code == 200 and one.json()["id"] == ids[0]
    reads = get("?kind=read").json()["runs"]
    assert [(r["status"], r["error"]) for r in reads] == [("ok", f"read {ids[0]}")]


def test_requests_per_minute_quota_is_a_429_with_retry_after(service: tuple[str, Store]) -> None:
    url, store = service
    _, key = store.add_tenant("tight", requests_per_minute=3)
    codes = [
        httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key)).status_code
        for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    r = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key))
    assert r.json()["error"]["code"] == "quota_exceeded"
    assert int(r.headers["Retry-After"]) >= 1
    tenant = store.tenant_for_key(key)
    assert tenant is not None
    statuses = [row["status"] for row in store.runs(tenant_id=tenant.id)]
    assert statuses.count("ok") == 3 and statuses.count("refused") == 3  # refusals are audited


def test_the_daily_cpu_budget_is_charged_cpu_time_not_wall_time(
    service: tuple[str, Store],
) -> None:
    url, store = service
    _, key = store.add_tenant("sleepy", daily_cpu_seconds=0.3, max_wall_time=2)

    def run(code: str) -> httpx.Response:
        return httpx.post(f"{url}/v1/runs", json={"code": code}, headers=auth(key), timeout=30)

    # Three half-second sleeps: 1.5 s of wall time, next to no CPU. Charged their wall
    # time, the second would already have been refused.
    for _ in range(3):
        r = run("import time\ntime.sleep(0.5)")
        assert r.status_code == 200 and r.json()["status"] == "ok", r.text
        assert r.json()["duration_ms"] >= 500
    # A busy loop's CPU is its wall time on an idle machine: it crosses the budget, and the
    # next run is refused. (Given way to other work, it may get less: then another.)
    for _ in range(20):
        busy = httpx.post(
            f"{url}/v1/runs",
            json={"code": "while True: pass", "limits": {"wall_time": 0.5}},
            headers=auth(key),
            timeout=30,
        )
        if busy.status_code == 429:
            break
        assert busy.json()["status"] == "timeout", busy.text
    refused = run("1")
    assert refused.status_code == 429, refused.text
    assert refused.json()["error"]["code"] == "quota_exceeded"
    assert "CPU" in refused.json()["error"]["message"]


@contextlib.contextmanager
def runs_table_gone(store: Store) -> Iterator[None]:
    """The audit table renamed away by another connection, then put back: a real failure."""
    with store.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE runs RENAME TO runs_away"))
    try:
        yield
    finally:
        with store.engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE runs_away RENAME TO runs"))


def test_a_service_that_cannot_write_its_audit_log_refuses_runs_with_a_503(
    service: tuple[str, Store],
) -> None:
    url, store = service
    _, key = store.add_tenant("unrecorded")

    def run_metric() -> float:
        page = httpx.get(f"{url}/metrics").text
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in page.splitlines()
            if line.startswith("wasmbox_runs_total{") and 'tenant="unrecorded"' in line
        )

    assert httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key)).status_code == 200
    ran = run_metric()
    assert httpx.get(f"{url}/readyz").status_code == 200
    with runs_table_gone(store):
        ready = httpx.get(f"{url}/readyz")  # a load balancer routes elsewhere meanwhile
        assert ready.status_code == 503 and ready.json()["error"]["code"] == "not_ready"
        for _ in range(2):  # the writer's connection is reopened after a failure: still 503
            r = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key))
            assert r.status_code == 503, r.text
            error = r.json()["error"]
            assert error["code"] == "audit_unavailable" and "refused" in error["message"]
        assert run_metric() == ran  # refused before any worker saw the code
    r = httpx.post(f"{url}/v1/runs", json={"code": "6 * 7"}, headers=auth(key))
    assert r.status_code == 200 and r.json()["value"] == 42, r.text  # and it recovers
    assert store.run(r.json()["id"]) is not None
    assert run_metric() == ran + 1
    assert httpx.get(f"{url}/readyz").status_code == 200


def test_a_tenant_over_its_rate_is_refused_before_its_body_is_read(
    service: tuple[str, Store],
) -> None:
    url, store = service
    _, key = store.add_tenant("hasty", requests_per_minute=1)
    assert httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key)).status_code == 200
    # Not bad_json: the service did not read (or parse) the body of a request over its rate.
    r = httpx.post(
        f"{url}/v1/runs",
        content=b"{not json" + b" " * 100_000,
        headers={**auth(key), "Content-Type": "application/json"},
    )
    assert r.status_code == 429 and r.json()["error"]["code"] == "quota_exceeded", r.text


def test_concurrent_runs_are_capped(service: tuple[str, Store]) -> None:
    url, store = service
    tenant, key = store.add_tenant("serial", max_concurrent=1)
    # 4 s: it must outlast the poll for its record and the refused request on a busy machine.
    slow = {"code": "import time\ntime.sleep(4)", "limits": {"wall_time": 6}}
    results: list[int] = []
    worker = threading.Thread(
        target=lambda: results.append(
            httpx.post(f"{url}/v1/runs", json=slow, headers=auth(key), timeout=10).status_code
        )
    )
    worker.start()
    deadline = time.monotonic() + 10
    while not list(store.runs(tenant_id=tenant.id, status="running")):  # it holds its slot
        assert time.monotonic() < deadline, "the slow run never started"
        time.sleep(0.01)
    second = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key))
    worker.join()
    assert results == [200]
    assert second.status_code == 429 and "already running" in second.json()["error"]["message"]
    assert httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(key)).status_code == 200


def test_metrics(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    httpx.post(f"{url}/v1/runs", json={"code": "1/0"}, headers=auth(keys["globex"]))
    text = httpx.get(f"{url}/metrics").text
    assert 'wasmbox_runs_total{status="error",tenant="globex"}' in text
    assert "wasmbox_run_seconds_bucket" in text and "wasmbox_runs_in_flight 0.0" in text


def test_metrics_answer_this_machine_only_without_a_token(service: tuple[str, Store]) -> None:
    url, _ = service
    page = httpx.get(f"{url}/metrics")
    assert page.status_code == 200
    for name in ("wasmbox_queue_depth", "wasmbox_worker_restarts_total", "wasmbox_sessions"):
        assert name in page.text
    # The page names every tenant: a client a trusted proxy forwards from elsewhere is told no.
    for forwarded in ({"X-Forwarded-For": "203.0.113.9"}, {"X-Forwarded-For": "127.0.0.1"}):
        # A forwarded client's address is the headers' word, which it may write itself.
        r = httpx.get(f"{url}/metrics", headers=forwarded)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        assert "tenant=" not in r.text


def test_metrics_ask_for_their_token_when_the_service_has_one(audit_database_url: str) -> None:
    store = Store(audit_database_url)
    token = "m-" + "x" * 30
    settings = ServiceSettings(workers=1, metrics_token=token)
    try:
        with serve_asgi(create_app(store, settings)) as url:
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token}):
                r = httpx.get(f"{url}/metrics", headers=headers)
                assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
            ok = httpx.get(
                f"{url}/metrics",
                headers={"Authorization": f"Bearer {token}", "X-Forwarded-For": "203.0.113.9"},
            )
            assert ok.status_code == 200 and "wasmbox_runs_in_flight" in ok.text
    finally:
        store.close()


def test_a_service_with_retention_prunes_old_records_from_its_start(
    audit_database_url: str,
) -> None:
    from wasmbox.server.store import RUNS

    store = Store(audit_database_url)
    old = store.begin_run(
        tenant_id=None, kind="run", client=None, code="1", inputs_sha256=None, limits=None,
        status="ok",
    )  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(
            RUNS.update().where(RUNS.c.id == old).values(received_at=time.time() - 90 * 86400)
        )
    try:
        with serve_asgi(create_app(store, ServiceSettings(workers=1, retention=30 * 86400))):
            deadline = time.monotonic() + 20
            while store.run(old) is not None:
                assert time.monotonic() < deadline, (
                    "a 90-day-old record outlived 30 days' retention"
                )
                time.sleep(0.05)  # the service's housekeeping runs on its own loop
    finally:
        store.close()


def test_metrics_count_the_audit_writers_records_and_commits(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service

    def counts() -> tuple[float, float]:
        text = httpx.get(f"{url}/metrics").text
        found = dict(re.findall(r"^(wasmbox_audit_\w+_total) (\S+)$", text, re.M))
        return float(found["wasmbox_audit_records_total"]), float(
            found["wasmbox_audit_commits_total"]
        )

    records, commits = counts()
    for _ in range(3):
        r = httpx.post(f"{url}/v1/runs", json={"code": "1"}, headers=auth(keys["acme"]))
        assert r.status_code == 200
    after_records, after_commits = counts()
    # Each run's record is written before it runs and completed after: two per run, in
    # at least one commit each time the writer goes (here, one request at a time).
    assert after_records - records == 6
    assert 2 <= after_commits - commits <= 6


def test_an_engine_the_service_does_not_run_is_refused(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service
    for engine in ("cpython", "auto", "pypy"):
        r = httpx.post(
            f"{url}/v1/runs", json={"code": "1", "engine": engine}, headers=auth(keys["acme"])
        )
        assert r.status_code == 422 and r.json()["error"]["code"] == "engine_unavailable"
        assert "micropython on this service" in r.json()["error"]["message"]
    ok = httpx.post(
        f"{url}/v1/runs", json={"code": "1", "engine": "micropython"}, headers=auth(keys["acme"])
    )
    assert ok.json()["engine"] == "micropython"


def test_grading_over_http(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    body = {
        "code": "def add(a, b):\n    return a + b",
        "cases": [
            {"call": "add", "args": [1, 2], "expected": 3},
            {"call": "add", "args": [2, 2], "expected": 5},
            {"test": "assert add(0, 0) == 0"},
        ],
        "limits": {"wall_time": 1},
    }
    r = httpx.post(f"{url}/v1/grade", json=body, headers=auth(keys["acme"]))
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["verdict"], data["passed"], data["total"]) == ("wrong_answer", 2, 3)
    assert [c["verdict"] for c in data["cases"]] == ["accepted", "wrong_answer", "accepted"]
    record = httpx.get(f"{url}/v1/runs/{data['id']}", headers=auth(keys["acme"])).json()
    assert record["kind"] == "grade" and record["status"] == "wrong_answer"
    assert "2/3 cases passed; case 1:" in record["error"] and record["code"] == body["code"]
    looping = {
        "code": "while True: pass",
        "cases": [{"expected_stdout": ""}] * 2,
        "limits": {"wall_time": 0.3},
    }
    r = httpx.post(f"{url}/v1/grade", json=looping, headers=auth(keys["acme"]))
    assert r.json()["verdict"] == "time_limit"


@pytest.mark.parametrize(
    "body",
    [
        {"code": "1"},
        {"code": "1", "cases": []},
        {"code": "1", "cases": "x"},
        {"code": "1", "cases": [{"expected_stdot": "1"}]},
        {"code": "1", "cases": [{"expected_stdout": "1"}], "compare": "fuzzy"},
        {"code": "1", "cases": [{"expected_stdout": "1"}], "stdin": "x"},
        {"code": "1", "cases": [{"expected_stdout": "1"}] * 101},
    ],
)
def test_malformed_grades_are_422s(
    service: tuple[str, Store], keys: dict[str, str], body: dict[str, object]
) -> None:
    url, _ = service
    r = httpx.post(f"{url}/v1/grade", json=body, headers=auth(keys["acme"]))
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_request", r.text


def test_a_case_timeout_above_the_ceiling_is_refused(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service
    body = {
        "code": "1",
        "cases": [{"expected_stdout": "", "timeout": 0.5}, {"test": "1", "timeout": 20}],
    }
    r = httpx.post(f"{url}/v1/grade", json=body, headers=auth(keys["acme"]))
    assert r.status_code == 422 and r.json()["error"]["code"] == "above_ceiling"
    assert "case 1" in r.json()["error"]["message"]


def test_runs_fetch_what_the_services_policy_allows_and_the_calls_are_on_record(
    audit_database_url: str,
) -> None:
    import http.server

    class Hello(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = b"hello from upstream"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{upstream.server_address[1]}"
    policy = FetchPolicy(allow=(origin + "/ok/*",), allow_private=True)
    store = Store(audit_database_url)
    _, key = store.add_tenant(f"fetcher-{threading.get_ident()}")
    try:
        with serve_asgi(create_app(store, ServiceSettings(workers=1, fetch=policy))) as url:

            def run(code: str) -> dict[str, object]:
                r = httpx.post(f"{url}/v1/runs", json={"code": code}, headers=auth(key))
                assert r.status_code == 200, r.text
                body: dict[str, object] = r.json()
                return body

            ok = run(f"fetch({origin + '/ok/a'!r}).text")
            assert ok["status"] == "ok" and ok["value"] == "hello from upstream", ok
            denied = run(f"fetch({origin + '/secret'!r})")
            assert denied["status"] == "error" and "allow" in str(denied["error"]), denied
            for answer, outcome in ((ok, "ok"), (denied, "refused:allow")):
                record = store.run(str(answer["id"]))
                assert record is not None
                (call,) = record["calls"]
                assert call["name"] == "fetch", call
                assert call["outcome"] == outcome, call
    finally:
        upstream.shutdown()
        store.close()


def test_without_a_fetch_policy_runs_have_no_network(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service
    r = httpx.post(
        f"{url}/v1/runs", json={"code": "fetch('https://example.com/')"}, headers=auth(keys["acme"])
    )
    assert r.json()["status"] == "error" and r.json()["error"]["type"] == "NameError", r.text
