"""Hostile HTTP clients and hostile guests against a real service, on both audit backends.

Each test counts the POSTs it sends, then checks that the service still runs
code and that the audit log grew by exactly one record per POST: a refusal is
recorded like a run, and nothing a client does makes the service skip it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from services import serve_asgi
from wasmbox.limits import DEFAULT_FUEL, Limits
from wasmbox.server.app import create_app
from wasmbox.server.protocol import http_protocol
from wasmbox.server.settings import ServiceSettings
from wasmbox.server.store import Store
from wasmbox.server.workers import WorkerPool

MiB = 1 << 20
MAX_BODY = 64 << 10
BODY_TIMEOUT = 1.0
HEADER_TIMEOUT = 1.0
WRITE_TIMEOUT = 1.0
WALL_CEILING, MEMORY_CEILING = 2, 16 * MiB
SLEEP = "import time\ntime.sleep({})"


@dataclass
class Service:
    """A running service: where it listens, its store, and the app (for its worker pool)."""

    url: str
    port: int
    store: Store
    app: Starlette

    @property
    def pool(self) -> WorkerPool:
        pool: WorkerPool = self.app.state.wasmbox["pool"]
        return pool

    def key(self, **quotas: float) -> str:
        """A fresh tenant's key, so that no test shares another's quotas."""
        quotas = {"max_wall_time": WALL_CEILING, "max_memory": MEMORY_CEILING, **quotas}
        _, key = self.store.add_tenant(f"t-{uuid.uuid4().hex[:12]}", **quotas)
        return key

    def tenant_id(self, key: str) -> int:
        tenant = self.store.tenant_for_key(key)
        assert tenant is not None
        return tenant.id


@contextlib.contextmanager
def serving(database_url: str, settings: ServiceSettings) -> Iterator[Service]:
    """A real uvicorn server on a free loopback port, in a thread, until the block ends."""
    store = Store(database_url)
    app = create_app(store, settings)
    http = http_protocol(
        header_timeout=settings.header_timeout,
        write_timeout=settings.write_timeout,
        max_header_bytes=settings.max_header_bytes,
    )
    try:
        with serve_asgi(app, http) as url:
            yield Service(url, int(url.rpartition(":")[2]), store, app)
    finally:
        store.close()


@pytest.fixture(scope="module")
def service(audit_database_url: str) -> Iterator[Service]:
    settings = ServiceSettings(
        workers=2,
        max_body=MAX_BODY,
        body_timeout=BODY_TIMEOUT,
        header_timeout=HEADER_TIMEOUT,
        write_timeout=WRITE_TIMEOUT,
        max_queue=4,
    )
    with serving(audit_database_url, settings) as s:
        yield s


@pytest.fixture(scope="module")
def key(service: Service) -> str:
    return service.key(max_concurrent=50, requests_per_minute=100_000)


@dataclass
class Api:
    """Sends requests and counts them: each request to the API must leave one audit record."""

    service: Service
    posts: int = 0
    before: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.before = self.service.store.count()

    def counted(self) -> None:
        with self._lock:
            self.posts += 1

    def post(
        self,
        key: str | None,
        body: Any = None,
        *,
        content: Any = None,
        headers: dict[str, Any] | None = None,
        path: str = "/v1/runs",
        timeout: float = 30,
    ) -> httpx.Response:
        self.counted()
        headers = {**(auth(key) if key is not None else {}), **(headers or {})}
        if content is None:
            return httpx.post(self.service.url + path, json=body, headers=headers, timeout=timeout)
        return httpx.post(
            self.service.url + path, content=content, headers=headers, timeout=timeout
        )

    def get(self, key: str | None, path: str) -> httpx.Response:
        self.counted()
        headers = auth(key) if key is not None else {}
        return httpx.get(self.service.url + path, headers=headers, timeout=30)

    def still_serving_and_audited(self, key: str) -> None:
        """A normal run works, and every request so far has exactly one record."""
        r = self.post(key, {"code": "6 * 7"})
        assert r.status_code == 200 and r.json()["value"] == 42, r.text
        assert self.service.store.count() - self.before == self.posts


@pytest.fixture
def api(service: Service) -> Api:
    return Api(service)


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """``r`` is the JSON error ``code`` with ``status`` and a message for a person."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    error: dict[str, Any] = r.json()["error"]
    assert error["code"] == code and isinstance(error["message"], str) and error["message"]
    return error


# -- raw sockets: clients httpx will not imitate ---------------------------------------


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: Any
    elapsed: float


def raw_post(
    service: Service,
    head: dict[str, str],
    first: bytes = b"",
    then: Callable[[socket.socket, threading.Event], None] | None = None,
    timeout: float = 10.0,
) -> RawResponse:
    """POST /v1/runs by hand: ``head`` as headers, ``first`` right after, ``then`` in a thread.

    Returns the answer and how long after the headers were sent it was complete.
    """
    lines = ["POST /v1/runs HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in head.items())]
    done = threading.Event()
    with socket.create_connection(("127.0.0.1", service.port), timeout=timeout) as sock:
        started = time.monotonic()
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + first)
        sender = threading.Thread(target=then, args=(sock, done), daemon=True) if then else None
        if sender is not None:
            sender.start()
        try:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(65536)
                assert chunk, f"the connection closed before an answer: {data!r}"
                data += chunk
            header_block, _, body = data.partition(b"\r\n\r\n")
            status_line, *header_lines = header_block.decode("latin-1").split("\r\n")
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(":") for line in header_lines)
            }
            while len(body) < int(headers["content-length"]):
                chunk = sock.recv(65536)
                assert chunk, "the connection closed inside the answer"
                body += chunk
            elapsed = time.monotonic() - started
        finally:
            done.set()
            if sender is not None:
                sender.join(timeout)
    return RawResponse(int(status_line.split()[1]), headers, json.loads(body), elapsed)


def run_head(
    key: str, length: int | None = None, more: dict[str, str] | None = None
) -> dict[str, str]:
    head = {"Authorization": f"Bearer {key}", "Content-Type": "application/json", **(more or {})}
    if length is not None:
        head["Content-Length"] = str(length)
    return head


def assert_raw_error(r: RawResponse, status: int, code: str) -> None:
    assert r.status == status, r
    assert r.body["error"]["code"] == code and r.body["error"]["message"], r


# -- bodies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"{not json", 400, "bad_json"),
        (b'{"code": "1"', 400, "bad_json"),
        (b"\xff\xfe{}", 400, "bad_json"),
        (b"", 400, "bad_request"),
        (b"[1, 2]", 400, "bad_request"),
        (b'"code"', 400, "bad_request"),
        (b"42", 400, "bad_request"),
        (b"null", 400, "bad_request"),
        (b"{}", 422, "bad_request"),
        (b'{"code": 5}', 422, "bad_request"),
        (b'{"code": null}', 422, "bad_request"),
        (b'{"code": ["1"]}', 422, "bad_request"),
        (b'{"code": {"a": 1}}', 422, "bad_request"),
        (b'{"code": "1", "stdin": 5}', 422, "bad_request"),
        (b'{"code": "1", "stdin": ["a"]}', 422, "bad_request"),
        (b'{"code": "1", "inputs": {"a": ' + b"[" * 5000 + b"]" * 5000 + b"}}", 400, "bad_json"),
        # Deeper than the value codec takes, and deep enough that the frame to a worker
        # could not be encoded: that left the worker marked busy for good (two such
        # requests stopped every run of the service).
        (b'{"code": "1", "inputs": {"a": ' + b"[" * 150 + b"]" * 150 + b"}}", 422, "bad_request"),
        (b'{"code": "1", "inputs": {"a": ' + b"[" * 970 + b"]" * 970 + b"}}", 422, "bad_request"),
        (b'{"code": "1", "inputs": {"b": ' + b"[" * 970 + b"]" * 970 + b"}}", 422, "bad_request"),
        (b'{"code": "1", "inputs": [1]}', 422, "bad_request"),
        (b'{"code": "1", "inputs": "x=1"}', 422, "bad_request"),
        (b'{"code": "1", "inputs": {"__x": 1}}', 422, "bad_request"),
        (b'{"code": "1", "files": []}', 422, "bad_request"),
        (b'{"code": "1", "files": {"a.txt": 1}}', 422, "bad_request"),
        (b'{"code": "1", "files": {"a.txt": null}}', 422, "bad_request"),
        (b'{"code": "1", "files": {"../escape": "x"}}', 422, "bad_request"),
        (b'{"code": "1", "files": {"/etc/passwd": "x"}}', 422, "bad_request"),
        (b'{"code": "1", "limits": []}', 422, "bad_limits"),
        (b'{"code": "1", "limits": "fast"}', 422, "bad_limits"),
        (b'{"code": "1", "extra": 1}', 422, "bad_request"),
        # A field name UTF-8 cannot hold: named in the error (500 before, no record).
        (b'{"code": "1", "\\ud800": 1}', 422, "bad_request"),
        (b'{"code": "1", "Code": "2"}', 422, "bad_request"),
        (b'{"code": "1", "limits": {"speed": 1}}', 422, "bad_limits"),
    ],
)
def test_bad_bodies(
    service: Service, api: Api, key: str, content: bytes, status: int, code: str
) -> None:
    r = api.post(key, content=content, headers={"Content-Type": "application/json"})
    assert_error(r, status, code)
    api.still_serving_and_audited(key)


def test_a_huge_declared_length_is_refused_before_the_body(
    service: Service, api: Api, key: str
) -> None:
    api.counted()
    r = raw_post(service, run_head(key, 10**15))  # nothing follows the headers
    assert_raw_error(r, 413, "too_large")
    assert r.elapsed < BODY_TIMEOUT  # answered at once, not after waiting for a body
    assert_error(api.post(key, content=b"x" * (MAX_BODY + 1)), 413, "too_large")
    api.still_serving_and_audited(key)


def test_an_endless_chunked_body_is_413(service: Service, api: Api, key: str) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(16 * MAX_BODY // 4096):
            yield b"y" * 4096

    # httpx sends the whole body before it reads the answer, so its generator ends...
    assert_error(api.post(key, content=endless()), 413, "too_large")

    # ...and a raw client's never does: it is still sending when the answer comes.
    def forever(sock: socket.socket, done: threading.Event) -> None:
        chunk = b"1000\r\n" + b"z" * 4096 + b"\r\n"
        with contextlib.suppress(OSError):
            while not done.is_set():
                sock.sendall(chunk)

    api.counted()
    r = raw_post(service, run_head(key, more={"Transfer-Encoding": "chunked"}), then=forever)
    assert_raw_error(r, 413, "too_large")
    api.still_serving_and_audited(key)


def _trickle(sock: socket.socket, done: threading.Event) -> None:
    """One byte every 100 ms, until the answer has come (or the server hangs up)."""
    with contextlib.suppress(OSError):
        while not done.wait(0.1):
            sock.sendall(b" ")


@pytest.mark.parametrize(
    ("first", "then"),
    [
        pytest.param(b'{"code": "', None, id="half-a-body-then-nothing"),
        pytest.param(b"", None, id="headers-only"),
        pytest.param(b"{", _trickle, id="a-byte-every-100ms"),
    ],
)
def test_slow_bodies_are_408(
    service: Service,
    api: Api,
    key: str,
    first: bytes,
    then: Callable[[socket.socket, threading.Event], None] | None,
) -> None:
    api.counted()
    r = raw_post(service, run_head(key, 100), first, then)
    assert_raw_error(r, 408, "body_timeout")
    assert BODY_TIMEOUT * 0.9 <= r.elapsed <= BODY_TIMEOUT + 1, r.elapsed
    api.still_serving_and_audited(key)


def read_until_closed(
    sock: socket.socket, within: float, started: float | None = None
) -> tuple[bytes, float]:
    """Everything the server sends until it closes (or resets), and when that was.

    ``started``: the time to count from (by default now). A server's timer that starts
    at the connection is measured from before the connection was made.
    """
    started = time.monotonic() if started is None else started
    sock.settimeout(within)
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            data += chunk
    return data, time.monotonic() - started


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b"", id="a-connection-that-says-nothing"),
        pytest.param(b"POST /v1/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n", id="slowloris"),
    ],
)
def test_headers_that_do_not_arrive_are_408_and_the_connection_closed(
    service: Service, api: Api, key: str, head: bytes
) -> None:
    connecting = time.monotonic()  # the server's timer starts once it has the connection
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        sock.sendall(head)
        stop = threading.Event()

        def trickle() -> None:  # one more header line every 200 ms, never the blank line
            with contextlib.suppress(OSError):
                while head and not stop.wait(0.2):
                    sock.sendall(b"X-Slow: 1\r\n")

        sender = threading.Thread(target=trickle, daemon=True)
        sender.start()
        try:
            data, elapsed = read_until_closed(sock, HEADER_TIMEOUT + 5, connecting)
        finally:
            stop.set()
    status_line, _, rest = data.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 408 Request Timeout", data
    assert json.loads(rest.partition(b"\r\n\r\n")[2])["error"]["code"] == "header_timeout"
    assert HEADER_TIMEOUT * 0.9 <= elapsed <= HEADER_TIMEOUT + 2, elapsed
    api.still_serving_and_audited(key)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param([b"X-A: " + b"a" * 1000] * 200, id="many-headers"),
        pytest.param([b"X-B: " + b"b" * (1 << 20)], id="one-huge-header"),
        pytest.param([b"X-C: " + b"c" * (1 << 20) + b"-and-never-ending"], id="never-ending"),
    ],
)
def test_headers_past_the_limit_are_431_and_the_connection_closed(
    service: Service, api: Api, key: str, headers: list[bytes]
) -> None:
    # uvicorn and httptools kept every byte: 200 MB of headers grew the service by 240 MB.
    head = b"POST /v1/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"\r\n".join(headers)
    ended = not headers[-1].endswith(b"-and-never-ending")
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        with contextlib.suppress(OSError):  # the service may hang up before it has all
            sock.sendall(head + (b"\r\n\r\n" if ended else b""))
        data, _ = read_until_closed(sock, 10)
    status_line, _, rest = data.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 431 Request Header Fields Too Large", data[:200]
    error = json.loads(rest.partition(b"\r\n\r\n")[2])["error"]
    assert error["code"] == "headers_too_large" and str(64 << 10) in error["message"]
    # Ordinary headers (a key, a content type) are far below it.
    api.still_serving_and_audited(key)


def send_until_cut_off(sock: socket.socket, chunk: bytes, most: int) -> int:
    """Send ``chunk`` again and again until the service hangs up; the bytes it took."""
    sent = 0
    with contextlib.suppress(OSError):
        while sent < most:
            sock.sendall(chunk)
            sent += len(chunk)
    return sent


@pytest.mark.parametrize("authorized", [True, False], ids=["with-a-key", "without"])
def test_endless_trailers_are_cut_off(
    service: Service, api: Api, key: str, authorized: bool
) -> None:
    # A chunked body's trailers are headers that come after the headers: uvicorn kept
    # every one (10 MB of them: 2 million tuples, 197 MB), whatever the answer was.
    head = run_head(key if authorized else "wbx_nope", more={"Transfer-Encoding": "chunked"})
    lines = ["POST /v1/runs HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in head.items())]
    body = b'{"code": "1"}'
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        sock.sendall(b"%x\r\n%s\r\n0\r\n" % (len(body), body))
        sent = send_until_cut_off(sock, b"a: b\r\n" * 1000, 64 << 20)
    assert sent < 8 << 20, f"the service took {sent >> 20} MB of trailers"
    api.counted()
    api.still_serving_and_audited(key)


def test_a_client_far_ahead_of_its_answers_is_cut_off(service: Service, api: Api, key: str) -> None:
    # One read of many small pipelined requests queued ten thousand of them behind one.
    body = json.dumps({"code": "import time\ntime.sleep(0.5)"}).encode()
    head = "\r\n".join(
        [
            "POST /v1/runs HTTP/1.1",
            "Host: 127.0.0.1",
            *(f"{k}: {v}" for k, v in run_head(key, len(body)).items()),
        ]
    ).encode()
    many = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" * 2000
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        with contextlib.suppress(OSError):
            sock.sendall(head + b"\r\n\r\n" + body + many)
        data, _ = read_until_closed(sock, 10)
    assert data.count(b"HTTP/1.1 200 OK") <= 10, data.count(b"HTTP/1.1 200 OK")
    api.counted()  # the run, which was under way: a record, and it went on
    api.still_serving_and_audited(key)


def test_a_body_left_unread_by_an_early_answer_does_not_hold_the_connection(
    service: Service, api: Api
) -> None:
    # Refused at once (an unknown key), its terabyte body is not read; a byte now and
    # then used to keep the connection open for ever.
    with socket.create_connection(("127.0.0.1", service.port), timeout=10) as sock:
        head = run_head("wbx_nope", 10**12)
        lines = [
            "POST /v1/runs HTTP/1.1",
            "Host: 127.0.0.1",
            *(f"{k}: {v}" for k, v in head.items()),
        ]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n{").encode())
        api.counted()
        data, elapsed = read_until_closed(sock, 10)
    assert data.startswith(b"HTTP/1.1 401") and elapsed < 5, (data[:100], elapsed)


def test_a_client_that_stops_reading_its_answer_is_dropped(
    service: Service, api: Api, key: str
) -> None:
    # The answer carries an 8 MiB file: more than the socket and the transport hold.
    body = json.dumps({"code": "open('big.txt', 'w').write('x' * (8 << 20))"}).encode()
    head = "\r\n".join(
        [
            "POST /v1/runs HTTP/1.1",
            "Host: 127.0.0.1",
            *(f"{k}: {v}" for k, v in run_head(key, len(body)).items()),
        ]
    )
    api.counted()
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", service.port))
        sock.sendall(head.encode() + b"\r\n\r\n" + body)
        sock.settimeout(30)
        assert sock.recv(1, socket.MSG_PEEK)  # the answer has started to come
        time.sleep(WRITE_TIMEOUT + 2)  # not reading; the service gives up on this client
        data, _ = read_until_closed(sock, 10)
    assert data.startswith(b"HTTP/1.1 200 OK") and len(data) < 8 << 20, len(data)
    # The run happened and is on record; the service serves everyone else meanwhile.
    api.still_serving_and_audited(key)


# -- keys ------------------------------------------------------------------------------


def test_keys(service: Service, api: Api, key: str) -> None:
    revoked_name = f"gone-{uuid.uuid4().hex[:8]}"
    _, revoked = service.store.add_tenant(revoked_name)
    service.store.revoke(revoked_name)
    unauthorized: list[dict[str, Any]] = [
        {},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": key},
        {"Authorization": f"Basic {key}"},
        {"Authorization": f"Token {key}"},
        {"Authorization": "Bearer wbx_nope"},
        {"Authorization": f"Bearer {key} {key}"},
        {"Authorization": f"Bearer {key[:10]} {key[10:]}"},
        {"Authorization": f"Bearer {key}x"},
        {"Authorization": f"Bearer {key.upper()}"},
        {"Authorization": "Bearer wbx_\xe9\xff".encode("latin-1")},
        {"Authorization": "Bearer ключ".encode()},
        {"Authorization": "Bearer " + "k" * 10_240},
    ]
    for headers in unauthorized:
        assert_error(api.post(None, {"code": "1"}, headers=headers), 401, "unauthorized")
    # A revoked key is known, and told so; the cache must not hide a revocation either.
    for _ in range(2):
        assert_error(api.post(revoked, {"code": "1"}), 403, "revoked")
    api.still_serving_and_audited(key)


def test_another_tenants_run_is_not_found(service: Service, api: Api, key: str) -> None:
    other = service.key()
    run_id = api.post(key, {"code": "1"}).json()["id"]
    for path in (f"/v1/runs/{run_id}", "/v1/runs/run_000000000000000000000000"):
        r = api.get(other, path)
        assert r.json() == {"error": {"code": "not_found", "message": "no such run"}}
        assert r.status_code == 404
    # The probe is on record, under the tenant who made it, and nothing of the run leaks.
    mine = service.store.runs(tenant_id=service.tenant_id(other), kind="read")
    assert [(row["status"], row["error"]) for row in mine] == [
        ("refused", "not_found: no such run"),
        ("refused", "not_found: no such run"),
    ]
    assert api.get(other, "/v1/runs").json()["runs"] == []  # (that listing is recorded too)
    api.still_serving_and_audited(key)


def test_unknown_api_endpoints_are_json_errors_on_record(
    service: Service, api: Api, key: str
) -> None:
    assert_error(api.post(key, {"code": "1"}, path="/v1/nothing"), 404, "not_found")
    assert_error(api.get(key, "/v1/sessions"), 405, "method_not_allowed")
    rows = [row["error"] for row in service.store.runs(kind="unknown", limit=10_000)]
    assert "not_found: POST /v1/nothing" in rows
    assert "method_not_allowed: GET /v1/sessions" in rows
    # Outside the API a 404 is still JSON, but not the audit log's business (scanners).
    r = httpx.get(service.url + "/wp-admin/setup.php")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    api.still_serving_and_audited(key)


# -- limits ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limits", "named"),
    [
        ({"wall_time": WALL_CEILING + 0.5}, f"limits.wall_time is above your ceiling of {WALL_CEILING}"),
        ({"wall_time": 1e308}, f"limits.wall_time is above your ceiling of {WALL_CEILING}"),
        ({"memory": MEMORY_CEILING + 1}, "limits.memory is above your ceiling of"),
        ({"memory": 2**64}, "limits.memory is above your ceiling of"),
        ({"fuel": DEFAULT_FUEL + 1}, f"limits.fuel is above your ceiling of {DEFAULT_FUEL}"),
        ({"fuel": None}, f"limits.fuel may not be null (unlimited): your ceiling is {DEFAULT_FUEL}"),
        ({"max_output": (1 << 20) + 1}, "limits.max_output is above your ceiling of 1048576"),
        ({"max_files_bytes": 2**53}, "limits.max_files_bytes is above your ceiling of 16777216"),
        ({"max_files": 1001}, "limits.max_files is above your ceiling of 1000"),
    ],
)  # fmt: skip
def test_limits_above_the_ceiling_are_422_naming_it(
    service: Service, api: Api, key: str, limits: dict[str, Any], named: str
) -> None:
    error = assert_error(api.post(key, {"code": "1", "limits": limits}), 422, "above_ceiling")
    assert error["message"].startswith(named)
    api.still_serving_and_audited(key)


def test_every_limit_has_a_ceiling_a_tenant_is_given(service: Service, api: Api) -> None:
    # Raised by the operator, a ceiling lets a request ask for more; the rest stay put.
    key = service.key(max_output=4 << 20, max_files=5000, max_fuel=10**12)
    for limits in ({"max_output": 4 << 20}, {"max_files": 5000}, {"fuel": 10**12}):
        r = api.post(key, {"code": "print(1)", "limits": limits})
        assert r.status_code == 200 and r.json()["status"] == "ok", r.text
    assert_error(
        api.post(key, {"code": "1", "limits": {"max_output": 4 << 20 | 1}}), 422, "above_ceiling"
    )
    assert_error(
        api.post(key, {"code": "1", "limits": {"max_files_bytes": 32 << 20}}), 422, "above_ceiling"
    )
    # A lower ceiling caps the service's default too: the run gets the ceiling, not 1 MiB.
    low = service.key(max_output=100)
    r = api.post(low, {"code": "print('x' * 500)"})
    assert r.json()["status"] == "output_limit", r.text
    api.still_serving_and_audited(key)


@pytest.mark.parametrize(
    "body",
    [
        b'{"wall_time": -1}',
        b'{"wall_time": 0}',
        b'{"wall_time": NaN}',
        b'{"wall_time": -Infinity}',
        b'{"wall_time": "1"}',
        b'{"wall_time": null}',
        b'{"wall_time": [1]}',
        b'{"memory": -1}',
        b'{"memory": 1}',
        b'{"memory": -Infinity}',
        b'{"memory": "16M"}',
        b'{"fuel": -5}',
        b'{"fuel": 0}',
        b'{"fuel": "7"}',
        b'{"max_output": -1}',
        b'{"max_output": 1.5}',
        b'{"max_files": "10"}',
        b'{"max_files_bytes": -1}',
        b'{"memory": NaN}',
        b'{"memory": 8388608.5}',
        b'{"fuel": 1.5}',
        b'{"fuel": NaN}',
        b'{"wall_time": true}',
        b'{"fuel": true}',
        b'{"max_output": false}',
    ],
)
def test_bad_limit_values_are_422(service: Service, api: Api, key: str, body: bytes) -> None:
    content = b'{"code": "1", "limits": ' + body + b"}"
    r = api.post(key, content=content, headers={"Content-Type": "application/json"})
    assert_error(r, 422, "bad_limits")
    api.still_serving_and_audited(key)


# -- quotas and load -------------------------------------------------------------------


def fire(n: int, send: Callable[[], httpx.Response]) -> list[httpx.Response]:
    """``n`` requests sent at the same moment from ``n`` threads."""
    barrier = threading.Barrier(n)

    def one() -> httpx.Response:
        barrier.wait()
        return send()

    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return [f.result() for f in [pool.submit(one) for _ in range(n)]]


def test_concurrent_runs_never_exceed_the_quota(service: Service, api: Api, key: str) -> None:
    tight = service.key(max_concurrent=2, requests_per_minute=1000)
    body = {"code": SLEEP.format(0.3), "limits": {"wall_time": WALL_CEILING}}
    answers = fire(20, lambda: api.post(tight, body))
    codes = [r.status_code for r in answers]
    assert set(codes) <= {200, 429}, codes
    assert codes.count(200) >= 1 and codes.count(429) >= 1, codes
    for r in answers:
        if r.status_code == 429:
            error = assert_error(r, 429, "quota_exceeded")
            assert "2 runs are already running" in error["message"]
            assert int(r.headers["Retry-After"]) >= 1
        else:
            assert r.json()["status"] == "ok"
    records = list(service.store.runs(tenant_id=service.tenant_id(tight), limit=1000))
    ran = [row for row in records if row["status"] != "refused"]
    assert len(ran) == codes.count(200) and all(row["status"] == "ok" for row in ran)
    assert len(records) - len(ran) == codes.count(429)
    # A record spans less than its run's slot, so no instant may be inside more than two.
    events = sorted(
        [(row["received_at"], 1) for row in ran] + [(row["finished_at"], -1) for row in ran]
    )
    running = peak = 0
    for _, step in events:  # at equal times the end (-1) sorts first
        running += step
        peak = max(peak, running)
    assert peak <= 2, events
    api.still_serving_and_audited(key)


def test_requests_per_minute_hold_under_a_burst(service: Service, api: Api, key: str) -> None:
    tight = service.key(max_concurrent=50, requests_per_minute=5)
    answers = fire(20, lambda: api.post(tight, {"code": "1"}))
    codes = [r.status_code for r in answers]
    assert codes.count(200) == 5 and codes.count(429) == 15, codes
    for r in answers:
        if r.status_code == 429:
            error = assert_error(r, 429, "quota_exceeded")
            assert "requests per minute" in error["message"]
            assert int(r.headers["Retry-After"]) >= 1
    statuses = [row["status"] for row in service.store.runs(tenant_id=service.tenant_id(tight))]
    assert statuses.count("ok") == 5 and statuses.count("refused") == 15
    api.still_serving_and_audited(key)


@pytest.fixture(scope="module")
def small_service(audit_database_url: str) -> Iterator[Service]:
    """One worker and a queue of one: the third concurrent run is one too many.

    Runs never give way here: on a busy machine a run that sleeps may use a
    millisecond of CPU first, and its successor would start on a spare worker.
    """
    settings = ServiceSettings(workers=1, max_queue=1, body_timeout=BODY_TIMEOUT, yield_after=None)
    with serving(audit_database_url, settings) as s:
        yield s


def _wait_for(what: str, condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)  # polling the pool's state; it has no event to wait on


def test_overload_is_503_with_retry_after(small_service: Service) -> None:
    api = Api(small_service)
    key = small_service.key(max_concurrent=10)
    # Long enough for two more requests to be sent, queued and refused on a loaded machine.
    slow = {"code": SLEEP.format(1.5), "limits": {"wall_time": WALL_CEILING}}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        running = pool.submit(api.post, key, slow)
        _wait_for("the first run to start", lambda: small_service.pool.worker_of(0).busy)
        waiting = pool.submit(api.post, key, slow)
        _wait_for("the second run to queue", lambda: small_service.pool.queue_depth == 1)
        r = api.post(key, {"code": "1"})
        error = assert_error(r, 503, "overloaded")
        assert "waiting" in error["message"] and int(r.headers["Retry-After"]) >= 1
        assert [f.result().json()["status"] for f in (running, waiting)] == ["ok", "ok"]
    refused = list(
        small_service.store.runs(tenant_id=small_service.tenant_id(key), status="refused")
    )
    assert len(refused) == 1 and "overloaded" in refused[0]["error"]
    # The refused run had its slot already: given back, as the two others' were.
    tenant = small_service.store.tenant_for_key(key)
    assert small_service.app.state.wasmbox["quotas"].usage(tenant)["active"] == 0
    api.still_serving_and_audited(key)


def test_long_runs_that_gave_way_do_not_hold_up_short_ones(service: Service) -> None:
    """Two workers' worth of busy loops: another tenant's short run still starts at once."""
    api = Api(service)
    # The busy loops outlast everything below by seconds, however busy the machine: the
    # short run is answered while they still run, so it did not wait for them.
    hog, other = service.key(max_concurrent=10, max_wall_time=5), service.key()
    busy = {"code": "while True: pass", "limits": {"wall_time": 5}}
    pool = service.pool
    assert pool.settings.spare_workers == 2  # the default: as many as workers
    slots = range(pool.settings.workers + pool.settings.spare_workers)
    with concurrent.futures.ThreadPoolExecutor(2) as threads:
        hogs = [threads.submit(api.post, hog, busy) for _ in range(2)]
        _wait_for(
            "both busy loops to give way",
            lambda: sum(pool.worker_of(i).yielded for i in slots) == 2,
        )
        scraped = httpx.get(service.url + "/metrics").text
        assert 'wasmbox_workers_busy{state="given_way"} 2.0' in scraped
        given_way = re.search(r"^wasmbox_runs_given_way_total (\S+)$", scraped, re.M)
        assert given_way is not None and float(given_way.group(1)) >= 2
        r = api.post(other, {"code": "6 * 7"})
        assert r.status_code == 200 and r.json()["value"] == 42, r.text
        assert not any(h.done() for h in hogs), "the short run waited for the busy loops"
        assert [h.result().json()["status"] for h in hogs] == ["timeout", "timeout"]
    api.still_serving_and_audited(other)


# -- hostile guests --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "statuses"),
    [
        ("while True: pass", {"timeout", "cpu_limit"}),
        ("x = []\nwhile True: x.append(bytearray(1 << 16))", {"memory_limit"}),
        ("b = bytearray(1 << 40)", {"error", "memory_limit"}),  # OverflowError on wasm32
        ("while True: print('flood' * 100)", {"output_limit"}),
        ("import os\nos._exit(3)", {"error"}),
        ("import sys\nsys.exit(3)", {"error"}),
        # The traceback of a RecursionError is long: with 16 KiB of output it may not fit.
        ("def f(n): return f(n + 1)\nf(0)", {"error", "output_limit"}),
        ("eval('(' * 100000 + ')' * 100000)", {"error", "memory_limit", "timeout"}),
        ("import gc\nx = [[i] for i in range(10**7)]", {"memory_limit", "timeout", "cpu_limit"}),
        ("raise KeyboardInterrupt", {"error"}),
        ("s = 'a'\nwhile True: s += s", {"memory_limit"}),
    ],
)
def test_hostile_guests_are_200s_with_a_status(
    service: Service, api: Api, key: str, code: str, statuses: set[str]
) -> None:
    limits = {"wall_time": 1, "memory": 8 * MiB, "max_output": 16 << 10}
    r = api.post(key, {"code": code, "limits": limits})
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["status"] in statuses, result
    assert result["ok"] is False and result["error"]["summary"]
    if result["status"] == "output_limit":
        assert result["truncated"] is True
        kept = len(result["stdout"].encode()) + len(result["stderr"].encode())
        assert 0 < kept <= 16 << 10
    record = service.store.run(result["id"])
    assert record is not None and record["status"] == result["status"]
    api.still_serving_and_audited(key)


def test_text_utf_8_cannot_hold_is_answered_and_recorded_not_a_500(
    service: Service, api: Api, key: str
) -> None:
    # A file the guest named with bytes that are not UTF-8: the answer could not be
    # encoded, and the service answered 500 for a run that had run.
    r = api.post(key, {"code": "open(b'bad\\xff.txt', 'w').write('x')\nprint('done')"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["status"] == "ok" and result["stdout"] == "done\n"
    assert result["files"] == {"bad\udcff.txt": "x"}
    record = service.store.run(result["id"])
    assert record is not None and record["status"] == "ok"
    # A grade's expected output that is not text: refused before it runs (it ran, then
    # its answer failed, and its finished record was overwritten as refused).
    body = {"code": "print(1)", "cases": [{"expected_stdout": "\ud800"}]}
    sent = json.dumps(body)  # escaped as \\ud800: httpx would not encode it
    r = api.post(key, content=sent, headers={"Content-Type": "application/json"}, path="/v1/grade")
    assert_error(r, 422, "bad_request")
    api.still_serving_and_audited(key)


def test_without_a_ceiling_of_its_own_a_tenant_may_ask_up_to_the_services_default(
    audit_database_url: str,
) -> None:
    # An operator who raised a default limit (or turned fuel off) keeps it for every tenant.
    settings = ServiceSettings(workers=1, limits=Limits(max_output=4 << 20, fuel=None))
    with serving(audit_database_url, settings) as service:
        api = Api(service)
        key = service.key()
        for limits in ({"max_output": 4 << 20}, {"fuel": None}, {"fuel": 10**12}):
            r = api.post(key, {"code": "print(1)", "limits": limits})
            assert r.status_code == 200 and r.json()["status"] == "ok", (limits, r.text)
        r = api.post(key, {"code": "1", "limits": {"max_output": (4 << 20) + 1}})
        error = assert_error(r, 422, "above_ceiling")
        assert error["message"] == "limits.max_output is above your ceiling of 4194304"
        # A ceiling the operator gives the tenant holds, null fuel included.
        capped = service.key(max_fuel=10**9)
        assert_error(
            api.post(capped, {"code": "1", "limits": {"fuel": None}}), 422, "above_ceiling"
        )
        r = api.post(capped, {"code": "print(1)"})  # and the default is lowered to fit it
        assert r.status_code == 200 and r.json()["status"] == "ok", r.text
        record = service.store.run(r.json()["id"])
        assert record is not None and record["limits"]["fuel"] == 10**9
        api.still_serving_and_audited(key)
