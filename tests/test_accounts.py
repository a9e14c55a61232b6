"""Accounts in the store (SQLite and PostgreSQL): Argon2id hashes, sign-in, SSO accounts, the
admin CLI, and the role rules themselves."""

from __future__ import annotations

import pytest

from scenarios.accounts import Actor, Role, changed_fields
from scenarios.errors import AccountError
from scenarios.examples import load_example
from scenarios.model import Inject
from scenarios.store import open_store
from tests.conftest import run_cli

PASSWORD = "correct horse battery"


def test_a_local_account_signs_in_with_its_password_only(store):
    assert not store.has_accounts()
    account = store.add_account("Alice", "planner", PASSWORD, display_name="Alice Martin")
    assert (account.username, account.role, account.sso) == ("alice", Role.PLANNER, False)
    assert store.has_accounts()
    actor = store.authenticate("alice", PASSWORD)
    assert actor == Actor("alice", Role.PLANNER, "Alice Martin")
    assert store.authenticate(" ALICE ", PASSWORD).username == "alice"
    for name, password in [("alice", "wrong password!"), ("nobody", PASSWORD), ("alice", "")]:
        with pytest.raises(AccountError) as err:
            store.authenticate(name, password)
        # one message whatever failed: no hint whether the name exists
        assert err.value.message("fr") == "Identifiant inconnu ou mot de passe erroné."


def test_the_password_is_stored_as_an_argon2id_hash(store):
    store.add_account("alice", "planner", PASSWORD)
    with store._connect() as conn:
        (stored,) = store._execute(
            conn, "SELECT password_hash FROM accounts WHERE username = ?", ("alice",)
        ).fetchone()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_accounts_are_managed(store):
    store.add_account("lea", "exercise_lead", PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        store.add_account("lea", "planner", PASSWORD)
    with pytest.raises(AccountError, match="Unknown role 'chief'"):
        store.add_account("max", "chief", PASSWORD)
    with pytest.raises(AccountError, match="not a valid user name"):
        store.add_account("../etc/passwd", "planner", PASSWORD)
    with pytest.raises(AccountError, match="at least 10 characters"):
        store.add_account("max", "planner", "short")
    store.set_role("lea", "liaison")
    store.set_password("lea", "another long password")
    assert store.authenticate("lea", "another long password").role is Role.LIAISON
    store.set_disabled("lea", True)
    with pytest.raises(AccountError):
        store.authenticate("lea", "another long password")
    assert store.has_accounts()  # disabling every account never brings the demo back…
    assert [a.username for a in store.accounts()] == ["lea"]  # …and the account is listed
    with pytest.raises(AccountError, match="No account 'ghost'"):
        store.set_role("ghost", "planner")


def test_a_single_sign_on_account_has_no_password(store):
    store.add_account("louis.dupont@prefecture.gouv.fr", "liaison", sso=True)
    actor = store.sso_actor("Louis.Dupont@prefecture.gouv.fr")
    assert actor.role is Role.LIAISON
    with pytest.raises(AccountError):  # no password sign-in for an SSO account
        store.authenticate("louis.dupont@prefecture.gouv.fr", "")
    with pytest.raises(AccountError, match="has no Vigie account"):
        store.sso_actor("stranger@example.org")


def test_the_admin_cli_creates_and_lists_accounts(store_url):
    done = run_cli(
        "accounts",
        "add",
        "alice",
        "--role",
        "planner",
        "--name",
        "Alice Martin",
        "--password-stdin",
        "--store",
        store_url,
        input=PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "alice\tplanner\tlocal"
    done = run_cli(
        "accounts",
        "add",
        "louis@prefecture.gouv.fr",
        "--role",
        "liaison",
        "--sso",
        "--store",
        store_url,
    )
    assert done.returncode == 0, done.stderr
    listed = run_cli("accounts", "list", "--store", store_url)
    assert listed.stdout.splitlines() == [
        "alice\tplanner\tlocal\tactive\tAlice Martin",
        "louis@prefecture.gouv.fr\tliaison\tsso\tactive\t",
    ]
    refused = run_cli(
        "accounts",
        "add",
        "bob",
        "--role",
        "boss",
        "--password-stdin",
        "--store",
        store_url,
        input=PASSWORD + "\n",
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "Unknown role 'boss'" in refused.stderr or "Rôle inconnu" in refused.stderr
    short = run_cli(
        "accounts",
        "add",
        "bob",
        "--role",
        "planner",
        "--password-stdin",
        "--store",
        store_url,
        input="short\n",
    )
    assert short.returncode == 2 and "10" in short.stderr
    run_cli("accounts", "disable", "alice", "--store", store_url)
    opened = open_store(store_url)
    with pytest.raises(AccountError):
        opened.authenticate("alice", PASSWORD)
    opened.close()


def test_changed_fields_name_what_differs():
    concert = load_example("monaco-new-year-concert")
    inject = Inject.model_validate({"at_s": 0, "message": "Top départ", "from": "DO", "to": "PC"})
    edited = concert.model_copy(update={"title": "x", "injects": [*concert.injects, inject]})
    assert changed_fields(concert, edited) == {"title", "injects"}
    stamped = concert.model_copy(
        update={"authorship": concert.authorship.model_copy(update={"updated_by": "zoe"})}
    )
    assert changed_fields(concert, stamped) == set()  # the store's stamp is no user change
