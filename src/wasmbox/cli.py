"""The ``wasmbox`` command.

Exit status:

====== =====================================================================
0      the code ran without error
1-63   the code failed: 1 after an uncaught exception, n after ``sys.exit(n)``
       (a status outside 1-63 becomes 1)
64     wasmbox was used wrongly: a bad option, a missing file
70     wasmbox itself failed: the MicroPython artifact could not be built
100    crashed
101    timeout (wall clock)
102    cpu_limit (fuel)
103    memory_limit
104    output_limit
====== =====================================================================
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NoReturn, TextIO

from .errors import ArtifactError, ConfigError, WasmboxError
from .limits import Limits, parse_duration, parse_size
from .result import RunResult, RunStatus

__all__ = ["main"]

EXIT_USAGE = 64
EXIT_INTERNAL = 70
EXIT_STATUS = {
    RunStatus.CRASHED: 100,
    RunStatus.TIMEOUT: 101,
    RunStatus.CPU_LIMIT: 102,
    RunStatus.MEMORY_LIMIT: 103,
    RunStatus.OUTPUT_LIMIT: 104,
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="wasmbox", description="Run untrusted Python in a WebAssembly sandbox.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = sub.add_parser("run", help="run a Python file, -c CODE, or - (stdin)")
    run.add_argument("file", nargs="?", help="a Python file, or - to read the code from stdin")
    run.add_argument("-c", dest="code", help="the code to run")
    defaults = Limits()
    run.add_argument("--timeout", default=str(defaults.wall_time), help="wall time, e.g. 2s, 500ms")
    run.add_argument("--memory", default="32M", help="memory limit, e.g. 32M")
    run.add_argument(
        "--fuel", default=str(defaults.fuel), help="CPU budget in fuel units, or 'off'"
    )
    run.add_argument("--max-output", default="1M", help="stdout+stderr cap, e.g. 1M")
    run.add_argument("--max-files-bytes", default="16M", help="workspace quota in bytes")
    run.add_argument(
        "--max-files", type=int, default=defaults.max_files, help="workspace file count"
    )
    run.add_argument(
        "--mount",
        action="append",
        default=[],
        metavar="HOSTDIR:/data",
        help="read-only mount of a host directory (read into memory)",
    )
    run.add_argument(
        "--file",
        dest="files",
        action="append",
        default=[],
        metavar="NAME=HOSTPATH",
        help="copy a host file into /work/NAME",
    )
    run.add_argument(
        "--env", action="append", default=[], metavar="K=V", help="grant an environment variable"
    )
    run.add_argument(
        "--stdin",
        dest="stdin_file",
        metavar="PATH",
        help="file the guest reads as stdin (default: nothing)",
    )
    run.add_argument(
        "--engine",
        choices=("micropython", "cpython", "auto"),
        default="micropython",
        help="the interpreter: MicroPython (fast), CPython with numpy and pandas, or auto "
        "(MicroPython, then CPython where MicroPython lacked a module or feature)",
    )
    run.add_argument("--seed", type=int, help="seed random and os.urandom for a reproducible run")
    run.add_argument("--json", action="store_true", help="print the structured result as JSON")
    run.add_argument(
        "--write-files", metavar="DIR", help="write the files left in /work into DIR after the run"
    )
    sub.add_parser(
        "setup", help="build the MicroPython artifact and compile it (done on first use)"
    )
    warmup = sub.add_parser(
        "warmup", help="compile an engine ahead of time (CPython's takes about 2 minutes)"
    )
    warmup.add_argument("--engine", choices=("micropython", "cpython"), default="micropython")
    warmup.add_argument(
        "--fuel", choices=("on", "off"), default="on", help="the setting to compile for"
    )
    serve = sub.add_parser("serve", help="serve the HTTP API for tenants")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--database-url", help="default: $WASMBOX_DATABASE_URL or ./wasmbox.db")
    serve.add_argument(
        "--config", metavar="FILE", help="TOML settings (see wasmbox.server.settings)"
    )
    serve.add_argument(
        "--workers", type=int, help="worker processes running code (default: two per core)"
    )
    serve.add_argument(
        "--quotas-url", help="redis://... to share quotas between replicas (default: in memory)"
    )
    serve.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING or ERROR")
    serve.add_argument(
        "--no-web",
        dest="web",
        action="store_const",
        const=False,
        help="do not serve the browser notebook (/) and its assets (/web/)",
    )
    serve.add_argument(
        "--engines",
        metavar="LIST",
        help="engines requests may choose, e.g. micropython,cpython (default: micropython)",
    )
    from .grading.command import add_arguments as grade_arguments

    grade_arguments(
        sub.add_parser("grade", help="grade submissions (JSON Lines) against test cases")
    )
    web = sub.add_parser("web", help="the browser sandbox and its notebook page")
    wsub = web.add_subparsers(dest="action", required=True, parser_class=_Parser)
    export = wsub.add_parser(
        "export", help="write the notebook as static files (index.html and web/) into DIR"
    )
    export.add_argument("directory", metavar="DIR")
    audit = sub.add_parser("audit", help="query and export the service's audit log")
    audit.add_argument("--tenant", help="only this tenant's runs")
    audit.add_argument("--status", help="only runs that ended so (ok, error, timeout, refused...)")
    audit.add_argument("--since", help="only runs received at or after this ISO time")
    audit.add_argument("--limit", type=int, default=1000, help="at most this many (newest first)")
    audit.add_argument("--jsonl", action="store_true", help="one JSON record per line")
    audit.add_argument("--database-url", help="default: $WASMBOX_DATABASE_URL or ./wasmbox.db")
    tenants = sub.add_parser("tenants", help="manage the service's tenants and their API keys")
    tsub = tenants.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = tsub.add_parser("add", help="create a tenant; prints its new API key (shown once)")
    add.add_argument("name")
    for flag, kind in (
        ("--requests-per-minute", float),
        ("--max-concurrent", float),
        ("--max-wall-time", parse_duration),
        ("--max-memory", parse_size),
        ("--max-fuel", int),
        ("--max-output", parse_size),
        ("--max-files-bytes", parse_size),
        ("--max-files", int),
        ("--daily-cpu-seconds", float),
        ("--daily-output", parse_size),
    ):
        add.add_argument(flag, type=kind)
    tsub.add_parser("list", help="list the tenants and their quotas")
    revoke = tsub.add_parser("revoke", help="revoke a tenant's API key")
    revoke.add_argument("name")
    for p in (add, tsub.choices["list"], revoke):
        p.add_argument("--database-url", help="default: $WASMBOX_DATABASE_URL or ./wasmbox.db")
    mcp = sub.add_parser("mcp", help="serve the run_python tool over MCP (stdio by default)")
    mcp.add_argument(
        "--http", metavar="HOST:PORT", help="serve streamable HTTP at http://HOST:PORT/mcp"
    )
    mcp.add_argument("--config", metavar="FILE", help="TOML configuration (see wasmbox.config)")
    mcp.add_argument("--timeout", help="wall time per call, e.g. 5s")
    mcp.add_argument("--memory", help="memory limit per call or session, e.g. 64M")
    mcp.add_argument("--max-sessions", type=int, help="sessions open at once (default 8)")
    mcp.add_argument(
        "--engine",
        default="micropython",
        metavar="LIST",
        help="the engine, or engines a call may choose, first the default: micropython, "
        "cpython, auto (e.g. micropython,cpython)",
    )
    mcp.add_argument(
        "--mount", action="append", default=[], metavar="HOSTDIR:/data", help="read-only data"
    )
    mcp.add_argument(
        "--env", action="append", default=[], metavar="K=V", help="grant an environment variable"
    )
    mcp.add_argument(
        "--function",
        action="append",
        default=[],
        metavar="NAME=module:attr",
        help="grant a host function, by import path",
    )
    mcp.add_argument(
        "--fetch-allow", action="append", default=[], metavar="URL*", help="allow fetch() of URLs"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wasmbox`` command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "setup":
            return _setup()
        if args.command == "mcp":
            return _mcp(args)
        if args.command == "tenants":
            return _tenants(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "audit":
            return _audit(args)
        if args.command == "web":
            return _web(args)
        if args.command == "warmup":
            return _warmup(args)
        if args.command == "grade":
            from .grading.command import grade_command

            return grade_command(args)
        return _run(args)
    except ConfigError as exc:
        print(f"wasmbox: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ArtifactError, WasmboxError) as exc:
        print(f"wasmbox: error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def _setup() -> int:
    from . import _artifact
    from .engine import get_runtime
    from .runner import overlay_summary, speculative_runtime

    artifact = _artifact.load()
    for fuel in (True, False):
        speculative_runtime(get_runtime(fuel=fuel))  # the build that runs go to first
    print(f"artifact {artifact.path}\nsha256   {artifact.sha256}\noverlay  {overlay_summary()}")
    return 0


def _warmup(args: argparse.Namespace) -> int:
    fuel = args.fuel == "on"
    started = time.monotonic()
    if args.engine == "cpython":
        from .cpython import get_runtime as cpython_runtime

        cpython_runtime(fuel=fuel)
    else:
        from .engine import get_runtime
        from .runner import speculative_runtime

        speculative_runtime(get_runtime(fuel=fuel))  # both builds: runs go to one first
    print(f"{args.engine} engine ready (fuel {args.fuel}) in {time.monotonic() - started:.1f} s")
    return 0


def _web(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .web import export

    target = Path(args.directory)
    written = export(target)
    print(f"wrote {len(written)} files to {target}")
    print(
        "Serve them from any static host; it must send web/worker.js with the "
        "Content-Security-Policy header listed in _headers (see docs/browser.md)."
    )
    return 0


def _audit(args: argparse.Namespace) -> int:
    from datetime import datetime

    from .server.store import Store

    store = Store(args.database_url)
    try:
        since = None
        if args.since:
            try:
                since = datetime.fromisoformat(args.since).timestamp()
            except ValueError as exc:
                raise ConfigError(f"--since takes an ISO time, not {args.since!r}") from exc
        tenant_id = None
        if args.tenant:
            match = [t for t in store.tenants() if t.name == args.tenant]
            if not match:
                raise ConfigError(f"no tenant named {args.tenant!r}")
            tenant_id = match[0].id
        for row in store.runs(
            tenant_id=tenant_id, status=args.status, since=since, limit=args.limit
        ):
            if args.jsonl:
                print(json.dumps(row, default=str))
            else:
                when = datetime.fromtimestamp(row["received_at"]).isoformat(timespec="seconds")
                # For people: a field's control characters (a guest's error message may
                # hold escape sequences, tabs and newlines) are escaped, terminal or not,
                # so that no row can rewrite the screen or pass for another row.
                fields = (row["id"], when, row["status"], row["error"] or "")
                print("\t".join(_ANY_CONTROL.sub(_escaped, str(f)) for f in fields))
        return 0
    finally:
        store.close()


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .server.app import create_app
    from .server.logs import configure_logging
    from .server.settings import load_settings
    from .server.store import Store

    settings = load_settings(
        args.config,
        workers=args.workers,
        quotas_url=args.quotas_url or None,
        web=args.web,
        engines=tuple(e.strip() for e in args.engines.split(",")) if args.engines else None,
    )
    configure_logging(args.log_level.upper())
    app = create_app(Store(args.database_url), settings)
    # uvicorn re-raises the SIGTERM it caught once it has drained, through the
    # handler that was there before it: a no-op one makes a clean drain exit 0.
    signal.signal(signal.SIGTERM, lambda *_: None)
    # SIGTERM: uvicorn stops accepting, lets requests in flight finish for up to
    # drain_timeout, then the app's shutdown completes every audit record.
    from .server.protocol import http_protocol

    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=None,
        timeout_graceful_shutdown=math.ceil(settings.drain_timeout),
        # Each response in one write, and deadlines for slow clients (see its module).
        http=http_protocol(
            header_timeout=settings.header_timeout,
            write_timeout=settings.write_timeout,
            max_header_bytes=settings.max_header_bytes,
        ),
    )
    return 0


def _tenants(args: argparse.Namespace) -> int:
    from .server.store import CEILINGS, DEFAULT_QUOTAS, Store

    store = Store(args.database_url)
    try:
        if args.action == "add":
            quotas = {
                key: getattr(args, key)
                for key in {*DEFAULT_QUOTAS, *CEILINGS.values()}
                if getattr(args, key, None) is not None
            }
            _, key = store.add_tenant(args.name, **quotas)
            print(key)  # the only line on stdout: scripts capture it
            return 0
        if args.action == "revoke":
            if not store.revoke(args.name):
                print(f"wasmbox: no active tenant named {args.name!r}", file=sys.stderr)
                return EXIT_USAGE
            return 0
        for tenant in store.tenants():
            state = "revoked" if tenant.revoked else "active"
            shown = " ".join(f"{k}={v:.10g}" for k, v in sorted(tenant.quotas.items()))
            print(f"{tenant.name}\t{state}\t{shown}")
        return 0
    finally:
        store.close()


def _mcp(args: argparse.Namespace) -> int:
    from .config import load_config
    from .mcp import build_server
    from .sandbox import Sandbox

    limits: dict[str, object] = {}
    if args.timeout:
        limits["wall_time"] = parse_duration(args.timeout)
    if args.memory:
        limits["memory"] = parse_size(args.memory)
    if args.max_sessions is not None and args.max_sessions < 0:
        raise ConfigError("--max-sessions must be 0 or more")
    config = load_config(
        args.config,
        limits=limits,
        mounts=dict(
            _pair(spec, ":", "--mount", "HOSTDIR:/point", reverse=True) for spec in args.mount
        ),
        env=dict(_pair(spec, "=", "--env", "K=V") for spec in args.env),
        functions=dict(
            _pair(spec, "=", "--function", "NAME=module:attr") for spec in args.function
        ),
        fetch_allow=args.fetch_allow,
        max_sessions=args.max_sessions,
    )
    names = [e.strip() for e in args.engine.split(",") if e.strip()]
    if not names or len(set(names)) != len(names):
        raise ConfigError(f"--engine takes engines such as micropython,cpython: {args.engine!r}")
    kwargs = config.sandbox_kwargs()
    sandboxes = [Sandbox(**_engine_kwargs(kwargs, name), engine=name) for name in names]
    server = build_server(
        sandboxes[0],
        max_sessions=config.max_sessions,
        idle_timeout=config.idle_timeout,
        mounts=sorted(config.mounts),
        engines={s.engine: s for s in sandboxes[1:]},
    )
    if args.http:
        host, sep, port = args.http.rpartition(":")
        host = host.removeprefix("[").removesuffix("]")  # [::1]:8000
        if not sep or not port.isdigit() or not 0 < int(port) < 65536:
            raise ConfigError(f"--http takes HOST:PORT, not {args.http!r}")
        if host not in ("", "127.0.0.1", "localhost", "::1"):
            # Its sessions are shared by whoever reaches it, with no authentication.
            print(
                f"wasmbox: warning: serving MCP on {host}, beyond this machine; every client"
                " that reaches it shares its sessions",
                file=sys.stderr,
            )
        server.run("streamable-http", host=host or "127.0.0.1", port=int(port))
    else:
        server.run("stdio")
    return 0


def _engine_kwargs(kwargs: dict[str, Any], engine: str) -> dict[str, Any]:
    """A sandbox's arguments for ``engine``: CPython's default memory where MicroPython's stood."""
    if engine == "micropython" or kwargs["limits"].memory != Limits().memory:
        return kwargs
    from .cpython import DEFAULT_MEMORY

    return {**kwargs, "limits": replace(kwargs["limits"], memory=DEFAULT_MEMORY)}


def _pair(spec: str, sep: str, flag: str, form: str, *, reverse: bool = False) -> tuple[str, str]:
    left, found, right = spec.rpartition(sep) if reverse else spec.partition(sep)
    if not found or not left or not right:
        raise ConfigError(f"{flag} takes {form}, not {spec!r}")
    return (right, left) if reverse else (left, right)


def _run(args: argparse.Namespace) -> int:
    from .sandbox import Sandbox

    code = _code(args)
    from .config import check_mount_source, parse_fuel

    fuel = parse_fuel(args.fuel)
    limits = replace(
        Limits(),
        wall_time=parse_duration(args.timeout),
        memory=parse_size(args.memory),
        fuel=fuel,
        max_output=parse_size(args.max_output),
        max_files_bytes=parse_size(args.max_files_bytes),
        max_files=args.max_files,
    )
    mounts: dict[str, str] = {}
    for spec in args.mount:
        host, sep, point = spec.rpartition(":")
        if not sep or not host:
            raise ConfigError(f"--mount takes HOSTDIR:/point, not {spec!r}")
        # The code is untrusted here too: system and home directories are refused, as
        # by wasmbox mcp (run printed /etc/shadow's first line with --mount /etc:/data).
        mounts[point] = check_mount_source(host)
    files: dict[str, bytes] = {}
    for spec in args.files:
        name, sep, path = spec.partition("=")
        if not sep:
            raise ConfigError(f"--file takes NAME=HOSTPATH, not {spec!r}")
        files[name] = _read_file(path)
    env = {}
    for spec in args.env:
        key, sep, value = spec.partition("=")
        if not sep:
            raise ConfigError(f"--env takes K=V, not {spec!r}")
        env[key] = value
    stdin = _read_file(args.stdin_file) if args.stdin_file else b""
    if args.engine in ("cpython", "auto") and args.memory == "32M":
        from .cpython import DEFAULT_MEMORY

        limits = replace(limits, memory=DEFAULT_MEMORY)  # the MicroPython default is too small
    result = Sandbox(limits, engine=args.engine).run(
        code, files=files, mounts=mounts, env=env, stdin=stdin, seed=args.seed
    )
    if args.write_files:
        _write_files(args.write_files, result)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _show(sys.stdout, result.stdout)
        _show(sys.stderr, result.stderr)
        if not result.ok and result.error is not None:
            # The summary holds the guest's own exception message: escaped like its output.
            _show(sys.stderr, f"wasmbox: {result.status.value}: {result.error.summary}\n")
    return exit_status(result)


def exit_status(result: RunResult) -> int:
    """The process exit status for a result (see the module docstring)."""
    if result.status is RunStatus.OK:
        return 0
    if result.status is RunStatus.ERROR:
        code = result.exit_code or 1
        return code if 1 <= code <= 63 else 1
    return EXIT_STATUS[result.status]


def _code(args: argparse.Namespace) -> str:
    if args.code is not None and args.file is not None:
        raise ConfigError("give either -c CODE or a FILE, not both")
    if args.code is not None:
        return str(args.code)
    if args.file is None:
        raise ConfigError("nothing to run: give a FILE, -c CODE, or - to read stdin")
    if args.file == "-":
        return sys.stdin.read()
    return _read_file(args.file).decode("utf-8", "replace")


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc


def _write_files(directory: str, result: RunResult) -> None:
    root = os.path.realpath(directory)
    for name, data in result.files.items():
        target = os.path.realpath(os.path.join(root, name))
        if not target.startswith(root + os.sep):
            continue  # never write outside DIR, whatever the guest named its files
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
        except OSError as exc:  # a directory of that name there already, say: no traceback
            raise ConfigError(
                f"--write-files: cannot write {name!r} into {directory}: {exc.strerror}"
            ) from exc


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def _show(stream: TextIO, text: str) -> None:
    """Write guest output; on a terminal, escape control characters.

    Guest output is untrusted: escape sequences could rewrite the user's
    terminal (titles, cursor, even clipboard on some terminals).
    """
    if not text:
        return
    if stream.isatty():
        text = _CONTROL.sub(_escaped, text)
    stream.write(text)
    stream.flush()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
