"""Checkpoints (points de filtrage): where a security perimeter cuts the streets.

Every street segment that crosses the perimeter's outline gives a crossing. Crossings that are one
access on the ground are merged into one checkpoint: the carriageways of a dual carriageway (same
street name a few metres apart), the segments of one OSM way meeting at the outline, and the
sidewalks and crossings drawn beside a street. Tunnels and bridges are kept apart from the
surface streets they pass under or over. Checkpoints are numbered P1, P2, … clockwise along the
outline, starting from its northernmost (then westernmost) vertex.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.crs import WGS84
from planner.errors import Notice
from planner.perimeter import Perimeter, place_on_area
from planner.roads import STREET_FURNITURE_FOOTWAYS, Kind

#: Crossings closer than this (metres) may form one checkpoint (dual carriageways, sidewalks).
MERGE_RADIUS_M = 25.0


@dataclass(frozen=True)
class Checkpoint:
    """One access through the perimeter to filter."""

    id: str
    street: str | None
    highway: str
    kind: Kind
    lon: float
    lat: float
    x: float
    y: float
    crossings: int
    osm_ways: tuple[int, ...]
    tunnel: bool = False
    bridge: bool = False

    def to_feature(self) -> dict[str, Any]:
        """GeoJSON Point feature (WGS84) with the checkpoint's properties."""
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(self.lon, 7), round(self.lat, 7)]},
            "properties": {
                "id": self.id,
                "street": self.street,
                "highway": self.highway,
                "kind": self.kind,
                "crossings": self.crossings,
                "tunnel": self.tunnel,
                "bridge": self.bridge,
                "osm_ways": list(self.osm_ways),
            },
        }


@dataclass(frozen=True)
class CheckpointPlan:
    """The checkpoints of a perimeter on an area, and what the user should know about them."""

    perimeter: BaseGeometry  # projected, in the area's CRS
    checkpoints: tuple[Checkpoint, ...]
    notices: tuple[Notice, ...]

    def to_geojson(self) -> dict[str, Any]:
        return {"type": "FeatureCollection", "features": [c.to_feature() for c in self.checkpoints]}

    def counts(self) -> dict[str, int]:
        return {
            kind: sum(c.kind == kind for c in self.checkpoints)
            for kind in ("vehicle", "pedestrian")
        }


def find_checkpoints(area: Area, perimeter: Perimeter) -> CheckpointPlan:
    """Checkpoints where ``perimeter`` cuts the streets of ``area``."""
    polygon, notices = place_on_area(perimeter, area)
    return CheckpointPlan(polygon, tuple(accesses(area, polygon)), tuple(notices))


def accesses(area: Area, polygon: BaseGeometry) -> list[Checkpoint]:
    """The accesses through the outline of ``polygon`` (in the area's CRS), numbered clockwise.

    Every street crossing the outline counts, tunnels and bridges included (flagged).
    """
    outline = polygon.boundary
    crossings = _crossings(area, outline)
    return _checkpoints(crossings, _merge_groups(crossings), outline, area.crs)


def _crossings(area: Area, outline: BaseGeometry) -> gpd.GeoDataFrame:
    """One row per point where a street segment meets the outline."""
    hits = area.street_tree.query(outline, predicate="intersects")
    streets = area.streets.iloc[hits]
    meets = shapely.intersection(streets.geometry.values, outline)
    rows, points = [], []
    for row_idx, geom in enumerate(meets):
        for part in getattr(geom, "geoms", [geom]):
            if isinstance(part, Point):
                points.append(part)
            elif isinstance(part, LineString) and not part.is_empty:
                # a street running along the outline: one access, in the middle of the overlap
                points.append(part.interpolate(0.5, normalized=True))
            else:
                continue
            rows.append(row_idx)
    frame = streets.iloc[rows].reset_index(drop=True).drop(columns="geometry")
    return gpd.GeoDataFrame(frame, geometry=points, crs=area.crs)


def _merge_groups(crossings: gpd.GeoDataFrame) -> np.ndarray:
    """Group label of each crossing: crossings of one access share a label."""
    n = len(crossings)
    if n == 0:
        return np.zeros(0, dtype=int)
    xy = shapely.get_coordinates(crossings.geometry.values)
    pairs = cKDTree(xy).query_pairs(MERGE_RADIUS_M, output_type="ndarray")
    keep = [(i, j) for i, j in pairs if _same_access(crossings, i, j)]
    if not keep:
        return np.arange(n)
    i, j = np.array(keep).T
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _same_access(crossings: gpd.GeoDataFrame, i: int, j: int) -> bool:
    a, b = crossings.iloc[i], crossings.iloc[j]
    if _level(a) != _level(b):
        return False
    if a["osm_id"] == b["osm_id"]:
        return True
    if _named(a) and _named(b) and a["name"] == b["name"]:
        return True
    return (
        _is_furniture(a) and b["kind"] == "vehicle" or _is_furniture(b) and a["kind"] == "vehicle"
    )


def _level(row: Any) -> str:
    """Surface, tunnel or bridge: crossings at different levels are different accesses."""
    if _yes(row["tunnel"]):
        return "tunnel"
    if _yes(row["bridge"]):
        return "bridge"
    return "surface"


def _yes(value: Any) -> bool:
    return isinstance(value, str) and value not in ("no", "")


def _named(row: Any) -> bool:
    return isinstance(row["name"], str) and row["name"] != ""


def _is_furniture(row: Any) -> bool:
    return row["highway"] == "footway" and row["footway"] in STREET_FURNITURE_FOOTWAYS


def _checkpoints(
    crossings: gpd.GeoDataFrame, groups: np.ndarray, outline: BaseGeometry, crs: str
) -> list[Checkpoint]:
    if len(crossings) == 0:
        return []
    lonlat = shapely.get_coordinates(crossings.geometry.to_crs(WGS84).values)
    xy = shapely.get_coordinates(crossings.geometry.values)
    start = _northernmost_position(outline)
    drafts = []
    for label in np.unique(groups):
        members = np.flatnonzero(groups == label)
        main = members[np.argmin(crossings["rank"].values[members])]
        row = crossings.iloc[main]
        names = [n for n in crossings["name"].values[members] if isinstance(n, str) and n]
        kinds = set(crossings["kind"].values[members])
        position = (outline.project(crossings.geometry.values[main]) - start) % outline.length
        drafts.append(
            (
                position,
                dict(
                    street=row["name"] if _named(row) else (names[0] if names else None),
                    highway=row["highway"],
                    kind="vehicle" if "vehicle" in kinds else "pedestrian",
                    lon=float(lonlat[main, 0]),
                    lat=float(lonlat[main, 1]),
                    x=float(xy[main, 0]),
                    y=float(xy[main, 1]),
                    crossings=len(members),
                    osm_ways=tuple(sorted({int(w) for w in crossings["osm_id"].values[members]})),
                    tunnel=_level(row) == "tunnel",
                    bridge=_level(row) == "bridge",
                ),
            )
        )
    clockwise = _is_clockwise(outline)
    drafts.sort(key=lambda d: d[0] if clockwise else -d[0] % outline.length)
    return [Checkpoint(id=f"P{i}", **fields) for i, (_, fields) in enumerate(drafts, start=1)]


def _northernmost_position(outline: BaseGeometry) -> float:
    """Position along the outline of its northernmost vertex (the westernmost of ties)."""
    coords = np.round(shapely.get_coordinates(outline), 3)
    first = np.lexsort((coords[:, 0], -coords[:, 1]))[0]
    return outline.project(Point(coords[first]))


def _is_clockwise(outline: BaseGeometry) -> bool:
    ring = outline.geoms[0] if hasattr(outline, "geoms") else outline
    return not shapely.is_ccw(ring)
