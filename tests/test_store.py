"""The SQLite scenario store: versions, history, restore, conflicts, a save killed mid-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from scenarios.errors import ConflictError, StoreError
from scenarios.examples import load_example
from scenarios.store import SQLiteStore
from tests.conftest import ROOT


@pytest.fixture
def store(tmp_path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "scenarios.sqlite3")


@pytest.fixture
def concert():
    return load_example("monaco-new-year-concert")


def test_every_save_is_a_new_version(store, concert):
    created = store.create(concert, "alice", "first draft")
    assert created.version == 1
    renamed = concert.model_copy(update={"title": "Concert — v2"})
    second = store.save(created.scenario_id, renamed, "bob", base_version=1, comment="title")
    assert second.version == 2
    history = store.history(created.scenario_id)
    assert [(v.version, v.author, v.comment) for v in history] == [
        (2, "bob", "title"),
        (1, "alice", "first draft"),
    ]
    latest, info = store.open(created.scenario_id)
    assert latest.title == "Concert — v2" and info.version == 2
    assert latest.authorship.updated_by == "bob" and latest.authorship.created_by == "alice"
    first, _ = store.open(created.scenario_id, version=1)
    assert first.title == concert.title
    [summary] = store.list()
    assert (summary.title, summary.head_version, summary.updated_by) == ("Concert — v2", 2, "bob")


def test_restore_creates_a_new_version_and_deletes_nothing(store, concert):
    sid = store.create(concert, "alice").scenario_id
    store.save(sid, concert.model_copy(update={"title": "changed"}), "bob", base_version=1)
    restored = store.restore(sid, version=1, author="carol", base_version=2)
    assert restored.version == 3 and restored.restored_from == 1
    assert [v.version for v in store.history(sid)] == [3, 2, 1]
    assert store.open(sid)[0].title == concert.title
    assert store.open(sid, 2)[0].title == "changed"


def test_a_save_based_on_an_old_version_is_refused(store, concert):
    sid = store.create(concert, "alice").scenario_id
    store.save(sid, concert.model_copy(update={"title": "Alice's"}), "alice", base_version=1)
    bobs_edit = concert.model_copy(update={"title": "Bob's"})
    with pytest.raises(ConflictError) as err:
        store.save(sid, bobs_edit, "bob", base_version=1)
    assert "alice saved version 2" in str(err.value)
    assert "Vos modifications sont conservées" in err.value.message("fr")
    assert store.open(sid)[0].title == "Alice's"  # nothing overwritten
    assert bobs_edit.title == "Bob's"  # and Bob still holds his edits


def test_unknown_scenario_and_version(store, concert):
    with pytest.raises(StoreError, match="No stored scenario"):
        store.open("nope")
    sid = store.create(concert, "alice").scenario_id
    with pytest.raises(StoreError, match="no version 9"):
        store.open(sid, 9)


def test_an_unwritable_store_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot be opened"):
        SQLiteStore(blocker / "sub" / "scenarios.sqlite3")


KILLER = textwrap.dedent("""
    import os, signal, sys
    from scenarios.examples import load_example
    from scenarios.store import SQLiteStore

    store = SQLiteStore(sys.argv[1])
    scenario = load_example("monaco-new-year-concert").model_copy(update={"title": "doomed"})
    original = store._connect

    def connect_and_die_before_commit():
        cm = original()
        conn = cm.__enter__()
        def trace(statement):
            # the version row is written, not yet committed
            if statement.startswith("UPDATE scenarios"):
                os.kill(os.getpid(), signal.SIGKILL)
        conn.set_trace_callback(trace)
        return _Wrap(cm, conn)

    class _Wrap:
        def __init__(self, cm, conn): self.cm, self.conn = cm, conn
        def __enter__(self): return self.conn
        def __exit__(self, *exc): return self.cm.__exit__(*exc)

    store._connect = connect_and_die_before_commit
    store.save(sys.argv[2], scenario, "crasher", base_version=1)
    print("survived")
""")


def test_a_save_killed_mid_way_leaves_the_last_version_intact(store, concert):
    sid = store.create(concert, "alice").scenario_id
    result = subprocess.run(
        [sys.executable, "-c", KILLER, str(store.path), sid],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "survived" not in result.stdout
    reopened = SQLiteStore(store.path)
    scenario, info = reopened.open(sid)
    assert info.version == 1 and scenario.title == concert.title
    assert [v.version for v in reopened.history(sid)] == [1]
    # and the store still takes saves
    assert reopened.save(sid, concert, "alice", base_version=1).version == 2
