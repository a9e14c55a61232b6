"""Security perimeters: parsing a drawn or uploaded GeoJSON polygon and placing it on an area.

A perimeter arrives in WGS84 (from Leaflet.draw or a file). It is checked, repaired when it
crosses itself (shapely's ``make_valid``, with a notice), projected to the area's CRS, and
refused when it does not overlap the area's data.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.crs import WGS84, reproject
from planner.errors import Notice, OutsideAreaError, PerimeterError
from planner.limits import read_limited

#: Below this share of the outline outside the area's data, no notice is given.
OUTSIDE_TOLERANCE = 0.01
#: Largest GeoJSON text accepted (a city's boundary with thousands of points is well under it).
MAX_GEOJSON_BYTES = 5 * 1024 * 1024
#: Most positions a perimeter may have (repairing a crossing outline grows with the count).
MAX_PERIMETER_POINTS = 100_000
#: Most positions of a self-crossing polygon that is repaired. Repair time grows with the number
#: of crossings, up to the square of the positions: a hand-drawn outline has tens; 500 random
#: positions (about 60,000 crossings, the worst case) take 0.5-0.7 s with GEOS's "structure" repair
#: on this machine (bench/bench_perimeter_repair.py), 1,000 take 3-6 s. A valid outline is never
#: repaired and may have MAX_PERIMETER_POINTS.
MAX_REPAIR_POINTS = 500
#: Deepest nesting of collections and features: a FeatureCollection of Features of a
#: GeometryCollection is 3.
MAX_NESTING = 8
GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}
#: Depth of the lists of positions in a geometry's coordinates.
_RING_DEPTH = {"Polygon": 2, "MultiPolygon": 3}


@dataclass(frozen=True)
class Perimeter:
    """A perimeter polygon in WGS84 and the notices raised while reading it."""

    polygon: Polygon | MultiPolygon
    notices: tuple[Notice, ...] = ()

    def projected(self, crs: str) -> Polygon | MultiPolygon:
        """The polygon in a projected CRS (metres)."""
        return reproject([self.polygon], WGS84, crs)[0]


def read_perimeter(path: Path) -> Perimeter:
    """:func:`parse_perimeter` of a file, read within MAX_GEOJSON_BYTES (+1)."""
    return make_perimeter(read_perimeter_polygons(path))


def read_perimeter_polygons(path: Path) -> list[BaseGeometry]:
    """:func:`perimeter_polygons` of a file, read within MAX_GEOJSON_BYTES (+1)."""
    return perimeter_polygons(read_limited(path, MAX_GEOJSON_BYTES, _too_large))


def _too_large() -> PerimeterError:
    return PerimeterError("geojson_too_large", limit_mb=MAX_GEOJSON_BYTES // 2**20)


def parse_perimeter(data: str | bytes | dict[str, Any]) -> Perimeter:
    """A Perimeter from GeoJSON text or a parsed object (FeatureCollection, Feature, geometry).

    Text is refused above MAX_GEOJSON_BYTES; the structure, the coordinates (numbers, finite,
    at most MAX_PERIMETER_POINTS) and the WGS84 range are checked before shapely sees them.
    """
    return make_perimeter(perimeter_polygons(data))


def perimeter_polygons(data: str | bytes | dict[str, Any]) -> list[BaseGeometry]:
    """The polygons of a perimeter's GeoJSON, checked as :func:`parse_perimeter` says, before
    any repair or merge (the plan pipeline takes them as its perimeter zones)."""
    if isinstance(data, (str, bytes)):
        if len(data) > MAX_GEOJSON_BYTES:
            raise _too_large()
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as err:
            raise PerimeterError("geojson_invalid", detail=_short(err)) from None
        except RecursionError:
            raise PerimeterError("geojson_invalid", detail="nested too deeply") from None
    polygons: list[BaseGeometry] = []
    found: set[str] = set()
    points = 0
    for geometry in _geometries(data, depth=0):
        kind = geometry["type"]
        found.add(kind)
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        points += _count_positions(geometry.get("coordinates"), _RING_DEPTH[kind])
        if points > MAX_PERIMETER_POINTS:
            raise PerimeterError("geojson_too_many_points", limit=MAX_PERIMETER_POINTS)
        try:
            geom = shape(geometry)
        except Exception as err:  # shapely raises several types on malformed coordinates
            raise PerimeterError("geojson_invalid", detail=_short(err)) from None
        if not geom.is_empty:
            polygons.append(geom)
    if not polygons:
        raise PerimeterError("geojson_no_polygon", found=", ".join(sorted(found)) or "nothing")
    return polygons


def make_perimeter(polygons: list[BaseGeometry]) -> Perimeter:
    """Check, repair and merge polygons (WGS84) into one perimeter."""
    notices: list[Notice] = []
    if not in_wgs84_range(shapely.get_coordinates(polygons)):  # holes included, not bounds
        raise PerimeterError("geojson_not_wgs84")
    try:
        repaired = []
        for polygon in polygons:
            if not polygon.is_valid:
                polygon = repair_polygon(polygon)
                parts = len(getattr(polygon, "geoms", [polygon]))
                notices.append(Notice("perimeter_repaired", {"parts": parts}))
            repaired.append(polygon)
        merged = _polygonal(shapely.union_all(repaired))
    except shapely.errors.GEOSException as err:  # a shape GEOS cannot repair or merge
        raise PerimeterError("geojson_invalid", detail=_short(err)) from None
    if len(repaired) > 1:
        notices.append(Notice("perimeter_merged", {"count": len(repaired)}))
    if merged.is_empty or merged.area == 0:
        raise PerimeterError("perimeter_empty")
    return Perimeter(merged, tuple(notices))


def repair_polygon(polygon: BaseGeometry) -> Polygon | MultiPolygon:
    """A self-crossing polygon made valid (its polygonal parts); PerimeterError above
    MAX_REPAIR_POINTS positions, before any repair starts."""
    check_repairable(polygon)
    return _polygonal(shapely.make_valid(polygon, method="structure"))


def check_repairable(polygon: BaseGeometry) -> None:
    """PerimeterError if ``polygon`` is invalid with more than MAX_REPAIR_POINTS positions."""
    points = shapely.get_num_coordinates(polygon)
    if points > MAX_REPAIR_POINTS and not polygon.is_valid:
        raise PerimeterError("perimeter_too_complex", points=points, limit=MAX_REPAIR_POINTS)


def in_wgs84_range(coordinates: np.ndarray) -> bool:
    """Whether (lon, lat) rows are all longitudes and latitudes in degrees (NaN is not)."""
    lon, lat = np.abs(coordinates[:, 0]), np.abs(coordinates[:, 1])
    return bool(((lon <= 180) & (lat <= 90)).all())


def place_on_area(perimeter: Perimeter, area: Area) -> tuple[BaseGeometry, list[Notice]]:
    """The perimeter projected to the area's CRS, with notices; refused if outside the area."""
    polygon = perimeter.projected(area.crs)
    if not np.isfinite(shapely.get_coordinates(polygon)).all() or not polygon.is_valid:
        west, south, east, north = perimeter.polygon.bounds
        raise PerimeterError(
            "perimeter_beyond_projection",
            width=f"{east - west:.0f}",
            height=f"{north - south:.0f}",
            area=area.name,
            crs=area.crs,
        )
    if not polygon.intersects(area.extent):
        raise OutsideAreaError("perimeter_outside", area=area.name)
    notices = list(perimeter.notices)
    outline = polygon.boundary
    outside = outline.difference(area.extent).length / outline.length if outline.length else 0
    if outside > OUTSIDE_TOLERANCE:
        notices.append(Notice("perimeter_partly_outside", {"share": outside}))
    return polygon, notices


def _geometries(data: Any, depth: int) -> list[dict[str, Any]]:
    """The geometry objects of a GeoJSON object, each with a known ``type``."""
    if not isinstance(data, dict) or "type" not in data:
        raise PerimeterError("geojson_invalid", detail="no GeoJSON 'type'")
    if depth > MAX_NESTING:
        raise PerimeterError("geojson_invalid", detail="nested too deeply")
    kind = data["type"]
    if kind == "FeatureCollection":
        return [g for f in _members(data, "features") for g in _geometries(f, depth + 1)]
    if kind == "Feature":
        geometry = data.get("geometry")
        return [] if geometry is None else _geometries(geometry, depth + 1)
    if kind == "GeometryCollection":
        return [g for sub in _members(data, "geometries") for g in _geometries(sub, depth + 1)]
    if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
        raise PerimeterError("geojson_invalid", detail=f"unknown GeoJSON type {_shown(kind)}")
    return [data]


def _members(data: dict[str, Any], key: str) -> list[Any]:
    members = data.get(key, [])
    if not isinstance(members, list):
        raise PerimeterError("geojson_invalid", detail=f"'{key}' is not a list")
    return members


def _count_positions(coordinates: Any, depth: int) -> int:
    """The number of positions in a Polygon's (depth 2) or MultiPolygon's (depth 3) coordinates;
    PerimeterError unless every position is two or three finite numbers."""
    if depth == 0:
        if (
            not isinstance(coordinates, (list, tuple))
            or not 2 <= len(coordinates) <= 3
            or not all(_finite_number(c) for c in coordinates)
        ):
            detail = f"a position is two numbers [lon, lat], not {_shown(coordinates)}"
            raise PerimeterError("geojson_invalid", detail=detail)
        return 1
    if not isinstance(coordinates, (list, tuple)):  # tuples: shapely's mapping()
        detail = f"coordinates should be nested lists, not {_shown(coordinates)}"
        raise PerimeterError("geojson_invalid", detail=detail)
    return sum(_count_positions(c, depth - 1) for c in coordinates)


def _finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False


def _shown(value: Any) -> str:
    """A value of the user's file as shown in a message: its repr, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _polygonal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Only the polygonal parts of a geometry (make_valid may add lines and points)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    return _polygonal(shapely.union_all(parts)) if parts else Polygon()


def _short(err: Exception) -> str:
    """A library error's first line, cut to 120 characters."""
    return ((str(err).strip().splitlines() or [""])[0][:120]).strip() or type(err).__name__
