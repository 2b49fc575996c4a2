"""The audit log and the tenant registry, in SQLite (default) or PostgreSQL, behind one interface.

Schema changes are Alembic migrations (``server/migrations``), applied when
a store opens. API keys are stored only as SHA-256 hashes: a key is shown
once, when its tenant is created. A run's record is written *before* it
executes (status ``running``) and completed after; :meth:`Store.reconcile`
marks records a crash left unfinished as ``crashed``, so a record exists for
every run that was accepted, whatever happened to the process.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import os
import secrets
import struct
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import sqlalchemy as sa

from ..errors import ConfigError, WasmboxError
from ..result import RunResult

__all__ = [
    "CEILINGS",
    "DEFAULT_QUOTAS",
    "METADATA",
    "AuditUnavailable",
    "Store",
    "Tenant",
    "begin_values",
    "default_database_url",
    "fail_values",
    "finish_values",
]

METADATA = sa.MetaData()

TENANTS = sa.Table(
    "tenants",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("revoked_at", sa.Float),
    sa.Column("quotas", sa.JSON, nullable=False),
)

RUNS = sa.Table(
    "runs",
    METADATA,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("tenant_id", sa.Integer, sa.ForeignKey("tenants.id")),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("received_at", sa.Float, nullable=False),
    sa.Column("finished_at", sa.Float),
    sa.Column("client", sa.String(100)),
    sa.Column("code", sa.Text),
    sa.Column("code_sha256", sa.String(64)),
    sa.Column("inputs_sha256", sa.String(64)),
    sa.Column("limits", sa.JSON),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("exit_code", sa.Integer),
    sa.Column("duration_ms", sa.Float),
    sa.Column("fuel_used", sa.BigInteger),
    sa.Column("memory_peak_bytes", sa.BigInteger),
    sa.Column("stdout_bytes", sa.Integer),
    sa.Column("stderr_bytes", sa.Integer),
    sa.Column("error", sa.Text),
    sa.Column("calls", sa.JSON),
    sa.Column("heartbeat_at", sa.Float),
    sa.Column("engine", sa.String(20)),
    sa.Index("runs_by_tenant_time", "tenant_id", "received_at"),
    sa.Index("runs_by_status", "status"),
)

#: The quotas and ceilings every tenant has, and their defaults. The ceilings on wall time
#: and memory are above the service's default limits: a tenant may ask for a longer or
#: bigger run than the default.
DEFAULT_QUOTAS: dict[str, float] = {
    "requests_per_minute": 600,
    "max_concurrent": 4,
    "max_wall_time": 10.0,
    "max_memory": 64 << 20,
    "daily_cpu_seconds": 3600,
    "daily_output": 1 << 30,
}

#: Each limit a request may set, and the tenant's ceiling on it. A ceiling the tenant
#: was not given (only wall time and memory have defaults) is the service's own default
#: limit: a request may ask for less, never more; and where the service turns a limit
#: off (``fuel``), so may the request. (``max_value`` and ``max_calls`` are the
#: service's own, from its settings; no request sets them.)
CEILINGS: dict[str, str] = {
    "wall_time": "max_wall_time",
    "memory": "max_memory",
    "fuel": "max_fuel",
    "max_output": "max_output",
    "max_files_bytes": "max_files_bytes",
    "max_files": "max_files",
}


#: The PostgreSQL advisory lock key that serialises migrations ("wasmbox").
_MIGRATION_LOCK = 0x7761736D626F78


class AuditUnavailable(WasmboxError):
    """The audit log cannot be written: the service refuses runs rather than run them unrecorded."""


@dataclass(frozen=True, slots=True)
class Tenant:
    """A tenant as the service sees it (never its key)."""

    id: int
    name: str
    created_at: float
    revoked_at: float | None
    quotas: Mapping[str, float] = field(default_factory=dict)

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def default_database_url() -> str:
    """``$WASMBOX_DATABASE_URL``, else a SQLite file in the working directory."""
    return os.environ.get("WASMBOX_DATABASE_URL") or "sqlite:///wasmbox.db"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Store:
    """One database: tenants and run records. Safe to share between threads."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_database_url()
        try:
            self.engine = sa.create_engine(self.url, future=True)
            self._statements: dict[tuple[str, ...] | None, tuple[str, tuple[str, ...] | None]] = {}
            self._writer: Any = None  # the pool's connection that write() keeps
            self._deferred_checkpoints = False
            self._write_lock = threading.Lock()
        except (sa.exc.ArgumentError, ImportError) as exc:
            raise ConfigError(f"bad database URL {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema up to date (Alembic ``upgrade head``)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("wasmbox.server") / "migrations")
        )
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # Replicas starting together must not run the same migration at
                    # once; the lock is held until this transaction commits.
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK}
                    )
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except sa.exc.SQLAlchemyError as exc:
            raise AuditUnavailable(f"cannot open the database: {exc}") from exc

    # -- tenants ------------------------------------------------------------

    def add_tenant(self, name: str, **quotas: float) -> tuple[Tenant, str]:
        """A new tenant and its API key (the only time the key is available)."""
        if not name or len(name) > 100 or not name.replace("-", "").replace("_", "").isalnum():
            raise ConfigError(f"tenant names are letters, digits, - and _, not {name!r}")
        unknown = set(quotas) - set(DEFAULT_QUOTAS) - set(CEILINGS.values())
        if unknown:
            raise ConfigError(f"unknown quotas: {', '.join(sorted(unknown))}")
        values = {**DEFAULT_QUOTAS, **{k: v for k, v in quotas.items() if v is not None}}
        # NaN passed "v <= 0" and then never limited anything (min(nan, ...) is nan).
        if not all(isinstance(v, int | float) and 0 < v < math.inf for v in values.values()):
            raise ConfigError("quotas must be positive and finite")
        key = "wbx_" + secrets.token_urlsafe(32)
        try:
            with self.engine.begin() as conn:
                row_id = conn.execute(
                    TENANTS.insert().values(
                        name=name, key_hash=hash_key(key), created_at=time.time(), quotas=values
                    )
                ).inserted_primary_key
        except sa.exc.IntegrityError as exc:
            raise ConfigError(f"a tenant named {name!r} exists already") from exc
        assert row_id is not None
        return Tenant(int(row_id[0]), name, time.time(), None, values), key

    def tenants(self) -> list[Tenant]:
        with self.engine.connect() as conn:
            rows = conn.execute(TENANTS.select().order_by(TENANTS.c.name)).all()
        return [_tenant(row) for row in rows]

    def tenant_for_key(self, key: str) -> Tenant | None:
        """The tenant owning ``key`` (revoked ones included), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(TENANTS.select().where(TENANTS.c.key_hash == hash_key(key))).first()
        return _tenant(row) if row is not None else None

    def revoke(self, name: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(
                TENANTS.update()
                .where(TENANTS.c.name == name, TENANTS.c.revoked_at.is_(None))
                .values(revoked_at=time.time())
            )
        return bool(done.rowcount)

    # -- the audit log -------------------------------------------------------

    def begin_run(
        self,
        *,
        tenant_id: int | None,
        kind: str,
        client: str | None,
        code: str | None,
        inputs_sha256: str | None,
        limits: Mapping[str, Any] | None,
        status: str = "running",
        error: str | None = None,
        redact_code: bool = False,
    ) -> str:
        """Record a request before it runs; returns the run id.

        Raises:
            AuditUnavailable: the record could not be written (refuse the run).
        """
        values = begin_values(
            tenant_id=tenant_id,
            kind=kind,
            client=client,
            code=code,
            inputs_sha256=inputs_sha256,
            limits=limits,
            status=status,
            error=error,
            redact_code=redact_code,
        )
        self.write(inserts=[values])
        return str(values["id"])

    def finish_run(self, run_id: str, result: RunResult | Mapping[str, Any]) -> None:
        """Complete a run's record with how it ended (a result or its ``to_dict()``)."""
        self.write(finishes=[finish_values(run_id, result)])

    def fail_run(self, run_id: str, status: str, error: str) -> None:
        """Complete a record whose run did not produce a result (refused, crashed)."""
        self.write(finishes=[fail_values(run_id, status, error)])

    def write(
        self,
        *,
        inserts: Sequence[Mapping[str, Any]] = (),
        finishes: Sequence[Mapping[str, Any]] = (),
    ) -> None:
        """Write new records and complete others, all in one transaction.

        ``inserts`` are :func:`begin_values`; ``finishes`` are
        :func:`finish_values` or :func:`fail_values`. Rows are grouped by the
        columns they set, so each group is one executemany.

        Raises:
            AuditUnavailable: nothing was written.
        """
        # The hot path of the service (two writes per run), so the statements are
        # compiled once per shape by SQLAlchemy and run on the driver's own cursor,
        # on one connection kept for writing: a batch costs a third of what
        # Connection.execute costs per row, and no pool checkout and reset per batch.
        groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
        for values in finishes:
            groups.setdefault(tuple(sorted(k for k in values if k != "id")), []).append(values)
        with self._write_lock:
            try:
                raw = self._writer
                if raw is None:
                    raw = self._writer = self.engine.raw_connection()
                    if self._deferred_checkpoints:
                        raw.cursor().execute("PRAGMA wal_autocheckpoint=0")
            except sa.exc.SQLAlchemyError as exc:
                raise AuditUnavailable(f"cannot write the audit log: {exc}") from exc
            cursor = None
            try:
                cursor = raw.cursor()
                if inserts:
                    sql, order = self._statement(None)
                    cursor.executemany(sql, [_params(v, order, insert=True) for v in inserts])
                for cols, rows in groups.items():
                    sql, order = self._statement(cols)
                    cursor.executemany(sql, [_params(v, order) for v in rows])
                raw.commit()
            except Exception as exc:  # the driver's own errors: sqlite3.Error, psycopg.Error
                # The connection may be broken (a database restart): the next
                # write opens a new one. This one is rolled back and its cursor
                # closed first: the exception's traceback keeps the cursor alive, and
                # sqlite3 then only half-closes the connection, which goes on holding
                # the write lock its failed transaction took: no later write, nor
                # anyone else's, got through until the garbage collector came by.
                self._writer = None
                for undo in (getattr(cursor, "close", None), raw.rollback, raw.invalidate):
                    with contextlib.suppress(Exception):
                        if undo is not None:
                            undo()
                raise AuditUnavailable(f"cannot write the audit log: {exc}") from exc

    def defer_checkpoints(self) -> None:
        """Leave SQLite's WAL checkpoints to :meth:`checkpoint` instead of the writes.

        By default the commit that fills the WAL past 1,000 pages copies it into
        the database and syncs it, 4 ms or so, on whatever thread committed: for
        the service, the event loop, which then answers no one. Whoever calls this
        must call :meth:`checkpoint` regularly (the audit writer's own thread).
        """
        if self.engine.dialect.name == "sqlite":
            with self._write_lock:
                self._deferred_checkpoints = True
                if self._writer is not None:  # the next write opens one that defers
                    self._writer.close()
                    self._writer = None

    def checkpoint(self) -> None:
        """Copy SQLite's WAL into the database without blocking writers (PASSIVE)."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def _statement(self, cols: tuple[str, ...] | None) -> tuple[str, tuple[str, ...] | None]:
        """The driver SQL of the insert (``cols`` None) or of an update, and its parameter order.

        The order is None for drivers that take named parameters.
        """
        cached = self._statements.get(cols)
        if cached is None:
            if cols is None:
                stmt: sa.Insert | sa.Update = RUNS.insert().values(
                    {c.name: sa.bindparam("b_" + c.name) for c in RUNS.columns}
                )
            else:
                stmt = _update_of(cols)
            compiled = stmt.compile(dialect=self.engine.dialect)
            order = (
                tuple(compiled.positiontup)
                if compiled.positional and compiled.positiontup
                else None
            )
            cached = self._statements[cols] = (str(compiled), order)
        return cached

    def prune(self, older_than: float) -> int:
        """Delete finished records received before ``older_than`` (epoch s); returns how many."""
        with self.engine.begin() as conn:
            done = conn.execute(
                RUNS.delete().where(RUNS.c.received_at < older_than, RUNS.c.status != "running")
            )
        return int(done.rowcount)

    def ping(self) -> None:
        """Raise unless the audit table can be read: a readiness probe's question, cheaply
        (``count`` reads the whole table, which grows with every request)."""
        with self.engine.connect() as conn:
            conn.execute(sa.select(RUNS.c.id).limit(1)).all()

    def count(self) -> int:
        """How many records the audit log holds."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(RUNS)).scalar_one())

    def reconcile(self, *, older_than: float | None = None) -> int:
        """Mark runs a crash or restart left ``running`` as ``crashed``; returns how many.

        ``older_than`` (epoch s) limits it to runs neither received nor
        heartbeaten (:meth:`heartbeat`) since then: with replicas sharing the
        database, a run with a recent sign of life is in progress elsewhere.
        """
        query = RUNS.update().where(RUNS.c.status == "running")
        if older_than is not None:
            last_seen = sa.func.coalesce(RUNS.c.heartbeat_at, RUNS.c.received_at)
            query = query.where(last_seen < older_than)
        with self.engine.begin() as conn:
            done = conn.execute(
                query.values(
                    status="crashed",
                    finished_at=time.time(),
                    error="the service stopped while the run was in progress",
                )
            )
        return int(done.rowcount)

    def heartbeat(self, run_ids: Sequence[str]) -> None:
        """Record that these runs are still in progress (a replica's runs in flight)."""
        if run_ids:
            with self.engine.begin() as conn:
                conn.execute(
                    RUNS.update()
                    .where(RUNS.c.id.in_(list(run_ids)), RUNS.c.status == "running")
                    .values(heartbeat_at=time.time())
                )

    def run(self, run_id: str, *, tenant_id: int | None = None) -> dict[str, Any] | None:
        """One record, only if it belongs to ``tenant_id`` when that is given."""
        query = RUNS.select().where(RUNS.c.id == run_id)
        if tenant_id is not None:
            query = query.where(RUNS.c.tenant_id == tenant_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return dict(row._mapping) if row is not None else None

    def runs(
        self,
        *,
        tenant_id: int | None = None,
        status: str | None = None,
        since: float | None = None,
        limit: int = 100,
        kind: str | None = None,
        except_kinds: Sequence[str] = (),
    ) -> Iterator[dict[str, Any]]:
        """Records, newest first, filtered."""
        query = RUNS.select().order_by(RUNS.c.received_at.desc()).limit(max(1, min(limit, 10_000)))
        if tenant_id is not None:
            query = query.where(RUNS.c.tenant_id == tenant_id)
        if kind is not None:
            query = query.where(RUNS.c.kind == kind)
        if except_kinds:
            query = query.where(RUNS.c.kind.not_in(except_kinds))
        if status is not None:
            query = query.where(RUNS.c.status == status)
        if since is not None:
            query = query.where(RUNS.c.received_at >= since)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        for row in rows:
            yield dict(row._mapping)

    def close(self) -> None:
        with self._write_lock:
            if self._writer is not None:
                with contextlib.suppress(Exception):
                    self._writer.close()
                self._writer = None
        self.engine.dispose()


@functools.cache
def _update_of(cols: tuple[str, ...]) -> sa.Update:
    """The UPDATE that completes records by id, setting ``cols`` (built once per shape)."""
    return (
        RUNS.update()
        .where(RUNS.c.id == sa.bindparam("b_id"))
        .values({c: sa.bindparam("b_" + c) for c in cols})
    )


_JSON_COLUMNS = frozenset(c.name for c in RUNS.columns if isinstance(c.type, sa.JSON))


def _params(
    values: Mapping[str, Any], order: tuple[str, ...] | None, *, insert: bool = False
) -> Any:
    """Driver parameters for ``values``, JSON columns serialised as SQLAlchemy would.

    Every run passes here twice, so the values are read in the statement's own
    parameter order (``b_`` + column) in one C-level pass, and only the JSON
    columns are looked at again.
    """
    if order is None:
        order = _INSERT_PARAMS if insert else tuple("b_" + k for k in values)
        named = True
    else:
        named = False
    columns, json_at = _plan(order)
    row = list(map(values.get, columns))
    for i in json_at:
        if row[i] is not None:
            row[i] = _json(row[i])
    return dict(zip(order, row, strict=True)) if named else tuple(row)


@functools.lru_cache(maxsize=64)
def _plan(order: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The columns of a parameter order, and where the JSON ones are in it."""
    columns = tuple(name[2:] for name in order)
    return columns, tuple(i for i, column in enumerate(columns) if column in _JSON_COLUMNS)


_INSERT_PARAMS = tuple("b_" + c.name for c in RUNS.columns)
_json = json.JSONEncoder(separators=(",", ":")).encode


def new_run_id(now: float) -> str:
    """``run_``, the time in microseconds (13 hex digits), then 60 random bits.

    Ids that grow with time land at the end of the primary-key index, where
    random ones scattered every insert over the whole B-tree (a fifth of the
    audit write's cost); the random part keeps them unguessable.
    """
    return f"run_{int(now * 1e6):013x}{_random_bits.take() >> 4:015x}"


class _RandomBits:
    """64-bit numbers from the OS's random source, read 512 at a time.

    ``secrets.randbits`` asks the kernel for every number: a system call per
    request on the service's busiest thread. The same source read in blocks
    gives numbers just as unguessable (none is ever handed out twice, and a
    forked child starts on a block of its own).
    """

    _BLOCK = 512

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._numbers: list[int] = []
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._lock = threading.Lock()
        self._numbers = []

    def take(self) -> int:
        with self._lock:
            if not self._numbers:
                block = os.urandom(8 * self._BLOCK)
                self._numbers = list(struct.unpack(f"<{self._BLOCK}Q", block))
            return self._numbers.pop()


_random_bits = _RandomBits()


def begin_values(
    *,
    tenant_id: int | None,
    kind: str,
    client: str | None,
    code: str | None,
    inputs_sha256: str | None,
    limits: Mapping[str, Any] | None,
    status: str = "running",
    error: str | None = None,
    redact_code: bool = False,
    engine: str | None = None,
) -> dict[str, Any]:
    """The new row of a request, with its fresh run id under ``"id"``.

    With ``redact_code`` the code itself is not stored, only its SHA-256: enough
    to match a known program in an incident, nothing to leak. A ``status``
    other than ``running`` (a refusal) writes a finished record at once.
    """
    now = time.time()
    return {
        "id": new_run_id(now),
        "tenant_id": tenant_id,
        "kind": kind,
        "received_at": now,
        "finished_at": None if status == "running" else now,
        "client": (client or "")[:100],
        "code": None if redact_code else code,
        # surrogatepass: a refusal may carry code that is not UTF-8 (a lone surrogate)
        "code_sha256": (
            hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()
            if code is not None
            else None
        ),
        "inputs_sha256": inputs_sha256,
        "limits": dict(limits or {}),
        "status": status,
        "error": error,
        "engine": engine,
    }


def finish_values(run_id: str, result: RunResult | Mapping[str, Any]) -> dict[str, Any]:
    """The columns that complete a record, from a result or its ``to_dict()`` form.

    The engine becomes the one that ran (``auto`` asked, ``cpython`` ran, say).
    """
    data = result.to_dict() if isinstance(result, RunResult) else result
    error = data.get("error")
    values = {
        "id": run_id,
        "finished_at": time.time(),
        "status": str(data["status"]),
        "exit_code": data.get("exit_code"),
        "duration_ms": data.get("duration_ms"),
        "fuel_used": data.get("fuel_used"),
        "memory_peak_bytes": data.get("memory_peak_bytes"),
        "stdout_bytes": len(str(data.get("stdout", "")).encode("utf-8", "surrogatepass")),
        "stderr_bytes": len(str(data.get("stderr", "")).encode("utf-8", "surrogatepass")),
        "error": error.get("summary") if isinstance(error, dict) else None,
        "calls": list(data.get("calls") or []),
    }
    if isinstance(data.get("engine"), str):
        values["engine"] = data["engine"][:20]
    return values


def fail_values(run_id: str, status: str, error: str) -> dict[str, Any]:
    """The columns that complete a record whose run produced no result."""
    return {"id": run_id, "finished_at": time.time(), "status": status, "error": error}


def _tenant(row: Any) -> Tenant:
    m = row._mapping
    # A tenant made before a quota existed has that quota's default.
    quotas = {**DEFAULT_QUOTAS, **m["quotas"]}
    return Tenant(m["id"], m["name"], m["created_at"], m["revoked_at"], quotas)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
