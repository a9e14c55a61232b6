"""The scenario store: every save is a new version; nothing is overwritten or deleted.

One implementation of the rules over SQL, two databases (:mod:`scenarios.store_backends`): a
SQLite file (one server, the demo) or PostgreSQL (several app servers sharing one database: how a
metropolis scales out). :func:`open_store` picks one from a URL. Each save is one transaction: a
crash or a kill during a save leaves the previous version intact. Saves are optimistic: a save
names the version it was based on and is refused with :class:`ConflictError` if someone saved in
between (the head row is locked for the check, so two servers cannot both win); the caller keeps
the user's edits. Every write names its :class:`~scenarios.accounts.Actor`; the store re-reads
that account in the write transaction (a disabled account writes nothing, a demoted one writes
with its new role) and checks the role here, whatever the caller; the version records who saved
it and in which role.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.paths import data_dir
from scenarios.account_store import AccountStore
from scenarios.accounts import Actor, authorize_create, authorize_save
from scenarios.document import dump_scenario, load_stored
from scenarios.errors import ConflictError, StoreError
from scenarios.model import Authorship, Scenario


@dataclass(frozen=True)
class VersionInfo:
    """One saved version of a scenario."""

    scenario_id: str
    version: int
    author: str
    saved_at: datetime
    comment: str
    restored_from: int | None = None
    role: str = "planner"


@dataclass(frozen=True)
class ScenarioSummary:
    """A stored scenario as listed: its id, title, kind and latest version."""

    scenario_id: str
    title: str
    kind: str
    head_version: int
    updated_by: str
    updated_at: datetime


SCHEMA = [
    """CREATE TABLE IF NOT EXISTS scenarios (
        scenario_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        head_version INTEGER NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS versions (
        scenario_id TEXT NOT NULL REFERENCES scenarios(scenario_id),
        version INTEGER NOT NULL,
        document TEXT NOT NULL,
        author TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        restored_from INTEGER,
        role TEXT NOT NULL DEFAULT 'planner',
        PRIMARY KEY (scenario_id, version))""",
    """CREATE TABLE IF NOT EXISTS accounts (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL,
        password_hash TEXT,
        sso INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL)""",
]
VERSION_COLUMNS = "version, author, saved_at, comment, restored_from, role"


class ScenarioStore(AccountStore):
    """Scenarios, their versions and the accounts, over a SQL database.

    Subclasses give the connection (:meth:`_connect`), the write transaction
    (:meth:`_transaction`, which must serialise concurrent writes of one scenario with
    :meth:`_lock_head`) and the parameter style; the SQL below is portable.
    """

    url: str

    def _sql(self, query: str) -> str:
        """The query in the driver's parameter style (written with ``?``)."""
        return query

    def _lock_head(self, conn: Any, scenario_id: str) -> int:
        """The latest version, locked until the end of the transaction."""
        return self._head(conn, scenario_id)

    def _execute(self, conn: Any, query: str, params: tuple = ()) -> Any:
        return conn.execute(self._sql(query), params)

    def _setup(self, conn: Any) -> None:
        """Create the tables, and bring a store of an earlier Vigie up to date."""
        for statement in SCHEMA:
            self._execute(conn, statement)
        columns = [c[0] for c in self._execute(conn, "SELECT * FROM versions LIMIT 0").description]
        if "role" not in columns:  # stores written before accounts existed
            self._execute(
                conn, "ALTER TABLE versions ADD COLUMN role TEXT NOT NULL DEFAULT 'planner'"
            )

    # --- scenarios ---------------------------------------------------------------------------

    def create(self, scenario: Scenario, actor: Actor, comment: str = "") -> VersionInfo:
        """Store a new scenario as its version 1 (the actor's role read from its account now)."""
        scenario_id = uuid.uuid4().hex[:12]
        now = _now()
        comment = comment or "created"
        with self._transaction() as conn:
            actor = self._live_actor(conn, actor)
            authorize_create(actor, scenario)
            self._execute(
                conn,
                "INSERT INTO scenarios (scenario_id, title, kind, head_version, created_at) "
                "VALUES (?, ?, ?, 1, ?)",
                (scenario_id, scenario.title, scenario.kind, now.isoformat()),
            )
            self._insert_version(conn, scenario_id, 1, scenario, actor, now, comment, None, None)
        return VersionInfo(scenario_id, 1, actor.username, now, comment, None, actor.role.value)

    def save(
        self,
        scenario_id: str,
        scenario: Scenario,
        actor: Actor,
        base_version: int,
        comment: str = "",
    ) -> VersionInfo:
        """Store a new version; ConflictError unless ``base_version`` is still the latest,
        AccessDenied if the actor's role may not make this change."""
        return self._save(scenario_id, scenario, actor, base_version, comment)

    def restore(
        self, scenario_id: str, version: int, actor: Actor, base_version: int
    ) -> VersionInfo:
        """Save an older version again as the newest one (nothing is deleted)."""
        scenario, _ = self.open(scenario_id, version)
        return self._save(
            scenario_id,
            scenario,
            actor,
            base_version,
            f"restored from version {version}",
            restored_from=version,
        )

    def _save(
        self,
        scenario_id: str,
        scenario: Scenario,
        actor: Actor,
        base_version: int,
        comment: str,
        restored_from: int | None = None,
    ) -> VersionInfo:
        now = _now()
        with self._transaction() as conn:
            actor = self._live_actor(conn, actor)  # never the role the caller remembers
            head = self._lock_head(conn, scenario_id)
            if head != base_version:
                by, at = self._execute(
                    conn,
                    "SELECT author, saved_at FROM versions WHERE scenario_id = ? AND version = ?",
                    (scenario_id, head),
                ).fetchone()
                raise ConflictError(
                    "save_conflict",
                    by=by,
                    current=head,
                    base=base_version,
                    at=datetime.fromisoformat(at).strftime("%H:%M:%S UTC"),
                )
            latest = load_stored(self._document(conn, scenario_id, head))
            authorize_save(actor, latest, scenario)
            self._insert_version(
                conn,
                scenario_id,
                head + 1,
                scenario,
                actor,
                now,
                comment,
                restored_from,
                latest.authorship,
            )
            self._execute(
                conn,
                "UPDATE scenarios SET head_version = ?, title = ?, kind = ? WHERE scenario_id = ?",
                (head + 1, scenario.title, scenario.kind, scenario_id),
            )
        return VersionInfo(
            scenario_id, head + 1, actor.username, now, comment, restored_from, actor.role.value
        )

    def _insert_version(
        self,
        conn: Any,
        scenario_id: str,
        version: int,
        scenario: Scenario,
        actor: Actor,
        now: datetime,
        comment: str,
        restored_from: int | None,
        created: Authorship | None,
    ) -> None:
        self._execute(
            conn,
            "INSERT INTO versions (scenario_id, version, document, author, saved_at, comment,"
            " restored_from, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                scenario_id,
                version,
                _stamped(scenario, actor.username, now, created),
                actor.username,
                now.isoformat(),
                comment,
                restored_from,
                actor.role.value,
            ),
        )

    def open(self, scenario_id: str, version: int | None = None) -> tuple[Scenario, VersionInfo]:
        """A version of a scenario (the latest by default)."""
        with self._connect() as conn:
            if version is None:
                version = self._head(conn, scenario_id)
            document, info = self._stored_version(conn, scenario_id, version)
        return load_stored(document), info

    def _stored_version(self, conn: Any, scenario_id: str, version: int) -> tuple[str, VersionInfo]:
        """The stored document of one version (scenario or season) and its information."""
        row = self._execute(
            conn,
            f"SELECT document, {VERSION_COLUMNS} FROM versions "
            "WHERE scenario_id = ? AND version = ?",
            (scenario_id, version),
        ).fetchone()
        if row is None:
            raise StoreError("scenario_version_unknown", scenario_id=scenario_id, version=version)
        return row[0], _version_info(scenario_id, row[1:])

    def history(self, scenario_id: str) -> list[VersionInfo]:
        """Every version, newest first."""
        with self._connect() as conn:
            self._head(conn, scenario_id)
            rows = self._execute(
                conn,
                f"SELECT {VERSION_COLUMNS} FROM versions WHERE scenario_id = ? "
                "ORDER BY version DESC",
                (scenario_id,),
            ).fetchall()
        return [_version_info(scenario_id, row) for row in rows]

    def list(self, kinds: tuple[str, ...] = ("event", "exercise")) -> list[ScenarioSummary]:
        """Every stored scenario (or season: ``kinds``), most recently saved first."""
        marks = ", ".join("?" * len(kinds))
        with self._connect() as conn:
            rows = self._execute(
                conn,
                "SELECT s.scenario_id, s.title, s.kind, s.head_version, v.author, v.saved_at "
                "FROM scenarios s JOIN versions v "
                "ON v.scenario_id = s.scenario_id AND v.version = s.head_version "
                f"WHERE s.kind IN ({marks}) ORDER BY v.saved_at DESC, s.scenario_id",
                kinds,
            ).fetchall()
        return [
            ScenarioSummary(i, t, k, h, a, datetime.fromisoformat(s)) for i, t, k, h, a, s in rows
        ]

    def _head(self, conn: Any, scenario_id: str, lock: str = "") -> int:
        row = self._execute(
            conn, "SELECT head_version FROM scenarios WHERE scenario_id = ?" + lock, (scenario_id,)
        ).fetchone()
        if row is None:
            raise StoreError("scenario_unknown", scenario_id=scenario_id)
        return row[0]

    def _document(self, conn: Any, scenario_id: str, version: int) -> str:
        (document,) = self._execute(
            conn,
            "SELECT document FROM versions WHERE scenario_id = ? AND version = ?",
            (scenario_id, version),
        ).fetchone()
        return document

    def close(self) -> None:
        """Release the connections (a no-op for stores that hold none)."""


def default_store_url() -> str:
    """``VIGIE_STORE`` (a path, ``sqlite:///path`` or ``postgresql://…``) if set, else
    ``scenarios.sqlite3`` in the data directory."""
    return os.environ.get("VIGIE_STORE") or str(data_dir() / "scenarios.sqlite3")


def open_store(url: str | Path | None = None, create: bool = True) -> ScenarioStore:
    """The store at ``url``: ``postgresql://…`` (or ``postgres://…``), else a SQLite file
    (created if missing unless ``create`` is False: read-only commands and account changes
    never create an empty store at a mistyped path)."""
    from scenarios.store_backends import PostgresStore, SQLiteStore

    url = str(url) if url is not None else default_store_url()
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    return SQLiteStore(url.removeprefix("sqlite://"), create=create)


def describe(url: str) -> str:
    """The store's URL without its password (for messages and logs)."""
    if "://" not in url or "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"


def _version_info(scenario_id: str, row: tuple) -> VersionInfo:
    version, author, saved_at, comment, restored_from, role = row
    return VersionInfo(
        scenario_id, version, author, datetime.fromisoformat(saved_at), comment, restored_from, role
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _stamped(
    scenario: Scenario, author: str, now: datetime, created: Authorship | None = None
) -> str:
    """The document to store: created by whoever stored it first (``created``: the latest
    version's authorship), updated by this save."""
    update = {"updated_by": author, "updated_at": now}
    if created is None:
        update |= {"created_by": author, "created_at": now}
    else:
        update |= {"created_by": created.created_by, "created_at": created.created_at}
    authorship = scenario.authorship.model_copy(update=update)
    return dump_scenario(scenario.model_copy(update={"authorship": authorship}))
