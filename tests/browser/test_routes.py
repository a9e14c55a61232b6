"""A planner opens the gas-leak exercise and reads the access routes on the map and below it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser


def test_routes_and_isochrones_show_on_the_map(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Exercice fuite de gaz")
    page.page.get_by_text("Délai d'accès des secours par secteur").wait_for(timeout=60_000)
    # time labels of the emergency and evacuation routes on the map
    expect(page.map.locator(".vigie-route-time").first).to_be_visible(timeout=60_000)
    labels = page.map.locator(".vigie-route-time").all_inner_texts()
    assert labels and all(text.endswith("min") for text in labels)
    # add the approach routes and the isochrones
    layers = page.page.get_by_role("combobox", name="Itinéraires affichés")
    for option in ("approche du public", "isochrones 5/10/15 min"):
        layers.click()
        layers.press_sequentially(option[:8], delay=30)  # the combobox filters as one types
        page.page.get_by_role("option").filter(has_text=option).first.click()
        page.page.keyboard.press("Escape")
        page.page.wait_for_timeout(1500)
    page.page.get_by_text("Arrêts de transport servis par point de filtrage").wait_for()
    tables = page.page.get_by_text("Évacuation à pied vers la sortie la plus proche")
    expect(tables).to_be_visible()
    page.page.wait_for_timeout(2000)
    page.screenshot("routes-gas-leak.png")
    assert page.blocked == []
