"""Credible exits and evacuation time of a sector (the Green Guide's method, on the street graph).

A sector's exits are only where people reach a safe place: out of the perimeter (an exit on the
perimeter's outline) or an assembly point; an internal boundary between two sectors is never
one. A sector with no such exit evacuates through its neighbour: the walk goes on to the
neighbour's exits, whose flow the two sectors' public then share. Evacuation time = the walk on
the walking network from the sector's farthest point to a safe place, at the walking speed
(:data:`planner.doctrine.WALKING_SPEED_M_S`), + the flow time through the exits (public / Σ exit
width × flow per metre); and the same with the widest exit blocked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.memo import Memo, content_key
from planner.surface import Exit, UsableSurface, sector_exits, usable_surface

#: An exit this close to the perimeter's outline leads out of it (metres; hand drawing).
ON_OUTLINE_M = 5.0
#: An exit this close to an assembly point leads to it (metres).
ASSEMBLY_REACH_M = 50.0


@dataclass(frozen=True)
class Evacuation:
    """A sector's evacuation: walk and flow, all exits open and the widest blocked (minutes)."""

    walk_min: float | None
    walk_blocked_min: float | None
    flow_min: float | None
    flow_blocked_min: float | None
    through: str | None  # the neighbour evacuated through (no safe exit of its own)

    @property
    def total_min(self) -> float | None:
        return _sum(self.walk_min, self.flow_min)

    @property
    def total_blocked_min(self) -> float | None:
        return _sum(self.walk_blocked_min, self.flow_blocked_min)


def credible_exits(
    exits: tuple[Exit, ...], perimeter: BaseGeometry, assembly_points: tuple = ()
) -> tuple[Exit, ...]:
    """The exits that lead out of the perimeter or to an assembly point."""
    if not exits:
        return ()
    points = shapely.points([(e.x, e.y) for e in exits])
    safe = shapely.distance(points, perimeter.boundary) <= ON_OUTLINE_M
    for point in assembly_points:
        safe |= shapely.distance(points, point) <= ASSEMBLY_REACH_M
    return tuple(e for e, ok in zip(exits, safe, strict=True) if ok)


def neighbour_through(
    name: str, sectors: dict[str, BaseGeometry], with_exits: set[str]
) -> str | None:
    """The neighbouring sector with safe exits sharing the longest border with ``name``."""
    mine = sectors[name].buffer(1.0)
    best, length = None, 0.0
    for other in sorted(with_exits - {name}):
        shared = shapely.length(shapely.intersection(mine, sectors[other].boundary))
        if shared > length:
            best, length = other, shared
    return best


def flow_minutes(people: int, flows: list[float], blocked: bool) -> float | None:
    """Minutes for ``people`` to pass the exits (flows in persons/min), the widest blocked."""
    counted = sorted(flows)[:-1] if blocked and len(flows) > 1 else flows
    total = sum(counted)
    return people / total if total > 0 else None


def widest(exits: tuple[Exit, ...], flows: tuple[float, ...]) -> tuple[tuple[float, float], ...]:
    """Position of the exit of largest flow (the one that may be blocked)."""
    if len(exits) <= 1:
        return ()
    best = int(np.argmax(flows))
    return ((exits[best].x, exits[best].y),)


def _sum(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


#: The ground of a server's recent sectors (a few per plan).
_GROUND: Memo[tuple[UsableSurface, tuple[Exit, ...]]] = Memo(128)


def sector_ground(
    area: Area,
    polygon: BaseGeometry,
    standing: BaseGeometry,
    perimeter: BaseGeometry | None,
    assembly_points: tuple = (),
) -> tuple[UsableSurface, tuple[Exit, ...]]:
    """A sector's usable surface (of ``standing``, its ground open to the public) and its
    credible exits (of ``polygon``, projected CRS): what the OSM data and the zones decide,
    whatever the public or the staffing settings, so cached by the geometries' content."""

    def measure() -> tuple[UsableSurface, tuple[Exit, ...]]:
        exits = sector_exits(area, polygon)
        if perimeter is not None:
            exits = credible_exits(exits, perimeter, assembly_points)
        return usable_surface(area, standing), exits

    key = (area.id, content_key(polygon, standing, perimeter, tuple(assembly_points)))
    return _GROUND.get(key, measure)
