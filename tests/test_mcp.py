"""`wasmbox mcp` end to end, through the official MCP SDK's own client: stdio and streamable HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import anyio
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from services import free_port

SERVER = [sys.executable, "-m", "wasmbox.cli", "mcp", "--timeout", "1s", "--max-sessions", "2"]
ENV = {k: v for k, v in os.environ.items() if k.startswith(("WASMBOX", "PATH", "HOME", "XDG"))}


@asynccontextmanager
async def over_stdio() -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(command=SERVER[0], args=SERVER[1:], env=ENV)
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


@asynccontextmanager
async def over_http() -> AsyncIterator[ClientSession]:
    port = free_port()
    proc = subprocess.Popen(
        [*SERVER, "--http", f"127.0.0.1:{port}"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                await anyio.sleep(0.1)
        async with (
            streamable_http_client(f"http://127.0.0.1:{port}/mcp") as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            yield session
    finally:
        proc.terminate()
        proc.wait(10)


TRANSPORTS: dict[str, Callable[[], AbstractAsyncContextManager[ClientSession]]] = {
    "stdio": over_stdio,
    "http": over_http,
}


async def text(session: ClientSession, tool: str, args: dict[str, Any]) -> tuple[bool, str]:
    result = await session.call_tool(tool, args)
    return bool(result.is_error), "\n".join(getattr(c, "text", "") for c in result.content)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_tools_run_code_and_keep_sessions(transport: str) -> None:
    async def scenario() -> None:
        async with TRANSPORTS[transport]() as session:
            tools = {t.name: t for t in (await session.list_tools()).tools}
            assert set(tools) == {
                "run_python",
                "create_session",
                "reset_session",
                "close_session",
                "list_sessions",
            }
            description = tools["run_python"].description or ""
            assert "MicroPython" in description and "no network" in description
            assert await text(session, "run_python", {"code": "x = 6\nprint('hi')\nx * 7"}) == (
                False,
                "stdout:\nhi\n\nvalue: 42",
            )
            err, out = await text(session, "run_python", {"code": "n = 1\nn / 0"})
            assert not err and "ZeroDivisionError (line 2): division by zero" in out
            assert await text(session, "run_python", {"code": "t", "inputs": {"t": [1, 2]}}) == (
                False,
                "value: [1, 2]",
            )
            sid = (await text(session, "create_session", {}))[1]
            await text(session, "run_python", {"code": "n = 41", "session_id": sid})
            assert await text(session, "run_python", {"code": "n + 1", "session_id": sid}) == (
                False,
                "value: 42",
            )
            assert sid in (await text(session, "list_sessions", {}))[1]
            await text(session, "reset_session", {"session_id": sid})
            err, out = await text(session, "run_python", {"code": "n", "session_id": sid})
            assert "NameError" in out
            assert (await text(session, "close_session", {"session_id": sid}))[0] is False
            err, out = await text(session, "run_python", {"code": "1", "session_id": sid})
            assert err and "no session" in out

    anyio.run(scenario)


LIMITS = {
    "timeout": ("while True:\n    pass", "error (timeout): Time limit exceeded"),
    # bytearrays: building strings of 'a' costs the guest about 150 instructions a byte,
    # so filling the 28 MiB heap with them took 0.6 s, and under CI's load more than the
    # server's 1 s (a timeout, not the memory limit). Zeroed bytes fill it in 0.1 s.
    "memory": ("x = []\nwhile True:\n    x.append(bytearray(1 << 20))", "error (memory_limit)"),
    "output": ("while True:\n    print('x' * 1000)", "error (output_limit)"),
    "recursion": ("def f(n):\n    return f(n + 1)\nf(0)", "RecursionError"),
    "missing module": ("import numpy", "hint:"),
}


def test_limits_read_as_the_model_sees_them() -> None:
    async def scenario() -> None:
        async with over_stdio() as session:
            for code, needle in LIMITS.values():
                err, out = await text(session, "run_python", {"code": code})
                assert not err and needle in out, (code, out)
                assert len(out) < 12000
            # The server is still fine after all of it.
            assert await text(session, "run_python", {"code": "2 + 2"}) == (False, "value: 4")

    anyio.run(scenario)


def nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"code": 5},
        {"code": "1", "inputs": "not an object"},
        {"code": "1", "inputs": {"__x": 1}},
        {"code": "1", "session_id": 7},
        {"code": "1", "session_id": "nope"},
        # Refused by the sandbox, not the argument parser: came back as plain text.
        {"code": "1", "inputs": {"x": nested(150)}},
    ],
)
def test_malformed_arguments_are_tool_errors(args: dict[str, Any]) -> None:
    async def scenario() -> None:
        async with over_stdio() as session:
            err, out = await text(session, "run_python", args)
            assert err and out
            assert await text(session, "run_python", {"code": "1"}) == (False, "value: 1")

    anyio.run(scenario)


def test_session_cap() -> None:
    async def scenario() -> None:
        async with over_stdio() as session:
            for _ in range(2):
                assert not (await text(session, "create_session", {}))[0]
            err, out = await text(session, "create_session", {})
            assert err and "sessions are open" in out

    anyio.run(scenario)


def test_a_call_chooses_its_engine() -> None:
    @asynccontextmanager
    async def two_engines() -> AsyncIterator[ClientSession]:
        # Not a test of timeouts: `import numpy` in CPython takes 0.2-0.3 s, too close to
        # the other tests' 1 s on a loaded machine.
        args = [*SERVER[1:], "--engine", "micropython,cpython,auto", "--timeout", "10s"]
        params = StdioServerParameters(command=SERVER[0], args=args, env=ENV)
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            yield session

    async def scenario() -> None:
        async with two_engines() as session:
            tools = {t.name: t for t in (await session.list_tools()).tools}
            assert "engine" in tools["run_python"].input_schema["properties"]
            assert "'cpython' is CPython 3.15" in (tools["run_python"].description or "")
            code = "import sys\nsys.implementation.name"
            assert await text(session, "run_python", {"code": code}) == (
                False,
                'value: "micropython"',
            )
            assert await text(session, "run_python", {"code": code, "engine": "cpython"}) == (
                False,
                'value: "cpython"',
            )
            numpy = "import numpy as np\nint(np.ones(3).sum())"
            assert await text(session, "run_python", {"code": numpy, "engine": "auto"}) == (
                False,
                "value: 3",
            )
            err, out = await text(session, "run_python", {"code": "1", "engine": "pypy"})
            assert err and "engine is one of" in out
            sid = (await text(session, "create_session", {"engine": "cpython"}))[1]
            await text(session, "run_python", {"code": "import numpy as np", "session_id": sid})
            assert await text(
                session, "run_python", {"code": "int(np.arange(4).sum())", "session_id": sid}
            ) == (False, "value: 6")
            err, out = await text(session, "create_session", {"engine": "auto"})
            assert err and "one interpreter" in out

    anyio.run(scenario)


def test_closing_a_busy_session_holds_up_no_other_call() -> None:
    # close_session waited, on the event loop, for the call running in the session to
    # end (up to its time limit): every other request of the server waited with it.
    slow = [*SERVER[:4], "--timeout", "4s", "--max-sessions", "2"]

    async def scenario() -> None:
        params = StdioServerParameters(command=slow[0], args=slow[1:], env=ENV)
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            sid = (await text(session, "create_session", {}))[1]
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(
                    text, session, "run_python", {"code": "while True: pass", "session_id": sid}
                )
                await anyio.sleep(0.5)
                tasks.start_soon(text, session, "close_session", {"session_id": sid})
                await anyio.sleep(0.2)
                started = time.monotonic()
                assert await text(session, "run_python", {"code": "6 * 7"}) == (False, "value: 42")
                assert time.monotonic() - started < 1.5  # the busy call had 3 s left
            assert "no sessions" in (await text(session, "list_sessions", {}))[1]

    anyio.run(scenario)
