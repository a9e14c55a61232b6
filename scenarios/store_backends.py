"""The two databases behind :class:`~scenarios.store.ScenarioStore`: SQLite and PostgreSQL.

Each gives connections, a write transaction and the lock that makes a save's "is my base still
the latest version?" check safe against concurrent writers: SQLite takes the database's write
lock when the transaction begins (``BEGIN IMMEDIATE``); PostgreSQL locks the scenario's row
(``SELECT … FOR UPDATE``), so app servers on several machines can share one database. Driver
errors become :class:`StoreError` with the error's type only: no SQL, host or password reaches a
user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scenarios.errors import StoreError
from scenarios.store import ScenarioStore, describe

#: PostgreSQL connections kept per app server (one per concurrent store call).
POOL_MAX_SIZE = 8
#: Seconds to wait for a PostgreSQL connection before saying the store is unavailable.
CONNECT_TIMEOUT_S = 5
_SETUP_LOCK = 7_160_011  # pg_advisory_xact_lock key: one server creates the tables at a time


class SQLiteStore(ScenarioStore):
    """Scenario store in one SQLite file (one connection per call: safe across threads).

    WAL journal and synchronous=FULL: a save is on disk when it returns, and a kill mid-way
    leaves the previous version intact.
    """

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        if not create and not self.path.is_file():
            raise StoreError("store_missing", path=str(self.path)[:200])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
            with self._transaction() as conn:
                self._setup(conn)
        except OSError as err:
            raise StoreError("store_unavailable", detail=type(err).__name__) from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        except sqlite3.Error as err:
            raise StoreError("store_unavailable", detail=type(err).__name__) from None
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn
        except sqlite3.Error as err:
            raise StoreError("store_unavailable", detail=type(err).__name__) from None
        finally:
            conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")  # takes the write lock now: no lost update
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


class PostgresStore(ScenarioStore):
    """Scenario store in a PostgreSQL database (no extension needed), through a connection pool.

    ``url`` is a libpq URL (``postgresql://user:password@host:5432/vigie``; query parameters such
    as ``sslmode`` or ``options=-csearch_path%3Dschema`` are passed on).
    """

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool, PoolTimeout

        self.url = url
        self._errors = (psycopg.Error, PoolTimeout)
        try:
            self._pool = ConnectionPool(
                url,
                min_size=1,
                max_size=POOL_MAX_SIZE,
                timeout=CONNECT_TIMEOUT_S,
                kwargs={"connect_timeout": CONNECT_TIMEOUT_S},
                open=False,
                name=describe(url),
            )
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
            with self._transaction() as conn:
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SETUP_LOCK,))
                self._setup(conn)
        except self._errors as err:
            self.close()
            raise StoreError("store_unavailable", detail=type(err).__name__) from None

    def _sql(self, query: str) -> str:
        return query.replace("?", "%s")

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        try:
            with self._pool.connection() as conn:
                yield conn
        except self._errors as err:
            raise StoreError("store_unavailable", detail=type(err).__name__) from None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with self._connect() as conn, conn.transaction():
            yield conn

    def _lock_head(self, conn: Any, scenario_id: str) -> int:
        return self._head(conn, scenario_id, lock=" FOR UPDATE")

    def close(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.close()
