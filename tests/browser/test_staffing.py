"""A planner opens the New Year concert, reads the staffing, and splits the perimeter anew."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME
from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser


def test_staffing_panel_charts_and_sector_labels(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Concert du Nouvel An")
    page.page.get_by_text("Fiches secteurs").wait_for(timeout=90_000)
    # the opened plan's map replaces the new plan's: the stale one goes when the run ends
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)
    # the sectors are labelled on the map with their capacity
    labels = page.map.locator(".vigie-sector")
    expect(labels.first).to_be_visible(timeout=60_000)
    assert [text.split(" · ")[0] for text in labels.all_inner_texts()] == ["A", "B", "C"]
    assert "Capacité" in labels.first.get_attribute("title")
    # the DPS line and the shortfall are there to read
    expect(page.page.get_by_text("12 secouristes")).to_be_visible()
    expect(page.page.get_by_text("voir les cases en rouge")).to_be_visible()
    # the charts are drawn offline (vega-lite is bundled with Streamlit)
    charts = page.page.locator("[data-testid='stVegaLiteChart']")
    expect(charts).to_have_count(2, timeout=30_000)
    charts.first.scroll_into_view_if_needed()
    expect(charts.first.locator("canvas, svg").first).to_be_visible(timeout=30_000)
    page.page.wait_for_timeout(1500)
    page.screenshot("staffing-concert.png")
    # split the perimeter into 2 sectors
    page.page.get_by_text("Découpage automatique en secteurs").click()
    count = page.page.get_by_label("Nombre de secteurs")
    count.fill("2")
    count.press("Enter")
    page.page.get_by_role("button", name="Découper le périmètre").click()
    expect(page.page.get_by_text("2 secteurs créés : A, B.")).to_be_visible(timeout=60_000)
    expect(labels).to_have_count(2, timeout=60_000)
    page.page.wait_for_timeout(1500)
    page.screenshot("staffing-split.png")
    assert page.blocked == []
