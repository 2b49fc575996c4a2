"""The multi-tenant service (``wasmbox serve``): tenants, quotas, the audit log, the HTTP API.

Built in increments (issue 7); :mod:`.store` is the audit log and tenant
registry, on SQLAlchemy Core with Alembic migrations, for SQLite (the
default) and PostgreSQL alike.
"""
