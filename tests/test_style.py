"""One style specification (planner.style) read by every renderer: live map, standalone HTML,
sheet, QGIS, KML, GeoJSON."""

from __future__ import annotations

import dataclasses
import io
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

from layers.basemap import base_geojson, make_map, publish_base
from layers.exercise import HAZARD_STYLES
from layers.overlays import CHECKPOINT_COLOURS
from layers.routes import ROUTE_STYLES
from layers.sheet_plan import SYMBOLS
from layers.standalone import standalone_html
from layers.zones import ZONE_STYLES
from planner.exports import write_gpkg
from planner.osm_io import POI_CATEGORIES
from planner.qgis_style import category_colours
from planner.style import (
    CHECKPOINTS,
    HAZARDS,
    LANDCOVER,
    POIS,
    ROUTES,
    ZONES,
    feature_style,
    route_key,
    zone_style,
)

from .conftest import example_layers


def test_the_live_map_styles_are_the_specification():
    assert ZONE_STYLES["perimeter"]["color"] == ZONES["perimeter"].stroke
    assert ZONE_STYLES["perimeter"]["dash_array"] == "8 6"
    assert ROUTE_STYLES["evacuation"]["dash_array"] == "6 4"
    assert HAZARD_STYLES["lel_60"]["fillColor"] == HAZARDS["lel_60"].fill
    assert CHECKPOINT_COLOURS["vehicle"] == CHECKPOINTS["vehicle"].fill
    assert SYMBOLS["command_post"][1] == POIS["command_post"].fill
    assert zone_style("sector", 1).stroke == zone_style("sector", 1).fill == "#8e44ad"
    assert route_key("emergency", "hospital") == "hospital"
    assert route_key("evacuation", "") == "evacuation"
    # the exports' "role" attribute (issue 14's access plan): its colours on the map and in QGIS
    for role, colour in (("filtering", "#1e8449"), ("closed", "#566573"), ("emergency", "#e67e22")):
        assert feature_style("checkpoints", {"kind": "vehicle", "role": role}).colour == colour
        assert CHECKPOINT_COLOURS[role] == colour
    assert feature_style("checkpoints", {"kind": "vehicle", "role": ""}) == CHECKPOINTS["vehicle"]


def test_every_point_of_interest_category_has_its_own_style():
    assert set(POI_CATEGORIES) <= set(POIS)
    fills = [POIS[category].fill for category in POI_CATEGORIES]
    assert len(set(fills)) == len(fills), "two categories share a colour"
    assert POIS["parking"].glyph == ("P", "P")


def test_the_live_map_draws_water_and_parks_as_the_sheet(monaco, tmp_path):
    base = base_geojson(monaco)
    assert base["sea"]["features"] and base["park"]["features"]
    page = make_map(monaco, base, "fr", draw=False).get_root().render()
    for kind in ("sea", "park"):
        assert LANDCOVER[kind].fill in page
    # the app's map fetches the same vectors from static serving (issue 16): same styles, water
    # and parks first (under the buildings), names on the streets only
    served = make_map(monaco, publish_base(base, tmp_path), "fr", draw=False).get_root().render()
    styles = served[served.index("var styles = ") :]
    for kind in ("sea", "park"):
        assert LANDCOVER[kind].fill in styles
    assert styles.index('["sea"') < styles.index('["buildings"') < styles.index('["major"')


def test_the_standalone_map_reads_the_specification(monaco):
    layers = example_layers(monaco, "monaco-gas-leak-port")
    page = standalone_html(monaco, layers)
    assert LANDCOVER["sea"].fill in page and ROUTES["fire_station"].stroke in page
    assert HAZARDS["isolation"].fill in page and ZONES["emergency_lane"].stroke in page


def test_hostile_names_stay_data_in_the_qgis_styles_and_project(tmp_path, monaco):
    """A title and a sector name with XML and expression syntax: the project stays well-formed,
    the title reads back as typed, and the sector keeps its own category."""
    layers = example_layers(monaco, "monaco-new-year-concert")
    hostile = 'O\'Brien </title><x a="1"> & ${x}'
    zones = layers.zones.copy()
    zones.loc[zones["role"] == "sector", "name"] = [
        f"{hostile} {i}" for i in range((zones["role"] == "sector").sum())
    ]
    meta = dataclasses.replace(layers.meta, title=hostile)
    layers = dataclasses.replace(layers, zones=zones, meta=meta)
    path = tmp_path / "plan.gpkg"
    write_gpkg(layers, path)
    with sqlite3.connect(path) as db:
        (content,) = db.execute("SELECT content FROM qgis_projects").fetchone()
    db.close()
    document = zipfile.ZipFile(io.BytesIO(bytes.fromhex(content))).read("plan.qgs").decode()
    root = ET.fromstring(document.split("\n", 1)[1])
    assert root.find("title").text == hostile
    assert root.find("projectMetadata/title").text == hostile
    values = [c.get("value") for c in root.iter("category")]
    assert f"sector:{hostile} 0" in values
    assert category_colours("zones", zones)[f"sector:{hostile} 0"] == "#1f6fb2"


def test_the_app_map_fetches_the_points_of_interest_with_the_base(monaco, tmp_path):
    base = base_geojson(monaco)
    named = [f for f in base["pois"]["features"] if f["properties"]["name"]]
    assert named and {f["properties"]["category"] for f in base["pois"]["features"]} <= set(POIS)
    served = make_map(monaco, publish_base(base, tmp_path), "fr", draw=False).get_root().render()
    # the points reach the browser in the cached static file, not in every rerun's page
    assert "vigiePois" in served
    assert all(f["properties"]["name"] not in served for f in named[:20])
    for category in {f["properties"]["category"] for f in named}:
        assert POIS[category].fill in served[served.index("poiStyles") :]
