"""fetch(): the network as a policy-governed capability, against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from conftest import limits_for
from wasmbox import ConfigError, FetchPolicy, RunStatus, Sandbox
from wasmbox.capabilities.fetch import Fetcher, FetchRefused

#: (tag, time.monotonic()) of each /trickle request whose client hung up.
GONE: list[tuple[str | None, float]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up (the timeout tests)
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._route("GET", b"")

    def do_POST(self) -> None:
        n = int(self.headers.get("Content-Length", "0"))
        self._route("POST", self.rfile.read(n))

    def _route(self, method: str, body: bytes) -> None:
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/echo":
            info = {
                "method": method,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
            }
            self._send(200, json.dumps(info).encode(), {"Content-Type": "application/json"})
        elif url.path == "/login":
            self._send(200, b"in", {"Set-Cookie": "session=secret-of-the-first-run; Path=/"})
        elif url.path == "/redirect":
            self._send(int(q.get("code", "302")), b"", {"Location": q["to"]})
        elif url.path == "/big":
            self._send(200, b"x" * int(q["n"]))
        elif url.path == "/undeclared":
            # No Content-Length: the cap must hold while streaming.
            self.send_response(200)
            self.end_headers()
            for _ in range(int(q["n"]) // 1024):
                self.wfile.write(b"y" * 1024)
        elif url.path == "/slow":
            time.sleep(float(q["s"]))
            self._send(200, b"late")
        elif url.path == "/slowbody":  # the headers now, the body late
            self.send_response(200)
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.flush()
            time.sleep(float(q["s"]))
            self.wfile.write(b"late")
        elif url.path == "/trickle":  # a byte every d seconds: each read is quick enough
            self.send_response(200)
            self.send_header("Content-Length", q["n"])
            self.end_headers()
            try:
                for _ in range(int(q["n"])):
                    self.wfile.write(b"t")
                    self.wfile.flush()
                    time.sleep(float(q["d"]))
            except OSError:  # the client went away
                GONE.append((q.get("tag"), time.monotonic()))
        elif url.path == "/cutbody":  # promises 100 bytes, sends 5, closes
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"short")
            self.close_connection = True
        else:
            self._send(404, b"nope")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def local(server: str, **kw: Any) -> FetchPolicy:
    """A policy for the test server: loopback must be allowed explicitly."""
    return FetchPolicy(allow=(server + "/*",), allow_private=True, **kw)


def test_no_network_by_default(engine: str, server: str) -> None:
    result = Sandbox(engine=engine).run(f"fetch({server + '/echo'!r})")
    assert result.error is not None and result.error.type == "NameError"
    if engine == "micropython":
        result = Sandbox(engine=engine).run("import socket")
        assert result.error is not None and result.error.type == "ModuleNotFoundError"
        return
    # CPython has the module, but WASI preview1 gives it nothing to connect with.
    port = int(server.rsplit(":", 1)[1])
    for code in (
        f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=1)",
        f"import urllib.request\nurllib.request.urlopen({server + '/echo'!r}, timeout=1)",
        "import socket\nsocket.getaddrinfo('example.com', 80)",
    ):
        result = Sandbox(engine=engine).run(code)
        assert result.status is RunStatus.ERROR, code
        assert result.error is not None and "Error" in result.error.type, result.error


def test_get_json_and_headers(engine: str, server: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, add_headers={"X-Api-Key": "host-secret"}))
    code = (
        f"r = fetch({server + '/echo?a=1'!r}, headers={{'Accept': 'application/json'}})\n"
        "d = r.json()\n"
        "(r.status, r.ok, d['method'], d['path'], d['headers']['accept'], 'x-api-key' in d['headers'],"
        " r.headers['content-type'], len(r.content) == len(r.text))"
    )
    result = sb.run(code)
    assert result.status is RunStatus.OK, result.error
    assert result.value == (
        200,
        True,
        "GET",
        "/echo?a=1",
        "application/json",
        True,
        "application/json",
        True,
    )
    (call,) = result.calls
    assert call.name == "fetch" and call.outcome == "ok"
    assert call.detail == f"GET {server}/echo -> 200"  # no query string in the audit


def test_post_with_json_body(engine: str, server: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, methods={"GET", "POST"}))
    code = f"fetch({server + '/echo'!r}, method='POST', json={{'n': 1}}).json()"
    value = sb.run(code).value
    assert value["method"] == "POST" and json.loads(value["body"]) == {"n": 1}
    assert value["headers"]["content-type"] == "application/json"


def refused(result: Any, rule: str) -> str:
    assert result.status is RunStatus.OK, result.error
    kind, message = result.value
    assert kind == "PermissionError", message
    assert f"'{rule}' rule" in message
    return str(message)


CATCH = "try:\n    {call}\nexcept Exception as e:\n    err = (type(e).__name__, str(e))\nerr"


@pytest.mark.parametrize(
    ("call", "rule"),
    [
        ("fetch('https://example.com/')", "allow"),
        ("fetch(SERVER.replace('127.0.0.1', 'localhost') + '/echo')", "allow"),
        ("fetch('ftp://x/')", "allow"),
        ("fetch(SERVER + '/echo', method='DELETE')", "methods"),
        ("fetch(SERVER + '/echo', headers={'Cookie': 'a=1'})", "headers"),
        ("fetch(SERVER + '/echo', headers={'Host': 'evil'})", "headers"),
        ("fetch(SERVER + '/big?n=20000')", "max_response_bytes"),
        ("fetch(SERVER + '/undeclared?n=40960')", "max_response_bytes"),
        ("fetch(SERVER + '/redirect?to=http://localhost:1/')", "allow"),
        ("fetch(SERVER + '/redirect?to=http://169.254.169.254/latest/meta-data')", "allow"),
    ],
    ids=["other-host", "other-name", "scheme", "method", "cookie", "host-header", "big",
         "streamed-big", "redirect-away", "redirect-metadata"],
)  # fmt: skip
def test_refusals_name_the_rule(engine: str, server: str, call: str, rule: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, max_response_bytes=10_000))
    result = sb.run(CATCH.format(call=call), inputs={"SERVER": server})
    refused(result, rule)
    assert result.calls[0].outcome == f"refused:{rule}"


def test_private_addresses_are_refused_after_resolution(engine: str, server: str) -> None:
    port = server.rsplit(":", 1)[1]
    policy = FetchPolicy(
        allow=(
            server + "/*",
            f"http://localhost:{port}/*",
            "http://169.254.169.254/*",
            "http://10.0.0.1/*",
        )
    )
    sb = Sandbox(engine=engine, fetch=policy)
    for url in (
        server + "/echo",
        f"http://localhost:{port}/echo",
        "http://169.254.169.254/x",
        "http://10.0.0.1/",
    ):
        message = refused(sb.run(CATCH.format(call=f"fetch({url!r})")), "allow_private")
        assert "non-public address" in message


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        # IPv4 inside IPv6 that Python calls global: NAT64, 6to4, IPv4-compatible.
        ("64:ff9b::7f00:1", False),
        ("64:ff9b::a9fe:a9fe", False),  # 169.254.169.254, the cloud metadata service
        ("64:ff9b::808:808", True),
        ("64:ff9b:1::a00:1", False),
        ("2002:7f00:1::1", False),
        ("2002:808:808::1", True),
        ("::127.0.0.1", False),
        ("::a00:1", False),
        ("::ffff:0:7f00:1", False),  # SIIT
    ],
)
def test_ipv4_hidden_in_ipv6_is_checked_as_ipv4(address: str, ok: bool) -> None:
    import ipaddress

    from wasmbox.capabilities.fetch import _address_allowed

    assert _address_allowed(ipaddress.ip_address(address)) is ok


def test_redirects_are_followed_and_checked(engine: str, server: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, max_redirects=2))
    to = server + "/echo"
    ok = sb.run(f"r = fetch({server + '/redirect?to=' + to!r})\n(r.status, r.url)")
    assert ok.value == (200, to)
    chain = f"{server}/redirect?to={server}/redirect?to={server}/redirect?to={to}"
    refused(sb.run(CATCH.format(call=f"fetch({chain!r})")), "max_redirects")
    # 303 turns a POST into a GET, as browsers do.
    sb = Sandbox(engine=engine, fetch=local(server, methods={"GET", "POST"}))
    value = sb.run(
        f"fetch({server + '/redirect?code=303&to=/echo'!r}, method='POST', data='x').json()"
    ).value
    assert value["method"] == "GET" and value["body"] == ""


def test_slow_server_hits_the_request_timeout(engine: str, server: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, timeout=0.3))
    started = time.monotonic()
    result = sb.run(CATCH.format(call=f"fetch({server + '/slow?s=3'!r})"))
    assert time.monotonic() - started < 2
    assert result.value[0] == "TimeoutError"


def test_a_body_too_slow_or_cut_short_is_python_s_own_error(engine: str, server: str) -> None:
    # httpx's own exceptions (ReadTimeout, RemoteProtocolError) reached the guest, by name.
    sb = Sandbox(engine=engine, fetch=local(server, timeout=0.3))
    slow = sb.run(CATCH.format(call=f"fetch({server + '/slowbody?s=3'!r})"))
    assert tuple(slow.value) == (
        "TimeoutError",
        f"fetch of {server}/slowbody?s=3 took longer than 0.3 s",
    )
    assert slow.calls[0].outcome == "error:TimeoutError"
    cut = sb.run(CATCH.format(call=f"fetch({server + '/cutbody'!r})"))
    assert cut.value[0] == "ConnectionError"
    assert cut.value[1].startswith(f"fetch of {server}/cutbody failed: ")


def test_slow_server_cannot_outlive_the_run(engine: str, server: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, timeout=30))
    started = time.monotonic()
    result = sb.run(f"fetch({server + '/slow?s=3'!r})", limits=limits_for(engine, wall_time=0.4))
    assert result.status is RunStatus.TIMEOUT
    assert time.monotonic() - started < 2


def test_a_body_trickled_in_still_ends_at_the_timeout(engine: str, server: str) -> None:
    # Each byte comes well within the timeout, so httpx's own timeout (per read) never
    # fired: 8 bytes at 0.25 s took 2 s against a timeout of 0.5 s.
    sb = Sandbox(engine=engine, fetch=local(server, timeout=0.5))
    started = time.monotonic()
    result = sb.run(CATCH.format(call=f"fetch({server + '/trickle?n=8&d=0.25'!r})"))
    assert result.value[0] == "TimeoutError", result.value
    assert time.monotonic() - started < 1.5


def test_a_fetch_the_run_stopped_waiting_for_lets_go_of_its_connection(
    engine: str, server: str
) -> None:
    # The run ends at its deadline; the host call it was waiting in used to go on (a
    # thread, and a connection of the pool later runs share) for the policy's whole
    # timeout, or for ever against a server that kept trickling.
    sb = Sandbox(engine=engine, fetch=local(server, timeout=30))
    tag = f"{engine}-{time.monotonic()}"
    url = f"{server}/trickle?n=100000&d=0.05&tag={tag}"
    result = sb.run(f"fetch({url!r})", limits=limits_for(engine, wall_time=0.4))
    assert result.status is RunStatus.TIMEOUT
    ended = time.monotonic()
    while not any(t == tag for t, _ in GONE) and time.monotonic() < ended + 5:
        time.sleep(0.02)
    (gone,) = [when for t, when in GONE if t == tag]
    assert gone - ended < 1.0


def test_origin_headers_go_to_their_origin_only_redirects_included(
    engine: str, server: str
) -> None:
    # add_headers go with every request to every allowed URL: an allowed endpoint that
    # echoes headers (or a redirect to one) showed the API key to the guest.
    other = server.replace("127.0.0.1", "localhost")
    policy = FetchPolicy(
        allow=(server + "/*", other + "/*"),
        allow_private=True,
        add_headers={"X-All": "everyone"},
        origin_headers={server: {"X-Secret": "the-key"}},
    )
    sb = Sandbox(engine=engine, fetch=policy)
    seen = sb.run(
        f"a = fetch({server + '/echo'!r}).json()['headers']\n"
        f"b = fetch({other + '/echo'!r}).json()['headers']\n"
        f"c = fetch({server + '/redirect?to=' + other + '/echo'!r}).json()['headers']\n"
        "[(h.get('x-secret'), h.get('x-all')) for h in (a, b, c)]"
    )
    assert seen.value == [("the-key", "everyone"), (None, "everyone"), (None, "everyone")], seen


@pytest.mark.parametrize(
    "origin", ["https://*.example.com", "https://api.example.com/v1", "ftp://x", "api.example.com"]
)
def test_origin_headers_are_keyed_by_plain_origins(origin: str) -> None:
    with pytest.raises(ConfigError):
        FetchPolicy(origin_headers={origin: {"Authorization": "x"}})
    policy = FetchPolicy(origin_headers={"HTTPS://API.example.com/": {"Authorization": "x"}})
    assert policy.origin_headers == {"https://api.example.com:443": {"Authorization": "x"}}
    assert FetchPolicy(**policy.to_mapping()) == policy
    # IPv6 origins read back too (a service hands its policy to its workers that way).
    six = FetchPolicy(origin_headers={"https://[2001:db8::1]:8443": {"A": "b"}})
    assert six.origin_headers == {"https://[2001:db8::1]:8443": {"A": "b"}}
    assert FetchPolicy(**six.to_mapping()) == six
    with pytest.raises(ConfigError):
        FetchPolicy(origin_headers={"https://a.example.com": "Authorization: x"})  # type: ignore[dict-item]
    # A name with non-ASCII letters is looked up by its ASCII (punycode) form, as sent.
    idn = Fetcher(FetchPolicy(origin_headers={"https://bücher.example": {"A": "b"}}))
    for url in ("https://bücher.example/x", "https://xn--bcher-kva.example/x"):
        assert idn._for_origin(httpx.URL(url)) == {"A": "b"}, url
    assert six.origin_headers and Fetcher(six)._for_origin(
        httpx.URL("https://[2001:db8::1]:8443/x")
    ) == {"A": "b"}


def test_request_body_cap(engine: str, server: str) -> None:
    sb = Sandbox(engine=engine, fetch=local(server, methods={"POST"}, max_request_bytes=100))
    call = f"fetch({server + '/echo'!r}, method='POST', data='z' * 101)"
    refused(sb.run(CATCH.format(call=call)), "max_request_bytes")


def test_per_run_policy_and_sessions(engine: str, server: str) -> None:
    result = Sandbox(engine=engine).run(f"fetch({server + '/echo'!r}).status", fetch=local(server))
    assert result.value == 200
    with Sandbox(engine=engine).session(fetch=local(server)) as s:
        assert s.run(f"r = fetch({server + '/big?n=10'!r})\nr.text").value == "x" * 10
        assert s.run("r.status").value == 200


@pytest.mark.parametrize(
    "kwargs",
    [{"allow": "https://x/*"}, {"allow": ("x.com",)}, {"allow": ("ftp://x/",)}, {"timeout": 0}],
)
def test_bad_policies(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        FetchPolicy(**kwargs)
    with pytest.raises(ConfigError):
        Sandbox(fetch="https://example.com")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("pattern", "url", "ok"),
    [
        ("https://api.example.com/v1/*", "https://api.example.com/v1/users", True),
        ("https://api.example.com/v1/*", "https://api.example.com/v2/users", False),
        ("https://api.example.com", "https://api.example.com/anything", True),
        ("https://api.example.com/", "https://api.example.com.evil.net/", False),
        ("https://*.example.com/*", "https://a.example.com/x", True),
        ("https://*.example.com/*", "https://example.com.evil.net/x", False),
        ("https://api.example.com/*", "http://api.example.com/x", False),
        ("https://api.example.com/*", "https://api.example.com:8443/x", False),
        ("https://api.example.com/*", "https://user:pw@api.example.com/x", False),
        # A wildcard host is no wildcard port: the scheme's own, unless ':*' says any.
        ("https://*.example.com/*", "https://a.example.com:8443/x", False),
        ("http://*.example.com/*", "http://a.example.com:6379/x", False),
        ("https://*.example.com:*/*", "https://a.example.com:8443/x", True),
        ("https://api.example.com:*/v1/*", "https://api.example.com:9/v1/x", True),
        ("https://api.example.com:*/v1/*", "https://api.example.com:9/v2/x", False),
        # Encoded dots, slashes and backslashes would leave the allowed path on most
        # servers (which decode, then normalise): refused, whatever the pattern.
        ("https://api.example.com/v1/*", "https://api.example.com/v1/%2e%2e/admin", False),
        ("https://api.example.com/v1/*", "https://api.example.com/v1/%2E%2E/admin", False),
        ("https://api.example.com/v1/*", "https://api.example.com/v1/..%2fadmin", False),
        ("https://api.example.com/v1/*", "https://api.example.com/v1/..%5Cadmin", False),
        ("https://api.example.com/v1/*", "https://api.example.com/v1/a%20b?q=%2e", True),
        # "..;" is ".." to Tomcat and Spring (they drop a segment's ";" parameters)
        ("https://api.example.com/v1/*", "https://api.example.com/v1/..;/admin", False),
        ("https://api.example.com/v1/*", "https://api.example.com/v1/x;a=1/y", True),
    ],
)
def test_allowlist_matching(pattern: str, url: str, ok: bool) -> None:
    fetcher = Fetcher(FetchPolicy(allow=(pattern,)))
    if ok:
        fetcher._check_url(url)
    else:
        with pytest.raises(FetchRefused):
            fetcher._check_url(url)


def test_a_cookie_one_run_was_given_never_goes_with_anothers_request(
    engine: str, server: str
) -> None:
    # One fetcher serves every run of a sandbox (and a service's worker serves every
    # tenant): a cookie kept from one run would be another's credentials.
    sandbox = Sandbox(engine=engine, fetch=local(server))
    first = sandbox.run(f"fetch({server + '/login'!r}).text")
    assert first.value == "in", first.error
    for code in (
        f"fetch({server + '/echo'!r}).json()['headers']",  # a later run
        f"fetch({server + '/login'!r})\nfetch({server + '/echo'!r}).json()['headers']",  # same run
    ):
        seen = sandbox.run(code)
        assert seen.status == "ok", seen.error
        assert "cookie" not in seen.value, seen.value
