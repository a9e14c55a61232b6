"""Security perimeters: parsing a drawn or uploaded GeoJSON polygon and placing it on an area.

A perimeter arrives in WGS84 (from Leaflet.draw or a file). It is checked, repaired when it
crosses itself (shapely's ``make_valid``, with a notice), projected to the area's CRS, and
refused when it does not overlap the area's data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.crs import WGS84
from planner.errors import Notice, OutsideAreaError, PerimeterError

#: Below this share of the outline outside the area's data, no notice is given.
OUTSIDE_TOLERANCE = 0.01


@dataclass(frozen=True)
class Perimeter:
    """A perimeter polygon in WGS84 and the notices raised while reading it."""

    polygon: Polygon | MultiPolygon
    notices: tuple[Notice, ...] = ()

    def projected(self, crs: str) -> Polygon | MultiPolygon:
        """The polygon in a projected CRS (metres)."""
        return gpd.GeoSeries([self.polygon], crs=WGS84).to_crs(crs).iloc[0]


def parse_perimeter(data: str | bytes | dict[str, Any]) -> Perimeter:
    """A Perimeter from GeoJSON text or a parsed object (FeatureCollection, Feature, geometry)."""
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as err:
            raise PerimeterError("geojson_invalid", detail=str(err).splitlines()[0]) from None
    geometries = _geometries(data)
    polygons: list[BaseGeometry] = []
    found: list[str] = []
    for geometry in geometries:
        try:
            geom = shape(geometry)
        except Exception as err:  # shapely raises several types on malformed coordinates
            raise PerimeterError("geojson_invalid", detail=_short(err)) from None
        found.append(geom.geom_type)
        if isinstance(geom, (Polygon, MultiPolygon)) and not geom.is_empty:
            polygons.append(geom)
    if not polygons:
        raise PerimeterError("geojson_no_polygon", found=", ".join(found) or "nothing")
    return make_perimeter(polygons)


def make_perimeter(polygons: list[BaseGeometry]) -> Perimeter:
    """Check, repair and merge polygons (WGS84) into one perimeter."""
    notices: list[Notice] = []
    minx, miny, maxx, maxy = shapely.total_bounds(polygons)
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise PerimeterError("geojson_not_wgs84")
    repaired = []
    for polygon in polygons:
        if not polygon.is_valid:
            polygon = _polygonal(shapely.make_valid(polygon))
            parts = len(getattr(polygon, "geoms", [polygon]))
            notices.append(Notice("perimeter_repaired", {"parts": parts}))
        repaired.append(polygon)
    if len(repaired) > 1:
        notices.append(Notice("perimeter_merged", {"count": len(repaired)}))
    merged = _polygonal(shapely.union_all(repaired))
    if merged.is_empty or merged.area == 0:
        raise PerimeterError("perimeter_empty")
    return Perimeter(merged, tuple(notices))


def place_on_area(perimeter: Perimeter, area: Area) -> tuple[BaseGeometry, list[Notice]]:
    """The perimeter projected to the area's CRS, with notices; refused if outside the area."""
    polygon = perimeter.projected(area.crs)
    if not polygon.intersects(area.extent):
        raise OutsideAreaError("perimeter_outside", area=area.name)
    notices = list(perimeter.notices)
    outline = polygon.boundary
    outside = outline.difference(area.extent).length / outline.length if outline.length else 0
    if outside > OUTSIDE_TOLERANCE:
        notices.append(Notice("perimeter_partly_outside", {"share": outside}))
    return polygon, notices


def _geometries(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or "type" not in data:
        raise PerimeterError("geojson_invalid", detail="no GeoJSON 'type'")
    kind = data["type"]
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise PerimeterError("geojson_invalid", detail="'features' is not a list")
        return [g for f in features for g in _geometries(f)]
    if kind == "Feature":
        geometry = data.get("geometry")
        return [] if geometry is None else _geometries(geometry)
    if kind == "GeometryCollection":
        return [g for sub in data.get("geometries", []) for g in _geometries(sub)]
    return [data]


def _polygonal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Only the polygonal parts of a geometry (make_valid may add lines and points)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    return _polygonal(shapely.union_all(parts)) if parts else Polygon()


def _short(err: Exception) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0][:120]
