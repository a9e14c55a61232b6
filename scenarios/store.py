"""The scenario store: every save is a new version; nothing is overwritten or deleted.

:class:`ScenarioStore` is the interface (a PostgreSQL store can implement it later);
:class:`SQLiteStore` keeps everything in one SQLite file. Each save is one transaction (a crash or
a kill during a save leaves the previous version intact: SQLite's atomic commit, WAL journal,
synchronous=FULL). Saves are optimistic: a save names the version it was based on and is refused
with :class:`ConflictError` if someone saved in between; the caller keeps the user's edits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from planner.paths import data_dir
from scenarios.document import dump_scenario, load_scenario
from scenarios.errors import ConflictError, StoreError
from scenarios.model import Scenario


@dataclass(frozen=True)
class VersionInfo:
    """One saved version of a scenario."""

    scenario_id: str
    version: int
    author: str
    saved_at: datetime
    comment: str
    restored_from: int | None = None


@dataclass(frozen=True)
class ScenarioSummary:
    """A stored scenario as listed: its id, title, kind and latest version."""

    scenario_id: str
    title: str
    kind: str
    head_version: int
    updated_by: str
    updated_at: datetime


class ScenarioStore(ABC):
    """What the app and the CLI need from a scenario store."""

    @abstractmethod
    def create(self, scenario: Scenario, author: str, comment: str = "") -> VersionInfo:
        """Store a new scenario as its version 1."""

    @abstractmethod
    def save(
        self,
        scenario_id: str,
        scenario: Scenario,
        author: str,
        base_version: int,
        comment: str = "",
    ) -> VersionInfo:
        """Store a new version; ConflictError unless ``base_version`` is still the latest."""

    @abstractmethod
    def open(self, scenario_id: str, version: int | None = None) -> tuple[Scenario, VersionInfo]:
        """A version of a scenario (the latest by default)."""

    @abstractmethod
    def history(self, scenario_id: str) -> list[VersionInfo]:
        """Every version, newest first."""

    @abstractmethod
    def list(self) -> list[ScenarioSummary]:
        """Every stored scenario, most recently saved first."""

    def restore(
        self, scenario_id: str, version: int, author: str, base_version: int
    ) -> VersionInfo:
        """Save an older version again as the newest one (nothing is deleted)."""
        scenario, _ = self.open(scenario_id, version)
        return self._save(
            scenario_id,
            scenario,
            author,
            base_version,
            f"restored from version {version}",
            restored_from=version,
        )

    @abstractmethod
    def _save(
        self,
        scenario_id: str,
        scenario: Scenario,
        author: str,
        base_version: int,
        comment: str,
        restored_from: int | None = None,
    ) -> VersionInfo: ...


SCHEMA = """
CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    head_version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    scenario_id TEXT NOT NULL REFERENCES scenarios(scenario_id),
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    author TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    restored_from INTEGER,
    PRIMARY KEY (scenario_id, version)
);
"""


def default_store_path() -> Path:
    """``VIGIE_STORE`` if set, else ``scenarios.sqlite3`` in the data directory."""
    return Path(os.environ.get("VIGIE_STORE") or data_dir() / "scenarios.sqlite3")


class SQLiteStore(ScenarioStore):
    """Scenario store in one SQLite file (one connection per call: safe across threads)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise StoreError("store_unavailable", detail=type(err).__name__) from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            yield conn
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

    def create(self, scenario: Scenario, author: str, comment: str = "") -> VersionInfo:
        scenario_id = uuid.uuid4().hex[:12]
        now = _now()
        document = _stamped(scenario, author, now)
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO scenarios (scenario_id, title, kind, head_version, created_at) "
                "VALUES (?, ?, ?, 1, ?)",
                (scenario_id, scenario.title, scenario.kind, now.isoformat()),
            )
            conn.execute(
                "INSERT INTO versions (scenario_id, version, document, author, saved_at, comment)"
                " VALUES (?, 1, ?, ?, ?, ?)",
                (scenario_id, document, author, now.isoformat(), comment or "created"),
            )
        return VersionInfo(scenario_id, 1, author, now, comment or "created")

    def save(
        self,
        scenario_id: str,
        scenario: Scenario,
        author: str,
        base_version: int,
        comment: str = "",
    ) -> VersionInfo:
        return self._save(scenario_id, scenario, author, base_version, comment)

    def _save(
        self,
        scenario_id: str,
        scenario: Scenario,
        author: str,
        base_version: int,
        comment: str,
        restored_from: int | None = None,
    ) -> VersionInfo:
        now = _now()
        with self._transaction() as conn:
            head = self._head(conn, scenario_id)
            if head != base_version:
                by, at = conn.execute(
                    "SELECT author, saved_at FROM versions WHERE scenario_id = ? AND version = ?",
                    (scenario_id, head),
                ).fetchone()
                raise ConflictError(
                    "save_conflict",
                    by=by,
                    current=head,
                    base=base_version,
                    at=datetime.fromisoformat(at).strftime("%H:%M:%S"),
                )
            version = head + 1
            (head_document,) = conn.execute(
                "SELECT document FROM versions WHERE scenario_id = ? AND version = ?",
                (scenario_id, head),
            ).fetchone()
            created = json.loads(head_document)["authorship"]
            document = _stamped(scenario, author, now, created=created)
            conn.execute(
                "INSERT INTO versions (scenario_id, version, document, author, saved_at, comment,"
                " restored_from) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (scenario_id, version, document, author, now.isoformat(), comment, restored_from),
            )
            conn.execute(
                "UPDATE scenarios SET head_version = ?, title = ?, kind = ? WHERE scenario_id = ?",
                (version, scenario.title, scenario.kind, scenario_id),
            )
        return VersionInfo(scenario_id, version, author, now, comment, restored_from)

    def open(self, scenario_id: str, version: int | None = None) -> tuple[Scenario, VersionInfo]:
        with self._connect() as conn:
            if version is None:
                version = self._head(conn, scenario_id)
            row = conn.execute(
                "SELECT document, author, saved_at, comment, restored_from FROM versions "
                "WHERE scenario_id = ? AND version = ?",
                (scenario_id, version),
            ).fetchone()
        if row is None:
            raise StoreError("scenario_version_unknown", scenario_id=scenario_id, version=version)
        document, author, saved_at, comment, restored_from = row
        info = VersionInfo(
            scenario_id, version, author, datetime.fromisoformat(saved_at), comment, restored_from
        )
        return load_scenario(document), info

    def history(self, scenario_id: str) -> list[VersionInfo]:
        with self._connect() as conn:
            self._head(conn, scenario_id)
            rows = conn.execute(
                "SELECT version, author, saved_at, comment, restored_from FROM versions "
                "WHERE scenario_id = ? ORDER BY version DESC",
                (scenario_id,),
            ).fetchall()
        return [
            VersionInfo(scenario_id, v, a, datetime.fromisoformat(s), c, r)
            for v, a, s, c, r in rows
        ]

    def list(self) -> list[ScenarioSummary]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT s.scenario_id, s.title, s.kind, s.head_version, v.author, v.saved_at "
                "FROM scenarios s JOIN versions v "
                "ON v.scenario_id = s.scenario_id AND v.version = s.head_version "
                "ORDER BY v.saved_at DESC"
            ).fetchall()
        return [
            ScenarioSummary(i, t, k, h, a, datetime.fromisoformat(s)) for i, t, k, h, a, s in rows
        ]

    @staticmethod
    def _head(conn: sqlite3.Connection, scenario_id: str) -> int:
        row = conn.execute(
            "SELECT head_version FROM scenarios WHERE scenario_id = ?", (scenario_id,)
        ).fetchone()
        if row is None:
            raise StoreError("scenario_unknown", scenario_id=scenario_id)
        return row[0]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _stamped(scenario: Scenario, author: str, now: datetime, created: dict | None = None) -> str:
    """The document to store: created by whoever stored it first, updated by this save."""
    update = {"updated_by": author, "updated_at": now}
    if created is None:
        update |= {"created_by": author, "created_at": now}
    else:
        update |= {
            "created_by": created["created_by"],
            "created_at": datetime.fromisoformat(created["created_at"]),
        }
    authorship = scenario.authorship.model_copy(update=update)
    return dump_scenario(scenario.model_copy(update={"authorship": authorship}))
