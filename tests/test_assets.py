"""The map loads nothing from the internet: every asset is a local npm file."""

from __future__ import annotations

import re

import pytest

from layers.assets import (
    COMPONENT_PREFIX,
    STATIC_DIR,
    UnknownAssetError,
    localize_assets,
    missing_local_files,
    walk,
)
from layers.basemap import base_geojson, make_map
from layers.overlays import plan_overlay
from planner.checkpoints import find_checkpoints
from planner.perimeter import parse_perimeter
from tests.conftest import CASINO, square


def test_assets_are_installed():
    assert missing_local_files() == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_map_asset_is_local(monaco, lang):
    fmap = make_map(monaco, base_geojson(monaco), lang)
    plan = find_checkpoints(monaco, parse_perimeter(square(*CASINO, 100)))
    plan_overlay(plan, lang).add_to(fmap)
    links = [
        url
        for element in walk(fmap)
        for attr in ("default_js", "default_css")
        for _, url in getattr(element, attr, [])
    ]
    assert links, "the map has assets"
    for url in links:
        assert url.startswith(COMPONENT_PREFIX), url
        assert (STATIC_DIR / url.removeprefix(COMPONENT_PREFIX)).is_file(), url
    html = fmap.get_root().render()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "OpenStreetMap contributors" in html


def test_the_scale_bar_is_metric_only(monaco):
    html = make_map(monaco, base_geojson(monaco), "fr").get_root().render()
    assert html.count("L.control.scale(") == 1
    assert "L.control.scale({imperial: false, metric: true})" in html


def test_online_tiles_are_the_only_remote_resource(monaco):
    html = make_map(monaco, base_geojson(monaco), "fr", online_tiles=True).get_root().render()
    assert "tile.openstreetmap.org" in html


def test_an_unknown_cdn_asset_is_a_loud_error():
    import folium

    class Plugin(folium.MacroElement):
        default_js = [("mystery", "https://cdn.example.org/mystery.js")]

    fmap = folium.Map()
    fmap.add_child(Plugin())
    with pytest.raises(UnknownAssetError, match="mystery"):
        localize_assets(fmap)
