"""The browser sandbox's one way out: an allowlisted fetch() that the page performs.

The guest's ``fetch`` is the server's (same signature, same ``Response``), and
the page applies the same policy rules as ``FetchPolicy``; a cross-origin
isolated page is required (the worker waits for the reply on a
SharedArrayBuffer). The canary server (tests/browser.py) logs what arrives.
"""

from __future__ import annotations

from typing import Any

import pytest

from browser import Canary, browser_run


@pytest.fixture
def isolated(page: Any, web_url: str) -> Any:
    page.goto(f"{web_url}/isolated")
    assert page.evaluate("crossOriginIsolated") is True
    return page


def _run(page: Any, canary: Canary, code: str, **policy: Any) -> dict[str, Any]:
    allow = policy.pop("allow", [f"{canary.url}/ok*"])
    # The run's deadline, taken out before the rest becomes the fetch policy: left in, it
    # also set the fetch's own timeout to the same moment, and the two raced.
    deadline = policy.pop("timeoutMs", 5000)
    return browser_run(
        page,
        f"U = {canary.url!r}\n" + code,
        fetch={"allow": allow, **policy},
        timeoutMs=deadline,
    )


def test_an_allowed_fetch_returns_a_response(isolated: Any, canary: Canary) -> None:
    r = _run(
        isolated,
        canary,
        "r = fetch(U + '/ok?q=1')\n(r.status, r.text, r.ok, r.headers['content-length'], r.url)",
    )
    assert r["status"] == "ok", r["error"]
    assert r["value"] == {"$t": [200, "canary\n", True, "7", f"{canary.url}/ok?q=1"]}
    assert canary.requests == ["GET /ok?q=1"]
    [call] = r["calls"]
    assert call["name"] == "fetch" and call["outcome"] == "ok"
    assert call["detail"] == f"GET {canary.url}/ok -> 200"


def test_post_with_a_body(isolated: Any, canary: Canary) -> None:
    r = _run(
        isolated,
        canary,
        "fetch(U + '/ok', method='POST', data=b'hello').text",
        methods=["GET", "POST"],
    )
    assert r["value"] == "posted:hello"
    assert "POST /ok" in canary.requests


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("fetch(U + '/elsewhere')", "allow"),
        ("fetch('https://example.com/')", "allow"),
        ("fetch('ftp://127.0.0.1/ok')", "allow"),
        ("fetch(U.replace('http://', 'http://user:pw@') + '/ok')", "allow"),
        ("fetch(U + '/ok', method='DELETE')", "methods"),
        ("fetch(U + '/ok', headers={'authorization': 'x'})", "headers"),
        ("fetch(U + '/ok', method='POST', data=b'x' * 2000)", "methods"),
        # matches '/ok*', but a server that decodes and normalises serves /elsewhere
        ("fetch(U + '/ok/..%2Felsewhere')", "allow"),
        ("fetch(U + '/ok/..%5celsewhere')", "allow"),
        ("fetch(U + '/ok/..;/elsewhere')", "allow"),
    ],
)
def test_the_policy_refuses_before_anything_leaves(
    isolated: Any, canary: Canary, code: str, rule: str
) -> None:
    r = _run(isolated, canary, code)
    assert r["status"] == "error"
    assert r["error"]["type"] == "PermissionError"
    assert f"policy's '{rule}' rule" in r["error"]["message"]
    assert r["calls"][0]["outcome"] == f"refused:{rule}"
    assert canary.requests == []


def test_a_huge_call_is_refused_before_the_page_decodes_it(isolated: Any, canary: Canary) -> None:
    # A guest can build a huge string on the JavaScript side, outside its memory cap,
    # and hand it to the host call itself: the page parsed and decoded all of it, on its
    # own thread, before it looked at the body cap (200 MB froze it for 3 s).
    # Built with bound functions mapped over arrays, so the string never becomes Python's.
    code = (
        "import js, _wasmbox_host\n"
        "R = js.Reflect\n"
        "bind = R.get(R.getPrototypeOf(js.Object), 'bind')\n"
        "call = R.get(_wasmbox_host, 'call')\n"
        'prefix = \'[["\' + U + \'/ok"], {"data": {"$b": "\'\n'
        "pad = R.get(js.String.prototype, 'padStart')\n"
        "concat = R.get(js.String.prototype, 'concat')\n"
        "big = js.Array.of(60_000_000).map(R.apply(bind, pad, js.Array.of('\"}}]')))\n"
        "whole = js.Array.of(big).map(R.apply(bind, R.get(R, 'apply'), js.Array.of(None, concat, prefix)))\n"
        "R.apply(call, None, js.Array.of('f:fetch').concat(whole))"
    )
    measured = isolated.evaluate(
        """async ([code, allow]) => {
          const { createSandbox } = await import('/web/wasmbox.js');
          const sb = await createSandbox({ timeoutMs: 8000, fetch: { allow: [allow], maxRequestBytes: 1000 } });
          let last = performance.now(), worst = 0;
          const beat = setInterval(() => { const t = performance.now(); worst = Math.max(worst, t - last); last = t; }, 5);
          const r = await sb.run(code);
          clearInterval(beat);
          sb.close();
          return { worst, calls: r.calls, status: r.status };
        }""",
        [f"U = {canary.url!r}\n" + code, canary.url + "/ok*"],
    )
    assert measured["calls"][0]["outcome"] == "refused:max_request_bytes", measured
    # The page's own thread kept its 5 ms beat (decoding 60 MB stalled it for a third of a second).
    assert measured["worst"] < 200, measured
    assert canary.requests == []


def test_a_wildcard_host_is_no_wildcard_port(isolated: Any, canary: Canary) -> None:
    # 'http://127.0.0.*/ok*' once reached every port of those hosts; now only port 80,
    # unless the pattern says ':*'.
    host = canary.url.rsplit(":", 1)[0].rsplit(".", 1)[0] + ".*"
    r = _run(isolated, canary, "fetch(U + '/ok').status", allow=[f"{host}/ok*"])
    assert r["status"] == "error" and r["error"]["type"] == "PermissionError", r
    assert canary.requests == []
    r = _run(isolated, canary, "fetch(U + '/ok').status", allow=[f"{host}:*/ok*"])
    assert r["value"] == 200, r


def test_a_refusal_can_be_caught(isolated: Any, canary: Canary) -> None:
    r = _run(
        isolated,
        canary,
        "try:\n    fetch(U + '/nope')\nexcept PermissionError as e:\n    print('refused')\n"
        "fetch(U + '/ok').status",
    )
    assert r["stdout"] == "refused\n" and r["value"] == 200


def test_size_caps_and_redirects(isolated: Any, canary: Canary) -> None:
    big = _run(
        isolated,
        canary,
        "fetch(U + '/big')",
        allow=[f"{canary.url}/*"],
        maxResponseBytes=1 << 20,
    )
    assert big["error"]["type"] == "PermissionError"
    assert "max_response_bytes" in big["error"]["message"]
    body = _run(
        isolated,
        canary,
        "fetch(U + '/ok', method='POST', data=b'x' * 2000)",
        methods=["POST"],
        maxRequestBytes=1000,
    )
    assert "max_request_bytes" in body["error"]["message"]
    moved = _run(isolated, canary, "fetch(U + '/redirect')", allow=[f"{canary.url}/*"])
    assert moved["error"]["type"] == "PermissionError"
    assert "redirects are not followed" in moved["error"]["message"]
    assert "GET /ok" not in canary.requests  # the redirect was not followed


@pytest.mark.parametrize("path", ["/slow", "/slowbody"])  # no headers yet; the body late
def test_the_deadline_holds_while_a_fetch_waits(isolated: Any, canary: Canary, path: str) -> None:
    # The fetch's timer and the run's end at the same moment: the run timed out, whichever
    # fires first (one run in 25 or so used to end 'error': the guest saw a TimeoutError).
    r = _run(isolated, canary, f"fetch(U + {path!r})", allow=[f"{canary.url}/*"], timeoutMs=500)
    assert r["status"] == "timeout", r


def _caught(page: Any, canary: Canary, call: str, exc: str) -> dict[str, Any]:
    """A run whose guest makes ``call``, catches ``exc`` and prints its message."""
    code = f"try:\n    {call}\nexcept {exc} as e:\n    print(e)"
    return _run(page, canary, code, allow=[f"{canary.url}/*"])


def test_a_body_that_comes_too_slowly_is_a_timeout_in_python(isolated: Any, canary: Canary) -> None:
    r = _caught(isolated, canary, "fetch(U + '/slowbody', timeout=0.3)", "TimeoutError")
    assert r["stdout"] == f"fetch of {canary.url}/slowbody took longer than 0.3 s\n", r
    assert r["calls"][0]["outcome"] == "timeout"


def test_a_body_cut_short_is_a_connection_error_in_python(isolated: Any, canary: Canary) -> None:
    r = _caught(isolated, canary, "fetch(U + '/cutbody')", "ConnectionError")
    assert r["stdout"].startswith(f"fetch of {canary.url}/cutbody failed"), r
    assert r["calls"][0]["outcome"] == "error:ConnectionError"


def test_the_fetch_timeout_raises_in_python(isolated: Any, canary: Canary) -> None:
    r = _caught(isolated, canary, "fetch(U + '/slow', timeout=0.3)", "TimeoutError")
    assert r["stdout"] == f"fetch of {canary.url}/slow took longer than 0.3 s\n", r
    assert r["calls"][0]["outcome"] == "timeout"


def test_without_a_policy_there_is_no_fetch(isolated: Any, canary: Canary) -> None:
    r = browser_run(
        isolated,
        f"import _wasmbox_host, json\n"
        f"print(_wasmbox_host.call('f:fetch', json.dumps([[{canary.url!r}], {{}}])))\n"
        "fetch",
    )
    assert r["status"] == "error" and r["error"]["type"] == "NameError"
    assert "grants no host functions" in r["stdout"]
    assert canary.requests == []


def test_fetch_needs_an_isolated_page(page: Any, canary: Canary) -> None:
    error = page.evaluate(
        """async (u) => {
          const { createSandbox } = await import('/web/wasmbox.js');
          try { await createSandbox({ fetch: { allow: [u + '/*'] } }); return 'created'; }
          catch (e) { return e.message; }
        }""",
        canary.url,
    )
    assert "cross-origin isolated" in error
