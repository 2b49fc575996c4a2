"""uvicorn's HTTP protocol, with each response leaving the process in one write.

uvicorn writes a response's status line and headers when the app sends
``http.response.start`` and its body when it sends ``http.response.body``:
two system calls, and two segments the client is woken for. A run's answer
is a few hundred bytes sent in one go, and on the service's hot path, where
each system call and each wake-up of a process on another core costs tens of
microseconds of CPU, that second write is a measurable part of a request.

So the connection's transport gathers what is written during one callback of
the event loop and hands it on as one write at the end of that callback's
turn (``loop.call_soon``), or at once when 64 KiB are waiting: a body sent in
many chunks without a pause still reaches the real transport, whose buffer
limit is what makes uvicorn's ``send`` wait (flow control). Order is kept and
nothing waits for more data. An error the real transport raises on a write
surfaces in the loop's callback (logged), no longer in the app's ``send``.

It also keeps slow clients from holding connections for ever, which uvicorn
lets them do: a connection whose request headers are not all in within
``header_timeout`` (counted from the connection, or from a later request's
first byte) is answered 408 and closed, so a client that trickles its headers
(slowloris) or says nothing at all does not keep a socket; a request whose
headers run past ``max_header_bytes`` is answered 431 and closed, where uvicorn
and httptools kept every byte (200 MB of headers on one connection grew the
service by 240 MB); and a client that stops reading while its response is still
more than the transport buffers is dropped after ``write_timeout``, where
uvicorn's ``send`` would wait for it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["CoalescingTransport", "HttpProtocol", "http_protocol"]


#: Bytes gathered before they are handed on without waiting for the turn's end.
_MOST_PENDING = 64 << 10


class CoalescingTransport:
    """A transport whose writes made in one turn of the event loop go out together.

    Everything but the writing methods, :meth:`close` and
    :meth:`get_write_buffer_size` is the wrapped transport's own.
    """

    __slots__ = ("_loop", "_pending", "_size", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] | None = None
        self._size = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        chunk = bytes(data)  # the same object for bytes; others may change after this call
        if self._pending is None:
            self._pending = [chunk]
            self._size = len(chunk)
            self._loop.call_soon(self._flush_at_turn_end, self._pending)
        else:
            self._pending.append(chunk)
            self._size += len(chunk)
        if self._size >= _MOST_PENDING:
            self.flush()

    def writelines(self, chunks: Any) -> None:
        for chunk in chunks:
            self.write(chunk)

    def _flush_at_turn_end(self, pending: list[bytes]) -> None:
        if pending is self._pending:  # not already handed on (close, 64 KiB)
            self.flush()

    def flush(self) -> None:
        """Hand on what was written since the last flush, as one write."""
        pending, self._pending, self._size = self._pending, None, 0
        if not pending or self._transport.is_closing():
            return
        if len(pending) == 1:
            self._transport.write(pending[0])
        else:
            self._transport.writelines(pending)  # one writev on uvloop, no joined copy

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def get_write_buffer_size(self) -> int:
        return self._size + self._transport.get_write_buffer_size()

    def close(self) -> None:
        self.flush()  # a response written just before closing still leaves
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


#: Seconds a client has to send a request's headers, by default.
HEADER_TIMEOUT = 10.0
#: Seconds a client that has stopped reading may keep its response waiting, by default.
WRITE_TIMEOUT = 30.0
#: Bytes a request's line and headers may take, by default (nginx allows 32 KiB).
MAX_HEADER_BYTES = 64 << 10
#: Requests a client may send ahead while an earlier one on the connection still runs.
MAX_PIPELINED = 8


class _Stop(Exception):
    """Raised in a parser callback to stop parsing what a refused connection sent."""


_TOO_SLOW = (
    b'{"error": {"code": "header_timeout", "message": "the request headers did not arrive in '
    b'time"}}'
)
_TOO_LARGE = (
    b'{"error": {"code": "headers_too_large", "message": "the request line and headers are '
    b'over %d bytes"}}'
)


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol over a :class:`CoalescingTransport`, with deadlines
    for a request's headers and for a client that stops reading (see the module)."""

    header_timeout = HEADER_TIMEOUT
    write_timeout = WRITE_TIMEOUT
    max_header_bytes = MAX_HEADER_BYTES
    _header_timer: asyncio.TimerHandle | None = None
    _write_timer: asyncio.TimerHandle | None = None
    #: Between a request's first byte (or the connection) and its last header; and
    #: how many bytes came meanwhile.
    _in_headers = True
    _header_bytes = 0
    #: The parsed bytes of a request's line, headers and trailers (a chunked body's
    #: trailers are headers too, and come after the headers are done).
    _parsed_bytes = 0
    _refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        coalescing = CoalescingTransport(transport, self.loop)
        super().connection_made(coalescing)  # type: ignore[arg-type]
        self._raw = transport
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._in_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        # Counted in whole chunks: a chunk that ends the headers may bring body bytes
        # too, so only headers still unfinished after it are refused.
        if self._in_headers and self._header_bytes > self.max_header_bytes:
            self._refuse_too_large()

    def on_message_begin(self) -> None:
        if self._refused:
            raise _Stop
        super().on_message_begin()
        self._in_headers, self._header_bytes, self._parsed_bytes = True, 0, 0
        if self._header_timer is None:  # a later request on a kept-alive connection
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        # Trailers too: uvicorn kept every one (10 MB of them: 2 million tuples, 197 MB).
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._parsed_bytes += size
        if self._refused:
            raise _Stop
        if self._parsed_bytes > self.max_header_bytes:
            self._refuse_too_large()
            raise _Stop

    def on_headers_complete(self) -> None:
        self._in_headers = False
        self._cancel_header_timer()
        super().on_headers_complete()
        if len(self.pipeline) > MAX_PIPELINED:
            # Each queued request is a task-to-be and its buffers: one read of 256 KiB
            # queued ten thousand of them. A client that sends so far ahead is cut off.
            self._refused = True
            self._raw.abort()
            raise _Stop

    def on_response_complete(self) -> None:
        if not self.pipeline and self.cycle is not None and self.cycle.more_body:
            # Answered before its body came (a 401, a 413): the rest is not read, and a
            # byte now and then would keep the connection for ever. It is closed.
            self.transport.close()
        super().on_response_complete()
        if self.pipeline:  # uvicorn reads on: let the queue drain before more comes
            self.flow.pause_reading()

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_timer is None:
            self._write_timer = self.loop.call_later(self.write_timeout, self._not_reading)

    def resume_writing(self) -> None:
        if self._write_timer is not None:
            self._write_timer.cancel()
            self._write_timer = None
        super().resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        if self._write_timer is not None:
            self._write_timer.cancel()
            self._write_timer = None
        super().connection_lost(exc)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined request's headers come slowly while the one before still runs:
            # its answer must not be cut off by this one's 408. Looked at again later.
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)
            return
        self._refuse(408, b"Request Timeout", _TOO_SLOW)

    def _refuse_too_large(self) -> None:
        body = _TOO_LARGE % self.max_header_bytes
        self._refuse(431, b"Request Header Fields Too Large", body)

    def _refuse(self, status: int, reason: bytes, body: bytes) -> None:
        """Answer ``status`` with a JSON error and close: nothing more is read."""
        self._refused = True
        self._cancel_header_timer()
        if self.cycle is not None and not self.cycle.response_complete:
            self._raw.abort()  # an answer is under way: no room for this one
            return
        self.transport.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\n"
            b"connection: close\r\ncontent-length: %d\r\n\r\n%s" % (status, reason, len(body), body)
        )
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # not after this protocol's own answer
            super().send_400_response(msg)

    def _not_reading(self) -> None:
        self._write_timer = None
        self._raw.abort()  # close() would wait to flush what the client does not read


def http_protocol(
    *,
    header_timeout: float = HEADER_TIMEOUT,
    write_timeout: float = WRITE_TIMEOUT,
    max_header_bytes: int = MAX_HEADER_BYTES,
) -> type[HttpProtocol]:
    """:class:`HttpProtocol` with these limits (uvicorn takes a class)."""
    return type(
        "HttpProtocol",
        (HttpProtocol,),
        {
            "header_timeout": header_timeout,
            "write_timeout": write_timeout,
            "max_header_bytes": max_header_bytes,
        },
    )
