"""Alembic environment: the store passes its connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from wasmbox.server.store import METADATA

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=METADATA, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
