"""Accounts in the app (AppTest): the sign-in page, what each role sees and can do, single
sign-on through ``st.user``, and the store refusing what the role may not do."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from layers.assets import walk
from planner import i18n
from tests.conftest import ROLE_TEST_PASSWORD, ROOT
from tests.test_app_scenarios import open_choice

PASSWORD = ROLE_TEST_PASSWORD


def signed_in(username: str, password: str = PASSWORD) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert [b.label for b in at.button] == ["Se connecter"]  # nothing else before signing in
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    return at


def keys(at: AppTest) -> set[str]:
    return {w.key for w in [*at.button, *at.text_input, *at.radio] if w.key}


def test_with_accounts_the_app_asks_who_you_are(accounts_store, fake_map):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert at.subheader[0].value == "Connexion"
    assert not fake_map.calls  # no map, no plan before signing in
    at.text_input(key="signin_username").input("alice")
    at.text_input(key="signin_password").input("pas le bon mot de passe")
    at.button[0].click().run()
    assert at.error[0].value == "Identifiant inconnu ou mot de passe erroné."
    assert at.text_input(key="signin_password").value == ""  # never kept
    at.text_input(key="signin_username").input("alice")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    assert "Connecté : **Alice Martin** — planificateur" in [m.value for m in at.markdown]
    assert {"save", "save_as", "new", "zones_clear"} <= keys(at)
    at.button(key="signout").click().run()
    assert at.subheader[0].value == "Connexion"


def test_a_liaison_reads_and_exports_but_cannot_edit(accounts_store, fake_map):
    at = open_choice(signed_in("louis"), accounts_store.sid)
    assert "consulter et d'exporter" in at.info[0].value
    hidden = {"save", "save_as", "new", "zones_clear", "restore_button", "author", "draw_role"}
    assert not hidden & keys(at)
    assert at.text_input(key=f"title-{at.session_state.zones_epoch}").disabled
    assert not at.tabs  # no editor tab at all
    draw = [e for e in walk(fake_map.calls[-1]["map"]) if type(e).__name__ == "Draw"]
    assert draw == []  # the map has no drawing toolbar
    assert len(at.table[0].value) >= 20  # the checkpoints are there to read
    labels = [b.label for b in at.get("download_button")]
    assert any("GeoJSON" in label for label in labels)  # and to export
    # the role is the store's rule, not the hidden buttons': an edit slipped into the
    # session is refused there, and so is a save
    at.session_state.scenario = at.session_state.scenario.model_copy(update={"title": "x"})
    from scenarios.errors import AccessDenied

    with pytest.raises(AccessDenied):
        accounts_store.save(
            accounts_store.sid,
            at.session_state.scenario,
            at.session_state.current_actor,
            base_version=1,
        )
    assert [v.version for v in accounts_store.history(accounts_store.sid)] == [1]


def test_an_exercise_lead_edits_the_timeline_and_saves_it(accounts_store, fake_map):
    at = open_choice(signed_in("lea"), accounts_store.sid)
    assert "chronologie de l'exercice" in at.info[0].value
    assert [tab.label for tab in at.tabs] == [
        i18n.text("ui", "tab_injects", "fr"),
        i18n.text("ui", "tab_hazards", "fr"),
    ]
    assert not {"new", "zones_clear"} & keys(at) and "save" in keys(at)
    injects = at.session_state.scenario.injects
    from scenarios.model import Inject

    extra = Inject.model_validate(
        {"at_s": 120, "message": "Appel d'un témoin", "from": "Témoin", "to": "CTA-CODIS"}
    )
    at.session_state.scenario = at.session_state.scenario.model_copy(
        update={"injects": [*injects, extra]}
    )
    at.session_state.dirty = True
    at.run()
    at.button(key="save").click().run()
    assert "Enregistré" in " ".join(s.value for s in at.success), [e.value for e in at.error]
    latest = accounts_store.history(accounts_store.sid)[0]
    assert (latest.version, latest.author, latest.role) == (2, "lea", "exercise_lead")
    # a plan change by the same lead is refused by the store, with a clear message
    at.session_state.scenario = at.session_state.scenario.model_copy(update={"title": "Autre"})
    at.session_state.dirty = True
    at.run()
    at.button(key="save").click().run()
    assert "ne peut pas modifier title" in " ".join(e.value for e in at.error)
    assert accounts_store.history(accounts_store.sid)[0].version == 2


def test_single_sign_on_gives_the_store_account_role(accounts_store, fake_map):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-secret",
        "client_id": "vigie",
        "client_secret": "x",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
    }
    at.run()
    assert "Se connecter avec le compte de l'organisation" in [b.label for b in at.button]
    at.user = {"is_logged_in": True, "email": "Claire@prefecture.gouv.fr"}  # not verified
    at.run()
    assert "n'a pas vérifié cette adresse" in at.error[0].value
    assert not at.markdown or "Connecté" not in at.markdown[0].value
    at.user = {"is_logged_in": True, "email": "Claire@prefecture.gouv.fr", "email_verified": True}
    at.run()
    assert "Connecté : **claire@prefecture.gouv.fr** — officier de liaison (lecture et export)" in [
        m.value for m in at.markdown
    ]
    assert "save" not in keys(at)
    at.user = {"is_logged_in": True, "email": "intrus@example.org", "email_verified": True}
    at.run()
    assert "n'a pas de compte Vigie" in at.error[0].value
    assert not any(k == "save" for k in keys(at))


def test_without_accounts_the_demo_is_one_local_planner(fake_map):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert "Mode démonstration" in " ".join(c.value for c in at.caption)
    assert {"author", "save", "save_as", "zones_clear"} <= keys(at)
