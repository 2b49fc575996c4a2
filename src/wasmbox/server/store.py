"""The audit log and the tenant registry, in SQLite (default) or PostgreSQL, behind one interface.

Schema changes are Alembic migrations (``server/migrations``), applied when
a store opens. API keys are stored only as SHA-256 hashes: a key is shown
once, when its tenant is created. A run's record is written *before* it
executes (status ``running``) and completed after; :meth:`Store.reconcile`
marks records a crash left unfinished as ``crashed``, so a record exists for
every run that was accepted, whatever happened to the process.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import sqlalchemy as sa

from ..errors import ConfigError, WasmboxError
from ..result import RunResult

__all__ = ["METADATA", "AuditUnavailable", "Store", "Tenant", "default_database_url"]

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
    sa.Index("runs_by_tenant_time", "tenant_id", "received_at"),
    sa.Index("runs_by_status", "status"),
)

#: What a tenant may set, and the default ceilings and quotas of a new tenant.
DEFAULT_QUOTAS: dict[str, float] = {
    "requests_per_minute": 600,
    "max_concurrent": 4,
    "max_wall_time": 10.0,
    "max_memory": 64 << 20,
    "daily_cpu_seconds": 3600,
    "daily_output": 1 << 30,
}


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
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except sa.exc.SQLAlchemyError as exc:
            raise AuditUnavailable(f"cannot open the database: {exc}") from exc

    # -- tenants ------------------------------------------------------------

    def add_tenant(self, name: str, **quotas: float) -> tuple[Tenant, str]:
        """A new tenant and its API key (the only time the key is available)."""
        if not name or len(name) > 100 or not name.replace("-", "").replace("_", "").isalnum():
            raise ConfigError(f"tenant names are letters, digits, - and _, not {name!r}")
        unknown = set(quotas) - set(DEFAULT_QUOTAS)
        if unknown:
            raise ConfigError(f"unknown quotas: {', '.join(sorted(unknown))}")
        values = {**DEFAULT_QUOTAS, **{k: v for k, v in quotas.items() if v is not None}}
        if any(v <= 0 for v in values.values()):
            raise ConfigError("quotas must be positive")
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
        redact_code: bool = False,
    ) -> str:
        """Record a request before it runs; returns the run id.

        Raises:
            AuditUnavailable: the record could not be written (refuse the run).
        """
        run_id = "run_" + secrets.token_hex(12)
        values = {
            "id": run_id,
            "tenant_id": tenant_id,
            "kind": kind,
            "received_at": time.time(),
            "client": (client or "")[:100],
            "code": None if redact_code else code,
            "code_sha256": hashlib.sha256(code.encode()).hexdigest() if code is not None else None,
            "inputs_sha256": inputs_sha256,
            "limits": dict(limits or {}),
            "status": status,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(RUNS.insert().values(**values))
        except sa.exc.SQLAlchemyError as exc:
            raise AuditUnavailable(f"cannot write the audit log: {exc}") from exc
        return run_id

    def finish_run(self, run_id: str, result: RunResult) -> None:
        """Complete a run's record with how it ended."""
        error = result.error.summary if result.error else None
        values = {
            "finished_at": time.time(),
            "status": result.status.value,
            "exit_code": result.exit_code,
            "duration_ms": result.duration_ms,
            "fuel_used": result.fuel_used,
            "memory_peak_bytes": result.memory_peak_bytes,
            "stdout_bytes": len(result.stdout.encode()),
            "stderr_bytes": len(result.stderr.encode()),
            "error": error,
            "calls": [c.to_dict() for c in result.calls],
        }
        self._update(run_id, values)

    def fail_run(self, run_id: str, status: str, error: str) -> None:
        """Complete a record whose run did not produce a result (refused, crashed)."""
        self._update(run_id, {"finished_at": time.time(), "status": status, "error": error})

    def _update(self, run_id: str, values: Mapping[str, Any]) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(RUNS.update().where(RUNS.c.id == run_id).values(**values))
        except sa.exc.SQLAlchemyError as exc:
            raise AuditUnavailable(f"cannot write the audit log: {exc}") from exc

    def reconcile(self) -> int:
        """Mark runs a crash or restart left ``running`` as ``crashed``; returns how many."""
        with self.engine.begin() as conn:
            done = conn.execute(
                RUNS.update()
                .where(RUNS.c.status == "running")
                .values(
                    status="crashed",
                    finished_at=time.time(),
                    error="the service stopped while the run was in progress",
                )
            )
        return int(done.rowcount)

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
    ) -> Iterator[dict[str, Any]]:
        """Records, newest first, filtered."""
        query = RUNS.select().order_by(RUNS.c.received_at.desc()).limit(max(1, min(limit, 10_000)))
        if tenant_id is not None:
            query = query.where(RUNS.c.tenant_id == tenant_id)
        if status is not None:
            query = query.where(RUNS.c.status == status)
        if since is not None:
            query = query.where(RUNS.c.received_at >= since)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        for row in rows:
            yield dict(row._mapping)

    def close(self) -> None:
        self.engine.dispose()


def _tenant(row: Any) -> Tenant:
    m = row._mapping
    return Tenant(m["id"], m["name"], m["created_at"], m["revoked_at"], dict(m["quotas"]))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
