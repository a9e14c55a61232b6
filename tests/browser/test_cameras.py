"""A planner opens the concert and sees its video protection: cameras, views and blind spots on
the map, the coverage figures below it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME
from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser


def test_cameras_layer_shows_on_the_map(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Concert du Nouvel An")
    page.page.get_by_text("Surface utile vue par secteur").wait_for(timeout=90_000)
    # The map draws on a canvas: its layers are read from Leaflet in the map's frame.
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)  # the stale one gone
    expect(page.map.locator(".leaflet-container")).to_be_visible(timeout=60_000)
    page.page.wait_for_timeout(2000)
    frame = page.page.locator(MAP_FRAME).element_handle().content_frame()
    # The commune's placed camera (M1), the OSM domes in reach, and the hatched blind spots.
    assert layers(frame, "vigie-camera-planned") == ["M1 — caméra mobile placée"]
    assert len(layers(frame, "vigie-camera-osm")) == 4
    assert len(layers(frame, "vigie-blind-spot")) >= 1
    expect(page.page.get_by_text("Points de filtrage vus")).to_be_visible()
    page.screenshot("cameras-concert.png")
    assert page.blocked == []


#: The tooltip text (first line) of every Leaflet layer whose className holds a class.
LAYERS_JS = """cls => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const found = [];
    map.eachLayer(l => {
        if (l.options && String(l.options.className || "").split(" ").includes(cls)) {
            const tip = l.getTooltip && l.getTooltip();
            const text = tip ? String(tip.getContent()) : "";
            found.push(text.split("<br>")[0].replace(/<[^>]*>/g, "").trim());
        }
    });
    return found;
}"""


def layers(frame, css_class: str) -> list[str]:
    return frame.evaluate(LAYERS_JS, css_class)
