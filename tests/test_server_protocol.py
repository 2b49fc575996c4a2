"""The service's HTTP protocol: a response's writes leave as one, in order, before a close."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx
import pytest
import uvicorn
import uvicorn.server

from services import serve_asgi
from wasmbox import cli
from wasmbox.server import logs
from wasmbox.server.protocol import CoalescingTransport, HttpProtocol, http_protocol


class _Recorder(asyncio.Transport):
    """A transport that records what reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: object = None) -> object:
        return {"peername": ("127.0.0.1", 1)}.get(name, default)


def test_writes_in_one_turn_leave_as_one_write_in_order() -> None:
    async def scenario() -> list[bytes]:
        recorder = _Recorder()
        transport = CoalescingTransport(recorder, asyncio.get_running_loop())
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        transport.write(bytearray(b"{}"))
        assert recorder.writes == []  # nothing yet: the turn is not over
        await asyncio.sleep(0)
        transport.write(b"next")  # a later turn: a write of its own
        await asyncio.sleep(0)
        return recorder.writes

    assert asyncio.run(scenario()) == [
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}",
        b"next",
    ]


def test_close_sends_what_was_written_first_and_nothing_goes_to_a_closed_transport() -> None:
    async def scenario() -> _Recorder:
        recorder = _Recorder()
        transport = CoalescingTransport(recorder, asyncio.get_running_loop())
        transport.write(b"bye")
        transport.close()
        transport.write(b"too late")
        await asyncio.sleep(0)
        return recorder

    recorder = asyncio.run(scenario())
    assert recorder.writes == [b"bye"] and recorder.closed


def test_a_long_burst_is_handed_on_without_waiting_for_the_turns_end() -> None:
    # The real transport's buffer limit is what makes uvicorn's send() wait: a body
    # sent in many chunks without a pause must reach it, not pile up here.
    async def scenario() -> tuple[list[bytes], int]:
        recorder = _Recorder()
        transport = CoalescingTransport(recorder, asyncio.get_running_loop())
        for _ in range(100):
            transport.write(b"x" * 1024)
        waiting = transport.get_write_buffer_size()
        await asyncio.sleep(0)
        return recorder.writes, waiting

    writes, waiting = asyncio.run(scenario())
    assert b"".join(writes) == b"x" * 102_400
    assert len(writes) == 2 and len(writes[0]) == 64 << 10  # the rest at the turn's end
    assert waiting == 102_400 - (64 << 10)  # what is not yet handed on counts as buffered


def test_everything_else_is_the_wrapped_transports_own() -> None:
    recorder = _Recorder()
    transport = CoalescingTransport(recorder, None)  # type: ignore[arg-type]
    recorder.close()
    assert transport.is_closing() and transport.get_extra_info("peername") == ("127.0.0.1", 1)


def test_uvicorns_response_to_a_request_is_one_write() -> None:
    # uvicorn writes the status line and headers, then the body: through this protocol
    # they reach the socket's transport as one write.
    async def scenario() -> list[bytes]:
        recorder = _Recorder()
        config = uvicorn.Config(_app, http=HttpProtocol, lifespan="off")
        config.load()
        protocol = HttpProtocol(config, uvicorn.server.ServerState(), app_state={})
        protocol.connection_made(recorder)
        protocol.data_received(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        for _ in range(10):  # the app's task, then the flush at its turn's end
            await asyncio.sleep(0)
        protocol.connection_lost(None)
        return recorder.writes

    writes = asyncio.run(scenario())
    assert len(writes) == 1, writes
    assert writes[0].startswith(b"HTTP/1.1 200 OK\r\n") and writes[0].endswith(b'{"ok":true}')


def test_a_pipelined_requests_slow_headers_never_cut_off_the_answer_before_it() -> None:
    # The request before is still running when the next one's headers are overdue: its
    # answer must come out whole, and only then may the slow one be told 408.
    release = asyncio.Event()

    async def slow_app(scope: dict[str, object], receive: object, send: object) -> None:
        await release.wait()
        await _app(scope, receive, send)

    async def scenario() -> tuple[list[bytes], bool]:
        recorder = _Recorder()
        config = uvicorn.Config(slow_app, http=HttpProtocol, lifespan="off")
        config.load()
        fast = http_protocol(header_timeout=0.05)
        protocol = fast(config, uvicorn.server.ServerState(), app_state={})
        protocol.connection_made(recorder)
        protocol.data_received(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHo")
        await asyncio.sleep(0.2)  # the second's headers are overdue; the first still runs
        assert recorder.writes == [] and not recorder.closed
        release.set()
        for _ in range(10):
            await asyncio.sleep(0)
        answered = list(recorder.writes)
        await asyncio.sleep(0.2)  # looked at again: now the slow one is refused
        return [*answered, *recorder.writes[len(answered) :]], recorder.closed

    writes, closed = asyncio.run(scenario())
    assert writes[0].startswith(b"HTTP/1.1 200 OK") and writes[0].endswith(b'{"ok":true}')
    assert writes[-1].startswith(b"HTTP/1.1 408 Request Timeout") and closed


def test_wasmbox_serve_runs_uvicorn_with_this_protocol(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs))
    # Nothing else of serving may reach this test process: its signals, its logging.
    monkeypatch.setattr(cli.signal, "signal", lambda *args: None)
    monkeypatch.setattr(logs, "configure_logging", lambda level: None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wasmbox.toml").write_text(
        '[service]\nheader_timeout = "3s"\nwrite_timeout = "7s"\nmax_header_bytes = "8K"\n'
    )
    args = ["serve", "--database-url", f"sqlite:///{tmp_path}/audit.db", "--config", "wasmbox.toml"]
    assert cli.main(args) == 0
    protocol = seen["http"]
    assert isinstance(protocol, type) and issubclass(protocol, HttpProtocol)
    # With the service's own deadlines for slow clients.
    assert (protocol.header_timeout, protocol.write_timeout) == (3.0, 7.0)
    assert protocol.max_header_bytes == 8 << 10


async def _app(scope: dict[str, object], receive: object, send: object) -> None:
    assert scope["type"] in ("http", "lifespan")
    if scope["type"] == "lifespan":
        return
    body = b'{"ok":true}'
    headers = [(b"content-type", b"application/json"), (b"content-length", b"11")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": body})  # type: ignore[operator]


def test_a_real_server_answers_whole_responses_on_kept_alive_connections() -> None:
    with serve_asgi(_app) as url, httpx.Client(base_url=url) as client:
        for _ in range(20):
            r = client.get("/")
            assert r.status_code == 200 and r.json() == {"ok": True}
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" * 2)  # two pipelined requests
            data = b""
            while data.count(b'{"ok":true}') < 2:
                chunk = raw.recv(4096)
                assert chunk, data
                data += chunk
        assert data.count(b"HTTP/1.1 200 OK") == 2
