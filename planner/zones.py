"""The plan's zones as the core sees them: projected geometries by role.

A scenario's zones (perimeter, sectors, no-go zones, inner zones, emergency lanes) become
:class:`ZoneFeature` objects with their id and role (what an exercise's injects target), and
:class:`PlanZones` groups them by role for the routing and staffing, with the hazards and street
closures of an exercise when there are some.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class PlanZones:
    """The plan's zones in the area's projected CRS."""

    perimeter: BaseGeometry | None
    sectors: dict[str, BaseGeometry]
    no_go: tuple[BaseGeometry, ...] = ()
    emergency_lanes: tuple[BaseGeometry, ...] = ()
    hazards: tuple[BaseGeometry, ...] = ()
    assembly_points: tuple[Point, ...] = ()
    closed_streets: tuple[str, ...] = ()  # street names closed to everyone (an exercise's inject)
    inner_zones: tuple[BaseGeometry, ...] = ()  # inside the perimeter, closed to the public

    def blocked(self) -> BaseGeometry | None:
        parts = [*self.no_go, *self.hazards]
        return shapely.union_all(parts) if parts else None

    def not_for_the_public(self) -> BaseGeometry | None:
        """No-go zones, inner zones and emergency lanes: ground that is no standing room."""
        parts = [*self.no_go, *self.inner_zones, *self.emergency_lanes]
        return shapely.union_all(parts) if parts else None


#: The sector a plan without drawn sectors treats its whole perimeter as.
DEFAULT_SECTOR = "A"


def with_default_sector(zones: PlanZones) -> PlanZones:
    """The zones, with the whole perimeter as sector A when no sector is drawn (report, replay
    and exports alike)."""
    if zones.sectors or zones.perimeter is None:
        return zones
    return replace(zones, sectors={DEFAULT_SECTOR: zones.perimeter})


@dataclass(frozen=True)
class ZoneFeature:
    """One zone of a plan with its id and role, projected (what an exercise's injects target)."""

    id: str
    role: str  # perimeter, sector, no_go, inner_zone, emergency_lane
    name: str | None
    geometry: BaseGeometry


def zones_from_features(
    features: list[ZoneFeature], assembly_points: tuple[Point, ...] = ()
) -> PlanZones:
    """The plan's zones by role; the perimeter is the union of the perimeter zones."""

    def of(role: str) -> list[ZoneFeature]:
        return [f for f in features if f.role == role]

    perimeters = [f.geometry for f in of("perimeter")]
    return PlanZones(
        perimeter=shapely.make_valid(shapely.union_all(perimeters)) if perimeters else None,
        sectors={f.name or f.id: f.geometry for f in of("sector")},
        no_go=tuple(f.geometry for f in of("no_go")),
        emergency_lanes=tuple(f.geometry for f in of("emergency_lane")),
        assembly_points=assembly_points,
        inner_zones=tuple(f.geometry for f in of("inner_zone")),
    )
