"""Network escapes from the browser sandbox, checked against a second server's request log.

Python in the official MicroPython WebAssembly build reaches the worker's
global scope through its ``js`` module. FINDINGS.md lists the ways that got
out to another origin with no hardening; each is tried here, against a
canary server that logs every request it receives, and the log must stay
empty. The battery runs against three deployments of the same assets:

* ``/web/``: as served (the worker's CSP header and its lockdown);
* ``/nocsp/``: the lockdown alone (no Content-Security-Policy header);
* ``/nolock/``: the CSP alone (a worker that skips its lockdown).

Each layer must hold alone. With the lockdown every attempt must also fail
at once, inside Python, because what it needs no longer exists.
"""

from __future__ import annotations

from typing import Any

import pytest

from browser import Canary, browser_run

PRELUDE = """
import js
U = {url!r}
WS = U.replace('http:', 'ws:')


def descriptor(name):
    # The global object, then its prototypes (WorkerGlobalScope.prototype...).
    p = js.globalThis
    while p:
        if js.Object.hasOwn(p, name):
            return js.Object.getOwnPropertyDescriptor(p, name).value
        p = js.Object.getPrototypeOf(p)
    raise LookupError(name)


FORGED = js.JSON.parse('{{"type": "done", "id": 1, "report": "o1"}}')
"""

#: Each way out that FINDINGS.md lists, and a few more: one cell each.
ATTEMPTS = {
    "fetch": "js.fetch(U + '/fetch')",
    "globalThis.fetch": "js.globalThis.fetch(U + '/globalThis')",
    "XMLHttpRequest": "x = js.XMLHttpRequest.new()\nx.open('GET', U + '/xhr')\nx.send()",
    "WebSocket": "js.WebSocket.new(WS + '/ws')",
    "EventSource": "js.EventSource.new(U + '/eventsource')",
    "eval import()": "js.eval('import(\"' + U + '/import.js\")')",
    "Function": "js.Function.new('return fetch(\"' + U + '/function\")')()",
    "Object.constructor": "js.Object.constructor('fetch(\"' + U + '/ctor\")')()",
    "{}.constructor.constructor": (
        "js.Object.new().constructor.constructor('fetch(\"' + U + '/ctor2\")')()"
    ),
    "[].constructor.constructor": (
        "js.Array.new().constructor.constructor('fetch(\"' + U + '/ctor3\")')()"
    ),
    "Module.ccall.constructor": "js.Module.ccall.constructor('fetch(\"' + U + '/ccall\")')()",
    "string setTimeout": "js.setTimeout('fetch(\"' + U + '/timeout\")', 0)",
    "string setInterval": "js.setInterval('fetch(\"' + U + '/interval\")', 10)",
    "blob worker": (
        "b = js.Blob.new(['fetch(\"' + U + '/blob\")'], {'type': 'text/javascript'})\n"
        "js.Worker.new(js.URL.createObjectURL(b))"
    ),
    "FontFace": "js.FontFace.new('x', 'url(' + U + '/font)').load()",
    "fetch descriptor": "descriptor('fetch').call(js.globalThis, U + '/descriptor')",
    "createLazyFile": (
        "js.Module.FS.createLazyFile('/', 'lazy.txt', U + '/lazy', True, False)\n"
        "open('/lazy.txt').read()"
    ),
    "importScripts": "js.importScripts(U + '/importScripts.js')",
    "sendBeacon": "js.navigator.sendBeacon(U + '/beacon')",
    "Request": "js.Request.new(U + '/request')",
    "WebTransport": "js.WebTransport.new('https://127.0.0.1:1/wt')",
    "indexedDB": "js.indexedDB.open('wasmbox')",
    "caches": "js.caches.open('wasmbox')",
    "postMessage": "js.postMessage(FORGED)",
    "postMessage descriptor": "descriptor('postMessage').call(js.globalThis, FORGED)",
    "BroadcastChannel": "js.BroadcastChannel.new('wasmbox').postMessage('x')",
    "dispatchEvent": "js.dispatchEvent(js.MessageEvent.new('message', FORGED))",
}

#: With the CSP alone these are still called; the policy must stop their requests.
REACHABLE_UNDER_CSP_ONLY = {"fetch", "globalThis.fetch", "XMLHttpRequest", "fetch descriptor"}

DEPLOYMENTS = {"served": "/web/", "lockdown only": "/nocsp/", "csp only": "/nolock/"}


def _battery(page: Any, canary: Canary, base: str) -> dict[str, dict[str, Any]]:
    """Each attempt in its own cell of one session; how each ended."""
    prelude = PRELUDE.format(url=canary.url)
    results = {
        # `None` last: an attempt that goes through ends `ok`, whatever it returned.
        name: browser_run(
            page, prelude + code + "\nNone", session="escapes", base=base, timeoutMs=10000
        )
        for name, code in ATTEMPTS.items()
    }
    page.wait_for_timeout(1500)  # anything asynchronous gets its chance to leave
    return results


def test_the_canary_logs_requests(page: Any, canary: Canary) -> None:
    """The control: the test page itself (no policy) reaches the canary."""
    status = page.evaluate("async (u) => (await fetch(u + '/control')).status", canary.url)
    assert status == 200
    assert canary.requests == ["GET /control"]


@pytest.mark.parametrize("deployment", list(DEPLOYMENTS))
def test_no_request_leaves_the_worker(page: Any, canary: Canary, deployment: str) -> None:
    results = _battery(page, canary, DEPLOYMENTS[deployment])
    assert canary.requests == []
    went = {name for name, r in results.items() if r["status"] == "ok"}
    if deployment == "csp only":
        # Without the lockdown some attempts are made; the policy stops the requests.
        assert went >= REACHABLE_UNDER_CSP_ONLY
    else:
        # The lockdown alone: every attempt fails at once, in Python.
        assert went == set()
        for name, r in results.items():
            assert r["status"] == "error", (name, r["status"])
            # Gone (AttributeError, LookupError), refused (JsException), or a
            # lazy file that cannot load (OSError, from Emscripten's FS).
            assert r["error"]["type"] in ("AttributeError", "LookupError", "JsException", "OSError")
        assert page.errors == []


@pytest.mark.parametrize("deployment", ["served", "lockdown only"])
def test_forged_messages_and_storage_are_out_of_reach(
    page: Any, canary: Canary, deployment: str
) -> None:
    results = _battery(page, canary, DEPLOYMENTS[deployment])
    for name in ("postMessage", "postMessage descriptor", "indexedDB", "caches"):
        assert results[name]["error"]["type"] in ("AttributeError", "LookupError"), name
    # The page took no forged result: the next cell runs and answers for itself.
    r = browser_run(page, "6 * 7", session="escapes", base=DEPLOYMENTS[deployment])
    assert r["value"] == 42


def test_code_from_strings_throws(page: Any) -> None:
    r = browser_run(page, "import js\njs.Object.constructor('return 1')()")
    assert r["status"] == "error"
    assert r["error"]["type"] == "JsException"
    assert "code from strings is disabled" in r["error"]["message"]


def test_the_worker_is_served_with_its_policy(page: Any, web_url: str) -> None:
    headers = page.request.get(f"{web_url}/web/worker.js").headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "worker-src 'none'" in policy
    assert "unsafe-eval" not in policy and "connect-src" not in policy
    assert headers["x-content-type-options"] == "nosniff"
