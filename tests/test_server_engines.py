"""The HTTP API's ``engine`` field, on a real service that offers both engines."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from services import serve_asgi
from wasmbox.cpython import DEFAULT_MEMORY, compile_ahead
from wasmbox.server.app import create_app
from wasmbox.server.settings import ServiceSettings
from wasmbox.server.store import Store


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    compile_ahead()  # minutes on a machine that never compiled it; the service would too
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('engines') / 'audit.db'}")
    settings = ServiceSettings(workers=1, engines=("micropython", "cpython"), web=False)
    with serve_asgi(create_app(store, settings)) as url:
        yield url, store
    store.close()


@pytest.fixture(scope="module")
def keys(service: tuple[str, Store]) -> dict[str, str]:
    _, store = service
    _, big = store.add_tenant("data-team", max_wall_time=5, max_memory=512 << 20)
    _, small = store.add_tenant("tiny", max_wall_time=5, max_memory=32 << 20)
    return {"big": big, "small": small}


def post(url: str, key: str, path: str, body: dict[str, object]) -> httpx.Response:
    return httpx.post(f"{url}{path}", json=body, headers={"Authorization": f"Bearer {key}"})


def record(url: str, key: str, run_id: str) -> dict[str, object]:
    r = httpx.get(f"{url}/v1/runs/{run_id}", headers={"Authorization": f"Bearer {key}"})
    data: dict[str, object] = r.json()
    return data


def test_the_default_engine_is_micropython(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service
    r = post(url, keys["big"], "/v1/runs", {"code": "import sys\nsys.implementation.name"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["value"], data["engine"], data["fallback"]) == ("micropython", "micropython", None)
    assert record(url, keys["big"], data["id"])["engine"] == "micropython"


def test_cpython_with_numpy(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    code = "import numpy as np\na = np.arange(6).reshape(2, 3)\n(a @ a.T).tolist()"
    r = post(url, keys["big"], "/v1/runs", {"code": code, "engine": "cpython"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["status"], data["value"], data["engine"]) == ("ok", [[5, 14], [14, 50]], "cpython")
    rec = record(url, keys["big"], data["id"])
    assert rec["engine"] == "cpython"
    assert rec["limits"]["memory"] == DEFAULT_MEMORY  # type: ignore[index]


def test_auto_falls_back_and_the_record_says_where_it_ran(
    service: tuple[str, Store], keys: dict[str, str]
) -> None:
    url, _ = service
    r = post(url, keys["big"], "/v1/runs", {"code": "import pandas\n1 + 1", "engine": "auto"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["value"], data["engine"]) == (2, "cpython")
    assert "No module named 'pandas'" in data["fallback"]
    assert record(url, keys["big"], data["id"])["engine"] == "cpython"
    plain = post(url, keys["big"], "/v1/runs", {"code": "2 + 2", "engine": "auto"}).json()
    assert (plain["value"], plain["engine"]) == (4, "micropython")


@pytest.mark.parametrize(
    ("tenant", "body", "status", "code"),
    [
        ("big", {"engine": "pypy"}, 422, "engine_unavailable"),
        ("big", {"engine": 3}, 422, "engine_unavailable"),
        ("small", {"engine": "cpython"}, 422, "above_ceiling"),
        ("small", {"engine": "auto"}, 422, "above_ceiling"),
        ("big", {"engine": "cpython", "limits": {"memory": 32 << 20}}, 422, "bad_limits"),
    ],
)
def test_refusals(
    service: tuple[str, Store],
    keys: dict[str, str],
    tenant: str,
    body: dict[str, object],
    status: int,
    code: str,
) -> None:
    url, store = service
    r = post(url, keys[tenant], "/v1/runs", {"code": "1", **body})
    assert (r.status_code, r.json()["error"]["code"]) == (status, code), r.text
    refused = next(store.runs(status="refused", limit=1))
    assert code in str(refused["error"])


def test_sessions_on_cpython(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    opened = post(url, keys["big"], "/v1/sessions", {"engine": "cpython"})
    assert opened.status_code == 201, opened.text
    assert opened.json()["engine"] == "cpython"
    sid = opened.json()["id"]
    first = post(
        url, keys["big"], f"/v1/sessions/{sid}/runs", {"code": "import numpy as np\nx = 41"}
    )
    assert first.json()["status"] == "ok", first.text
    second = post(url, keys["big"], f"/v1/sessions/{sid}/runs", {"code": "int(np.int64(x) + 1)"})
    assert (second.json()["value"], second.json()["engine"]) == (42, "cpython")
    auto = post(url, keys["big"], "/v1/sessions", {"engine": "auto"})
    assert (auto.status_code, auto.json()["error"]["code"]) == (422, "engine_unavailable")


def test_cpython_runs_with_fuel_on(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    body = {"code": "1", "engine": "cpython", "limits": {"fuel": None}}
    r = post(url, keys["big"], "/v1/runs", body)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "bad_limits")
    # MicroPython could run without fuel, but no tenant may turn it off (its ceiling).
    off = post(url, keys["big"], "/v1/runs", {"code": "1", "limits": {"fuel": None}})
    assert (off.status_code, off.json()["error"]["code"]) == (422, "above_ceiling")
    ok = post(url, keys["big"], "/v1/runs", {"code": "1", "limits": {"fuel": 10**9}})
    assert ok.json()["status"] == "ok"


def test_grades_on_cpython_and_auto(service: tuple[str, Store], keys: dict[str, str]) -> None:
    url, _ = service
    body = {
        "code": "import numpy as np\ndef norm(v):\n    return float(np.linalg.norm(v))",
        "cases": [{"call": "norm", "args": [[3, 4]], "expected": 5.0}],
    }
    for engine in ("cpython", "auto"):
        r = post(url, keys["big"], "/v1/grade", {**body, "engine": engine})
        assert r.status_code == 200, r.text
        assert (r.json()["verdict"], r.json()["engine"]) == ("accepted", engine)
