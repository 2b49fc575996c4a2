"""Anomaly alerts: thresholds, windows, cooldowns, and webhook delivery to a real HTTP server."""

from __future__ import annotations

import json
import logging
import queue
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from prometheus_client import CollectorRegistry

from wasmbox.errors import ConfigError
from wasmbox.result import RunStatus
from wasmbox.server.alerts import KINDS, Alert, AlertRules, Alerts, kind_of_status

LOGGER = "wasmbox.alerts"
WAIT = 10.0  # upper bound on any wait; tests finish far sooner


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def alerts_count(registry: CollectorRegistry, tenant: str, kind: str) -> float:
    value = registry.get_sample_value("wasmbox_alerts_total", {"tenant": tenant, "kind": kind})
    return value or 0.0


def deliveries(registry: CollectorRegistry, outcome: str) -> float:
    value = registry.get_sample_value("wasmbox_alert_webhook_total", {"outcome": outcome})
    return value or 0.0


def make(
    clock: FakeClock | None = None, **rules: Any
) -> tuple[Alerts, CollectorRegistry, FakeClock]:
    clock = clock or FakeClock()
    registry = CollectorRegistry()
    return Alerts(AlertRules(**rules), registry, clock=clock, backoff=0.01), registry, clock


# -- thresholds, windows, cooldowns ---------------------------------------------------------


def test_below_threshold_no_alert(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    alerts, registry, _ = make(crashes=3)
    assert alerts.observe("acme", "crashes") is None
    assert alerts.observe("acme", "crashes") is None
    assert caplog.records == []
    assert alerts_count(registry, "acme", "crashes") == 0


def test_reaching_threshold_alerts_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    alerts, registry, _ = make(limit_hits=3, window=60.0)
    results = [alerts.observe("acme", "limit_hits") for _ in range(5)]
    fired = [r for r in results if r is not None]
    assert len(fired) == 1 and results[2] is fired[0]
    alert = fired[0]
    assert (alert.tenant, alert.kind, alert.count, alert.window, alert.threshold) == (
        "acme",
        "limit_hits",
        3,
        60.0,
        3,
    )
    assert abs(alert.at - time.time()) < 60
    [record] = caplog.records
    assert record.levelno == logging.WARNING and record.name == LOGGER
    extra = {k: getattr(record, k) for k in ("event", "tenant", "kind", "count", "window_s")}
    assert extra == {
        "event": "anomaly",
        "tenant": "acme",
        "kind": "limit_hits",
        "count": 3,
        "window_s": 60.0,
    }
    assert record.threshold == 3  # type: ignore[attr-defined]
    assert record.getMessage() == "anomaly: tenant acme had 3 limit_hits in 60s (threshold 3)"
    assert alerts_count(registry, "acme", "limit_hits") == 1


def test_cooldown_suppresses_then_allows_repeat() -> None:
    alerts, registry, clock = make(refusals=2, window=60.0, cooldown=300.0)
    alerts.observe("acme", "refusals")
    assert alerts.observe("acme", "refusals") is not None
    for _ in range(10):
        clock.now += 1
        assert alerts.observe("acme", "refusals") is None
    clock.now += 300
    alerts.observe("acme", "refusals")  # the window lost the old events: 1 < 2
    again = alerts.observe("acme", "refusals")
    assert again is not None and again.count == 2
    assert alerts_count(registry, "acme", "refusals") == 2


def test_count_reported_is_the_window_count_after_cooldown() -> None:
    alerts, _, clock = make(crashes=2, window=100.0, cooldown=10.0)
    alerts.observe("acme", "crashes")
    assert alerts.observe("acme", "crashes") is not None
    for _ in range(4):
        clock.now += 1
        assert alerts.observe("acme", "crashes") is None
    clock.now += 10
    again = alerts.observe("acme", "crashes")
    assert again is not None and again.count == 7


def test_window_expiry() -> None:
    alerts, _, clock = make(crashes=3, window=10.0)
    alerts.observe("acme", "crashes")
    alerts.observe("acme", "crashes")
    clock.now += 10.0  # the first two are exactly one window old: out
    assert alerts.observe("acme", "crashes") is None
    clock.now += 5.0
    assert alerts.observe("acme", "crashes") is None
    clock.now += 4.9  # the third is still inside
    hit = alerts.observe("acme", "crashes")
    assert hit is not None and hit.count == 3


def test_tenants_and_kinds_are_independent() -> None:
    alerts, registry, _ = make(crashes=2, refusals=2)
    assert alerts.observe("acme", "crashes") is None
    assert alerts.observe("globex", "crashes") is None
    assert alerts.observe("acme", "refusals") is None
    hit = alerts.observe("acme", "crashes")
    assert hit is not None and hit.tenant == "acme"
    assert alerts.observe("globex", "refusals") is None
    assert alerts_count(registry, "globex", "crashes") == 0
    assert alerts_count(registry, "acme", "refusals") == 0
    assert alerts.observe("globex", "crashes") is not None


def test_idle_keys_are_forgotten() -> None:
    alerts, _, clock = make(crashes=5, window=10.0, cooldown=20.0)
    for n in range(100):
        alerts.observe(f"client-{n}", "refusals")
    clock.now += 30.0
    alerts.observe("acme", "crashes")
    assert set(alerts._events) == {("acme", "crashes")}


def test_unknown_kind_raises() -> None:
    alerts, _, _ = make()
    with pytest.raises(ConfigError, match="unknown alert kind"):
        alerts.observe("acme", "explosions")


@pytest.mark.parametrize("threshold, expected", [(8 * 250, 1), (8 * 250 + 1, 0)])
def test_concurrent_observers_count_exactly(threshold: int, expected: int) -> None:
    threads, per_thread = 8, 250
    alerts, registry, _ = make(limit_hits=threshold, window=1e9, cooldown=1e9)
    fired: queue.Queue[Alert] = queue.Queue()
    start = threading.Barrier(threads)

    def worker() -> None:
        start.wait(WAIT)
        for _ in range(per_thread):
            alert = alerts.observe("acme", "limit_hits")
            if alert is not None:
                fired.put(alert)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(WAIT)
    assert fired.qsize() == expected
    assert alerts_count(registry, "acme", "limit_hits") == expected
    if expected:
        assert fired.get_nowait().count == threads * per_thread


# -- status mapping --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, kind",
    [
        (RunStatus.TIMEOUT, "limit_hits"),
        (RunStatus.CPU_LIMIT, "limit_hits"),
        (RunStatus.MEMORY_LIMIT, "limit_hits"),
        (RunStatus.OUTPUT_LIMIT, "limit_hits"),
        ("timeout", "limit_hits"),
        ("memory_limit", "limit_hits"),
        (RunStatus.CRASHED, "crashes"),
        ("crashed", "crashes"),
        ("refused", "refusals"),
        (RunStatus.OK, None),
        (RunStatus.ERROR, None),
        ("running", None),
        ("", None),
    ],
)
def test_kind_of_status(status: str, kind: str | None) -> None:
    assert kind_of_status(status) == kind
    assert kind is None or kind in KINDS


def test_every_run_status_is_mapped_deliberately() -> None:
    # A new RunStatus must be classified here, not fall through to None by accident.
    assert {s: kind_of_status(s) for s in RunStatus} == {
        RunStatus.OK: None,
        RunStatus.ERROR: None,
        RunStatus.TIMEOUT: "limit_hits",
        RunStatus.CPU_LIMIT: "limit_hits",
        RunStatus.MEMORY_LIMIT: "limit_hits",
        RunStatus.OUTPUT_LIMIT: "limit_hits",
        RunStatus.CRASHED: "crashes",
    }


# -- configuration ---------------------------------------------------------------------------


def test_defaults_are_valid() -> None:
    rules = AlertRules()
    assert rules.window == 60.0 and rules.cooldown == 300.0 and rules.webhook_url is None
    assert all(rules.threshold(k) >= 1 for k in KINDS)


def test_from_mapping() -> None:
    rules = AlertRules.from_mapping(
        {
            "window": "2m",
            "crashes": 3,
            "cooldown": 30,
            "webhook_url": "https://hooks.example/alerts",
            "webhook_timeout": "500ms",
            "webhook_retries": 0,
        }
    )
    assert rules == AlertRules(
        window=120.0,
        crashes=3,
        cooldown=30,
        webhook_url="https://hooks.example/alerts",
        webhook_timeout=0.5,
        webhook_retries=0,
    )


def test_from_mapping_unknown_keys() -> None:
    with pytest.raises(ConfigError, match="crash, windw"):
        AlertRules.from_mapping({"windw": 10, "crash": 3, "crashes": 2})


@pytest.mark.parametrize(
    "data, message",
    [
        ({"window": 0}, "window"),
        ({"window": -5}, "window"),
        ({"window": float("inf")}, "window"),
        ({"window": "soon"}, "not a duration"),
        ({"window": True}, "window"),
        ({"cooldown": 0}, "cooldown"),
        ({"webhook_timeout": 0}, "webhook_timeout"),
        ({"limit_hits": 0}, "limit_hits"),
        ({"crashes": 2.5}, "crashes"),
        ({"refusals": "10"}, "refusals"),
        ({"quota_exhausted": -1}, "quota_exhausted"),
        ({"crashes": True}, "crashes"),
        ({"webhook_retries": -1}, "webhook_retries"),
        ({"webhook_url": "ftp://example.com/x"}, "webhook_url"),
        ({"webhook_url": "file:///etc/passwd"}, "webhook_url"),
        ({"webhook_url": "http://"}, "webhook_url"),
        ({"webhook_url": "hooks.example/alerts"}, "webhook_url"),
        ({"webhook_url": 42}, "webhook_url"),
    ],
)
def test_bad_values(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        AlertRules.from_mapping(data)


# -- webhook against a real HTTP server ------------------------------------------------------


class Receiver:
    """A real HTTP server on 127.0.0.1 that records POSTed JSON and answers scripted statuses.

    ``statuses`` is consumed one per request; when empty, requests get 204.
    ``gate``, when set, holds each request until released (a slow receiver).
    """

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.bodies: queue.Queue[dict[str, Any]] = queue.Queue()
        self.attempts = 0
        self.arrived = threading.Event()
        self.gate: threading.Event | None = None
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                receiver.arrived.set()
                if receiver.gate is not None:
                    receiver.gate.wait(WAIT)
                with receiver._lock:
                    receiver.attempts += 1
                    status = receiver.statuses.pop(0) if receiver.statuses else 204
                if 200 <= status < 300:
                    receiver.bodies.put(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    thread = threading.Thread(target=r.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield r
    if r.gate is not None:
        r.gate.set()
    r.httpd.shutdown()
    r.httpd.server_close()
    thread.join(WAIT)


def hooked(url: str, queue_size: int = 100, **rules: Any) -> tuple[Alerts, CollectorRegistry]:
    registry = CollectorRegistry()
    rules = {"crashes": 1, "webhook_url": url, **rules}
    alerts = Alerts(AlertRules(**rules), registry, backoff=0.01, queue_size=queue_size)
    return alerts, registry


def test_webhook_delivers_json(receiver: Receiver) -> None:
    alerts, registry = hooked(receiver.url, window=30.0)
    alert = alerts.observe("acme", "crashes")
    assert alert is not None
    body = receiver.bodies.get(timeout=WAIT)
    assert body == {
        "alert": "anomaly",
        "tenant": "acme",
        "kind": "crashes",
        "count": 1,
        "window_s": 30.0,
        "threshold": 1,
        "at": alert.at,
    }
    assert alerts.close(WAIT)
    assert deliveries(registry, "ok") == 1
    assert deliveries(registry, "failed") == deliveries(registry, "dropped") == 0


def test_webhook_retries_5xx_then_succeeds(
    receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    receiver.statuses = [500, 503]
    alerts, registry = hooked(receiver.url, webhook_retries=3)
    alerts.observe("acme", "crashes")
    assert receiver.bodies.get(timeout=WAIT)["tenant"] == "acme"
    assert alerts.close(WAIT)
    assert receiver.attempts == 3
    assert deliveries(registry, "ok") == 1 and deliveries(registry, "failed") == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_webhook_gives_up_after_retries(
    receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    receiver.statuses = [500] * 10
    alerts, registry = hooked(receiver.url, webhook_retries=2)
    alerts.observe("acme", "crashes")
    assert alerts.close(WAIT)
    assert receiver.attempts == 3  # one try and two retries
    assert deliveries(registry, "failed") == 1 and deliveries(registry, "ok") == 0
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert error.event == "anomaly_webhook_failed"  # type: ignore[attr-defined]
    assert error.attempts == 3  # type: ignore[attr-defined]
    assert "HTTP 500" in error.getMessage()
    assert receiver.url not in error.getMessage()


def test_webhook_4xx_is_not_retried(receiver: Receiver, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    receiver.statuses = [400, 204]
    alerts, registry = hooked(receiver.url, webhook_retries=3)
    alerts.observe("acme", "crashes")
    assert alerts.close(WAIT)
    assert receiver.attempts == 1
    assert deliveries(registry, "failed") == 1
    assert any("HTTP 400" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)


def test_webhook_unreachable_fails_without_hanging(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens on ``port`` now: every attempt is refused at once.
    alerts, registry = hooked(f"http://127.0.0.1:{port}/hook", webhook_retries=2)
    started = time.monotonic()
    assert alerts.observe("acme", "crashes") is not None
    assert alerts.close(WAIT)
    assert time.monotonic() - started < WAIT
    assert deliveries(registry, "failed") == 1
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "ConnectError" in error.getMessage()


def test_observe_never_waits_for_the_webhook(receiver: Receiver) -> None:
    receiver.gate = threading.Event()
    alerts, registry = hooked(receiver.url, queue_size=1)
    started = time.monotonic()
    assert alerts.observe("acme", "crashes") is not None
    assert receiver.arrived.wait(WAIT)  # the worker is now stuck in the slow receiver
    assert alerts.observe("globex", "crashes") is not None  # queued
    assert alerts.observe("initech", "crashes") is not None  # queue full: dropped
    assert time.monotonic() - started < WAIT / 2
    assert deliveries(registry, "dropped") == 1
    receiver.gate.set()
    assert alerts.close(WAIT)
    tenants = {receiver.bodies.get(timeout=WAIT)["tenant"] for _ in range(2)}
    assert tenants == {"acme", "globex"}
    assert deliveries(registry, "ok") == 2


def test_close_flushes_pending(receiver: Receiver) -> None:
    alerts, registry = hooked(receiver.url)
    for n in range(20):
        alerts.observe(f"tenant-{n}", "crashes")
    assert alerts.close(WAIT)
    assert receiver.bodies.qsize() == 20
    assert deliveries(registry, "ok") == 20


def test_close_deadline_drops_the_rest(receiver: Receiver) -> None:
    receiver.gate = threading.Event()
    alerts, registry = hooked(receiver.url, webhook_timeout=WAIT)
    alerts.observe("acme", "crashes")
    assert receiver.arrived.wait(WAIT)
    alerts.observe("globex", "crashes")
    assert alerts.close(0.2) is False  # the receiver is still holding the first
    receiver.gate.set()
    assert receiver.bodies.get(timeout=WAIT)["tenant"] == "acme"
    assert alerts.close(WAIT) is False  # finished, but not everything was delivered
    assert deliveries(registry, "dropped") == 1


def test_after_close_alerts_still_log_and_count(
    receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    alerts, registry = hooked(receiver.url)
    assert alerts.close(WAIT)
    assert alerts.observe("acme", "crashes") is not None
    assert alerts_count(registry, "acme", "crashes") == 1
    assert deliveries(registry, "dropped") == 1
    assert receiver.attempts == 0


def test_no_webhook_close_is_trivial() -> None:
    alerts, registry, _ = make(crashes=1)
    assert alerts.observe("acme", "crashes") is not None
    assert alerts.close() is True
    assert deliveries(registry, "ok") == 0
