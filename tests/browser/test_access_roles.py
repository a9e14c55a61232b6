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
    # P14, Avenue Princesse Alice: a 9 m street with 4 lanes, the widest filtering point
    access_id = "P14"
    marker = page.map.locator(f".vigie-checkpoint[data-id='{access_id}']")
    expect(marker).to_have_attribute("data-role", "filtering", timeout=60_000)
    marker.click()
    radio = page.page.get_by_role("radiogroup", name=f"Rôle de {access_id}")
    expect(radio).to_be_visible(timeout=60_000)
    radio.get_by_text("fermé", exact=True).click()
    # the access is closed on the map, the plan re-proposed: material and staff follow
    closed = page.map.locator(f".vigie-checkpoint[data-id='{access_id}']")
    expect(closed).to_have_attribute("data-role", "closed", timeout=120_000)
    _settle(page)
    after, agents_after = _summary(page), _agents(page)
    # narrower points take its arrivals: more of them, more barriers, other staff
    assert after[0] > before[0] and after[3] > before[3]
    assert agents_after != agents_before
    page.screenshot("access-role-map.png")

    # back to the proposal from the table: the "Rôle choisi" cell of that access
    grid = page.page.locator("[data-testid='stDataFrame']").filter(has_text="Rôle choisi").first
    grid.scroll_into_view_if_needed()
    page.page.wait_for_timeout(500)
    box = grid.bounding_box()
    page.page.mouse.click(box["x"] + 20, box["y"] + 35 + 17)  # the first row's first cell
    row = int(access_id.removeprefix("P")) - 1  # the table lists P1, P2, … in order
    for key, times in (("ArrowLeft", 12), ("ArrowRight", 4), ("ArrowDown", row)):
        for _ in range(times):
            page.page.keyboard.press(key)
    cell = grid.locator(f"[data-testid='glide-cell-4-{row}']")
    expect(cell).to_have_text("fermé", timeout=10_000)  # the role set on the map
    page.page.keyboard.press("Enter")  # opens the cell's select
    page.page.wait_for_timeout(300)
    page.page.keyboard.type("proposé", delay=30)
    page.page.keyboard.press("Enter")
    expect(cell).to_have_text("proposé", timeout=10_000)
    page.page.get_by_role("button", name="Appliquer les rôles").click()
    _settle(page)
    expect(closed).to_have_attribute("data-role", "filtering", timeout=60_000)
    assert _summary(page) == before
    assert _agents(page) == agents_before
    page.screenshot("access-role-table.png")
    assert page.blocked == []
