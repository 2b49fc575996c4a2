"""The browser sandbox's assets, served by ``wasmbox serve`` and exported as static files.

The assets are built by ``npm run build`` in ``web/`` into ``dist/`` here (never
committed): the official MicroPython WebAssembly build (its wasm, and its
Emscripten glue inlined into ``worker.js``), the page module ``wasmbox.js``, the
locked-down ``worker.js`` and the notebook page. The guest
library the worker mounts at ``/lib`` (``lib.bin`` and ``lib.json``) is built
here, from the same overlay as the WASI engine's and precompiled to ``.mpy``
the same way: both builds are MicroPython 1.27. See ``docs/browser.md``.

The headers are part of the sandbox, not decoration: the worker script's own
Content-Security-Policy is what Chromium applies inside the worker (and to
blob workers made from it), and it allows no connection, no ``eval``, no
fonts and no nested workers. The worker's lockdown holds without it, and the
header holds without the lockdown; each is tested alone.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..errors import WasmboxError

__all__ = [
    "ASSETS",
    "PAGE_CSP",
    "WORKER_CSP",
    "AssetsMissingError",
    "assets_dir",
    "build",
    "export",
    "headers_for",
    "library",
    "read_asset",
    "web_routes",
]

#: Where ``npm run build`` writes the assets.
ASSETS = Path(__file__).parent / "dist"

#: The worker may load its own scripts and nothing else: no fetch, XHR,
#: WebSocket, EventSource or beacon (connect-src), no fonts, images or media,
#: no eval or wasm compilation from bytes (the page hands it a compiled
#: module), no nested or blob workers.
WORKER_CSP = "default-src 'none'; script-src 'self'; worker-src 'none'"

#: The notebook page: its own scripts, wasm compilation (the page compiles
#: the module once), workers from its own origin, and connections to its own
#: origin only (the assets, and the HTTP API for "run on server").
PAGE_CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".bin": "application/octet-stream",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}

#: The notebook page's file in ``dist/``.
NOTEBOOK = "notebook.html"


class AssetsMissingError(WasmboxError):
    """The browser assets were not built (run ``npm run build`` in ``web/``)."""


def assets_dir() -> Path:
    """The built assets; :class:`AssetsMissingError` when they are not there."""
    if not (ASSETS / "manifest.json").is_file():
        raise AssetsMissingError(
            f"the browser assets are not built in {ASSETS}: run `npm ci && npm run build` in web/ "
            "(`make setup` does it)"
        )
    return ASSETS


@functools.cache
def library() -> tuple[bytes, bytes]:
    """The worker's ``/lib``: ``lib.bin`` (every file's bytes, one after another)
    and ``lib.json`` (``[path, start, end]`` for each), built once per process.

    Precompiled modules make a worker's start-up cheaper: its runner imports
    the codec and error reports of ``_wasmbox_io`` and the overlay's runtime
    before it says it is ready (or, once a page has a boot image, copies in
    what that import left: see ``web/src/worker.js``).
    """
    from .._artifact import cache_dir
    from .._artifact.overlay import compile_overlay
    from ..guest import browser_files, overlay_files

    files = compile_overlay({**overlay_files(), **browser_files()}, cache_dir())
    blob = bytearray()
    index = []
    for name in sorted(files):
        index.append([name, len(blob), len(blob) + len(files[name])])
        blob += files[name]
    return bytes(blob), json.dumps(index).encode()


#: The assets built by :func:`library` rather than by npm.
LIBRARY = ("lib.bin", "lib.json")


def build() -> str | None:
    """The version of the built assets (``manifest.json``), or None when not built."""
    try:
        manifest = json.loads((assets_dir() / "manifest.json").read_text())
    except (AssetsMissingError, OSError, ValueError):
        return None
    version = manifest.get("build") if isinstance(manifest, dict) else None
    return version if isinstance(version, str) else None


def read_asset(name: str) -> bytes | None:
    """The bytes of the asset called ``name`` (a bare file name), or None."""
    if name in LIBRARY:
        return library()[LIBRARY.index(name)]
    try:
        files = {p.name: p for p in assets_dir().iterdir() if p.is_file()}
    except AssetsMissingError:
        return None
    path = files.get(name)
    return path.read_bytes() if path is not None else None


def headers_for(name: str) -> dict[str, str]:
    """The response headers an asset needs, by file name."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
    if name == "worker.js":
        headers["Content-Security-Policy"] = WORKER_CSP
        # So that a cross-origin isolated page (which the fetch capability
        # needs, for its SharedArrayBuffer) may start it.
        headers["Cross-Origin-Embedder-Policy"] = "require-corp"
    elif name.endswith(".html"):
        headers["Content-Security-Policy"] = PAGE_CSP
        headers["X-Frame-Options"] = "DENY"
    return headers


def _media_type(name: str) -> str:
    return _TYPES.get(Path(name).suffix, "application/octet-stream")


def web_routes() -> list[BaseRoute]:
    """``/`` (the notebook) and ``/web/{name}`` (the assets), without authentication.

    The assets hold no secret: the notebook asks its user for an API key only
    to compare a cell with the server's run. A name is looked up among the
    files directly in ``dist/``, never joined to a path, so no request reaches
    anything else.
    """

    def files() -> dict[str, Path]:
        try:
            root = assets_dir()
        except AssetsMissingError:
            return {}
        return {p.name: p for p in root.iterdir() if p.is_file()}

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        headers = headers_for(name)
        if name in LIBRARY:
            body = (await anyio.to_thread.run_sync(library))[LIBRARY.index(name)]
            return Response(body, media_type=_media_type(name), headers=headers)
        path = files().get(name)
        if path is None:
            return Response("not found\n", status_code=404, media_type="text/plain")
        version = request.query_params.get("v")
        if version is not None and version == build():
            # A versioned URL never changes meaning: a new build is a new URL.
            headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return FileResponse(path, media_type=_media_type(name), headers=headers)

    async def notebook(_: Request) -> Response:
        path = files().get(NOTEBOOK)
        if path is None:
            return Response(
                "The browser assets are not built: run `make setup` (npm run build in web/).\n",
                status_code=503,
                media_type="text/plain",
            )
        return FileResponse(path, media_type=_TYPES[".html"], headers=headers_for(NOTEBOOK))

    async def web_index(_: Request) -> Response:
        return RedirectResponse("/", status_code=307)

    return [
        Route("/", notebook, methods=["GET", "HEAD"]),
        Route("/web/", web_index, methods=["GET"]),
        Route("/web/{name}", asset, methods=["GET", "HEAD"]),
    ]


#: For static hosts that read a ``_headers`` file (Netlify, Cloudflare Pages).
def _headers_file() -> str:
    lines = []
    pages = (("/web/worker.js", "worker.js"), ("/index.html", NOTEBOOK), ("/", NOTEBOOK))
    for pattern, name in pages:
        lines.append(pattern)
        lines.extend(f"  {k}: {v}" for k, v in headers_for(name).items())
    return "\n".join(lines) + "\n"


def export(directory: Path) -> list[Path]:
    """Writes the notebook as static files: ``index.html`` and ``web/``.

    The page works from any static host, offline, with one condition the
    files cannot carry themselves: the host must send ``worker.js`` with its
    Content-Security-Policy header (``_headers`` says which, in the format
    Netlify and Cloudflare Pages read; ``docs/browser.md`` shows nginx).
    Returns the files written.
    """
    root = assets_dir()
    target = Path(directory)
    web = target / "web"
    web.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(root.iterdir()):
        if path.is_file():
            written.append(Path(shutil.copy2(path, web / path.name)))
    for name, data in zip(LIBRARY, library(), strict=True):
        (web / name).write_bytes(data)
        written.append(web / name)
    index = target / "index.html"
    index.write_text((root / NOTEBOOK).read_text())
    headers = target / "_headers"
    headers.write_text(_headers_file())
    return [*written, index, headers]
