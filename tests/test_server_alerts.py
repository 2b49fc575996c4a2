"""Anomaly alerts through the whole service: limit hits and bad keys raise them, a webhook hears."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from services import serve_asgi
from wasmbox.server.alerts import AlertRules
from wasmbox.server.app import create_app
from wasmbox.server.settings import ServiceSettings
from wasmbox.server.store import Store


@pytest.fixture()
def hook() -> Iterator[tuple[str, queue.Queue[dict[str, Any]]]]:
    """A real webhook receiver on 127.0.0.1 that queues what it is sent."""
    received: queue.Queue[dict[str, Any]] = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.put(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()


@pytest.fixture()
def service(
    tmp_path: Path, hook: tuple[str, queue.Queue[dict[str, Any]]]
) -> Iterator[tuple[str, Store]]:
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    rules = AlertRules(limit_hits=3, refusals=4, webhook_url=hook[0], webhook_retries=0)
    with serve_asgi(create_app(store, ServiceSettings(workers=1, alerts=rules))) as url:
        yield url, store
    store.close()


def test_limit_hits_raise_one_alert_a_metric_and_a_webhook(
    service: tuple[str, Store], hook: tuple[str, queue.Queue[dict[str, Any]]]
) -> None:
    url, store = service
    _, key = store.add_tenant("noisy")
    for _ in range(4):  # the third crosses the threshold; the fourth is within the cooldown
        r = httpx.post(
            f"{url}/v1/runs",
            json={"code": "while True: pass", "limits": {"wall_time": 0.05}},
            headers={"Authorization": f"Bearer {key}"},
        )
        assert r.json()["status"] == "timeout"
    alert = hook[1].get(timeout=10)
    assert (alert["alert"], alert["tenant"], alert["kind"]) == ("anomaly", "noisy", "limit_hits")
    assert alert["count"] == 3 and alert["threshold"] == 3
    metrics = httpx.get(f"{url}/metrics").text
    assert 'wasmbox_alerts_total{kind="limit_hits",tenant="noisy"} 1.0' in metrics
    assert hook[1].empty()


def test_a_flood_of_bad_keys_raises_a_refusals_alert(
    service: tuple[str, Store], hook: tuple[str, queue.Queue[dict[str, Any]]]
) -> None:
    url, store = service
    for i in range(4):
        r = httpx.post(
            f"{url}/v1/runs", json={"code": "1"}, headers={"Authorization": f"Bearer wbx_{i}"}
        )
        assert r.status_code == 401
    alert = hook[1].get(timeout=10)
    assert alert["kind"] == "refusals" and alert["count"] == 4
    assert store.count() == 4  # and each refusal has its audit record
