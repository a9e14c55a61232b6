"""The routing stages of a plan, each cached by exactly what decides it.

A plan (:func:`planner.plan.make_plan`) routes, then gives the accesses their roles, then
staffs and pools. The routing does not depend on the event's public nor on the staffing
settings other than the response time, so an attendance edit must not recompute it:

- :func:`routing`: the closures, emergency routes, evacuation routes and arrival sources,
  keyed by the area, the zones (with the default sector) and the response time;
- :func:`approach`: the approach routes, keyed by the area, the zones and the open filtering
  points (an edit that keeps the same filtering points keeps its approach routes).

The access roles, staffing and pooling are recomputed from these; their costly ground work (the
queue room at each access, a sector's surface and exits) is cached by geometry in
:mod:`planner.access_ground` and :mod:`planner.surface`. Projected CRS throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.access import (
    AccessPlan,
    Closures,
    ResponseTime,
    Route,
    approach_routes,
    closures,
    emergency_access,
    evacuation_routes,
)
from planner.area import Area
from planner.arrivals import ArrivalSources, arrival_sources
from planner.errors import Notice
from planner.memo import Memo, content_key
from planner.zones import PlanZones


@dataclass(frozen=True)
class Routing:
    """What a plan's zones decide on an area, whatever its public."""

    masks: Closures
    emergency: AccessPlan
    evacuation: tuple[list[Route], list[Notice]]  # as evacuation_routes returns it
    sources: ArrivalSources | None  # None without a perimeter


#: Per server: a planner's few recent zone edits and the examples, on a few areas.
_ROUTING: Memo[Routing] = Memo(48)
_APPROACH: Memo[tuple[list[Route], dict[str, int], list[Notice]]] = Memo(96)


def zones_key(zones: PlanZones) -> str:
    """The zones' content key (sectors in their order, which is the order of the tables)."""
    return content_key(zones, ordered=True)


def routing(area: Area, zones: PlanZones, response: ResponseTime) -> Routing:
    """Closures, emergency and evacuation routes, arrival sources of ``zones`` (default sector
    included), cached by the area, the zones' content and the response time."""

    def compute() -> Routing:
        masks = closures(area, zones)
        return Routing(
            masks,
            emergency_access(area, zones, masks, response),
            evacuation_routes(area, zones, masks),
            arrival_sources(area, zones.perimeter) if zones.perimeter is not None else None,
        )

    return _ROUTING.get((area.id, zones_key(zones), content_key(response)), compute)


def approach(
    area: Area, zones: PlanZones, points: list[Any], masks: Closures
) -> tuple[list[Route], dict[str, int], list[Notice]]:
    """Approach routes to the open filtering ``points`` (``masks``: the zones' closures),
    cached by the area, the zones and the points' content."""
    return _APPROACH.get(
        (area.id, zones_key(zones), content_key(points)),
        lambda: approach_routes(area, zones, points, masks),
    )
