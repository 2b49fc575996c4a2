"""``wasmbox mcp``: a Model Context Protocol server that lets a model run Python safely.

Built on the official ``mcp`` SDK (v2, ``MCPServer``), over stdio (the
default, for desktop and IDE clients) or streamable HTTP. Tools:

* ``run_python(code, inputs?, session_id?, engine?)``: a fresh sandbox per
  call, or the named session; the model gets stdout, the last expression's
  value, or a short error with its line (:func:`wasmbox.llm.format_result`).
  ``engine`` chooses among the engines the server was given (``wasmbox mcp
  --engine micropython,cpython``); the first is the default.
* ``create_session(engine?)``, ``reset_session(session_id)``,
  ``close_session(session_id)``, ``list_sessions()``.

Each call runs on a worker thread (sandbox runs release the GIL), so the
server keeps answering while code runs; at most ``max_concurrent`` run at
once, the rest wait their turn (each may use its memory limit: calls at once
multiply it). Malformed arguments come back as a tool error the model can
read, never as a crash of the server.

One server is one trust domain: its sessions are shared by every client that
reaches it (over HTTP, any client can list, use and close any session). Serve
one user or one agent per server, on loopback or behind your own
authentication.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from typing import Any

import anyio.to_thread

from . import llm
from .errors import SessionClosedError, TooManySessionsError
from .sandbox import Sandbox
from .session import ResidentSession

__all__ = ["build_server"]


class _Sessions:
    """The sessions of one server, by an id the model uses."""

    def __init__(self, max_sessions: int, idle_timeout: float) -> None:
        self.max_sessions = max_sessions
        self.idle_timeout = idle_timeout
        self.by_id: dict[str, ResidentSession] = {}

    def create(self, sandbox: Sandbox) -> str:
        self.prune()
        if len(self.by_id) >= self.max_sessions:
            raise TooManySessionsError(
                f"{self.max_sessions} sessions are open; close one with close_session first"
            )
        session_id = "s-" + secrets.token_hex(4)
        self.by_id[session_id] = sandbox.session(idle_timeout=self.idle_timeout)
        return session_id

    def get(self, session_id: str) -> ResidentSession:
        session = self.by_id.get(session_id)
        if session is None:
            raise KeyError(f"no session {session_id!r}; create one with create_session")
        return session

    def prune(self) -> None:
        for key in [k for k, s in self.by_id.items() if not s.alive and s.ended == "idle"]:
            del self.by_id[key]


def build_server(
    sandbox: Sandbox,
    *,
    max_sessions: int = 8,
    idle_timeout: float = 600.0,
    mounts: list[str] | None = None,
    engines: Mapping[str, Sandbox] | None = None,
    max_concurrent: int | None = None,
) -> Any:
    """An ``MCPServer`` whose tools run code in ``sandbox``.

    ``engines`` are more sandboxes, by engine name, that a call may choose with
    its ``engine`` argument; ``sandbox`` (its own engine) is the default.
    ``max_concurrent``: calls that run code at once (default: the CPUs, at least
    2). Without a cap, 40 calls ran at once (anyio's default threads), each with
    its own memory limit: 16 calls of 256 MiB took the server to 2.8 GB.
    """
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError

    if max_concurrent is None:
        max_concurrent = max(2, os.cpu_count() or 2)
    limiter = anyio.CapacityLimiter(max_concurrent)

    offered = {sandbox.engine: sandbox, **(engines or {})}
    sessions = _Sessions(max_sessions, idle_timeout)
    description = llm.describe_sandbox(
        sandbox, sessions=True, mounts=mounts, engines=tuple(offered)
    )
    server = MCPServer(
        "wasmbox",
        instructions="Run Python safely: call run_python. " + description.split("\n")[1],
    )

    def choose(engine: str | None) -> Sandbox:
        if engine is None:
            return sandbox
        chosen = offered.get(engine) if isinstance(engine, str) else None
        if chosen is None:
            raise ToolError(
                f"bad arguments: engine is one of {', '.join(map(repr, offered))}, not {engine!r}"
            )
        return chosen

    def run(
        code: str, inputs: dict[str, Any] | None, session_id: str | None, engine: str | None
    ) -> str:
        try:
            args = {"code": code, "inputs": inputs or {}}
            if session_id is not None:
                args["session_id"] = session_id
            code, inputs, session_id = llm.parse_arguments(args)
        except llm.ToolArgumentError as exc:
            raise ToolError(f"bad arguments: {exc}") from exc
        if session_id is None:
            # Arguments the sandbox refuses (inputs nested too deep, say) are a tool
            # error, as on the session path, not text the model might take for a result.
            try:
                return llm.format_result(choose(engine).run(code, inputs=inputs or None))
            except ValueError as exc:  # ConfigError
                raise ToolError(f"bad arguments: {exc}") from exc
        if engine is not None:
            raise ToolError("bad arguments: a session keeps the engine it was created with")
        try:
            session = sessions.get(session_id)
            result = session.run(code, inputs=inputs or None)
        except (KeyError, SessionClosedError) as exc:
            raise ToolError(str(exc).strip('"')) from exc
        except ValueError as exc:  # ConfigError: bad inputs, a call already running
            raise ToolError(str(exc)) from exc
        text = llm.format_result(result)
        if not session.alive:
            text += (
                f"\n(the session ended: {session.ended}; reset_session({session_id!r}) "
                "starts it again)"
            )
        return text

    @server.tool(name=llm.RUN_PYTHON, description=description)
    async def run_python(
        code: str,
        inputs: dict[str, Any] | None = None,
        session_id: str | None = None,
        engine: str | None = None,
    ) -> str:
        return await anyio.to_thread.run_sync(
            run, code, inputs, session_id, engine, limiter=limiter
        )

    #: A session needs one interpreter: with auto first, the first engine that is one.
    session_default = next((s for s in offered.values() if s.engine != "auto"), sandbox)

    @server.tool(description="Start a session: variables, imports and files persist across calls.")
    async def create_session(engine: str | None = None) -> str:
        chosen = choose(engine) if engine is not None else session_default
        if chosen.engine == "auto":
            raise ToolError("a session needs one interpreter: engine 'micropython' or 'cpython'")
        try:
            return await anyio.to_thread.run_sync(sessions.create, chosen, limiter=limiter)
        except TooManySessionsError as exc:
            raise ToolError(str(exc)) from exc

    @server.tool(description="Throw a session's state away and start it fresh.")
    async def reset_session(session_id: str) -> str:
        try:
            await anyio.to_thread.run_sync(
                lambda: sessions.get(session_id).reset(), limiter=limiter
            )
        except KeyError as exc:
            raise ToolError(str(exc).strip('"')) from exc
        return f"session {session_id} reset"

    @server.tool(description="End a session and free it.")
    async def close_session(session_id: str) -> str:
        try:
            session = sessions.get(session_id)
        except KeyError as exc:
            raise ToolError(str(exc).strip('"')) from exc
        sessions.by_id.pop(session_id, None)
        # Off the event loop: closing waits for a call still running in the session,
        # up to its time limit, and every other request waited with it.
        await anyio.to_thread.run_sync(session.close)
        return f"session {session_id} closed"

    @server.tool(description="List the open sessions and how many calls each has run.")
    async def list_sessions() -> str:
        sessions.prune()
        if not sessions.by_id:
            return "no sessions"
        return "\n".join(
            f"{key}: {'alive' if s.alive else 'ended (' + str(s.ended) + ')'}, {s.calls} calls"
            for key, s in sessions.by_id.items()
        )

    return server
