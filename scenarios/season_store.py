"""Seasons in the scenario store: every save a new version, like a scenario's.

A season is kept in the store's tables with kind ``season`` (the scenario list leaves them out):
the same transactions, optimistic saves (ConflictError when someone saved in between) and
authorship. Planners create and save seasons; liaisons and exercise leads read them.
"""

from __future__ import annotations

import uuid
from typing import Any

from scenarios.accounts import Actor, Role
from scenarios.errors import AccessDenied, ConflictError, StoreError
from scenarios.season_document import dump_season, load_season
from scenarios.season_model import SeasonDocument
from scenarios.store import (
    ScenarioStore,
    ScenarioSummary,
    VersionInfo,
    _now,
)

KIND = "season"


def create_season(
    store: ScenarioStore, season: SeasonDocument, actor: Actor, comment: str = ""
) -> VersionInfo:
    """Store a new season as its version 1."""
    season_id = "season-" + uuid.uuid4().hex[:10]
    now, comment = _now(), comment or "created"
    with store._transaction() as conn:
        actor = _planner(store, conn, actor)
        store._execute(
            conn,
            "INSERT INTO scenarios (scenario_id, title, kind, head_version, created_at) "
            "VALUES (?, ?, ?, 1, ?)",
            (season_id, season.title, KIND, now.isoformat()),
        )
        _insert(store, conn, season_id, 1, _stamped(season, actor, now, None), actor, now, comment)
    return VersionInfo(season_id, 1, actor.username, now, comment, None, actor.role.value)


def save_season(
    store: ScenarioStore,
    season_id: str,
    season: SeasonDocument,
    actor: Actor,
    base_version: int,
    comment: str = "",
) -> VersionInfo:
    """Store a new version; ConflictError unless ``base_version`` is still the latest."""
    now = _now()
    with store._transaction() as conn:
        actor = _planner(store, conn, actor)
        head = store._lock_head(conn, season_id)
        if head != base_version:
            raise ConflictError(
                "save_conflict", by="?", current=head, base=base_version, at=now.strftime("%H:%M")
            )
        latest = load_season(store._document(conn, season_id, head))
        document = _stamped(season, actor, now, latest)
        _insert(store, conn, season_id, head + 1, document, actor, now, comment)
        store._execute(
            conn,
            "UPDATE scenarios SET head_version = ?, title = ? WHERE scenario_id = ?",
            (head + 1, season.title, season_id),
        )
    return VersionInfo(season_id, head + 1, actor.username, now, comment, None, actor.role.value)


def open_season(
    store: ScenarioStore, season_id: str, version: int | None = None
) -> tuple[SeasonDocument, VersionInfo]:
    """A version of a season (the latest by default)."""
    with store._connect() as conn:
        row = store._execute(
            conn, "SELECT kind FROM scenarios WHERE scenario_id = ?", (season_id,)
        ).fetchone()
        if row is None or row[0] != KIND:
            raise StoreError("season_unknown", season_id=season_id[:80])
        version = version or store._head(conn, season_id)
        document, info = store._stored_version(conn, season_id, version)
    return load_season(document), info


def list_seasons(store: ScenarioStore) -> list[ScenarioSummary]:
    """Every stored season, most recently saved first."""
    return store.list(kinds=(KIND,))


def _planner(store: ScenarioStore, conn: Any, actor: Actor) -> Actor:
    actor = store._live_actor(conn, actor)
    if actor.role is Role.LIAISON:
        raise AccessDenied("access_denied_liaison", who=actor.label, role=actor.role.value)
    if actor.role is not Role.PLANNER:
        raise AccessDenied("access_denied_create", who=actor.label, role=actor.role.value)
    return actor


def _insert(store, conn, season_id, version, document, actor, now, comment) -> None:
    store._execute(
        conn,
        "INSERT INTO versions (scenario_id, version, document, author, saved_at, comment,"
        " restored_from, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            season_id,
            version,
            document,
            actor.username,
            now.isoformat(),
            comment,
            None,
            actor.role.value,
        ),
    )


def _stamped(season: SeasonDocument, actor: Actor, now, latest: SeasonDocument | None) -> str:
    update = {"updated_by": actor.username, "updated_at": now}
    if latest is None:
        update |= {"created_by": actor.username, "created_at": now}
    else:
        update |= {
            "created_by": latest.authorship.created_by,
            "created_at": latest.authorship.created_at,
        }
    authorship = season.authorship.model_copy(update=update)
    return dump_season(season.model_copy(update={"authorship": authorship}))
