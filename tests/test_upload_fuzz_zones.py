"""Property-based: a zones GeoJSON upload is imported or refused with one clear line.

The upload goes the app's way: ``parse_perimeter`` (what the file uploader calls), then, when it
is accepted, the step the app takes next: the perimeter becomes a zone of the plan, which must
not fail either. Inputs: random bytes and JSON, and GeoJSON that is plausible but wrong here and
there (types, nesting, coordinates, NaN, huge numbers, rings crossing themselves, truncation).
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from shapely.geometry import mapping

from planner.errors import PerimeterError, PlannerError
from planner.perimeter import MAX_GEOJSON_BYTES, MAX_PERIMETER_POINTS, parse_perimeter
from scenarios.editing import zones_from_drawings

from .fuzzing import FUZZ, assert_clear_refusal, sometimes, weighted

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=16,
)

#: GeoJSON types with their weights: the usable ones more often, and two that are not GeoJSON.
GEOMETRY_TYPES = {
    "Polygon": 30,
    "MultiPolygon": 12,
    "Feature": 12,
    "GeometryCollection": 4,
    "Point": 3,
    "MultiPoint": 2,
    "LineString": 3,
    "MultiLineString": 2,
    "polygon": 2,
    "Circle": 2,
    "FeatureCollection": 28,
}


numbers = st.one_of(
    st.floats(7.40, 7.45),  # Monaco: most rings are usable
    st.floats(43.70, 43.76),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(2**70), 2**70),
    st.sampled_from([True, None, "7.42", [], 1e308]),
)
positions = st.lists(numbers, min_size=0, max_size=4) | st.tuples(
    st.floats(7.40, 7.45), st.floats(43.70, 43.76)
).map(list)


monaco_positions = st.tuples(st.floats(7.40, 7.45), st.floats(43.70, 43.76)).map(list)


@st.composite
def rings(draw: st.DrawFn) -> list:
    """A ring: mostly three to six points in Monaco (in any order, so often crossing itself),
    closed or not, with a bad position now and then."""
    points = draw(st.lists(monaco_positions, min_size=3, max_size=6))
    if sometimes(draw, 8):
        points.insert(draw(st.integers(0, len(points))), draw(positions))
    if not sometimes(draw, 4):
        points.append(points[0])  # closed, as GeoJSON wants
    return draw(st.lists(positions, max_size=4)) if sometimes(draw, 20) else points


polygon_coordinates = st.lists(rings(), min_size=1, max_size=2)  # a shell, maybe a hole
COORDINATES = {
    "polygon": polygon_coordinates,
    "multipolygon": st.lists(polygon_coordinates, min_size=1, max_size=3),
    "positions": positions,
    "anything": json_values,
}


@st.composite
def geometries(draw: st.DrawFn, depth: int = 0) -> dict:
    """A geometry, Feature or collection: plausible shapes with wrong parts here and there."""
    kind = weighted(draw, GEOMETRY_TYPES)

    def member() -> object:
        return draw(json_values) if sometimes(draw, 10) else draw(geometries(depth + 1))

    if kind == "Feature" and depth < 3:
        value = {"type": kind, "properties": {}, "geometry": member()}
    elif kind in ("FeatureCollection", "GeometryCollection") and depth < 3:
        key = "features" if kind == "FeatureCollection" else "geometries"
        members = [member() for _ in range(draw(st.integers(0, 3)))]
        value = {"type": kind, key: draw(json_values) if sometimes(draw, 20) else members}
    else:
        shape = "multipolygon" if kind == "MultiPolygon" else "polygon"
        shape = weighted(draw, {shape: 85, "positions": 5, "anything": 10})
        value = {"type": kind, "coordinates": draw(COORDINATES[shape])}
    if sometimes(draw, 20):  # a key lost or a type of the wrong kind
        value[draw(st.sampled_from(sorted(value)))] = draw(json_values)
    return value


def _geojson_text(value: object) -> bytes:
    return json.dumps(value).encode()  # NaN and Infinity as JSON's common extension writes them


geojson_uploads = st.one_of(
    st.binary(max_size=200),
    json_values.map(_geojson_text),
    geometries().map(_geojson_text),
    st.builds(
        lambda text, cut: text[:cut],
        geometries().map(_geojson_text),
        st.integers(0, 400),
    ),  # truncated
    st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),  # deep nesting
)


def _import_zones(data: bytes) -> None:
    """What the app does with a zones upload: parse it, then add it to the plan's zones."""
    try:
        perimeter = parse_perimeter(data)
    except PlannerError as err:
        assert_clear_refusal(err, data)
        event(f"refused: {err.key}")
        return
    drawing = {"geometry": mapping(perimeter.polygon), "properties": {}}
    zones = zones_from_drawings([], [drawing], "perimeter")
    assert len(zones) == 1 and perimeter.polygon.area > 0
    event("imported")


@FUZZ
@given(geojson_uploads)
def test_any_zones_upload_is_imported_or_refused_clearly(data: bytes) -> None:
    _import_zones(data)


def test_a_zones_upload_over_the_limit_is_refused_with_the_limit() -> None:
    ring = [[7.42, 43.73], [7.43, 43.73], [7.43, 43.74], [7.42, 43.73]]
    text = json.dumps({"type": "Polygon", "coordinates": [ring]}).encode()
    data = text + b" " * (MAX_GEOJSON_BYTES + 1 - len(text))
    with pytest.raises(PerimeterError) as caught:
        parse_perimeter(data)
    assert "5 MB" in caught.value.message("en") and "5 Mo" in caught.value.message("fr")
    assert parse_perimeter(data[:-1]).polygon.area > 0  # at the limit: accepted


def test_a_perimeter_with_too_many_points_is_refused_with_the_limit() -> None:
    count = MAX_PERIMETER_POINTS + 1
    ring = [
        [
            7.42 + 0.01 * math.cos(2 * math.pi * i / count),
            43.73 + 0.01 * math.sin(2 * math.pi * i / count),
        ]
        for i in range(count - 1)
    ]
    ring.append(ring[0])
    with pytest.raises(PerimeterError) as caught:
        parse_perimeter({"type": "Polygon", "coordinates": [ring]})
    assert f"{MAX_PERIMETER_POINTS:,}" in str(caught.value)


def test_a_hole_out_of_range_is_refused() -> None:
    """A polygon's bounds are its shell's: every ring's positions are checked (fuzz finding)."""
    shell = [[2, 2.5], [2, 2.5], [2, 2.5], [2, 2.5]]
    hole = [[1, 290], [2.1, 23.55], [1, 2.3355], [2, 5], [2, 0]]
    with pytest.raises(PerimeterError, match="not longitude/latitude"):
        parse_perimeter(json.dumps({"type": "Polygon", "coordinates": [shell, hole]}))


@pytest.mark.parametrize("coordinate", [float("nan"), float("inf"), 10**400, "7.42", True, None])
def test_a_position_that_is_not_two_finite_numbers_is_refused(coordinate) -> None:
    ring = [[7.42, 43.73], [coordinate, 43.73], [7.43, 43.74], [7.42, 43.73]]
    with pytest.raises(PerimeterError, match="a position is two numbers"):
        parse_perimeter({"type": "Polygon", "coordinates": [ring]})
