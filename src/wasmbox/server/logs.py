"""Structured logs: one JSON object per line, on stderr.

An incident responder greps and parses these, so every line carries the same
keys (``ts``, ``level``, ``logger``, ``msg``) plus whatever the call site put
in ``extra`` (``event``, ``tenant``, ``run_id``, ``status``...).

The service logs a line per run, so at full load a write per line would be
a system call per request on the busiest thread. Lines below WARNING are
therefore gathered and written together at most every :data:`FLUSH_INTERVAL`
seconds (or when 64 KiB are waiting); a WARNING or worse is written at once,
with everything before it. A SIGKILL can lose the last fraction of a second
of INFO lines; the audit log, written before every run, is the record of
what ran.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from typing import Any, TextIO

__all__ = ["FLUSH_INTERVAL", "BufferedLines", "JsonFormatter", "configure_logging"]

#: Seconds an INFO line may wait before it is written.
FLUSH_INTERVAL = 0.2
#: Characters gathered before they are written regardless of the interval.
_FLUSH_SIZE = 64 << 10

#: Attributes every LogRecord has; anything else on a record came from ``extra``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",  # uvicorn's copy of msg with terminal colours
}
_encode = json.JSONEncoder(default=str, separators=(",", ":")).encode


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON."""

    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._stamp = ""

    def format(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        if second != self._second:  # strftime once a second, not once a line
            self._second = second
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        data: dict[str, Any] = {
            "ts": f"{self._stamp}.{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return _encode(data)


class BufferedLines(logging.Handler):
    """Writes formatted lines to ``stream`` in batches (see the module's docstring)."""

    def __init__(self, stream: TextIO, interval: float = FLUSH_INTERVAL) -> None:
        super().__init__()
        self.stream = stream
        self._lines: list[str] = []
        self._size = 0
        self._wake = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(interval,), name="wasmbox-log", daemon=True
        )
        self._thread.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        with self.lock:  # type: ignore[union-attr]  # created by Handler.__init__
            self._lines.append(line)
            self._size += len(line)
            urgent = record.levelno >= logging.WARNING or self._size >= _FLUSH_SIZE
        if urgent:
            self.flush()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            lines, self._lines, self._size = self._lines, [], 0
            if not lines:
                return
            try:
                self.stream.write("\n".join(lines) + "\n")
                self.stream.flush()
            except (OSError, ValueError):  # stderr closed or gone: nowhere left to log
                pass

    def _run(self, interval: float) -> None:
        while not self._wake.wait(interval):
            self.flush()

    def close(self) -> None:
        self._wake.set()
        self.flush()
        super().close()


def configure_logging(level: str = "INFO") -> None:
    """Send wasmbox's and uvicorn's logs to stderr as JSON lines (for the whole process:
    the service's and its workers', which log nothing else)."""
    handler = BufferedLines(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("wasmbox", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        for old in logger.handlers:
            old.close()
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False
    # One line per run comes from the service itself, with more in it than an access log.
    logging.getLogger("uvicorn.access").disabled = True
    # What JsonFormatter never writes, so never worth gathering: the caller's file and
    # line (a walk up the stack), the thread and the process (2 of a line's 12 us).
    logging._srcfile = None  # logging's documented switch for findCaller
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
