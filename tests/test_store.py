"""The scenario store, against SQLite and a real PostgreSQL (same suite, ``store`` fixture):
versions, history, restore, refused conflicts (also between concurrent writers), a save killed
mid-way, who saved what, roles enforced by the store itself."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from scenarios.accounts import Actor, Role
from scenarios.errors import AccessDenied, ConflictError, StoreError
from scenarios.examples import load_example
from scenarios.model import Inject
from scenarios.store import open_store
from scenarios.store_backends import PostgresStore, SQLiteStore
from tests.conftest import ROOT, add_test_accounts


@pytest.fixture(autouse=True)
def test_accounts(request):
    """Each test's store holds its actors' accounts (an earlier-Vigie store test has none)."""
    if "store_url" in request.fixturenames:
        add_test_accounts(request.getfixturevalue("store_url"))


ALICE = Actor("alice", Role.PLANNER)
BOB = Actor("bob", Role.PLANNER)
LEAD = Actor("lea", Role.EXERCISE_LEAD)
LIAISON = Actor("louis", Role.LIAISON, "Louis (préfecture)")


@pytest.fixture
def concert():
    return load_example("monaco-new-year-concert")


def test_every_save_is_a_new_version(store, concert):
    created = store.create(concert, ALICE, "first draft")
    assert created.version == 1
    renamed = concert.model_copy(update={"title": "Concert — v2"})
    second = store.save(created.scenario_id, renamed, BOB, base_version=1, comment="title")
    assert second.version == 2
    history = store.history(created.scenario_id)
    assert [(v.version, v.author, v.role, v.comment) for v in history] == [
        (2, "bob", "planner", "title"),
        (1, "alice", "planner", "first draft"),
    ]
    latest, info = store.open(created.scenario_id)
    assert latest.title == "Concert — v2" and info.version == 2 and info.author == "bob"
    assert latest.authorship.updated_by == "bob" and latest.authorship.created_by == "alice"
    first, _ = store.open(created.scenario_id, version=1)
    assert first.title == concert.title
    [summary] = store.list()
    assert (summary.title, summary.head_version, summary.updated_by) == ("Concert — v2", 2, "bob")


def test_restore_creates_a_new_version_and_deletes_nothing(store, concert):
    sid = store.create(concert, ALICE).scenario_id
    store.save(sid, concert.model_copy(update={"title": "changed"}), BOB, base_version=1)
    restored = store.restore(sid, version=1, actor=Actor("carol", Role.PLANNER), base_version=2)
    assert restored.version == 3 and restored.restored_from == 1
    assert [v.version for v in store.history(sid)] == [3, 2, 1]
    assert store.open(sid)[0].title == concert.title
    assert store.open(sid, 2)[0].title == "changed"
    assert store.history(sid)[0].author == "carol"


def test_a_save_based_on_an_old_version_is_refused(store, concert):
    sid = store.create(concert, ALICE).scenario_id
    store.save(sid, concert.model_copy(update={"title": "Alice's"}), ALICE, base_version=1)
    bobs_edit = concert.model_copy(update={"title": "Bob's"})
    with pytest.raises(ConflictError) as err:
        store.save(sid, bobs_edit, BOB, base_version=1)
    assert "alice saved version 2" in str(err.value)
    assert "Vos modifications sont conservées" in err.value.message("fr")
    assert store.open(sid)[0].title == "Alice's"  # nothing overwritten
    assert bobs_edit.title == "Bob's"  # and Bob still holds his edits


def test_concurrent_saves_on_one_version_exactly_one_wins(store_url, concert):
    """Eight writers, each with its own connection (as eight app servers), save on version 1 at
    the same moment: one version 2, seven refused, nothing lost or duplicated."""
    first = open_store(store_url)
    sid = first.create(concert, ALICE).scenario_id
    stores = [open_store(store_url) for _ in range(8)]
    barrier = threading.Barrier(len(stores))
    outcomes: list[str] = []

    def write(index: int) -> None:
        edit = concert.model_copy(update={"title": f"edit {index}"})
        barrier.wait()
        try:
            stores[index].save(sid, edit, Actor(f"user{index}", Role.PLANNER), base_version=1)
            outcomes.append(f"saved {index}")
        except ConflictError:
            outcomes.append("refused")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    [won] = [o for o in outcomes if o.startswith("saved")]
    assert outcomes.count("refused") == 7
    assert [v.version for v in first.history(sid)] == [2, 1]
    assert first.open(sid)[0].title == "edit " + won.split()[-1]
    for opened in [first, *stores]:
        opened.close()


def test_unknown_scenario_and_version(store, concert):
    with pytest.raises(StoreError, match="No stored scenario"):
        store.open("nope")
    sid = store.create(concert, ALICE).scenario_id
    with pytest.raises(StoreError, match="no version 9"):
        store.open(sid, 9)


# --- roles, enforced by the store ----------------------------------------------------------


def test_a_liaison_cannot_write_anything(store, concert):
    with pytest.raises(AccessDenied, match="read and export only") as err:
        store.create(concert, LIAISON)
    assert "Louis (préfecture) (liaison)" in str(err.value)
    sid = store.create(concert, ALICE).scenario_id
    with pytest.raises(AccessDenied):
        store.save(sid, concert.model_copy(update={"title": "x"}), LIAISON, base_version=1)
    with pytest.raises(AccessDenied):
        store.restore(sid, 1, LIAISON, base_version=1)
    assert [v.version for v in store.history(sid)] == [1]
    assert store.open(sid)[0].title == concert.title  # reading is allowed


def test_an_exercise_lead_edits_the_timeline_only(store, concert):
    sid = store.create(concert, ALICE).scenario_id
    inject = Inject.model_validate(
        {"at_s": 60, "message": "Appel témoin", "from": "Témoin", "to": "CTA-CODIS"}
    )
    timeline = concert.model_copy(update={"injects": [*concert.injects, inject]})
    saved = store.save(sid, timeline, LEAD, base_version=1, comment="inject")
    assert (saved.version, saved.author, saved.role) == (2, "lea", "exercise_lead")
    moved = timeline.model_copy(update={"zones": timeline.zones[:-1], "title": "changed"})
    with pytest.raises(AccessDenied, match="may not change title, zones") as err:
        store.save(sid, moved, LEAD, base_version=2)
    assert "Demandez à un planificateur" in err.value.message("fr")
    assert store.open(sid)[0].zones == concert.zones
    with pytest.raises(AccessDenied, match="exercise scenarios only"):
        store.create(concert, LEAD)  # an event plan is the planners'
    exercise = store.create(concert.model_copy(update={"kind": "exercise"}), LEAD)
    assert exercise.version == 1


def test_restore_is_checked_like_a_save(store, concert):
    sid = store.create(concert, ALICE).scenario_id
    store.save(sid, concert.model_copy(update={"zones": concert.zones[:-1]}), ALICE, 1)
    with pytest.raises(AccessDenied, match="zones"):
        store.restore(sid, 1, LEAD, base_version=2)  # would bring a zone back
    assert store.restore(sid, 1, ALICE, base_version=2).version == 3


# --- durability ----------------------------------------------------------------------------

KILLER = textwrap.dedent("""
    import os, signal, sys
    from scenarios.accounts import Actor, Role
    from scenarios.examples import load_example
    from scenarios.store import open_store

    store = open_store(sys.argv[1])
    scenario = load_example("monaco-new-year-concert").model_copy(update={"title": "doomed"})
    execute = store._execute

    def execute_and_die_before_commit(conn, query, params=()):
        if query.startswith("UPDATE scenarios"):  # the version row is written, not committed
            os.kill(os.getpid(), signal.SIGKILL)
        return execute(conn, query, params)

    store._execute = execute_and_die_before_commit
    store.save(sys.argv[2], scenario, Actor("crasher", Role.PLANNER), base_version=1)
    print("survived")
""")


def test_a_save_killed_mid_way_leaves_the_last_version_intact(store_url, concert):
    store = open_store(store_url)
    sid = store.create(concert, ALICE).scenario_id
    result = subprocess.run(
        [sys.executable, "-c", KILLER, store_url, sid],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "survived" not in result.stdout
    reopened = open_store(store_url)
    scenario, info = reopened.open(sid)
    assert info.version == 1 and scenario.title == concert.title
    assert [v.version for v in reopened.history(sid)] == [1]
    # and the store still takes saves (PostgreSQL released the dead session's row lock)
    assert reopened.save(sid, concert, ALICE, base_version=1).version == 2
    store.close()
    reopened.close()


# --- opening stores ------------------------------------------------------------------------


def test_the_url_chooses_the_database(store_url):
    opened = open_store(store_url)
    expected = PostgresStore if store_url.startswith("postgresql://") else SQLiteStore
    assert isinstance(opened, expected)
    opened.close()


def test_an_unwritable_sqlite_store_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be opened"):
        SQLiteStore(blocker / "sub" / "scenarios.sqlite3")


def test_an_unreachable_postgresql_is_a_clear_error_without_its_password():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://vigie:s3cret@127.0.0.1:9/vigie")
    message = err.value.message("fr")
    assert message.startswith("La base des scénarios ne peut pas être ouverte")
    assert "s3cret" not in message and "127.0.0.1" not in message


def test_a_store_of_an_earlier_vigie_is_brought_up_to_date(tmp_path, concert):
    """A SQLite store written before accounts (no role column, no accounts table) opens, keeps
    its versions (saved as planners) and takes new saves."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """CREATE TABLE scenarios (scenario_id TEXT PRIMARY KEY, title TEXT NOT NULL,
            kind TEXT NOT NULL, head_version INTEGER NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE versions (scenario_id TEXT NOT NULL REFERENCES scenarios(scenario_id),
            version INTEGER NOT NULL, document TEXT NOT NULL, author TEXT NOT NULL,
            saved_at TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', restored_from INTEGER,
            PRIMARY KEY (scenario_id, version));"""
        )
        conn.execute(
            "INSERT INTO scenarios VALUES ('old1', ?, 'event', 1, '2026-01-01T10:00:00+00:00')",
            (concert.title,),
        )
        conn.execute(
            "INSERT INTO versions VALUES ('old1', 1, ?, 'ancien', '2026-01-01T10:00:00+00:00',"
            " 'created', NULL)",
            (concert.model_dump_json(by_alias=True),),
        )
    store = open_store(f"sqlite://{path}")
    [info] = store.history("old1")
    assert (info.author, info.role) == ("ancien", "planner")
    assert not store.has_accounts()
    add_test_accounts(f"sqlite://{path}")
    assert store.save("old1", concert, ALICE, base_version=1).version == 2
