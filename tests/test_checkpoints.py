"""Checkpoints on the real Monaco and Helsinki extracts."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import Point

from planner.checkpoints import MERGE_RADIUS_M, find_checkpoints
from planner.errors import OutsideAreaError
from planner.perimeter import parse_perimeter
from tests.conftest import CASINO, PRINCESSE_GRACE, square


@pytest.fixture(scope="module")
def casino_plan(monaco):
    return find_checkpoints(monaco, parse_perimeter(square(*CASINO, 120)))


def test_casino_perimeter_finds_the_streets_that_enter_it(casino_plan):
    streets = {c.street for c in casino_plan.checkpoints}
    assert {
        "Avenue de Monte-Carlo",
        "Avenue des Spélugues",
        "Avenue Princesse Alice",
        "Allées des Boulingrins",
        "Boulevard Louis II",
    } <= streets
    counts = casino_plan.counts()
    assert counts["vehicle"] >= 8 and counts["pedestrian"] >= 8


def test_every_checkpoint_lies_on_the_perimeter_outline(monaco, casino_plan):
    outline = casino_plan.perimeter.boundary
    for checkpoint in casino_plan.checkpoints:
        assert outline.distance(Point(checkpoint.x, checkpoint.y)) < 0.01
    # and the WGS84 coordinates are the same point
    import geopandas as gpd

    lonlat = gpd.GeoSeries(
        [Point(c.lon, c.lat) for c in casino_plan.checkpoints], crs="EPSG:4326"
    ).to_crs(monaco.crs)
    assert max(outline.distance(p) for p in lonlat) < 0.05


def test_each_checkpoint_is_where_a_street_of_its_kind_crosses(monaco, casino_plan):
    streets = monaco.streets.set_index("osm_id")
    for checkpoint in casino_plan.checkpoints:
        ways = streets.loc[list(checkpoint.osm_ways)]
        assert checkpoint.highway in set(ways["highway"])
        expected = "vehicle" if (ways["kind"] == "vehicle").any() else "pedestrian"
        assert checkpoint.kind == expected
        near = ways.geometry.distance(Point(checkpoint.x, checkpoint.y)).min()
        assert near < 0.01


def test_kinds_follow_the_road_class(casino_plan):
    for checkpoint in casino_plan.checkpoints:
        if checkpoint.highway in ("primary", "secondary", "residential", "service"):
            assert checkpoint.kind == "vehicle"
        if checkpoint.highway in ("steps", "footway", "pedestrian"):
            assert checkpoint.kind == "pedestrian"


def test_dual_carriageway_gives_one_checkpoint_per_cut(monaco):
    plan = find_checkpoints(monaco, parse_perimeter(square(*PRINCESSE_GRACE, 50)))
    avenue = [c for c in plan.checkpoints if c.street == "Avenue Princesse Grace"]
    assert len(avenue) == 2  # the square cuts the avenue on two sides
    streets = monaco.streets.set_index("osm_id")
    for checkpoint in avenue:
        carriageways = streets.loc[list(checkpoint.osm_ways)]
        carriageways = carriageways[
            (carriageways["kind"] == "vehicle") & (carriageways["name"] == "Avenue Princesse Grace")
        ]
        assert carriageways.index.nunique() >= 2, "both carriageways merged into one checkpoint"


def test_no_two_checkpoints_of_one_street_are_a_few_metres_apart(casino_plan):
    surface = [c for c in casino_plan.checkpoints if c.street and not (c.tunnel or c.bridge)]
    for i, a in enumerate(surface):
        for b in surface[i + 1 :]:
            if a.street == b.street:
                assert np.hypot(a.x - b.x, a.y - b.y) >= MERGE_RADIUS_M


def test_checkpoints_are_numbered_clockwise_from_the_north(casino_plan):
    xy = np.array([(c.x, c.y) for c in casino_plan.checkpoints])
    x, y = xy[:, 0], xy[:, 1]
    shoelace = np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y) / 2
    assert shoelace < 0, "P1, P2, … go round the (convex) perimeter clockwise"
    # P1 is the first checkpoint after the northernmost vertex, going clockwise (east)
    outline = casino_plan.perimeter.boundary
    north_y = shapely.get_coordinates(outline)[:, 1].max()
    top = [c for c in casino_plan.checkpoints if abs(c.y - north_y) < 1.0]
    if top:
        assert casino_plan.checkpoints[0] in top
    assert [c.id for c in casino_plan.checkpoints] == [
        f"P{i}" for i in range(1, len(casino_plan.checkpoints) + 1)
    ]


def test_tunnels_are_kept_apart_from_the_surface(casino_plan):
    tunnels = [c for c in casino_plan.checkpoints if c.tunnel]
    assert tunnels, "Boulevard Louis II and Boulevard du Larvotto run in tunnels here"
    assert all(c.kind == "vehicle" for c in tunnels if c.highway in ("primary", "secondary"))


def test_geojson_output_has_the_cli_properties(casino_plan):
    collection = casino_plan.to_geojson()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(casino_plan.checkpoints)
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "Point"
        assert {"street", "highway", "kind"} <= set(feature["properties"])
        assert feature["properties"]["kind"] in ("vehicle", "pedestrian")


def test_perimeter_without_streets_has_no_checkpoint(monaco):
    # 8 m square in the sea off Port Hercule: inside the area's extent, no street
    plan = find_checkpoints(monaco, parse_perimeter(square(7.4245, 43.7365, 4)))
    assert plan.checkpoints == ()


def test_perimeter_outside_the_area_is_refused(monaco):
    with pytest.raises(OutsideAreaError) as err:
        find_checkpoints(monaco, parse_perimeter(square(2.3522, 48.8566, 300)))  # Paris
    assert "outside the loaded area" in str(err.value)
    assert "en dehors" in err.value.message("fr")


def test_helsinki_clipped_edge_does_not_crash(helsinki):
    assert helsinki.clipped_ways > 100  # ways cut at the extract's box
    west, south, east, north = helsinki.bounds_wgs84()
    # a perimeter straddling the extract's western edge: partly outside the data
    plan = find_checkpoints(
        helsinki, parse_perimeter(square(west, (south + north) / 2, 250, crs=helsinki.crs))
    )
    assert plan.checkpoints
    assert any(n.key == "perimeter_partly_outside" for n in plan.notices)


def test_helsinki_centre_checkpoints(helsinki):
    # Senate Square / Aleksanterinkatu, central Helsinki
    plan = find_checkpoints(
        helsinki, parse_perimeter(square(24.9520, 60.1695, 100, crs=helsinki.crs))
    )
    assert plan.counts()["vehicle"] >= 2
    assert any(c.street for c in plan.checkpoints)
