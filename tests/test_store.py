"""The service's store: tenants and API keys, the audit log, crash reconciliation, migrations."""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from services import fresh_database
from wasmbox import ConfigError, Sandbox
from wasmbox.server.store import AuditUnavailable, Store, _random_bits, new_run_id


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on each backend: the same tests run on SQLite and PostgreSQL."""
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'audit.db'}"
        else:
            url = stack.enter_context(fresh_database(request.getfixturevalue("postgres_url")))
        store = Store(url)
        stack.callback(store.close)
        yield store


def test_keys_are_shown_once_and_stored_only_hashed(store: Store) -> None:
    tenant, key = store.add_tenant("acme", requests_per_minute=60)
    assert key.startswith("wbx_") and len(key) > 40
    assert store.tenant_for_key(key) == store.tenants()[0]
    assert store.tenant_for_key(key + "x") is None
    assert tenant.quotas["requests_per_minute"] == 60
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM tenants")).all()
    assert rows and key not in repr(rows)


def test_revoked_tenants_are_known_but_revoked(store: Store) -> None:
    _, key = store.add_tenant("acme")
    assert store.revoke("acme") and not store.revoke("acme")
    tenant = store.tenant_for_key(key)
    assert tenant is not None and tenant.revoked


@pytest.mark.parametrize(
    ("name", "quotas"),
    [("", {}), ("a b", {}), ("x" * 101, {}), ("ok", {"speed": 1}), ("ok", {"max_concurrent": 0})],
)
def test_bad_tenants_are_refused(store: Store, name: str, quotas: dict[str, float]) -> None:
    with pytest.raises(ConfigError):
        store.add_tenant(name, **quotas)


def test_duplicate_names_are_refused(store: Store) -> None:
    store.add_tenant("acme")
    with pytest.raises(ConfigError, match="exists"):
        store.add_tenant("acme")


def test_a_run_is_recorded_before_and_after(store: Store, sandbox: Sandbox) -> None:
    tenant, _ = store.add_tenant("acme")
    code = "print('hi')\n1 / 0"
    run_id = store.begin_run(
        tenant_id=tenant.id,
        kind="run",
        client="127.0.0.1",
        code=code,
        inputs_sha256=None,
        limits={"wall_time": 5},
    )
    assert store.run(run_id)["status"] == "running"  # type: ignore[index]
    store.finish_run(run_id, sandbox.run(code))
    record = store.run(run_id)
    assert record is not None
    assert (record["status"], record["exit_code"], record["stdout_bytes"]) == ("error", 1, 3)
    assert "ZeroDivisionError" in record["error"] and record["code"] == code
    assert len(record["code_sha256"]) == 64 and record["finished_at"] >= record["received_at"]
    other, _ = store.add_tenant("other")
    assert store.run(run_id, tenant_id=other.id) is None  # never another tenant's
    assert [r["id"] for r in store.runs(tenant_id=tenant.id, status="error")] == [run_id]


def test_redacted_code_keeps_only_its_hash(store: Store) -> None:
    run_id = store.begin_run(
        tenant_id=None, kind="run", client=None, code="secret()", inputs_sha256=None,
        limits=None, redact_code=True,
    )  # fmt: skip
    record = store.run(run_id)
    assert record is not None and record["code"] is None and record["code_sha256"]


def test_unfinished_runs_are_reconciled_as_crashed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    first = Store(url)
    run_id = first.begin_run(
        tenant_id=None, kind="run", client=None, code="1", inputs_sha256=None, limits=None
    )
    first.close()  # the service "crashed" mid-run
    second = Store(url)
    assert second.reconcile() == 1
    record = second.run(run_id)
    assert record is not None and record["status"] == "crashed" and record["finished_at"]
    assert second.reconcile() == 0


def test_replicas_reconcile_only_runs_silent_past_the_cutoff(store: Store) -> None:
    def begin() -> str:
        return store.begin_run(
            tenant_id=None, kind="run", client=None, code="1", inputs_sha256=None, limits=None
        )

    dead, alive, fresh = begin(), begin(), begin()
    with store.engine.begin() as conn:  # two runs received ten minutes ago
        conn.execute(
            sa.text("UPDATE runs SET received_at = received_at - 600 WHERE id IN (:a, :b)"),
            {"a": dead, "b": alive},
        )
    store.heartbeat([alive])  # its replica says it still runs it
    assert store.reconcile(older_than=time.time() - 180) == 1
    statuses = {i: (store.run(i) or {})["status"] for i in (dead, alive, fresh)}
    assert statuses == {dead: "crashed", alive: "running", fresh: "running"}


def test_migrations_are_alembics(tmp_path: Path) -> None:
    path = tmp_path / "audit.db"
    Store(f"sqlite:///{path}")
    with sqlite3.connect(path) as db:
        assert db.execute("select version_num from alembic_version").fetchall() == [("0003",)]
        assert db.execute("pragma journal_mode").fetchone() == ("wal",)


def test_an_audit_log_of_an_older_version_is_upgraded_in_place(tmp_path: Path) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    url = f"sqlite:///{tmp_path / 'audit.db'}"
    config = Config()
    config.set_main_option("script_location", str(resources.files("wasmbox.server") / "migrations"))
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            sa.text(
                "INSERT INTO runs (id, kind, received_at, status) VALUES ('run_old', 'run', 1, 'ok')"
            )
        )
    engine.dispose()
    store = Store(url)
    record = store.run("run_old")
    assert record is not None and record["status"] == "ok" and record["heartbeat_at"] is None


def test_an_unwritable_audit_log_refuses_and_recovers(store: Store) -> None:
    tenant, _ = store.add_tenant("acme")

    def begin() -> str:
        return store.begin_run(
            tenant_id=tenant.id, kind="run", client=None, code="1", inputs_sha256=None,
            limits=None,
        )  # fmt: skip

    run_id = begin()
    with store.engine.begin() as conn:  # another connection takes the table away
        conn.execute(sa.text("ALTER TABLE runs RENAME TO runs_away"))
    try:
        for _ in range(2):  # the failed connection is replaced, and the new one fails too
            with pytest.raises(AuditUnavailable, match="cannot write the audit log"):
                begin()
        with pytest.raises(AuditUnavailable):
            store.finish_run(run_id, {"status": "ok", "stdout": "", "stderr": ""})
    finally:
        with store.engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE runs_away RENAME TO runs"))
    assert store.run(begin()) is not None  # writes again once it can
    assert store.count() == 2


def test_tenants_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wasmbox.cli", "tenants", *args, "--database-url", url],
            capture_output=True,
            text=True,
            timeout=60,
        )

    ceilings = ("--max-fuel", "5000000", "--max-output", "2M", "--max-files-bytes", "1M")
    added = cli(
        "add", "acme", "--requests-per-minute", "30", "--max-memory", "16M", *ceilings,
        "--max-files", "7",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    key = added.stdout.strip()
    assert key.startswith("wbx_") and "\n" not in key  # the only line on stdout
    listed = cli("list").stdout
    assert listed.startswith("acme\tactive\t") and "requests_per_minute=30" in listed
    assert "max_memory=16777216" in listed and key not in listed
    for shown in ("max_fuel=5000000", "max_output=2097152", "max_files_bytes=1048576"):
        assert shown in listed
    assert "max_files=7" in listed and "max_wall_time=10" in listed  # a default, shown too
    assert cli("add", "acme").returncode != 0
    # NaN passed the check and then limited nothing; infinity is no quota either.
    for flag, value in (("--requests-per-minute", "nan"), ("--daily-cpu-seconds", "nan"),
                        ("--max-concurrent", "inf")):  # fmt: skip
        refused = cli("add", "weird", flag, value)
        assert refused.returncode != 0 and "finite" in refused.stderr, refused.stderr
    assert cli("revoke", "acme").returncode == 0
    assert "acme\trevoked" in cli("list").stdout
    assert cli("revoke", "nobody").returncode != 0
    assert Store(url).tenant_for_key(key) is not None


def test_audit_cli_queries_and_exports(tmp_path: Path, sandbox: Sandbox) -> None:
    import json

    url = f"sqlite:///{tmp_path / 'audit.db'}"
    store = Store(url)
    acme, _ = store.add_tenant("acme")
    other, _ = store.add_tenant("other")
    forged = "raise ValueError('\\x1b]0;PWNED\\x07\\x1b[2Jroot# fake\\tx\\nrun_forged\\tok')"
    for tenant, code in ((acme, "1"), (acme, "1/0"), (other, "2"), (other, forged)):
        run_id = store.begin_run(
            tenant_id=tenant.id, kind="run", client=None, code=code, inputs_sha256=None,
            limits=None,
        )  # fmt: skip
        store.finish_run(run_id, sandbox.run(code))

    def audit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wasmbox.cli", "audit", *args, "--database-url", url],
            capture_output=True,
            text=True,
            timeout=60,
        )

    rows = [json.loads(line) for line in audit("--jsonl", "--tenant", "acme").stdout.splitlines()]
    assert sorted(r["code"] for r in rows) == ["1", "1/0"]
    errors = audit("--status", "error", "--tenant", "acme").stdout.splitlines()
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0]
    # A guest's error message cannot rewrite the operator's screen, nor forge a row.
    shown = audit("--tenant", "other", "--status", "error").stdout
    assert "\x1b" not in shown and "\\x1b]0;PWNED\\x07" in shown
    assert len(shown.splitlines()) == 1 and shown.count("\t") == 3
    assert audit("--since", "2999-01-01").stdout == ""
    assert audit("--since", "yesterday").returncode != 0
    assert audit("--tenant", "nobody").returncode != 0


def test_run_ids_grow_with_time_and_stay_unguessable() -> None:
    # Ordered ids append to the primary-key index instead of scattering over it.
    ids = [new_run_id(1_764_000_000.0 + i / 1000) for i in range(50)]
    assert ids == sorted(ids) and len(set(ids)) == 50
    assert all(len(i) == 32 and i.startswith("run_") for i in ids)
    same_moment = {new_run_id(1_764_000_000.0)[17:] for _ in range(100)}
    assert len(same_moment) == 100  # the random part: 60 bits
    # Read from the OS in blocks of 512: across several blocks, still never the same.
    assert len({new_run_id(1_764_000_000.0) for _ in range(2000)}) == 2000


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_makes_run_ids_of_its_own() -> None:
    new_run_id(1_764_000_000.0)
    assert _random_bits._numbers  # the parent has random numbers in hand
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, to the parent
        try:
            os.write(write, new_run_id(1_764_000_000.0).encode())
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    child = os.read(read, 64).decode()
    os.close(read)
    os.close(write)
    assert child.startswith("run_") and child != new_run_id(1_764_000_000.0)


def test_the_writer_reopens_a_connection_the_database_dropped(postgres_url: str) -> None:
    with fresh_database(postgres_url) as url:
        store = Store(url)
        try:
            first = store.begin_run(
                tenant_id=None, kind="run", client=None, code="1", inputs_sha256=None, limits=None
            )
            # The database restarts, say: the writer's kept connection is gone.
            with sa.create_engine(url).connect() as admin:
                admin.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            with contextlib.suppress(AuditUnavailable):  # the write on the dead connection
                store.finish_run(first, {"status": "ok", "stdout": "", "stderr": ""})
            second = store.begin_run(
                tenant_id=None, kind="run", client=None, code="2", inputs_sha256=None, limits=None
            )
            store.finish_run(first, {"status": "ok", "stdout": "", "stderr": ""})
            assert {r["id"]: r["status"] for r in store.runs()} == {
                first: "ok",
                second: "running",
            }
        finally:
            store.close()


def test_a_tenant_from_before_a_quota_existed_has_its_default(store: Store) -> None:
    from wasmbox.server.store import DEFAULT_QUOTAS, TENANTS, hash_key

    old = {"requests_per_minute": 5, "max_concurrent": 1, "max_wall_time": 2.0}
    with store.engine.begin() as conn:
        conn.execute(
            TENANTS.insert().values(
                name="old", key_hash=hash_key("wbx_old"), created_at=time.time(), quotas=old
            )
        )
    tenant = store.tenant_for_key("wbx_old")
    assert tenant is not None
    assert tenant.quotas == {**DEFAULT_QUOTAS, **old}
    # The ceilings on fuel, output and files are only what the operator gave: without
    # one, the service's own default limit is the ceiling (tests/test_server_hostile.py).
    assert "max_fuel" not in tenant.quotas


def test_retention_prunes_finished_records_older_than_the_cutoff(store: Store) -> None:
    from wasmbox.server.store import RUNS

    def record(age_days: float, status: str) -> str:
        run_id = store.begin_run(
            tenant_id=None, kind="run", client=None, code="1", inputs_sha256=None, limits=None,
            status=status,
        )  # fmt: skip
        with store.engine.begin() as conn:
            conn.execute(
                RUNS.update()
                .where(RUNS.c.id == run_id)
                .values(received_at=time.time() - age_days * 86400)
            )
        return run_id

    old_done, old_running = record(40, "ok"), record(40, "running")
    recent, refused = record(1, "ok"), record(40, "refused")
    assert store.prune(time.time() - 30 * 86400) == 2
    assert store.run(old_done) is None and store.run(refused) is None
    # A record still running is never pruned (reconciling it is another matter).
    assert store.run(old_running) is not None and store.run(recent) is not None


def test_the_database_url_comes_from_the_environment_else_a_file_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wasmbox.server.store import default_database_url

    monkeypatch.delenv("WASMBOX_DATABASE_URL", raising=False)
    assert default_database_url() == "sqlite:///wasmbox.db"
    env = {k: v for k, v in os.environ.items() if k != "WASMBOX_DATABASE_URL"}
    added = subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", "tenants", "add", "here"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "wasmbox.db").is_file()  # the default: a file in the working directory
    elsewhere = tmp_path / "elsewhere.db"
    env["WASMBOX_DATABASE_URL"] = f"sqlite:///{elsewhere}"
    listed = subprocess.run(
        [sys.executable, "-m", "wasmbox.cli", "tenants", "list"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env,
    )  # fmt: skip
    assert listed.returncode == 0 and listed.stdout == "", listed.stderr  # a new, empty one
    assert elsewhere.is_file()


def test_replicas_migrating_one_empty_database_at_once_all_succeed(
    postgres_database_url: str,
) -> None:
    # Without the advisory lock, the loser of CREATE TABLE's race failed on
    # "pg_type_typname_nsp_index" and its replica exited.
    start = threading.Barrier(4)

    def open_store() -> int:
        start.wait(10)
        store = Store(postgres_database_url)
        try:
            return store.count()
        finally:
            store.close()

    pool = concurrent.futures.ThreadPoolExecutor(4)
    try:
        opened = [pool.submit(open_store) for _ in range(4)]
        assert [f.result(timeout=60) for f in opened] == [0, 0, 0, 0]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
