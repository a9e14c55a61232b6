"""A planner simulates a small evacuation of the concert's sector C and replays it on the map."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME
from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser


def test_simulate_a_sector_then_replay_it(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Concert du Nouvel An")
    page.page.get_by_text("Fiches secteurs").wait_for(timeout=90_000)
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)
    sheet = page.page.locator("[data-testid='stExpander']").filter(has_text="Fiche du secteur C")
    sheet.get_by_text("Fiche du secteur C").click()
    people = sheet.get_by_label("Personnes simulées")
    people.fill("20")
    people.press("Enter")
    page.page.wait_for_timeout(1500)
    sheet.get_by_role("button", name="Simuler l'évacuation").click()
    # the page stays usable while the worker runs: the progress bar comes and goes
    table = sheet.locator("[data-testid='stDataFrame']").filter(has_text="Tous sortis")
    expect(table).to_be_visible(timeout=240_000)
    caption = page.page.get_by_text(re.compile("Simulation rejouée : secteur C"))
    expect(caption).to_be_visible(timeout=60_000)
    assert "20 personnes encore dans le secteur" in caption.inner_text()
    chart = sheet.locator("[data-testid='stVegaLiteChart']")
    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=30_000)
    page.screenshot("simulation-start.png")
    # the time slider moves the replay on (a tenth of the run a PageUp): fewer people left
    slider = sheet.get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("PageUp")
    shown = int(sheet.get_by_test_id("stSliderThumbValue").inner_text())
    assert shown > 0
    expect(caption).to_contain_text(f"à {shown} s", timeout=60_000)  # the map at that time
    inside = re.search(r"(\d+) personnes? encore", caption.inner_text()).group(1)
    assert int(inside) < 20
    expect(table).to_be_visible()
    page.screenshot("simulation-replay.png")
    assert page.blocked == []
