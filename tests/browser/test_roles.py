"""Accounts in the real browser: a prefecture liaison signs in, opens a stored plan and exports
it, with no editing control anywhere; two planners edit one scenario at once and the second
save is refused with a clear message, his edits kept on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from planner import i18n
from scenarios.accounts import Actor, Role
from scenarios.examples import load_example
from scenarios.store import open_store
from tests.browser.conftest import OfflinePage, serve
from tests.browser.test_scenarios import SIDEBAR, open_in_sidebar
from tests.conftest import postgres_schema

pytestmark = pytest.mark.browser

PASSWORD = "un mot de passe solide"
TITLE = "Concert du Nouvel An — Place du Casino"
EXERCISE = "Exercice fuite de gaz — Port Hercule"


@pytest.fixture(scope="module")
def app_servers(private_cache) -> Iterator[tuple[str, str]]:
    """Two app servers on one PostgreSQL store, as a scaled-out deployment: the store has
    accounts (so the app asks who you are) and the concert saved by a planner."""
    with postgres_schema() as url:
        store = open_store(url)
        store.add_account("alice", "planner", PASSWORD, "Alice Martin")
        store.add_account("bruno", "planner", PASSWORD, "Bruno Petit")
        store.add_account("louis", "liaison", PASSWORD, "Louis (préfecture)")
        store.add_account("lea", "exercise_lead", PASSWORD, "Léa (SDIS)")
        store.create(load_example("monaco-new-year-concert"), Actor("alice", Role.PLANNER))
        store.create(load_example("monaco-gas-leak-port"), Actor("alice", Role.PLANNER))
        store.close()
        with (
            serve(private_cache / "streamlit-roles-1.log", VIGIE_STORE=url) as first,
            serve(private_cache / "streamlit-roles-2.log", VIGIE_STORE=url) as second,
        ):
            yield first, second


def sign_in(browser, url: str, username: str) -> OfflinePage:
    page = OfflinePage(browser, url)
    page.page.goto(url)
    page.page.get_by_label("Identifiant").fill(username)
    page.page.get_by_label("Mot de passe").fill(PASSWORD)
    page.page.get_by_role("button", name="Se connecter").click()
    page.map.locator(".leaflet-container").wait_for(timeout=90_000)
    expect(page.page.locator(SIDEBAR)).to_contain_text("Connecté :")
    return page


def test_a_liaison_opens_and_exports_but_cannot_edit(browser, app_servers):
    accounts_server = app_servers[0]
    page = OfflinePage(browser, accounts_server)
    try:  # a wrong password first: one plain message, no map
        page.page.goto(accounts_server)
        page.page.get_by_label("Identifiant").fill("louis")
        page.page.get_by_label("Mot de passe").fill("pas le bon")
        page.page.get_by_role("button", name="Se connecter").click()
        expect(page.page.get_by_text("Identifiant inconnu ou mot de passe erroné.")).to_be_visible()
        assert page.page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
    finally:
        page.close()

    page = sign_in(browser, accounts_server, "louis")
    try:
        open_in_sidebar(page, TITLE + " (v1, alice)")  # the stored plan, not the bundled example
        view, sidebar = page.page, page.page.locator(SIDEBAR)
        expect(view.get_by_text("Votre rôle permet de consulter et d'exporter")).to_be_visible()
        page.page.get_by_text("points de filtrage :").wait_for(timeout=60_000)
        # every editing control is absent: save, new, drawing toolbar, editors, area, split
        for name in ["Enregistrer", "Enregistrer sous", "Nouveau", "Effacer toutes les zones"]:
            assert sidebar.get_by_role("button", name=name, exact=True).count() == 0, name
        expect(sidebar.get_by_label("Titre du plan")).to_have_count(1, timeout=30_000)
        expect(sidebar.get_by_label("Titre du plan")).to_be_disabled()
        assert page.map.locator(".leaflet-draw-toolbar").count() == 0
        assert page.map.locator(".vigie-checkpoint").count() >= 10  # the plan is all there
        assert view.get_by_role("tab").count() == 0
        # …and exporting works: prepare, then download the PDF sheet of the stored version
        exports = view.get_by_text("Exports pour la préfecture")
        expect(exports).to_have_count(1, timeout=60_000)  # no stale copy of a rerun left
        exports.click()
        prepare = view.get_by_role("button", name="Préparer les exports")
        prepare.scroll_into_view_if_needed()
        prepare.click()
        pdf_button = view.get_by_role("button", name="PDF", exact=True)
        exported = view.get_by_text("Version exportée : v1 ·")
        exported.wait_for(state="attached", timeout=180_000)
        if not exported.is_visible():  # the rerun folded the expander: unfold it again
            expect(exports).to_have_count(1, timeout=60_000)
            exports.click()
        expect(exported).to_be_visible()
        with view.expect_download() as download:
            pdf_button.click()
        data = Path(download.value.path()).read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 20_000
        page.screenshot("role-liaison.png")
        assert page.blocked == []
    finally:
        page.close()


def test_two_planners_the_second_save_is_refused_and_his_edits_kept(browser, app_servers):
    """Alice and Bruno work through two app servers sharing the PostgreSQL store."""
    alice = sign_in(browser, app_servers[0], "alice")
    bruno = sign_in(browser, app_servers[1], "bruno")
    try:
        for page in (alice, bruno):
            open_in_sidebar(page, TITLE + " (v1, alice)")

        def retitle_and_save(page: OfflinePage, title: str) -> None:
            sidebar = page.page.locator(SIDEBAR)
            expect(sidebar.get_by_label("Titre du plan")).to_have_count(1, timeout=30_000)
            sidebar.get_by_label("Titre du plan").fill(title)
            sidebar.get_by_label("Titre du plan").press("Enter")
            expect(page.page.get_by_text(title).first).to_be_visible(timeout=60_000)
            save = sidebar.get_by_role("button", name="Enregistrer", exact=True)
            expect(save).to_be_enabled(timeout=60_000)
            save.click()

        retitle_and_save(alice, "Concert — version d'Alice")
        expect(alice.page.get_by_text("Enregistré : version 2")).to_be_visible(timeout=60_000)

        retitle_and_save(bruno, "Concert — version de Bruno")
        refused = bruno.page.get_by_text("Non enregistré : alice a enregistré la version 2")
        expect(refused).to_be_visible(timeout=60_000)
        expect(refused).to_contain_text("Vos modifications sont conservées")
        # his edits are still there, unsaved, and the map is still his plan
        sidebar = bruno.page.locator(SIDEBAR)
        expect(sidebar.get_by_label("Titre du plan")).to_have_value("Concert — version de Bruno")
        expect(sidebar).to_contain_text("modifications non enregistrées")
        expect(bruno.page.get_by_text("Concert — version de Bruno").first).to_be_visible()
        bruno.screenshot("role-conflict.png")
        # he keeps them by saving as a new scenario
        sidebar.get_by_role("button", name="Enregistrer sous").click()
        expect(bruno.page.get_by_text("Enregistré : version 1")).to_be_visible(timeout=60_000)
        assert alice.blocked == [] and bruno.blocked == []
    finally:
        alice.close()
        bruno.close()


def test_an_exercise_lead_gets_the_timeline_editors_only(browser, app_servers):
    page = sign_in(browser, app_servers[1], "lea")
    try:
        open_in_sidebar(page, EXERCISE + " (v1, alice)")
        view, sidebar = page.page, page.page.locator(SIDEBAR)
        expect(view.get_by_text("Votre rôle permet de modifier la chronologie")).to_be_visible()
        page.page.get_by_text("points de filtrage :").wait_for(timeout=60_000)
        assert page.map.locator(".leaflet-draw-toolbar").count() == 0  # no drawing
        tabs = [t.strip() for t in view.get_by_role("tab").all_inner_texts()]
        assert tabs == [i18n.text("ui", "tab_injects", "fr"), i18n.text("ui", "tab_hazards", "fr")]
        assert sidebar.get_by_role("button", name="Enregistrer sous").count() == 1
        assert sidebar.get_by_role("button", name="Nouveau", exact=True).count() == 0
        page.screenshot("role-exercise-lead.png")
        assert page.blocked == []
    finally:
        page.close()
