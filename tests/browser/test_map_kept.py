"""Editing the attendance reruns the page but keeps the map: its iframe is not reloaded, and the
base map's vectors come from a static, content-hashed file, not from the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME
from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser


def test_an_attendance_edit_does_not_reload_the_map(offline_page):
    page = offline_page
    base_files: list[str] = []
    page.page.on(
        "response", lambda r: base_files.append(r.url) if "/static/generated/base-" in r.url else 0
    )
    page.open()
    open_in_sidebar(page, "Concert du Nouvel An")
    page.page.get_by_text("Fiches secteurs").wait_for(timeout=90_000)
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)  # the stale one gone
    expect(page.map.locator(".vigie-sector").first).to_be_visible(timeout=60_000)
    # the base map is drawn from the static file, in its own pane under the overlays
    expect(page.map.locator(".leaflet-vigieBase-pane canvas")).to_have_count(1, timeout=30_000)
    assert base_files and all(f == base_files[0] for f in base_files)
    frame = page.page.frame_locator(MAP_FRAME).owner.element_handle().content_frame()
    frame.evaluate("window.vigieMark = 'kept'")
    # edit the peak attendance in the event tab and apply
    page.page.get_by_role("tab", name="Événement").click()
    attendance = page.page.get_by_label("Affluence maximale simultanée (P1)")
    attendance.fill("9000")
    page.page.get_by_role("button", name="Appliquer", exact=True).first.click()
    expect(page.page.get_by_text("9 000").first).to_be_visible(timeout=60_000)
    page.page.wait_for_timeout(1500)
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)
    frame = page.page.frame_locator(MAP_FRAME).owner.element_handle().content_frame()
    assert frame.evaluate("window.vigieMark") == "kept"  # the same document: not reloaded
    assert page.blocked == []
