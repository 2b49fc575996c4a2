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
