"""Real PostgreSQL and Redis servers for tests, started from the system's binaries.

Each server runs once per test session, in its own temporary directory, on a
free loopback port, and is stopped when the session ends. Tests talk to the
same servers the service uses in production, not to fakes, so a query or a
Lua script that only a real server rejects fails here first.

When a binary is missing the tests that need it are skipped, except under CI
(``$CI`` set): there a missing server fails, so CI can never pass by
silently skipping what it was meant to check.

Registered as a plugin by ``conftest.py`` (``pytest_plugins``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import psycopg
import pytest
import redis

#: How long a server may take to accept connections before the session fails.
STARTUP_TIMEOUT = 30.0
#: How long a server may take to stop before it is killed.
SHUTDOWN_TIMEOUT = 10.0


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(message: str) -> NoReturn:
    """Skip, or fail under CI, when a server cannot be provided."""
    if _in_ci():
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    """A loopback TCP port nobody listens on now (the kernel picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_ready(
    name: str, process: subprocess.Popen[bytes], log: Path, ready: Callable[[], object]
) -> None:
    """Poll ``ready`` until it stops raising; fail early if the server exits, or at the deadline."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"{name} exited with status {process.returncode} while starting:\n{_log_tail(log)}"
            )
        try:
            ready()
            return
        except Exception as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{name} did not accept connections within {STARTUP_TIMEOUT:g} s "
                    f"({exc}):\n{_log_tail(log)}"
                ) from exc
        time.sleep(0.05)  # polling a server that is starting; there is nothing to wait on


def _stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Ask the server to stop, wait, and kill it if it does not."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """``redis://127.0.0.1:PORT/0`` of a Redis server started for this session (no persistence)."""
    binary = shutil.which("redis-server")
    if binary is None:
        _unavailable("redis-server is not on PATH (Debian: apt-get install redis-server)")
    workdir = Path(tempfile.mkdtemp(prefix="wasmbox-redis-"))
    log = workdir / "redis.log"
    port = free_port()
    # The whole configuration comes from stdin, so the machine's /etc/redis/redis.conf
    # (persistence, a password, another port) never changes what the tests run against.
    config = "\n".join(
        [
            f"port {port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            f"dir {workdir}",
            'save ""',
            "appendonly no",
            f"logfile {log}",
            "daemonize no",
        ]
    )
    process = subprocess.Popen(
        [binary, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        cwd=workdir,
    )
    assert process.stdin is not None
    process.stdin.write(config.encode())
    process.stdin.close()
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        _wait_ready("redis-server", process, log, client.ping)
        client.close()
        yield url
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def _postgres_bin() -> Path | None:
    """The directory holding ``initdb`` and ``postgres``: PATH first, then Debian's newest version."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("postgres"):
        return Path(on_path).parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/postgres"),
        key=lambda p: [int(part) for part in Path(p).parts[-3].split(".") if part.isdigit()],
    )
    return Path(found[-1]).parent if found else None


def _postgres_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run PostgreSQL as when we are root (it refuses to run as root)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        _unavailable(
            "running as root and there is no 'postgres' user to run PostgreSQL as "
            "(the Debian package postgresql creates it)"
        )


#: The superuser the test server is initialised with; trust auth, so no password.
POSTGRES_USER = "postgres"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """``postgresql+psycopg://postgres@127.0.0.1:PORT/wasmbox`` of a PostgreSQL started for this session.

    The database ``wasmbox`` is shared by every test that uses this fixture; use
    :func:`postgres_database_url` for a database of one's own.
    """
    bindir = _postgres_bin()
    if bindir is None:
        _unavailable(
            "PostgreSQL's initdb/postgres are neither on PATH nor in /usr/lib/postgresql/*/bin "
            "(Debian: apt-get install postgresql)"
        )
    user = _postgres_user()
    # Not under pytest's tmp_path: that is private to the user running pytest, and when that
    # user is root the server runs as 'postgres' and must be able to enter its directory.
    workdir = Path(tempfile.mkdtemp(prefix="wasmbox-pg-"))
    data, log = workdir / "data", workdir / "postgres.log"
    # None leaves the user as it is; as root, drop to 'postgres' and all of root's groups.
    uid = gid = None
    groups: list[int] | None = None
    if user is not None:
        os.chown(workdir, user.pw_uid, user.pw_gid)
        uid, gid, groups = user.pw_uid, user.pw_gid, []
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC"}
    if user is not None:
        env.update(HOME=str(workdir), USER=user.pw_name, LOGNAME=user.pw_name)
    port = free_port()
    process: subprocess.Popen[bytes] | None = None
    try:
        with log.open("ab") as out:
            initdb = subprocess.run(
                [
                    str(bindir / "initdb"),
                    "--pgdata",
                    str(data),
                    "--username",
                    POSTGRES_USER,
                    "--auth",
                    "trust",
                    "--encoding",
                    "UTF8",
                    "--locale",
                    "C",
                    "--no-sync",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=workdir,
                env=env,
                check=False,
                timeout=120,
                user=uid,
                group=gid,
                extra_groups=groups,
            )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed ({initdb.returncode}):\n{_log_tail(log)}")
        # Trust only TCP from 127.0.0.1: no unix-socket or IPv6 logins, no other hosts.
        (data / "pg_hba.conf").write_text("host all all 127.0.0.1/32 trust\n")
        with log.open("ab") as out:
            process = subprocess.Popen(
                [
                    str(bindir / "postgres"),
                    "-D",
                    str(data),
                    "-p",
                    str(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"unix_socket_directories={workdir}",
                    # Durability is not what these tests check; speed is what they need.
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=workdir,
                env=env,
                user=uid,
                group=gid,
                extra_groups=groups,
            )
        admin = f"postgresql://{POSTGRES_USER}@127.0.0.1:{port}/postgres"

        def create_shared_database() -> None:
            with psycopg.connect(admin, autocommit=True, connect_timeout=2) as conn:
                conn.execute("CREATE DATABASE wasmbox")

        _wait_ready("postgres", process, log, create_shared_database)
        yield f"postgresql+psycopg://{POSTGRES_USER}@127.0.0.1:{port}/wasmbox"
    finally:
        if process is not None:
            # SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for every
            # client to disconnect, and a test that leaked a connection would hang the session.
            _stop(process, signal.SIGINT)
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def serve_asgi(app: Any, http: Any = None) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` of a real uvicorn server running ``app`` in a thread.

    It speaks the service's own HTTP protocol (:mod:`wasmbox.server.protocol`), or
    ``http`` (the same with other deadlines, :func:`~wasmbox.server.protocol.http_protocol`).
    """
    import uvicorn

    from wasmbox.server.protocol import HttpProtocol

    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=http or HttpProtocol
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)  # polling a server that is starting; nothing to wait on
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


@contextlib.contextmanager
def fresh_database(postgres_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``postgres_url``, dropped afterwards."""
    base, _, _ = postgres_url.rpartition("/")
    admin = base.replace("postgresql+psycopg://", "postgresql://", 1) + "/postgres"
    name = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn, contextlib.suppress(psycopg.Error):
            # FORCE: a connection the test left open must not keep its database alive.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_database_url(postgres_url: str) -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty database of this test's own, dropped afterwards.

    On the session's server (:func:`postgres_url`); tests that create tables or
    migrate use this so they never see each other's tables.
    """
    with fresh_database(postgres_url) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def audit_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An empty audit database for a test module, once per backend: the same suite runs on both."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('audit') / 'audit.db'}"
    else:
        with fresh_database(request.getfixturevalue("postgres_url")) as url:
            yield url
