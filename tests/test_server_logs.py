"""The service's JSON log lines: their shape, and when they reach the stream."""

from __future__ import annotations

import io
import json
import logging
import time

from wasmbox.server.logs import BufferedLines, JsonFormatter


def _logger(stream: io.StringIO, interval: float) -> tuple[logging.Logger, BufferedLines]:
    handler = BufferedLines(stream, interval=interval)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger(f"wasmbox.test.{id(stream)}")
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    return log, handler


def test_info_lines_wait_for_the_interval_and_come_whole() -> None:
    stream = io.StringIO()
    log, handler = _logger(stream, interval=0.2)
    try:
        for n in range(3):
            log.info("run", extra={"event": "run", "run_id": f"run_{n}", "duration_ms": 0.5})
        assert stream.getvalue() == ""  # gathered, not a write per line
        deadline = time.monotonic() + 5
        while stream.getvalue().count("\n") < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        assert [line["run_id"] for line in lines] == ["run_0", "run_1", "run_2"]
        assert {"ts", "level", "logger", "msg", "event"} <= set(lines[0])
        assert lines[0]["ts"].endswith("Z") and lines[0]["level"] == "INFO"
    finally:
        handler.close()


def test_a_warning_is_written_at_once_with_what_came_before() -> None:
    stream = io.StringIO()
    log, handler = _logger(stream, interval=60)
    try:
        log.info("first")
        log.warning("alert", extra={"event": "alert", "tenant": "t"})
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        assert [line["msg"] for line in lines] == ["first", "alert"]
        assert lines[1]["tenant"] == "t"
    finally:
        handler.close()


def test_closing_writes_what_is_left_and_many_lines_do_not_wait() -> None:
    stream = io.StringIO()
    log, handler = _logger(stream, interval=60)
    log.info("x" * 1000)
    assert stream.getvalue() == ""
    for _ in range(100):  # 100 KB gathered: over the size that forces a write
        log.info("y" * 1000)
    assert stream.getvalue().count("\n") >= 60
    handler.close()
    assert stream.getvalue().count("\n") == 101
