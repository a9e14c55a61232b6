"""A whole plan computed once: access roles, routes, staffing by sector, the communes' means.

The report (:mod:`planner.report`) and the app both call :func:`make_plan`, so what the map shows
and what the prefecture reads come from the same computation. The routing is cached apart
(:mod:`planner.plan_stages`, keyed by the zones), so an edit of the public or of the staffing
settings recomputes the roles, staffing and pooling only. A plan without drawn sectors
treats its perimeter as sector A. The order: closures and emergency routes; access roles
(:mod:`planner.access_roles`: filtering points proposed for the arrivals of
:mod:`planner.arrivals`, the rest closed or kept for emergency vehicles); approach routes to the
filtering points only; evacuation; staffing. Staffing needs the event's public; when it cannot
be computed (no attendance, overlapping sectors…) the routes and roles are still given and the
error is kept for the caller to show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shapely.geometry.base import BaseGeometry

from planner.access import PlanAccess, access_of, isochrones, plan_access
from planner.access_roles import AccessRoles, RoleOverride, plan_roles
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.errors import Notice, PlannerError
from planner.plan_stages import approach, routing
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
    checkpoints: tuple[Checkpoint, ...]  # every crossing of the perimeter (every role)
    access: PlanAccess
    staffing: StaffingPlan | None
    pooling: Pooling | None
    staffing_error: PlannerError | None = None
    roles: AccessRoles | None = None

    def screening_of(self) -> dict[str, ScreeningAt]:
        """checkpoint id → (its screening, its sector); (None, sector) unless filtering."""
        staffing = self.staffing
        screened = {s.checkpoint: s for s in staffing.screening} if staffing else {}
        sector_of = staffing.checkpoint_sector if staffing else {}
        return {c.id: (screened.get(c.id), sector_of.get(c.id)) for c in self.checkpoints}

    def filtering_points(self) -> list[Checkpoint]:
        """The checkpoints whose role is filtering (all of them without an access plan)."""
        if self.roles is None:
            return list(self.checkpoints)
        ids = set(self.roles.filtering())
        return [c for c in self.checkpoints if c.id in ids]

    @property
    def problems(self) -> tuple[Notice, ...]:
        return (
            *self.access.problems,
            *(self.roles.notices if self.roles else ()),
            *(self.staffing.problems if self.staffing else ()),
        )


def make_plan(
    area: Area,
    zones: PlanZones,
    checkpoints: list[Checkpoint],
    public: Public | None = None,
    parameters: StaffingParameters | None = None,
    offers: list[Offer] | None = None,
    with_isochrones: bool = True,
    overrides: tuple[RoleOverride, ...] = (),
) -> Plan:
    """Route the plan, give every access its role, then staff it (when ``public`` is given)
    and pool the communes' agents. ``overrides``: the planner's access roles."""
    zones = with_default_sector(zones)
    params = parameters or StaffingParameters()
    routed_zones = routing(area, zones, params.response())  # the same whatever the public
    masks, emergency = routed_zones.masks, routed_zones.emergency
    roles = None
    if zones.perimeter is not None:
        sources = routed_zones.sources
        peak = public.peak_per_min(params.arrival_window_min) if public else 0.0
        roles = plan_roles(
            area,
            zones.perimeter,
            checkpoints,
            masks,
            emergency,
            zones.emergency_lanes,
            sources,
            peak,
            params.roles(public),
            overrides,
        )
        roles = replace(roles, notices=(*sources.notices, *roles.notices))
    open_points = [c for c in checkpoints if roles is None or c.id in set(roles.filtering())]
    routed = access_of(
        masks,
        emergency,
        routed_zones.evacuation,
        approach(area, zones, open_points, masks),
        isochrones(area, masks) if with_isochrones else None,
    )
    routed = (
        replace(routed, problems=tuple(p for p in routed.problems if p.key != "route_stops_inside"))
        if roles is not None
        else routed
    )
    staffing = pooling = error = None
    if public is not None:
        try:
            staffing = plan_staffing(area, zones, checkpoints, routed, public, params, roles)
        except PlannerError as err:
            error = err
    if staffing is not None:
        offers = offers or []
        distances = travel_distances(area, offers, zones.sectors)
        pooling = pool(staffing.needs(), offers, distances)
    return Plan(zones, tuple(checkpoints), routed, staffing, pooling, error, roles)


def routed_around(area: Area, plan: Plan, hazards: tuple[BaseGeometry, ...]) -> Plan:
    """The plan with its routes recomputed around hazard zones (an exercise's exports)."""
    zones = replace(plan.zones, hazards=hazards)
    response = plan.staffing.parameters.response() if plan.staffing else None
    routed = plan_access(area, zones, plan.filtering_points(), False, response)
    return replace(plan, access=routed)
