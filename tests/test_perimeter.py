"""Perimeter input: broken, empty, non-polygon, self-intersecting and projected GeoJSON."""

from __future__ import annotations

import json

import pytest

from planner.errors import PerimeterError
from planner.perimeter import parse_perimeter
from tests.conftest import BOWTIE_GEOJSON, CASINO, square


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{not json", "not valid GeoJSON"),
        ("[]", "not valid GeoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "no polygon"),
        ('{"type": "FeatureCollection", "features": 3}', "not valid GeoJSON"),
        ('{"type": "Point", "coordinates": [7.42, 43.73]}', "found: Point"),
        (
            '{"type": "LineString", "coordinates": [[7.42, 43.73], [7.43, 43.74]]}',
            "found: LineString",
        ),
        ('{"type": "Polygon", "coordinates": [[[7.42]]]}', "not valid GeoJSON"),
        ('{"type": "Polygon", "coordinates": "oops"}', "not valid GeoJSON"),
        (
            '{"type": "Polygon", "coordinates": [[[7.42, 43.73], [7.42, 43.73], [7.42, 43.73], '
            "[7.42, 43.73]]]}",
            "no surface",
        ),
        ('{"type": "Feature", "geometry": null}', "no polygon"),
    ],
)
def test_bad_geojson_gets_one_clear_sentence(text, expected):
    with pytest.raises(PerimeterError) as err:
        parse_perimeter(text)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)
    assert err.value.message("fr") != str(err.value)  # translated for the French UI


def test_projected_coordinates_are_refused():
    lambert = {
        "type": "Polygon",
        "coordinates": [
            [[1056000, 6303000], [1057000, 6303000], [1057000, 6304000], [1056000, 6303000]]
        ],
    }
    with pytest.raises(PerimeterError, match="longitude/latitude"):
        parse_perimeter(json.dumps(lambert))


def test_self_intersecting_polygon_is_repaired_and_said(monaco):
    perimeter = parse_perimeter(BOWTIE_GEOJSON)
    assert perimeter.polygon.is_valid
    assert perimeter.polygon.geom_type == "MultiPolygon"  # the two lobes of the bow tie
    assert [n.key for n in perimeter.notices] == ["perimeter_repaired"]
    assert "make_valid" in perimeter.notices[0].message()
    assert "réparé" in perimeter.notices[0].message("fr")


def test_several_polygons_are_merged_with_a_notice():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": square(*CASINO, 50)},
            {
                "type": "Feature",
                "properties": {},
                "geometry": square(CASINO[0] + 0.01, CASINO[1], 50),
            },
        ],
    }
    perimeter = parse_perimeter(json.dumps(collection))
    assert perimeter.polygon.geom_type == "MultiPolygon"
    assert "perimeter_merged" in [n.key for n in perimeter.notices]


def test_feature_geometry_and_bytes_are_accepted():
    geometry = square(*CASINO, 50)
    for data in (
        geometry,
        {"type": "Feature", "properties": {}, "geometry": geometry},
        json.dumps(geometry).encode(),
    ):
        assert parse_perimeter(data).polygon.area > 0
