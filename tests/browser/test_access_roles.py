"""A planner closes a filtering point by clicking it on the map, then reopens it from the access
table, and sees the staffing and the barrier material follow each change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser

SUMMARY = re.compile(
    r"(\d+) points de filtrage, (\d+) accès fermés, (\d+) accès secours · (\d+) barrières"
)


def _settle(page) -> None:
    """Until Streamlit's status widget has been gone for a second (the rerun is over)."""
    status = page.page.locator("[data-testid='stStatusWidget']")
    quiet = 0
    for _ in range(240):
        page.page.wait_for_timeout(250)
        quiet = quiet + 1 if status.count() == 0 else 0
        if quiet >= 4:
            return


def _summary(page) -> tuple[int, int, int, int]:
    text = page.page.get_by_text(SUMMARY).first.inner_text()
    return tuple(int(x) for x in SUMMARY.search(text).groups())


def _agents(page) -> str:
    metric = page.page.locator("[data-testid='stMetric']").filter(has_text="Agents nécessaires")
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def test_a_role_changed_on_the_map_and_in_the_table(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Concert du Nouvel An")
    page.page.get_by_text("Plan des accès : filtrage, fermetures, secours").wait_for(timeout=90_000)
    _settle(page)
    before, agents_before = _summary(page), _agents(page)
    marker = page.map.locator(".vigie-checkpoint[data-role='filtering']").first
    expect(marker).to_be_visible(timeout=60_000)
    access_id = marker.get_attribute("data-id")
    marker.click()
    radio = page.page.get_by_role("radiogroup", name=f"Rôle de {access_id}")
    expect(radio).to_be_visible(timeout=60_000)
    radio.get_by_text("fermé", exact=True).click()
    page.page.get_by_text("Modifications appliquées").first.wait_for(timeout=60_000)
    _settle(page)
    # the access is closed on the map, the plan re-proposed: material and staff follow
    closed = page.map.locator(f".vigie-checkpoint[data-id='{access_id}']")
    expect(closed).to_have_attribute("data-role", "closed", timeout=60_000)
    after, agents_after = _summary(page), _agents(page)
    assert after != before and after[3] > before[3]  # its frontage now takes barriers
    assert agents_after != agents_before
    page.screenshot("access-role-map.png")

    # back to the proposal from the table: the "Rôle choisi" cell of that access
    table = page.page.locator("[data-testid='stDataFrame']").filter(has_text="Rôle choisi")
    table.scroll_into_view_if_needed()
    grid = table.first
    grid.click()
    search = grid.get_by_role("textbox")
    row = grid.get_by_role("gridcell", name=access_id, exact=True)
    if row.count() == 0:  # glide-data-grid draws on a canvas: reach the cell by keyboard
        page.page.keyboard.press("Home")
    cell = grid.get_by_role("gridcell").filter(has_text="fermé").first
    cell.dblclick()
    page.page.keyboard.type("proposé")
    page.page.keyboard.press("Enter")
    del search
    page.page.get_by_role("button", name="Appliquer les rôles").click()
    _settle(page)
    expect(closed).to_have_attribute("data-role", "filtering", timeout=60_000)
    assert _summary(page) == before
    assert _agents(page) == agents_before
    page.screenshot("access-role-table.png")
    assert page.blocked == []
