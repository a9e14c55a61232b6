"""Cameras: OSM tags, DORI ranges (worked by hand), views through buildings."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import osmium
import pytest
import shapely
from shapely.geometry import Point, box

from planner.cameras import (
    Camera,
    CameraError,
    RangeParameters,
    camera_ranges,
    lens_fov_deg,
    placed_camera,
)
from planner.doctrine import IMAGE_ASPECT
from planner.osm_cameras import osm_cameras, parse_angle, parse_directions
from planner.visibility import Obstacles, placed_outside, trace_views

#: Ids of the nodes added to Monaco (above every id of the extract).
ADDED_BASE = 20_000_000_000


def camera(**kwargs) -> Camera:
    """A camera at the origin of a metric plane (the tests' own CRS)."""
    base = dict(id="c", source="planned", camera_type="fixed", x=0.0, y=0.0, lon=0.0, lat=0.0)
    return Camera(**(base | kwargs))


# --- Directions and angles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "directions", "widths"),
    [
        ("240", (240.0,), (0.0,)),
        ("22,5", (22.5,), (0.0,)),
        ("-90", (270.0,), (0.0,)),
        ("360", (0.0,), (0.0,)),
        ("NE", (45.0,), (0.0,)),
        ("nnw", (337.5,), (0.0,)),
        ("0;90; S", (0.0, 90.0, 180.0), (0.0, 0.0, 0.0)),
        ("45-135", (90.0,), (90.0,)),
        ("300-60", (0.0,), (120.0,)),
        ("", (), ()),
        (None, (), ()),
    ],
)
def test_directions_are_parsed(value, directions, widths):
    assert parse_directions(value) == (directions, widths)


@pytest.mark.parametrize("value", ["north-ish", "12a", "NE;?", "inf", "nan"])
def test_unparsable_directions_are_refused(value):
    assert parse_directions(value) is None


def test_angles_are_parsed():
    assert parse_angle("30") == 30.0
    assert parse_angle("-15") == 15.0
    assert parse_angle("12,5°") == 12.5
    assert parse_angle(None) is None
    assert math.isnan(parse_angle("steep"))
    assert math.isnan(parse_angle("120"))


# --- Ranges: worked examples ------------------------------------------------------------------


def test_range_of_a_known_lens_and_resolution_by_hand():
    # A 3.2 mm lens on a 6.4 mm wide sensor: tan(fov/2) = 6.4 / (2 × 3.2) = 1, fov = 90°.
    fov = lens_fov_deg(3.2, 6.4)
    assert fov == pytest.approx(90.0)
    # Full HD at the target's height (no drop): range = 1920 / (density × 2 × 1).
    level_range = camera_ranges(camera(fov_deg=fov, resolution_px=1920, height_m=1.6)).far_m
    assert level_range["detection"] == pytest.approx(38.4)  # 1920 / 50
    assert level_range["observation"] == pytest.approx(15.36)  # 1920 / 125
    assert level_range["recognition"] == pytest.approx(7.68)  # 1920 / 250
    assert level_range["identification"] == pytest.approx(3.84)  # 1920 / 500


def test_height_shortens_the_ground_range_by_hand():
    # 3 m above the face: ground range = √(slant² − 3²).
    far = camera_ranges(camera(fov_deg=90, resolution_px=1920, height_m=4.6)).far_m
    assert far["detection"] == pytest.approx(math.sqrt(38.4**2 - 9))
    assert far["identification"] == pytest.approx(math.sqrt(3.84**2 - 9))  # 2.40 m
    # 5 m above the face: identification (3.84 m of slant) is out of reach.
    assert camera_ranges(camera(fov_deg=90, height_m=6.6)).far_m["identification"] == 0.0


def test_tilt_bounds_the_view_on_the_ground_by_hand():
    # 10 m above the face, 90° lens, 16:9 frame: half the vertical field is atan(1 / (16/9)).
    half_v = math.degrees(math.atan(1 / IMAGE_ASPECT))  # 29.36°
    steep = camera(fov_deg=90, resolution_px=3840, height_m=11.6, tilt_deg=45 + half_v)
    ranges = camera_ranges(steep)
    # The top of the frame looks 45° down: the far edge is 10 m away; the bottom edge looks
    # 45° + 2 × 29.36° down: the near edge is 10 / tan(103.7°)… beyond vertical, so none.
    assert ranges.far_m["detection"] == pytest.approx(10.0)
    assert ranges.near_m == 0.0
    flatter = camera(fov_deg=90, resolution_px=3840, height_m=11.6, tilt_deg=half_v + 10)
    edge = 10 / math.tan(math.radians(10))  # 56.7 m: longer than with the steep tilt
    assert camera_ranges(flatter).far_m["detection"] == pytest.approx(edge)
    assert camera_ranges(flatter).near_m == pytest.approx(
        10 / math.tan(math.radians(10 + 2 * half_v))
    )


def test_night_factor_and_infrared_range():
    day = camera_ranges(camera(fov_deg=90, height_m=1.6)).far_m
    night = camera_ranges(camera(fov_deg=90, height_m=1.6), RangeParameters(night=True)).far_m
    assert night["detection"] == pytest.approx(day["detection"] * 0.5)
    infrared = camera(fov_deg=90, height_m=1.6, ir_range_m=30.0)
    lit = camera_ranges(infrared, RangeParameters(night=True)).far_m
    assert lit["detection"] == pytest.approx(30.0)  # the IR range bounds the 38.4 m
    assert lit["identification"] == pytest.approx(3.84)  # shorter than the IR range: kept


def test_placed_camera_checks_its_values(monaco):
    with pytest.raises(CameraError, match="fov_deg"):
        placed_camera(monaco, "M1", 7.4283, 43.7393, fov_deg=0)
    with pytest.raises(CameraError, match="type"):
        placed_camera(monaco, "M1", 7.4283, 43.7393, camera_type="drone")
    # A maker's detection range sets the resolution: 40 m at 90° is 2000 px.
    mobile = placed_camera(monaco, "M1", 7.4283, 43.7393, fov_deg=90, range_m=40, height_m=1.6)
    assert mobile.resolution_px == 2000
    assert camera_ranges(mobile).far_m["detection"] == pytest.approx(40.0)


# --- Views through buildings: worked example ---------------------------------------------------


def test_camera_behind_a_building_does_not_see_past_it():
    # A 10 m block 10 m east of a camera looking east: what lies behind it is hidden.
    block = box(10, -5, 20, 5)
    obstacles = Obstacles.from_footprints([block])
    (view,) = trace_views([camera(directions=(90.0,), fov_deg=90, height_m=1.6)], obstacles, None)
    seen = view.levels["detection"]
    assert not seen.contains(Point(30, 0))  # straight behind the block
    assert not seen.contains(Point(25, 3))
    assert seen.contains(Point(30, 20))  # beside its shadow (33.7° off the axis; shadow 26.6°)
    assert seen.contains(Point(8, 0))  # in front of it
    assert seen.intersection(block).area < 0.5


def test_shadow_of_a_building_by_hand():
    # All round, 38.4 m: the block hides a wedge of ±atan(5/10) behind its near face, so the
    # hidden part of the disc is ½·R²·θ minus the triangle in front of the face (½ · 10 · 10).
    block = box(10, -5, 20, 5)
    dome = camera(camera_type="dome", height_m=1.6, fov_deg=90)
    (view,) = trace_views([dome], Obstacles.from_footprints([block]), None)
    radius, theta = 38.4, 2 * math.atan(0.5)
    hidden = 0.5 * radius**2 * theta - 50
    assert view.levels["detection"].area == pytest.approx(math.pi * radius**2 - hidden, rel=0.01)


def test_camera_in_a_building_is_snapped_to_its_wall_or_reported():
    block = box(0, 0, 20, 20)
    obstacles = Obstacles.from_footprints([block])
    near_wall = camera(x=10.0, y=1.0)  # 1 m inside the south wall: a mapping offset
    deep = camera(id="deep", x=10.0, y=10.0)
    cameras, notices = placed_outside([near_wall, deep], obstacles)
    assert (cameras[0].x, cameras[0].y) == pytest.approx((10.0, 0.0))
    assert [n.key for n in notices] == ["camera_in_building"]
    assert "deep" in notices[0].message() and "10 m inside" in notices[0].message()
    # On the wall, looking out (south) it sees; looking in (north) it sees nothing.
    out, into = replace_dir(cameras[0], 180.0), replace_dir(cameras[0], 0.0)
    views = trace_views([out, into], obstacles, None)
    assert views[0].levels["detection"].area > 100
    assert views[1].levels["detection"].area == pytest.approx(0.0, abs=1.0)


def replace_dir(c: Camera, direction: float) -> Camera:
    return replace(c, directions=(direction,), fov_deg=60.0, height_m=1.6)


# --- OpenStreetMap cameras --------------------------------------------------------------------


def test_monaco_osm_cameras(monaco):
    cameras, notices = osm_cameras(monaco)
    assert len(cameras) == 14
    assert notices == ()
    by_id = {c.id: c for c in cameras}
    fixed = by_id["osm-6459866647"]  # direction=240, pole
    assert (fixed.camera_type, fixed.directions, fixed.mount) == ("fixed", (240.0,), "pole")
    assert fixed.height_m == 5.0  # the pole default
    assert by_id["osm-6482565668"].all_round  # a dome with no direction
    assert by_id["osm-6482706099"].directions == (0.0,)
    # A fixed camera with no direction would be unknown: none in Monaco; domes/panning all round.
    assert sum(c.all_round for c in cameras) == 11


@pytest.fixture(scope="module")
def tagged_extract(tmp_path_factory, monaco_pbf) -> Path:
    """Monaco with cameras added near the casino, tagged the ways mappers tag them."""
    target = tmp_path_factory.mktemp("cameras") / "monaco-cameras.osm.pbf"
    added = [
        {"camera:type": "fixed", "camera:direction": "NE;SW", "camera:mount": "wall"},
        {"camera:type": "fixed", "camera:direction": "north-ish", "camera:angle": "steep"},
        {"camera:type": "fixed"},  # no direction: unknown, not counted
        {"camera:type": "dome", "surveillance": "indoor"},
        {"surveillance:type": "guard"},
        {"camera:type": "fixed", "direction": "90", "camera:angle": "20", "height": "8 m"},
    ]
    with osmium.SimpleWriter(str(target)) as writer:
        for obj in osmium.FileProcessor(str(monaco_pbf)):
            writer.add(obj)
        for i, tags in enumerate(added):
            node = osmium.osm.mutable.Node(
                id=ADDED_BASE + i,
                location=(7.4283 + i * 0.0002, 43.7395),
                tags={"man_made": "surveillance", **tags},
                version=1,
            )
            writer.add_node(node)
    return target


def test_tagged_cameras_from_a_real_extract(private_cache, tagged_extract):
    from planner.area import AreaSource, load_area

    area = load_area(AreaSource.file(tagged_extract))
    cameras, notices = osm_cameras(area)
    added = {c.osm_id - ADDED_BASE: c for c in cameras if c.osm_id >= ADDED_BASE}
    assert sorted(added) == [0, 1, 2, 3, 5]  # the guard is not a camera
    assert added[0].directions == (45.0, 225.0) and len(added[0].views()) == 2
    assert added[1].directions == () and added[1].tilt_deg is None
    assert added[2].views() == ()  # fixed, no direction: drawn as unknown
    assert added[3].indoor and added[3].views() == ()
    assert (added[5].tilt_deg, added[5].height_m) == (20.0, 8.0)
    messages = [n.message() for n in notices]
    assert messages == [
        "Camera osm-20000000001: direction 'north-ish' is not understood; drawn as unknown.",
        "Camera osm-20000000001: angle 'steep' is not understood; the tilt is left out.",
    ]
    assert json.loads(area.pois[area.pois["osm_id"] == ADDED_BASE + 5]["tags"].iloc[0])["height"]


def test_occlusion_on_the_real_extract(monaco):
    """Monaco's dome cameras: no view enters a footprint, and points just behind the buildings
    in range (on a line from the camera through them) are not seen."""
    cameras, _ = osm_cameras(monaco)
    domes = [c for c in cameras if c.all_round]
    region = shapely.union_all([Point(c.x, c.y).buffer(60) for c in domes])
    obstacles = Obstacles.of(monaco, region)
    placed, _ = placed_outside(domes, obstacles)
    views = trace_views(placed, obstacles, None)
    footprints = shapely.union_all(obstacles.footprints)
    checked = 0
    for cam, view in zip(placed, views, strict=True):
        seen = view.levels["detection"]
        assert seen.intersection(footprints).area < 0.02 * seen.area
        origin = Point(cam.x, cam.y)
        reach = camera_ranges(cam).far_m["detection"]
        for building in obstacles.footprints:
            corners = shapely.points(shapely.get_coordinates(building))
            if shapely.distance(origin, corners).max() + 5 > reach or building.distance(origin) < 1:
                continue
            centre = building.representative_point()
            dx, dy = centre.x - cam.x, centre.y - cam.y
            bearings = [math.atan2(p.x - cam.x, p.y - cam.y) for p in corners]
            if _spread(bearings, math.atan2(dx, dy)) < math.radians(4):
                continue  # too narrow for the rays' step
            far = shapely.distance(origin, corners).max()
            behind = Point(
                cam.x + dx * (far + 3) / math.hypot(dx, dy),
                cam.y + dy * (far + 3) / math.hypot(dx, dy),
            )
            if footprints.contains(behind):
                continue
            assert not seen.contains(behind), cam.id
            checked += 1
    assert checked >= 10, checked


def _spread(bearings: list[float], axis: float) -> float:
    """Smallest angular half-width, either side of ``axis``, of a building seen from a camera."""
    offsets = [(b - axis + math.pi) % (2 * math.pi) - math.pi for b in bearings]
    return min(-min(offsets), max(offsets))
