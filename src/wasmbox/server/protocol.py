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
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["CoalescingTransport", "HttpProtocol"]


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


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol over a :class:`CoalescingTransport`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        coalescing = CoalescingTransport(transport, self.loop)
        super().connection_made(coalescing)  # type: ignore[arg-type]
