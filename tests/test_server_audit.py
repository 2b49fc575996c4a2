"""The audit writer: group commits on the event loop, WAL checkpoints off it (SQLite)."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import time
from pathlib import Path

from wasmbox.server import audit as audit_module
from wasmbox.server.audit import AuditLog
from wasmbox.server.store import Store


def test_checkpoints_run_off_the_event_loop_and_keep_up(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    log = AuditLog(store)
    assert log.on_loop

    async def scenario() -> list[str]:
        log.start()
        ids = []
        for n in range(300):
            run_id = await log.begin(
                tenant_id=None, kind="run", client=None, code=f"print({n})",
                inputs_sha256=None, limits={"wall_time": 1.0},
            )  # fmt: skip
            await log.finish(run_id, {"status": "ok", "stdout": f"{n}\n", "stderr": ""})
            ids.append(run_id)
        return ids

    try:
        ids = asyncio.run(scenario())
        # The commits on the loop never copy the WAL into the database themselves...
        writer = store._writer.cursor()
        assert writer.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        # ...the checkpoint thread does: the database file alone, without its WAL,
        # soon holds every record.
        deadline = time.monotonic() + 10
        found = 0
        while time.monotonic() < deadline:
            time.sleep(audit_module._CHECKPOINT_INTERVAL)
            copy = tmp_path / f"copy-{time.monotonic_ns()}.db"
            shutil.copyfile(tmp_path / "audit.db", copy)
            with sqlite3.connect(copy) as db:
                found = db.execute("SELECT count(*) FROM runs WHERE status = 'ok'").fetchone()[0]
            if found == len(ids):
                break
        assert found == len(ids) == 300
    finally:
        log.close()
        store.close()
    assert log._checkpointer is None  # stopped with the writer


def test_a_row_the_database_cannot_take_fails_no_other_request(audit_database_url: str) -> None:
    # SQLite cannot store a lone surrogate, PostgreSQL a NUL. One such row failed the
    # whole group commit, so every other request in it, any tenant's, was refused after
    # its code ran (its record left 'running'): one tenant could do that to all.
    store = Store(audit_database_url)
    log = AuditLog(store)
    bad = "x\x00y\ud800z"

    async def scenario() -> list[str]:
        log.start()
        ids = await asyncio.gather(
            *(
                log.begin(
                    tenant_id=None,
                    kind="run",
                    client=None,
                    code=bad if n == 2 else f"print({n})",
                    inputs_sha256=None,
                    limits={},
                )
                for n in range(6)
            )
        )
        outcomes = [
            {"status": "error", "stdout": bad, "stderr": "", "error": {"type": "E", "message": bad}}
            if n == 4
            else {"status": "ok", "stdout": f"{n}\n", "stderr": ""}
            for n in range(6)
        ]
        await asyncio.gather(*(log.finish(i, o) for i, o in zip(ids, outcomes, strict=True)))
        return list(ids)

    try:
        ids = asyncio.run(scenario())
        records = [store.run(run_id) for run_id in ids]
        assert all(r is not None for r in records)
        assert [r["status"] for r in records if r] == ["ok"] * 4 + ["error", "ok"]
        stored = records[2]
        assert stored is not None and stored["code"] == "x\ufffdy\ufffd\ufffd\ufffdz"
    finally:
        log.close()
        store.close()


def test_a_locked_database_fails_a_batch_once_not_once_a_row(tmp_path: Path) -> None:
    # A failed batch is written again row by row only when a row's text was refused:
    # for a lock (or an outage) each row waited for it again, on the event loop.
    path = tmp_path / "audit.db"
    store = Store(f"sqlite:///{path}")
    log = AuditLog(store)
    attempts = []
    write = store.write

    def counted(**rows: object) -> None:
        attempts.append(rows)
        write(**rows)  # type: ignore[arg-type]

    store.write = counted  # type: ignore[method-assign]
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("PRAGMA busy_timeout = 0")

    async def scenario() -> list[BaseException | None]:
        log.start()
        store.count()  # the schema is made
        with store.engine.connect() as conn:  # the writer's connection waits 0.2 s at most
            conn.exec_driver_sql("SELECT 1")
        blocker.execute("BEGIN IMMEDIATE")
        outcomes = await asyncio.gather(
            *(
                log.begin(
                    tenant_id=None,
                    kind="run",
                    client=None,
                    code=f"print({n})",
                    inputs_sha256=None,
                    limits={},
                )
                for n in range(8)
            ),
            return_exceptions=True,
        )
        blocker.rollback()
        return [o if isinstance(o, BaseException) else None for o in outcomes]

    try:
        outcomes = asyncio.run(scenario())
        assert all(isinstance(o, Exception) for o in outcomes), outcomes
        assert len(attempts) <= 2, len(attempts)  # one batch (two, if it was split in time)
    finally:
        blocker.close()
        log.close()
        store.close()
