"""The sea of an area, from OpenStreetMap's coastline ways (for the printed map sheet).

OSM has no sea polygons: the sea is whatever lies to the right of the ``natural=coastline``
ways, which run with the land on their left. The coastline is merged into continuous lines, the
ends clipped by the extract are prolonged straight out of the area's bounds, and the bounds are
cut into faces along it; a face is sea when more coastline segments have it on their right than
on their left. A face holding a fair share of the area's streets is refused (land mistaken for
sea, when an extract cuts the coast oddly): the map then shows no sea rather than a wrong one.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

#: Distance (metres) from a coastline segment's middle to the points that tell its sides apart.
SIDE_OFFSET_M = 0.5
#: Largest share of the area's street length a sea face may hold (piers, quays, bridges).
MAX_STREET_SHARE = 0.05


def sea_polygons(
    coastline: list[BaseGeometry],
    bounds: tuple[float, float, float, float],
    streets: list[BaseGeometry] | None = None,
) -> list[BaseGeometry]:
    """The sea inside ``bounds`` (projected, metres) from coastline ways; [] when unsure."""
    parts = shapely.get_parts(np.asarray([g for g in coastline if g is not None], dtype=object))
    lines = [g for g in parts if g.geom_type == "LineString" and g.length]
    if not lines:
        return []
    frame = shapely.box(*bounds)
    try:
        merged = shapely.get_parts(shapely.line_merge(MultiLineString(lines), directed=True))
        mids, rights = [], []
        prolonged = []
        for part in merged:
            coords = np.asarray(part.coords)[:, :2]
            step = np.diff(coords, axis=0)
            length = np.hypot(step[:, 0], step[:, 1])
            ok = length > 0
            mids.append((coords[:-1] + coords[1:])[ok] / 2)
            rights.append(np.stack([step[ok, 1], -step[ok, 0]], axis=1) / length[ok, None])
            if not part.is_ring:
                span = 2 * frame.length
                coords = np.vstack(
                    [
                        _ahead(coords[1], coords[0], span),
                        coords,
                        _ahead(coords[-2], coords[-1], span),
                    ]
                )
            prolonged.append(LineString(coords))
        mid, right = np.concatenate(mids), np.concatenate(rights)
        sea_side, land_side = mid + SIDE_OFFSET_M * right, mid - SIDE_OFFSET_M * right
        noded = shapely.union_all([*prolonged, frame.boundary])
        faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
        street_lines = [s for s in streets or [] if s is not None]
        street_total = sum(s.length for s in street_lines) or 1.0
        tree = shapely.STRtree(street_lines) if street_lines else None
        sea = []
        for face in faces:
            if not frame.contains(face.representative_point()):
                continue
            votes = shapely.contains_xy(face, *sea_side.T).sum()
            if votes <= shapely.contains_xy(face, *land_side.T).sum():
                continue
            if tree is not None:
                hits = tree.query(face, predicate="intersects")
                inside = sum(street_lines[i].intersection(face).length for i in hits)
                if inside / street_total > MAX_STREET_SHARE:
                    continue
            sea.append(face.intersection(frame))
        return [s for s in sea if not s.is_empty]
    except shapely.errors.GEOSException:
        return []


def _ahead(before: np.ndarray, end: np.ndarray, span: float) -> np.ndarray:
    """A point ``span`` beyond ``end``, straight on from ``before``."""
    step = end - before
    norm = float(np.hypot(*step))
    return end + step / norm * span if norm else end


def with_sea(
    landcover: gpd.GeoDataFrame, bounds: tuple[float, float, float, float], streets: list
) -> gpd.GeoDataFrame:
    """The landcover (projected) with its coastline lines replaced by sea polygons."""
    coast = landcover["kind"] == "coastline"
    sea = sea_polygons(list(landcover.geometry[coast]), bounds, streets)
    kept = landcover[~coast]
    if not sea:
        return kept.reset_index(drop=True)
    rows = gpd.GeoDataFrame(
        {"osm_id": [None] * len(sea), "name": [None] * len(sea), "kind": ["sea"] * len(sea)},
        geometry=sea,
        crs=landcover.crs,
    )
    return gpd.GeoDataFrame(pd.concat([kept, rows], ignore_index=True), crs=landcover.crs)
