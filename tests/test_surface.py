"""Usable surface and exits of sectors on the real Monaco extract."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import osmium
import pytest
import shapely
from shapely.geometry import shape

from planner.checkpoints import find_checkpoints
from planner.doctrine import LANE_WIDTH_M, SIDEWALK_WIDTH_M, STREET_WIDTH_BY_CLASS_M
from planner.messages import text
from planner.perimeter import parse_perimeter
from planner.surface import (
    SURFACE_SOURCES,
    parse_width,
    sector_exits,
    street_width,
    usable_surface,
)
from tests.conftest import square

# Place du Casino, Monte-Carlo
CASINO = (7.4282, 43.7394)
# Open sea off Port Hercule, inside the area's extent
SEA = (7.4245, 43.7365)


def projected(area, lon: float, lat: float, half_m: float):
    """A square of ``2 * half_m`` metres around lon/lat, in the area's CRS."""
    return (
        gpd.GeoSeries([shape(square(lon, lat, half_m))], crs="EPSG:4326").to_crs(area.crs).iloc[0]
    )


@pytest.fixture(scope="module")
def casino_surface(monaco):
    polygon = projected(monaco, *CASINO, 125)
    return polygon, usable_surface(monaco, polygon)


@pytest.mark.parametrize(
    ("tag", "metres"),
    [
        ("3", 3.0),
        ("3.5", 3.5),
        ("3,5", 3.5),  # a decimal comma
        ("12 m", 12.0),
        ("3.5m", 3.5),
        (" 7 metres", 7.0),
        ("12'", None),  # feet: not metres
        ("4'6\"", None),
        ("x", None),
        ("3-4", None),
        ("0", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_width_tags_are_read_in_metres_only(tag, metres):
    assert parse_width(tag) == metres


def test_width_tag_wins_then_lanes_then_the_class_default():
    assert street_width("primary", "9.5", "4") == (9.5, "width_tag")
    assert street_width("primary", None, "2") == (2 * LANE_WIDTH_M + 2 * SIDEWALK_WIDTH_M, "lanes")
    assert street_width("secondary", "12'", "3") == (
        3 * LANE_WIDTH_M + 2 * SIDEWALK_WIDTH_M,
        "lanes",
    )
    assert street_width("primary", "x", "two") == (
        STREET_WIDTH_BY_CLASS_M["primary"],
        "class_default",
    )
    # lanes are a carriageway's: not used for a footway
    assert street_width("footway", None, "2") == (
        STREET_WIDTH_BY_CLASS_M["footway"],
        "class_default",
    )
    width, source = street_width("raceway", None, None)
    assert source == "class_default" and width > 0


def test_open_spaces_are_squares_and_pedestrian_areas(monaco, monaco_pbf):
    spaces = monaco.open_spaces
    assert spaces.crs == monaco.crs
    assert list(spaces.columns) == ["osm_id", "name", "kind", "geometry"]
    assert set(spaces["kind"]) == {"square", "pedestrian_area"}
    assert spaces.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    by_name = spaces.set_index("name")["kind"]
    assert by_name["Place du Casino"] == "square"  # a multipolygon relation
    assert by_name["Place d'Armes"] == "square"
    assert by_name["Place du Palais"] == "pedestrian_area"
    assert not set(spaces["osm_id"]) & parks(monaco_pbf)  # gardens are not standing room


def parks(pbf: Path) -> set[int]:
    """Ids of the ways and relations tagged leisure=park or garden (Jardin Exotique, …)."""
    found = osmium.FileProcessor(str(pbf), osmium.osm.WAY | osmium.osm.RELATION)
    ids = {obj.id for obj in found if obj.tags.get("leisure") in ("park", "garden")}
    assert len(ids) > 20
    return ids


def test_casino_usable_surface_is_part_of_the_square(casino_surface):
    polygon, surface = casino_surface
    assert surface.gross_m2 == pytest.approx(250 * 250, rel=1e-6)
    assert 0.05 * surface.gross_m2 < surface.usable_m2 < 0.6 * surface.gross_m2
    assert set(surface.by_source) == set(SURFACE_SOURCES)
    assert sum(surface.by_source.values()) == pytest.approx(surface.usable_m2, rel=1e-9)
    assert all(m2 >= 0 for m2 in surface.by_source.values())
    assert surface.by_source["open_space"] > 2000  # Place du Casino
    assert surface.by_source["lanes"] > 0 and surface.by_source["class_default"] > 0
    assert surface.geometry.area == pytest.approx(surface.usable_m2)
    assert surface.geometry.difference(polygon).area < 1e-6


def test_no_usable_ground_inside_a_building(monaco, casino_surface):
    polygon, surface = casino_surface
    inside = monaco.buildings[monaco.buildings.intersects(polygon)]
    assert len(inside) > 10
    footprints = shapely.union_all(inside.geometry.values)
    assert surface.geometry.intersection(footprints).area < 1e-3
    # and the streets would have covered some of them: the subtraction did something
    streets = monaco.streets[monaco.streets.intersects(polygon)]
    assert streets.buffer(4).union_all().intersection(footprints).area > 100


@pytest.mark.parametrize(
    ("column", "values", "share"),
    [
        # Boulevards Louis II and du Larvotto: a third of their length is not under a building
        ("tunnel", ["yes", "building_passage"], 0.9),
        ("highway", ["steps"], 0.8),
    ],
)
def test_tunnels_and_steps_add_no_surface(monaco, casino_surface, column, values, share):
    polygon, surface = casino_surface
    streets = monaco.streets[monaco.streets.intersects(polygon)]
    left_out = streets[streets[column].isin(values)].geometry.intersection(polygon)
    assert left_out.length.sum() > 100
    # a left-out way is covered only where another street or an open space lies over it
    uncovered = shapely.difference(left_out.values, surface.geometry)
    assert shapely.length(uncovered).sum() > share * left_out.length.sum()


def test_place_d_armes_counts_as_open_space(monaco):
    place = monaco.open_spaces.set_index("name").geometry["Place d'Armes"]
    surface = usable_surface(monaco, place.envelope)
    buildings = monaco.buildings[monaco.buildings.intersects(place)]
    expected = place.difference(shapely.union_all(buildings.geometry.values)).area
    assert expected > 2000
    assert surface.by_source["open_space"] >= expected - 1.0
    assert surface.geometry.contains(place.representative_point())


def test_open_sea_has_no_usable_surface_and_no_exit(monaco):
    polygon = projected(monaco, *SEA, 4)
    assert polygon.intersects(monaco.extent)
    surface = usable_surface(monaco, polygon)
    assert surface.usable_m2 == 0 and surface.gross_m2 == pytest.approx(64)
    assert sum(surface.by_source.values()) == 0
    assert sector_exits(monaco, polygon) == ()


@pytest.fixture(scope="module")
def casino_exits(monaco):
    perimeter = parse_perimeter(square(*CASINO, 75))
    plan = find_checkpoints(monaco, perimeter)
    return plan, sector_exits(monaco, plan.perimeter)


def test_casino_exits_have_streets_widths_and_stairs(monaco, casino_exits):
    _, exits = casino_exits
    assert [e.id for e in exits] == [f"E{i}" for i in range(1, len(exits) + 1)]
    named = [e for e in exits if e.street == "Avenue de Monte-Carlo"]
    assert named and all(e.width_m >= 5 for e in named)
    assert all(e.width_m > 0 for e in exits)
    assert {e.width_source for e in exits} <= {"width_tag", "lanes", "class_default"}
    stairs = [e for e in exits if e.stairs]
    assert stairs, "steps cross the square's outline"
    assert all(e.highway == "steps" for e in stairs)
    assert all(not e.stairs for e in exits if e.highway != "steps")
    # the width is that of the widest merged way
    streets = monaco.streets.drop_duplicates("osm_id").set_index("osm_id")
    for exit_ in exits:
        ways = streets.loc[list(exit_.osm_ways)]
        widths = [
            street_width(h, w, n)[0] for h, w, n in ways[["highway", "width", "lanes"]].values
        ]
        assert exit_.width_m == max(widths)


def test_exits_are_the_checkpoints_that_people_can_walk_through(casino_exits):
    plan, exits = casino_exits
    walkable = [
        c for c in plan.checkpoints if not c.tunnel or c.highway in ("footway", "pedestrian")
    ]
    assert len(exits) == len(walkable)
    for exit_, checkpoint in zip(exits, walkable, strict=True):
        assert (exit_.street, exit_.osm_ways) == (checkpoint.street, checkpoint.osm_ways)
        assert (exit_.x, exit_.y) == (checkpoint.x, checkpoint.y)


def test_road_tunnels_are_not_exits(monaco):
    plan = find_checkpoints(monaco, parse_perimeter(square(*CASINO, 120)))
    road_tunnels = [c for c in plan.checkpoints if c.tunnel and c.kind == "vehicle"]
    assert road_tunnels, "Boulevard Louis II runs in a tunnel here"
    exit_ways = {e.osm_ways for e in sector_exits(monaco, plan.perimeter)}
    assert not exit_ways & {c.osm_ways for c in road_tunnels}


@pytest.mark.parametrize("source", SURFACE_SOURCES)
def test_every_estimate_has_a_label_in_both_languages(source):
    english, french = (text(f"surface_source_{source}", lang) for lang in ("en", "fr"))
    assert english and french and english != french
