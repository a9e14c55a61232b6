"""A planner opens an example, its zones come back editable, draws a sector, saves, reopens."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SIDEBAR = '[data-testid="stSidebar"]'


def open_in_sidebar(page, title: str) -> None:
    sidebar = page.page.locator(SIDEBAR)
    sidebar.get_by_text("Ouvrir", exact=True).first.click()
    choice = sidebar.get_by_role("combobox", name="Scénarios enregistrés et exemples")
    expect(choice).to_be_visible()
    page.page.wait_for_timeout(500)  # the expander's animation
    choice.click()
    choice.press("Control+a")
    choice.press_sequentially(title, delay=30)  # the combobox lists the matching options
    option = page.page.get_by_role("option").filter(has_text=title).first
    option.wait_for()
    option.click()
    sidebar.get_by_role("button", name="Ouvrir", exact=True).click()
    page.page.get_by_text("Ouvert :").wait_for(timeout=60_000)


def test_example_zones_are_editable_and_a_drawn_sector_survives_a_save(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Concert du Nouvel An")
    # the example's zones are in the Draw control's layer: edit and delete are enabled
    edit = page.map.locator("a.leaflet-draw-edit-edit")
    expect(edit).not_to_have_class("leaflet-draw-edit-edit leaflet-disabled", timeout=30_000)
    edit.click()
    expect(page.map.locator(".leaflet-editing-icon").first).to_be_visible()
    page.map.get_by_text("Annuler", exact=True).first.click()  # leave edit mode unchanged
    page.page.get_by_text("points de filtrage :").wait_for()

    # draw a fourth sector next to the perimeter
    page.page.locator(SIDEBAR).get_by_text("Secteur", exact=True).click()
    page.page.wait_for_timeout(1500)
    page.draw_polygon([(-60, 120), (40, 120), (40, 200), (-60, 200)])
    zones = page.page.get_by_text("Zones :")
    expect(zones).to_contain_text("Secteur D", timeout=60_000)
    # drawn across the perimeter's edge: the staffing says so, and the plan is kept
    expect(page.page.get_by_text("Le secteur D déborde du périmètre")).to_be_visible()

    sidebar = page.page.locator(SIDEBAR)
    sidebar.get_by_label("Votre nom (auteur des enregistrements)").fill("Chloé")
    sidebar.get_by_label("Votre nom (auteur des enregistrements)").press("Enter")
    sidebar.get_by_role("button", name="Enregistrer sous").click()
    page.page.get_by_text("Enregistré : version 1").wait_for(timeout=60_000)
    page.page.get_by_text("points de filtrage :").wait_for(timeout=60_000)
    page.screenshot("scenario-saved.png")

    # a new session (page reload) opens the stored scenario: the sector is there
    page.page.reload()
    page.open()
    open_in_sidebar(page, "Chloé")
    expect(page.page.get_by_text("Zones :")).to_contain_text("Secteur D", timeout=60_000)
    assert page.blocked == []
