"""The service's one audit writer: group commit from the event loop to the database.

Every request's record is written *before* it runs and completed after, so a
write sits on the path of every request. Each request hands its row to the
one writer and awaits the commit that holds it; rows that arrive while a
commit is being prepared go in the same transaction, so under load one
commit carries many records and the writer never becomes a queue of its own.

Where the writer runs depends on the database. SQLite is a local file: a WAL
commit of a batch takes tens of microseconds, less than handing the batch to
a thread and back (two wake-ups, and a GIL hand-off each way), so the batch
is written on the event loop itself, once per loop iteration. A network
database (PostgreSQL) can stall for as long as the network does, so there one
thread owns the writes and the loop only waits for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Mapping
from typing import Any

from ..result import RunResult
from .store import AuditUnavailable, Store, begin_values, fail_values, finish_values

__all__ = ["AuditLog"]

#: Seconds between commits on the event loop under load, at most one per this
#: (SQLite), so that a commit carries every record that arrived meanwhile. A
#: commit costs about as much as writing five records; at 1,500 runs/s a
#: 1.2 ms window gathers about four a commit. A wider one saves a little more
#: CPU but adds its width to both of a run's writes (2.5 ms: p50 at 1,500/s
#: 9 ms, against 5 to 6 ms). A request arriving alone is committed at once.
_MIN_COMMIT_INTERVAL = 0.0012
#: Seconds between WAL checkpoints off the event loop (SQLite).
_CHECKPOINT_INTERVAL = 0.5

log = logging.getLogger("wasmbox.server")
_Item = tuple[
    str, dict[str, Any], "asyncio.Future[None] | None", "asyncio.AbstractEventLoop | None"
]


class AuditLog:
    """Batched, awaited writes to a :class:`Store`; start with :meth:`start`."""

    def __init__(
        self,
        store: Store,
        *,
        redact_code: bool = False,
        max_batch: int = 512,
        on_loop: bool | None = None,
    ) -> None:
        """``on_loop``: write on the event loop (default: for SQLite) rather than a thread."""
        self.store = store
        self.redact_code = redact_code
        self.max_batch = max_batch
        self.on_loop = store.engine.dialect.name == "sqlite" if on_loop is None else on_loop
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._pending: list[_Item] = []
        self._last_flush = 0.0
        self._last_batch = 0
        self._started = False
        self._checkpointer: threading.Thread | None = None
        self._stopping = threading.Event()
        self.batches = 0
        self.written = 0

    def start(self) -> None:
        self._started = True
        sqlite = self.store.engine.dialect.name == "sqlite"
        if self.on_loop and sqlite and self._checkpointer is None:
            # The commits happen on the event loop; the WAL's copying into the
            # database (and its fsync) happens here instead (Store.defer_checkpoints).
            self.store.defer_checkpoints()
            self._stopping.clear()
            self._checkpointer = threading.Thread(
                target=self._checkpoints, name="wasmbox-checkpoint", daemon=True
            )
            self._checkpointer.start()
        if self._thread is None and not self.on_loop:
            self._thread = threading.Thread(target=self._loop, name="wasmbox-audit", daemon=True)
            self._thread.start()

    async def begin(self, *, redact: bool = False, **record: Any) -> str:
        """Write a request's record (see :func:`begin_values`); returns its run id.

        ``redact``: keep only the code's SHA-256 for this record, whatever the setting.

        Raises:
            AuditUnavailable: it could not be written: the request must be refused.
        """
        values = begin_values(redact_code=redact or self.redact_code, **record)
        await self._submit("insert", values)
        return str(values["id"])

    async def finish(self, run_id: str, result: RunResult | Mapping[str, Any]) -> None:
        await self._submit("finish", finish_values(run_id, result))

    async def fail(self, run_id: str, status: str, error: str) -> None:
        await self._submit("finish", fail_values(run_id, status, error))

    async def done(self, run_id: str, note: str) -> None:
        """Complete the record of a request that ran no code (a session opened, reset, closed)."""
        await self._submit("finish", fail_values(run_id, "ok", note))

    async def _submit(self, kind: str, values: dict[str, Any]) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        if self.on_loop:
            if not self._started:
                raise AuditUnavailable("the audit writer is not running")
            if not self._pending:
                # Right away when requests come one at a time; under load (the last
                # batch held several) at most one commit per millisecond, so a
                # batch carries whatever arrived meanwhile.
                wait = self._last_flush + _MIN_COMMIT_INTERVAL - loop.time()
                if wait > 0 and self._last_batch > 1:
                    loop.call_later(wait, self._flush)
                else:
                    loop.call_soon(self._flush)
            self._pending.append((kind, values, future, loop))
        else:
            if self._thread is None or not self._thread.is_alive():
                raise AuditUnavailable("the audit writer is not running")
            self._queue.put((kind, values, future, loop))
        await future

    def _flush(self) -> None:
        """Write everything submitted since the last flush, in one transaction."""
        batch, self._pending = self._pending, []
        if not batch:
            return
        self._last_flush = asyncio.get_running_loop().time()
        self._last_batch = len(batch)
        self._write(batch, direct=True)

    def _checkpoints(self) -> None:
        while not self._stopping.wait(_CHECKPOINT_INTERVAL):
            try:
                self.store.checkpoint()
            except Exception:  # the next one tries again; writes go on meanwhile
                log.exception("audit checkpoint failed", extra={"event": "audit_error"})

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            stop = False
            while len(batch) < self.max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            self._write(batch)
            if stop:
                return

    def _write(self, batch: list[_Item], *, direct: bool = False) -> None:
        error = self._write_rows(batch)
        errors = [error] * len(batch)
        if error is not None and _data_error(error):
            # One row the database cannot take (text with a NUL, or a lone surrogate)
            # failed the whole transaction, and with it every other request whose row
            # shared it, whoever's: each is written again on its own, its text made
            # storable, and only a row that still fails fails its request. Not for an
            # outage or a lock: each row would wait for it again, on the event loop.
            errors = []
            for n, item in enumerate(batch):
                errors.append(self._write_rows([item], clean=True))
                if errors[-1] is not None and not _data_error(errors[-1]):
                    errors += [errors[-1]] * (len(batch) - n - 1)
                    break
        if direct:  # on the loop itself: settle the futures now
            _settle([(f, e) for (_, _, f, _), e in zip(batch, errors, strict=True) if f])
            return
        by_loop: dict[asyncio.AbstractEventLoop, list[_Outcome]] = {}
        for (_, _, future, loop), each in zip(batch, errors, strict=True):
            if future is not None and loop is not None:
                by_loop.setdefault(loop, []).append((future, each))
        for loop, outcomes in by_loop.items():
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting
                loop.call_soon_threadsafe(_settle, outcomes)

    def _write_rows(self, batch: list[_Item], *, clean: bool = False) -> BaseException | None:
        """Write ``batch`` in one transaction; the error if nothing was written."""
        tidy = _storable if clean else _as_is
        inserts = [tidy(values) for kind, values, _, _ in batch if kind == "insert"]
        finishes = [tidy(values) for kind, values, _, _ in batch if kind == "finish"]
        try:
            self.store.write(inserts=inserts, finishes=finishes)
        except AuditUnavailable as exc:
            log.error("audit write failed", extra={"event": "audit_error", "error": str(exc)})
            return exc
        except Exception as exc:  # never let the writer thread die: callers would hang
            log.exception("audit write failed", extra={"event": "audit_error"})
            failed = AuditUnavailable(f"cannot write the audit log: {exc!r}")
            failed.__cause__ = exc
            return failed
        self.batches += 1
        self.written += len(batch)
        return None

    def close(self, timeout: float = 30.0) -> None:
        """Write what is queued, then stop the writer thread."""
        if self._pending:
            self._flush()
        self._started = False
        self._stopping.set()
        if self._checkpointer is not None:
            self._checkpointer.join(timeout)
            self._checkpointer = None
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None


_Outcome = tuple[asyncio.Future[None], BaseException | None]


def _settle(outcomes: list[_Outcome]) -> None:
    for future, error in outcomes:
        if future.done():
            continue
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)


def _data_error(error: BaseException) -> bool:
    """Whether a failed write was refused for what a row holds, not for the database's state.

    Text a driver cannot send: sqlite3 fails to encode a lone surrogate
    (UnicodeEncodeError), psycopg refuses a NUL (``DataError``).
    """
    cause = error.__cause__
    if isinstance(cause, UnicodeError | ValueError):
        return True
    return cause is not None and any(k.__name__ == "DataError" for k in type(cause).__mro__)


def _as_is(values: Mapping[str, Any]) -> Mapping[str, Any]:
    return values


def _storable(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with text every database takes: no NUL (PostgreSQL refuses it), no lone
    surrogate (UTF-8 cannot hold one); each becomes U+FFFD."""
    return {k: _text(v) if isinstance(v, str) else v for k, v in values.items()}


def _text(text: str) -> str:
    if text.isascii() and "\x00" not in text:
        return text
    return (
        text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").replace("\x00", "\ufffd")
    )
