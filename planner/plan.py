"""A whole plan computed once: access routes, staffing by sector, and the communes' pooled means.

The report (:mod:`planner.report`) and the app both call :func:`make_plan`, so what the map shows
and what the prefecture reads come from the same computation. A plan without drawn sectors
treats its perimeter as sector A. Staffing needs the event's public; when it cannot be computed
(no attendance, overlapping sectors…) the routes are still given and the error is kept for the
caller to show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shapely.geometry.base import BaseGeometry

from planner.access import PlanAccess, plan_access
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.errors import Notice, PlannerError
from planner.pooling import Offer, Pooling, pool, travel_distances
from planner.screening import CheckpointScreening
from planner.staffing import (
    Public,
    StaffingParameters,
    StaffingPlan,
    plan_staffing,
    with_default_sector,
)
from planner.zones import PlanZones

ScreeningAt = tuple[CheckpointScreening | None, str | None]


@dataclass(frozen=True)
class Plan:
    """Everything computed for a plan."""

    zones: PlanZones  # with the default sector when none was drawn
    checkpoints: tuple[Checkpoint, ...]
    access: PlanAccess
    staffing: StaffingPlan | None
    pooling: Pooling | None
    staffing_error: PlannerError | None = None

    def screening_of(self) -> dict[str, ScreeningAt]:
        """checkpoint id → (its screening, its sector); (None, None) without staffing."""
        staffing = self.staffing
        screened = {s.checkpoint: s for s in staffing.screening} if staffing else {}
        sector_of = staffing.checkpoint_sector if staffing else {}
        return {c.id: (screened.get(c.id), sector_of.get(c.id)) for c in self.checkpoints}

    @property
    def problems(self) -> tuple[Notice, ...]:
        return (*self.access.problems, *(self.staffing.problems if self.staffing else ()))


def make_plan(
    area: Area,
    zones: PlanZones,
    checkpoints: list[Checkpoint],
    public: Public | None = None,
    parameters: StaffingParameters | None = None,
    offers: list[Offer] | None = None,
    with_isochrones: bool = True,
) -> Plan:
    """Route the plan, then staff it (when ``public`` is given) and pool the communes' agents."""
    zones = with_default_sector(zones)
    routed = plan_access(area, zones, checkpoints, with_isochrones=with_isochrones)
    staffing = pooling = error = None
    if public is not None:
        try:
            staffing = plan_staffing(area, zones, checkpoints, routed, public, parameters)
        except PlannerError as err:
            error = err
    if staffing is not None:
        offers = offers or []
        distances = travel_distances(area, offers, zones.sectors)
        pooling = pool(staffing.needs(), offers, distances)
    return Plan(zones, tuple(checkpoints), routed, staffing, pooling, error)


def routed_around(area: Area, plan: Plan, hazards: tuple[BaseGeometry, ...]) -> Plan:
    """The plan with its routes recomputed around hazard zones (an exercise's exports)."""
    zones = replace(plan.zones, hazards=hazards)
    routed = plan_access(area, zones, list(plan.checkpoints), with_isochrones=False)
    return replace(plan, access=routed)
