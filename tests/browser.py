"""Fixtures for the browser sandbox: Debian's headless Chromium driven by Playwright,
the built assets served by a real uvicorn server, and a canary server that logs
every request it receives (the network-escape tests require that log to stay empty).

Chromium comes from Debian (``/usr/bin/chromium``, installed by ``make test``),
never from ``playwright install``. As with the other servers, a missing browser
or unbuilt assets skip these tests, and fail them under CI.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from services import _unavailable, free_port, serve_asgi
from wasmbox.web import AssetsMissingError, assets_dir, headers_for, read_asset, web_routes

CHROMIUM = Path("/usr/bin/chromium")
#: As root, without a GPU, and with none of Chromium's own background traffic
#: (this machine has no network; the canary must see only what the page sends).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

#: A page with no policy of its own, so that whatever is blocked is blocked by
#: the sandbox (and so that the page itself can reach the canary, as a control).
_BLANK = "<!doctype html><meta charset=utf-8><title>wasmbox test</title><body></body>"


class Canary:
    """An HTTP server on loopback that records every request made to it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        log = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                log.append(f"{self.command} {self.path}")
                body = b"canary\n"
                status = 200
                if self.path.startswith("/big"):
                    body = b"x" * (2 << 20)
                elif self.path.startswith("/cutbody"):  # promises 100 bytes, sends 5, closes
                    self.send_response(200)
                    self.send_header("Access-Control-Allow-Origin", "*")
                    self.send_header("Content-Length", "100")
                    self.end_headers()
                    self.wfile.write(b"short")
                    self.wfile.flush()
                    self.close_connection = True
                    return
                elif self.path.startswith("/slowbody"):  # the headers now, the body late
                    self.send_response(200)
                    self.send_header("Access-Control-Allow-Origin", "*")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.flush()
                    time.sleep(3)
                    self.wfile.write(body)
                    return
                elif self.path.startswith("/slow"):
                    time.sleep(3)
                elif self.path.startswith("/redirect"):
                    status = 302
                if self.command == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    body = b"posted:" + self.rfile.read(length)
                self.send_response(status)
                if status == 302:
                    self.send_header("Location", "/ok")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Headers", "*")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_HEAD = do_OPTIONS = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _variant_routes() -> list[Route]:
    """The assets again, each sandbox layer alone: ``/nocsp/`` serves them with no
    Content-Security-Policy, ``/nolock/`` with a worker that skips its lockdown."""

    def serve(name: str, *, csp: bool, lockdown: bool) -> Response:
        body = read_asset(name)
        if body is None:
            return Response(status_code=404)
        headers = headers_for(name)
        if not csp:
            headers.pop("Content-Security-Policy", None)
        if name == "worker.js" and not lockdown:
            text = body.decode()
            assert text.count("\n  lockdown();\n") == 1
            body = text.replace("\n  lockdown();\n", "\n").encode()
        types = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm"}
        return Response(
            body,
            media_type=types.get(Path(name).suffix, "application/octet-stream"),
            headers=headers,
        )

    async def nocsp(request: Request) -> Response:
        return serve(request.path_params["name"], csp=False, lockdown=True)

    async def nolock(request: Request) -> Response:
        return serve(request.path_params["name"], csp=True, lockdown=False)

    return [Route("/nocsp/{name}", nocsp), Route("/nolock/{name}", nolock)]


@pytest.fixture(scope="session")
def web_url() -> Iterator[str]:
    """A real server with the browser assets (``/web/``), the notebook (``/``),
    a blank test page (``/t``) and the one-layer variants."""
    try:
        assets_dir()
    except AssetsMissingError as exc:
        _unavailable(str(exc))

    async def blank(_: Request) -> Response:
        return HTMLResponse(_BLANK)

    async def isolated(_: Request) -> Response:
        headers = {
            "Cross-Origin-Opener-Policy": "same-origin",
            "Cross-Origin-Embedder-Policy": "require-corp",
        }
        return HTMLResponse(_BLANK, headers=headers)

    app = Starlette(
        routes=[Route("/t", blank), Route("/isolated", isolated), *_variant_routes(), *web_routes()]
    )
    with serve_asgi(app) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, for the whole test session."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    server = Canary()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def page(chromium: Any, web_url: str) -> Iterator[Any]:
    """A fresh browser context on the blank test page; ``page.errors`` collects page errors."""
    context = chromium.new_context()
    p = context.new_page()
    p.errors = []
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    p.goto(f"{web_url}/t")
    try:
        yield p
    finally:
        context.close()


_RUN = """async ([code, options, runOptions, session]) => {
  const { createSandbox } = await import('/web/wasmbox.js');
  const key = JSON.stringify(options);
  window.__sandboxes ||= {};
  window.__sandboxes[key] ||= createSandbox(options);
  const sandbox = await window.__sandboxes[key];
  if (session) {
    window.__sessions ||= {};
    window.__sessions[session] ||= sandbox.session();
    return await window.__sessions[session].run(code, runOptions);
  }
  return await sandbox.run(code, runOptions);
}"""


def browser_run(
    page: Any,
    code: str,
    *,
    session: str | None = None,
    run: dict[str, Any] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Runs ``code`` with ``createSandbox(options)`` in ``page``; the result object.

    Sandboxes are kept per options, and sessions per name, on the page.
    """
    result: dict[str, Any] = page.evaluate(_RUN, [code, options, run or {}, session])
    return result
