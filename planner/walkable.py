"""Walkable geometry of a sector, as JuPedSim takes it: cleaned polygons and exit areas.

The sector's usable surface (:func:`planner.surface.usable_surface`, no-go and inner zones left
out) comes from buffered OSM streets: it has slivers, pin-holes (lamp posts, a kiosk), and
passages narrower than a person. JuPedSim needs a valid polygonal area that every agent can
route through, so the surface is cleaned here, in the area's projected CRS (metres):

- an opening by the agent's radius (erode, then dilate) removes every passage narrower than
  an agent's body; holes under :data:`PINHOLE_M2` are filled, parts under :data:`SLIVER_M2`
  dropped, and the outline simplified to :data:`SIMPLIFY_M`;
- each exit becomes a convex exit area (as JuPedSim needs): the walkable ground within half its
  width (plus :data:`EXIT_DEPTH_M`) of where its street leaves the sector;
- parts of the surface that reach no exit are dropped (nobody can be evacuated from a place
  the simulator cannot route out of); how many m² each step dropped is said.

A sector with no exit left, or a surface with no room, raises :class:`SimulationError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from planner.errors import PlannerError

#: Holes smaller than this (m²) are filled: kiosks, fountains, traffic islands and the gaps left
#: between two streets' buffers, which a crowd walks round or over; each hole also multiplies
#: the simulator's routing work (17 holes: 3.3 s of computing per simulated second for 2,000
#: agents in the concert's sector A; 9 holes: 1.0 s).
PINHOLE_M2 = 50.0
#: Parts smaller than this (m²) are dropped: slivers between buffered streets.
SLIVER_M2 = 4.0
#: Outline simplification tolerance (m): about an agent's size.
SIMPLIFY_M = 0.25
#: How far past half the street's width an exit area reaches from the crossing point (m).
EXIT_DEPTH_M = 1.0


class SimulationError(PlannerError):
    """A sector that cannot be simulated: no exit, a geometry refused, too many people."""


@dataclass(frozen=True)
class ExitArea:
    """An exit stage: where agents leave (polygon in the area's CRS) and the exit's width."""

    id: str
    width_m: float
    polygon: Polygon


@dataclass(frozen=True)
class Walkable:
    """A sector's walkable area for the simulator (area's CRS) and what cleaning took away."""

    geometry: BaseGeometry  # Polygon or MultiPolygon, each part reaching an exit
    exits: tuple[ExitArea, ...]
    usable_m2: float  # the usable surface before cleaning
    narrow_m2: float  # passages narrower than an agent, slivers
    unreachable_m2: float  # parts with no exit
    exits_dropped: tuple[str, ...] = ()  # exits with no walkable ground left at them
    standing: BaseGeometry | None = None  # where the public stands at the start (None: all)

    @property
    def area_m2(self) -> float:
        return float(self.geometry.area)

    def parts(self) -> list[Polygon]:
        return list(getattr(self.geometry, "geoms", [self.geometry]))


@dataclass(frozen=True)
class ExitSpec:
    """An exit as the plan gives it: id, crossing point (area's CRS) and width (m)."""

    id: str
    x: float
    y: float
    width_m: float


def walkable(
    surface: BaseGeometry,
    exits: Sequence[ExitSpec],
    radius_m: float,
    standing: BaseGeometry | None = None,
) -> Walkable:
    """The cleaned walkable area of ``surface`` with its exit areas (see the module's doc);
    ``standing``: the part of it where the public stands at the start (default: all of it)."""
    usable = float(surface.area)
    cleaned = _clean(surface, radius_m)
    areas, dropped = [], []
    for spec in exits:
        reach = shapely.Point(spec.x, spec.y).buffer(spec.width_m / 2 + EXIT_DEPTH_M)
        stage = _largest(shapely.intersection(cleaned, reach))
        if stage is None or stage.area < np.pi * radius_m**2 * 4:
            dropped.append(spec.id)
            continue
        areas.append(ExitArea(spec.id, spec.width_m, _convex_stage(stage, cleaned)))
    if not areas:
        raise SimulationError("simulation_no_exit")
    parts = list(getattr(cleaned, "geoms", [cleaned]))
    stages = shapely.union_all([a.polygon for a in areas])
    reached = [p for p in parts if p.intersects(stages)]
    kept = shapely.union_all(reached) if len(reached) > 1 else reached[0]
    return Walkable(
        geometry=kept,
        exits=tuple(areas),
        usable_m2=usable,
        narrow_m2=max(0.0, usable - float(cleaned.area)),
        unreachable_m2=float(cleaned.area - kept.area),
        exits_dropped=tuple(dropped),
        standing=None if standing is None else shapely.intersection(kept, standing),
    )


def _clean(surface: BaseGeometry, radius_m: float) -> BaseGeometry:
    """Valid polygons only, passages narrower than an agent removed, pin-holes filled,
    slivers dropped, outline simplified; SimulationError when nothing is left."""
    polygons = _polygons(shapely.make_valid(surface))
    # mitred joins give square corners back (round ones would be cut again by the simplification)
    eroded = shapely.buffer(polygons, -radius_m, join_style="mitre")
    opened = shapely.buffer(eroded, radius_m, join_style="mitre")
    parts = []
    for part in _polygons(shapely.simplify(opened, SIMPLIFY_M)).geoms:
        if part.area < SLIVER_M2:
            continue
        holes = [ring for ring in part.interiors if Polygon(ring).area >= PINHOLE_M2]
        parts.append(Polygon(part.exterior, holes))
    cleaned = shapely.make_valid(MultiPolygon(parts)) if parts else Polygon()
    cleaned = _polygons(cleaned)
    if cleaned.is_empty:
        raise SimulationError("simulation_no_room")
    return cleaned.geoms[0] if len(cleaned.geoms) == 1 else cleaned


def _convex_stage(stage: Polygon, ground: BaseGeometry) -> Polygon:
    """A convex exit area (JuPedSim's requirement) whose centre, where agents head, is on the
    walkable ground: the hull of ``stage``, or a square around a point of it."""
    hull = stage.convex_hull
    if ground.contains(hull.centroid):
        return hull
    point = stage.representative_point()
    side = max(0.5, (stage.area**0.5) / 2)
    return shapely.box(
        point.x - side / 2, point.y - side / 2, point.x + side / 2, point.y + side / 2
    )


def _polygons(geometry: BaseGeometry) -> MultiPolygon:
    """The polygonal parts of ``geometry`` (lines and points of a make_valid result dropped)."""
    found = shapely.get_parts(geometry)
    polys = []
    for part in found:
        if isinstance(part, Polygon) and not part.is_empty:
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
        elif hasattr(part, "geoms"):
            polys.extend(_polygons(part).geoms)
    return MultiPolygon(polys)


def _largest(geometry: BaseGeometry) -> Polygon | None:
    """The largest polygon of ``geometry``, or None."""
    parts = list(_polygons(geometry).geoms)
    return max(parts, key=lambda p: p.area) if parts else None
