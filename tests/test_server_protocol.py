"""The service's HTTP protocol: a response's writes leave as one, in order, before a close."""

from __future__ import annotations

import asyncio
import socket

import httpx

from services import serve_asgi
from wasmbox.server.protocol import CoalescingTransport


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
    # Everything else is the wrapped transport's own.
    transport = CoalescingTransport(recorder, asyncio.new_event_loop())
    assert transport.is_closing() and transport.get_extra_info("peername") == ("127.0.0.1", 1)


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
