"""The test servers of ``services.py`` are real, reachable, and private to the loopback interface."""

from __future__ import annotations

import psycopg
import redis
import sqlalchemy as sa


def test_redis_server_answers(redis_url: str) -> None:
    assert redis_url.startswith("redis://127.0.0.1:")
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        client.set("wasmbox:test:services", "ok", ex=10)
        assert client.get("wasmbox:test:services") == "ok"
        assert client.config_get("save")["save"] == ""  # nothing written to disk
    finally:
        client.delete("wasmbox:test:services")
        client.close()


def test_postgres_server_answers(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT current_database()")).scalar() == "wasmbox"
            assert conn.execute(sa.text("SHOW listen_addresses")).scalar() == "127.0.0.1"
            assert conn.execute(sa.text("SHOW fsync")).scalar() == "off"
    finally:
        engine.dispose()


def test_each_test_gets_an_empty_database_of_its_own(
    postgres_url: str, postgres_database_url: str
) -> None:
    engine = sa.create_engine(postgres_database_url)
    try:
        with engine.begin() as conn:
            assert sa.inspect(conn).get_table_names() == []
            conn.execute(sa.text("CREATE TABLE t (x int)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1)"))
        # The shared database does not see the table.
        with psycopg.connect(postgres_url.replace("+psycopg", "")) as shared:
            found = shared.execute("SELECT to_regclass('public.t')").fetchone()
            assert found == (None,)
    finally:
        engine.dispose()
