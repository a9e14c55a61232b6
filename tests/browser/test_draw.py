"""A planner draws a perimeter on the offline map and reads the checkpoints (real browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SQUARE = [(-170, -130), (170, -130), (170, 130), (-170, 130)]


def checkpoint_table(page, column: str):
    """The checkpoints' table (the page has other tables: access, staffing)."""
    return page.page.locator("table").filter(has_text=column).first


def test_draw_perimeter_and_read_the_checkpoints(offline_page):
    page = offline_page
    page.open()
    # the map is drawn from the OSM vectors: streets on the canvas, attribution shown
    page.map.locator("canvas.leaflet-zoom-animated, .leaflet-overlay-pane canvas").first.wait_for()
    assert (
        "OpenStreetMap contributors"
        in page.map.locator(".leaflet-control-attribution").inner_text()
    )
    page.page.get_by_text("Aucun périmètre").wait_for()

    page.draw_polygon(SQUARE)
    summary = page.page.get_by_text("points de filtrage :")
    summary.wait_for(timeout=60_000)
    table = checkpoint_table(page, "Classe de voie")
    header = table.locator("thead").inner_text()
    for column in ("Rue", "Classe de voie", "Type"):
        assert column in header
    rows = table.locator("tbody tr")
    count = rows.count()
    assert count >= 5
    body = table.locator("tbody").inner_text()
    assert "véhicule" in body
    first = rows.first.inner_text().split("\t")
    assert first[0].strip() == "P1"
    # one numbered marker per row on the map
    expect(page.map.locator(".vigie-checkpoint")).to_have_count(count)
    total = int(summary.inner_text().split()[0])
    assert total == count
    # the GeoJSON is written when the button is clicked (not on every run): the same points
    with page.page.expect_download() as download:
        page.page.get_by_role("button", name="Télécharger les points (GeoJSON)").click()
    features = json.loads(Path(download.value.path()).read_text())["features"]
    assert [f["properties"]["id"] for f in features][:1] == ["P1"] and len(features) == count
    page.screenshot("draw-monaco.png")
    assert page.blocked == [], f"requests left the machine: {page.blocked[:5]}"


def test_english_switch_keeps_the_perimeter(offline_page):
    page = offline_page
    page.open()
    page.draw_polygon(SQUARE)
    page.page.get_by_text("points de filtrage :").wait_for(timeout=60_000)
    page.page.get_by_text("English").click()
    page.page.get_by_text("checkpoints:").wait_for(timeout=60_000)
    table = checkpoint_table(page, "Road class")
    expect(table.locator("thead")).to_contain_text("Street")
    expect(table.locator("tbody")).to_contain_text("vehicle")
    page.map.locator(".vigie-checkpoint").first.wait_for(timeout=60_000)
    page.screenshot("english-monaco.png")
    assert page.blocked == []
