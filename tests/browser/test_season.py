"""The coordinator opens the "Saison métropolitaine" view and reads the season's conflicts."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_FRAME
from tests.browser.test_language import settle
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_the_season_view_shows_the_new_year_conflicts(offline_page):
    offline_page.open()
    page = offline_page.page
    settle(page)
    page.get_by_text("Saison métropolitaine", exact=True).first.click()
    page.locator(".st-key-season_conflict_lines").wait_for(timeout=120_000)
    settle(page)
    page.get_by_text("Conflits", exact=True).first.scroll_into_view_if_needed()
    lines = page.locator(".st-key-season_conflict_lines").inner_text()
    assert "Beausoleil — Police municipale, du 31 décembre 2026 18:00" in lines
    assert "disponibles : 6 ;" in lines
    assert "obtenus : Concert du Nouvel An — Place du Casino : 6" in lines
    assert "Feu d'artifice du Nouvel An — Port Hercule" in lines
    text = page.locator("body").inner_text()
    assert "Calendrier" in text and "Affectations par commune" in text
    # the map shows the perimeters of the three events, named
    offline_page.map.locator(".leaflet-overlay-pane canvas").first.wait_for(timeout=60_000)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    html = frame.content()
    for name in ("Place du Casino", "Port Hercule", "Fontvieille"):
        assert name in html
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "season-map.png"))
    page.locator(".st-key-season_conflict_lines").screenshot(
        path=str(ARTIFACTS / "season-conflicts.png")
    )
    assert not offline_page.blocked
