"""Tenants and the audit log of runs.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("revoked_at", sa.Float),
        sa.Column("quotas", sa.JSON, nullable=False),
    )
    op.create_table(
        "runs",
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
    )
    op.create_index("runs_by_tenant_time", "runs", ["tenant_id", "received_at"])
    op.create_index("runs_by_status", "runs", ["status"])


def downgrade() -> None:
    op.drop_table("runs")
    op.drop_table("tenants")
