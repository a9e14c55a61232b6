"""Roles come from the live account: at every store write and at every run of the app.

A demoted account writes with its new role, a disabled one writes nothing and is signed out at
its next action; the demo needs ``VIGIE_DEMO=1`` and is refused once any account exists, even if
every account is disabled; without the demo and without accounts the app says how to create the
first account.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from scenarios.accounts import Actor, Role
from scenarios.errors import AccessDenied
from scenarios.examples import load_example
from scenarios.store import open_store
from tests.conftest import ROOT
from tests.test_app_roles import PASSWORD, keys, signed_in

ALICE = Actor("alice", Role.PLANNER)


def test_the_store_reads_the_actor_from_its_account_at_each_write(store):
    store.add_account("alice", "planner", sso=True)
    concert = load_example("monaco-new-year-concert")
    sid = store.create(concert, ALICE).scenario_id
    store.set_role("alice", "exercise_lead")  # demoted after signing in as a planner
    retitled = concert.model_copy(update={"title": "retitled"})
    with pytest.raises(AccessDenied, match="exercise_lead"):
        store.save(sid, retitled, ALICE, base_version=1)  # the Actor handed in says planner
    store.set_role("alice", "planner")
    store.set_disabled("alice", True)
    with pytest.raises(AccessDenied, match="disabled"):
        store.save(sid, retitled, ALICE, base_version=1)
    with pytest.raises(AccessDenied, match="disabled"):
        store.create(concert, ALICE)
    assert [v.version for v in store.history(sid)] == [1]  # nothing written


def test_a_demo_actor_writes_only_to_a_store_without_accounts(store):
    demo = Actor("planificateur", Role.PLANNER, demo=True)
    store.create(load_example("monaco-new-year-concert"), demo)
    store.add_account("lea", "exercise_lead", sso=True)
    store.set_disabled("lea", True)  # every account disabled: still no demo
    assert store.has_accounts()
    with pytest.raises(AccessDenied, match="demo"):
        store.create(load_example("monaco-new-year-concert"), demo)


def test_a_demoted_account_loses_its_controls_at_the_next_run(accounts_store, fake_map):
    at = signed_in("alice")
    assert {"save", "new"} <= keys(at)
    accounts_store.set_role("alice", "liaison")
    at.run()
    assert not {"save", "save_as", "new"} & keys(at)
    assert "consulter et d'exporter" in at.info[0].value


def test_a_disabled_account_is_signed_out_at_its_next_action(accounts_store, fake_map):
    at = signed_in("bruno")
    assert "save" in keys(at)
    accounts_store.set_disabled("bruno", True)
    at.run()
    assert at.subheader[0].value == "Connexion"
    assert "désactivé" in at.error[0].value
    assert "save" not in keys(at) and "actor" not in at.session_state
    at.text_input(key="signin_username").input("bruno")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    assert at.subheader[0].value == "Connexion"  # and cannot sign in again


def test_every_account_disabled_is_no_demo(accounts_store, fake_map):
    for account in accounts_store.accounts():
        accounts_store.set_disabled(account.username, True)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert at.subheader[0].value == "Connexion"  # the sign-in page, not an anonymous planner
    assert "VIGIE_DEMO=1 est réglé mais des comptes existent" in at.info[0].value
    assert not fake_map.calls


def test_without_demo_nor_account_the_app_says_how_to_create_one(tmp_path, monkeypatch, fake_map):
    from ui.session import scenario_store

    monkeypatch.delenv("VIGIE_DEMO")
    monkeypatch.setenv("VIGIE_STORE", str(tmp_path / "empty.sqlite3"))
    scenario_store.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        assert at.subheader[0].value == "Premier compte"
        assert "python -m planner accounts add" in at.code[0].value
        assert not fake_map.calls and not at.button
    finally:
        scenario_store.clear()
    assert not open_store(tmp_path / "empty.sqlite3").has_accounts()


def test_a_demotion_applies_to_the_very_next_action(accounts_store, fake_map):
    """The page showed a planner's controls; the account is demoted; the next edit (a callback,
    which runs before the page) is refused with the new role, and nothing changes."""
    from tests.test_app_scenarios import open_choice

    at = open_choice(signed_in("alice"), accounts_store.sid)
    title = at.session_state["scenario"].title
    accounts_store.set_role("alice", "liaison")
    at.text_input(key=f"title-{at.session_state.zones_epoch}").input("changed").run()
    assert at.session_state["scenario"].title == title
    assert any("liaison" in e.value for e in at.error)
    assert not {"save", "new"} & keys(at)
