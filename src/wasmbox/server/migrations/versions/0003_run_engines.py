"""The engine each run asked for (NULL in records from before engines could be chosen).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("engine", sa.String(20)))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("engine")
