"""Capacity and staffing by sector: how many people, where, and who is needed to look after them.

For each sector: its usable surface (:mod:`planner.surface`, no-go zones, inner zones and
emergency lanes left out) and its exits to a safe place (:mod:`planner.evacuation`) give its
capacity, min(surface × density, exit width × flow × time) with the widest exit left out (it may
be blocked); the event's public is shared over the sectors in proportion to their capacity, which
gives each sector's evacuation time (walk + flow) and crowd stewards. Staff follow the access
roles (:mod:`planner.access_roles`): filtering points by lanes × agents per lane plus a
supervisor, emergency accesses by the agents who open them, closed accesses unstaffed or covered
by patrols along the perimeter, police at vehicle filtering points; first-aiders come from the
DPS rule (:mod:`planner.dps`) with E2 from the response time, shared by sector public. The result
is a need per sector and role that :mod:`planner.pooling` covers with the communes' agents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace

import shapely
from shapely.geometry.base import BaseGeometry

from planner import doctrine, screening
from planner.access import PlanAccess, ResponseTime, walk_to_exit_s
from planner.access_roles import AccessRoles, RoleParameters
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.dps import DpsResult, dps
from planner.errors import Notice, StaffingError
from planner.evacuation import (
    Evacuation,
    flow_minutes,
    neighbour_through,
    sector_ground,
    widest,
)
from planner.sectors import check_sectors
from planner.surface import Exit, UsableSurface
from planner.zones import DEFAULT_SECTOR, PlanZones, with_default_sector

ROLES: tuple[str, ...] = ("private_security", "municipal_police", "national_police", "first_aiders")
__all__ = ["DEFAULT_SECTOR", "ROLES", "with_default_sector"]


@dataclass(frozen=True)
class StaffingParameters:
    """Every planning number of a staffing plan; the defaults are :mod:`planner.doctrine`'s."""

    density_p_m2: float = doctrine.PLANNING_DENSITY_P_M2
    flow_level_p_m_min: float = doctrine.EXIT_FLOW_LEVEL_P_M_MIN
    flow_stairs_p_m_min: float = doctrine.EXIT_FLOW_STAIRS_P_M_MIN
    exit_time_min: float = doctrine.EXIT_TIME_MIN
    lane_rate_p_min: float | None = None  # None: the screening mode's rate
    agents_per_lane: int | None = None  # None: the screening mode's
    wait_target_min: float = doctrine.WAIT_TARGET_MIN
    wait_target_share: float = doctrine.WAIT_TARGET_SHARE
    arrival_window_min: int = doctrine.ARRIVAL_WINDOW_MIN
    public_per_steward: int = doctrine.PUBLIC_PER_STEWARD
    police_per_vehicle_checkpoint: int = doctrine.POLICE_PER_VEHICLE_CHECKPOINT
    police_role: str = "municipal_police"
    p2: float | None = None  # None: from the public type
    e1: float = doctrine.DPS_E1_DEFAULT
    e2: float | None = None  # None: from the response time (the worst sector)
    e2_alert_min: float = doctrine.E2_ALERT_MIN
    e2_mobilisation_min: float = doctrine.E2_MOBILISATION_MIN
    e2_response_min: float | None = None  # the SDIS's figure, for an area without fire station
    lane_frontage_m: float = doctrine.FILTER_LANE_FRONTAGE_M
    steward_space_m: float = doctrine.FILTER_STEWARD_SPACE_M
    walk_limit_m: float = doctrine.WALK_LIMIT_M
    queue_m2_per_person: float = doctrine.QUEUE_SPACE_M2_PER_PERSON
    barrier_unit_m: float = doctrine.BARRIER_UNIT_M
    supervisors_per_filtering_point: int = doctrine.SUPERVISORS_PER_FILTERING_POINT
    agents_per_emergency_access: int = doctrine.AGENTS_PER_EMERGENCY_ACCESS
    closed_access_rule: str = doctrine.CLOSED_ACCESS_RULE  # "patrol" | "unstaffed"
    fence: bool = False

    def response(self) -> ResponseTime:
        return ResponseTime(self.e2_alert_min, self.e2_mobilisation_min, self.e2_response_min)

    def roles(self, public: Public | None) -> RoleParameters:
        """The access plan's numbers (lane rate and agents from the screening mode)."""
        mode = public.screening_mode if public else "hand_search_mixed"
        shared = {
            f.name: getattr(self, f.name) for f in fields(RoleParameters) if hasattr(self, f.name)
        }
        return RoleParameters(
            **shared
            | {
                "lane_rate_p_min": self.lane_rate_p_min or doctrine.LANE_RATE_P_MIN[mode],
                "agents_per_lane": self.agents_per_lane or doctrine.AGENTS_PER_LANE[mode],
            }
        )


@dataclass(frozen=True)
class Public:
    """The event's public as staffing sees it."""

    attendance: int
    arrival_peak_share: float
    public_type: str
    screening_mode: str

    def peak_per_min(self, window_min: int) -> float:
        """Arrivals per minute in the busiest quarter-hour."""
        profile = screening.arrival_profile(self.arrival_peak_share, window_min)
        return self.attendance * profile.peak_share / profile.slot_min


@dataclass(frozen=True)
class SectorSheet:
    """One sector: surface, capacity, exits, evacuation and staff."""

    name: str
    area_m2: float
    usable_m2: float
    surface_by_source: dict[str, float]
    capacity_by_surface: int
    capacity_by_exits: int
    public: int  # the share of the attendance planned in this sector
    exits: tuple[Exit, ...]  # to a safe place (its own, or its neighbour's when ``through``)
    checkpoints: tuple[str, ...]
    evacuation: Evacuation
    tasks: dict[str, int]
    staff: dict[str, int]
    e2_minutes: dict[str, float | None] = field(default_factory=dict)

    @property
    def capacity(self) -> int:
        return min(self.capacity_by_surface, self.capacity_by_exits)

    @property
    def limited_by(self) -> str:
        return "exits" if self.capacity_by_exits < self.capacity_by_surface else "surface"

    @property
    def evacuation_min(self) -> float | None:
        """Walk to the exit + flow through the exits, all open."""
        return self.evacuation.total_min

    @property
    def evacuation_widest_blocked_min(self) -> float | None:
        return self.evacuation.total_blocked_min


@dataclass(frozen=True)
class StaffingPlan:
    """Staffing of a plan: sector sheets, screening per filtering point, DPS, totals, problems."""

    sectors: tuple[SectorSheet, ...]
    screening: tuple[screening.CheckpointScreening, ...]  # filtering points only
    checkpoint_sector: dict[str, str]
    dps: DpsResult
    profile: screening.ArrivalProfile
    lane_rate_p_min: float
    agents_per_lane: int
    parameters: StaffingParameters
    problems: tuple[Notice, ...] = field(default=())
    e2_minutes: dict[str, float | None] = field(default_factory=dict)  # the worst sector's

    def needs(self) -> dict[str, dict[str, int]]:
        """Agents needed by sector and role."""
        return {s.name: dict(s.staff) for s in self.sectors}

    def totals(self) -> dict[str, int]:
        return {role: sum(s.staff.get(role, 0) for s in self.sectors) for role in ROLES}

    @property
    def capacity(self) -> int:
        return sum(s.capacity for s in self.sectors)


def sector_of_checkpoints(
    checkpoints: list[Checkpoint], sectors: dict[str, BaseGeometry]
) -> dict[str, str]:
    """The sector each checkpoint opens into: the nearest one."""
    out = {}
    for checkpoint in checkpoints:
        point = shapely.Point(checkpoint.x, checkpoint.y)
        if sectors:
            out[checkpoint.id] = min(sectors, key=lambda name: sectors[name].distance(point))
    return out


def role_screening(roles: AccessRoles | None) -> tuple[screening.CheckpointScreening, ...]:
    """Screening at the filtering points of an access plan."""
    if roles is None:
        return ()
    p = roles.parameters
    inf = float("inf")
    return tuple(
        screening.CheckpointScreening(
            checkpoint=a.id,
            share=a.share,
            arrivals_per_min=a.arrivals_per_min,
            lane_rate_per_min=p.lane_rate_p_min,
            lanes=a.lanes,
            agents=a.lanes * p.agents_per_lane,
            expected_wait_min=inf if a.expected_wait_min is None else a.expected_wait_min,
            wait_at_target_share_min=inf if a.wait_95_min is None else a.wait_95_min,
        )
        for a in roles.accesses
        if a.role == "filtering"
    )


def plan_staffing(
    area: Area,
    zones: PlanZones,
    checkpoints: list[Checkpoint],
    routed: PlanAccess | None,
    public: Public,
    parameters: StaffingParameters | None = None,
    roles: AccessRoles | None = None,
) -> StaffingPlan:
    """Capacity, evacuation, screening and staff of every sector of a plan."""
    params = parameters or StaffingParameters()
    if zones.perimeter is None:
        raise StaffingError("staffing_no_perimeter")
    if public.attendance <= 0:
        raise StaffingError("staffing_no_attendance")
    zones = with_default_sector(zones)
    check_sectors(zones.perimeter, zones.sectors)
    problems: list[Notice] = []

    lane_rate = params.lane_rate_p_min or doctrine.LANE_RATE_P_MIN[public.screening_mode]
    per_lane = params.agents_per_lane or doctrine.AGENTS_PER_LANE[public.screening_mode]
    profile = screening.arrival_profile(public.arrival_peak_share, params.arrival_window_min)
    screened = role_screening(roles)
    by_id = roles.by_id() if roles else {}
    sector_of = sector_of_checkpoints(checkpoints, zones.sectors)

    measured = {
        name: measure_sector(area, poly, params, zones) for name, poly in zones.sectors.items()
    }
    through = {
        name: neighbour_through(name, zones.sectors, {n for n, m in measured.items() if m.exits})
        for name, m in measured.items()
        if not m.exits
    }
    for name, other in through.items():
        if other is not None:
            measured[name] = replace(
                measured[name],
                exits=measured[other].exits,
                exit_flows=measured[other].exit_flows,
                capacity_by_exits=measured[other].capacity_by_exits,
            )
            problems.append(
                Notice("staffing_through_neighbour", {"sector": name, "neighbour": other})
            )
    capacities = {name: m.capacity for name, m in measured.items()}
    planned = _share_public(public.attendance, capacities)
    if public.attendance > sum(capacities.values()):
        problems.append(
            Notice(
                "staffing_over_capacity",
                {"public": public.attendance, "capacity": sum(capacities.values())},
            )
        )
    cover, worst = _dps(public, params, routed)
    aiders = _largest_remainder(cover.first_aiders, planned)
    e2_of = {s.sector: s.e2_minutes for s in routed.emergency.sectors} if routed else {}
    masks = routed.masks if routed else None
    sheets = []
    for name, measure in measured.items():
        mine = [c for c in checkpoints if sector_of.get(c.id) == name]
        role_of = {c.id: by_id[c.id].role if c.id in by_id else "closed" for c in mine}
        filtering = [c for c in mine if role_of[c.id] == "filtering"]
        other = through.get(name)
        sharing = planned[name] + (planned[other] if other else 0)
        evacuation = _evacuation(area, zones, masks, zones.sectors[name], measure, sharing, other)
        tasks = {
            "screening": sum(s.agents for s in screened if sector_of.get(s.checkpoint) == name),
            "supervisors": len(filtering) * params.supervisors_per_filtering_point,
            "emergency_access": sum(r == "emergency" for r in role_of.values())
            * params.agents_per_emergency_access,
            "patrols": _patrols(zones, name, role_of, params),
            "stewards": math.ceil(planned[name] / params.public_per_steward),
            "police": sum(c.kind == "vehicle" for c in filtering)
            * params.police_per_vehicle_checkpoint,
            "first_aid": aiders[name],
        }
        sheets.append(
            _sheet(
                name, measure, planned[name], mine, tasks, params, evacuation, e2_of.get(name, {})
            )
        )
        if len(measure.exits) <= 1:
            problems.append(
                Notice("staffing_single_exit", {"sector": name, "exits": len(measure.exits)})
            )
    return StaffingPlan(
        sectors=tuple(sheets),
        screening=screened,
        checkpoint_sector=sector_of,
        dps=cover,
        profile=profile,
        lane_rate_p_min=lane_rate,
        agents_per_lane=per_lane,
        parameters=params,
        problems=tuple(problems),
        e2_minutes=worst,
    )


@dataclass(frozen=True)
class SectorMeasure:
    """What the ground gives a sector: usable surface, safe exits and the two capacities."""

    area_m2: float
    surface: UsableSurface
    exits: tuple[Exit, ...]
    exit_flows: tuple[float, ...]  # persons per minute through each exit
    capacity_by_surface: int
    capacity_by_exits: int

    @property
    def capacity(self) -> int:
        return min(self.capacity_by_surface, self.capacity_by_exits)


def measure_sector(
    area: Area, polygon: BaseGeometry, params: StaffingParameters, zones: PlanZones | None = None
) -> SectorMeasure:
    """Usable surface (no-go zones, inner zones and emergency lanes left out), exits to a safe
    place and capacities of one sector (projected polygon)."""
    closed = zones.not_for_the_public() if zones else None
    standing = shapely.difference(polygon, closed) if closed is not None else polygon
    surface, exits = sector_ground(
        area,
        polygon,
        standing,
        zones.perimeter if zones is not None else None,
        zones.assembly_points if zones is not None else (),
    )
    flows = tuple(
        e.width_m * (params.flow_stairs_p_m_min if e.stairs else params.flow_level_p_m_min)
        for e in exits
    )
    # the widest exit (largest flow) is left out: it may be the one that is blocked
    counted = sum(flows) - max(flows) if len(flows) > 1 else sum(flows)
    return SectorMeasure(
        area_m2=polygon.area,
        surface=surface,
        exits=exits,
        exit_flows=flows,
        capacity_by_surface=math.floor(surface.usable_m2 * params.density_p_m2),
        capacity_by_exits=math.floor(counted * params.exit_time_min),
    )


def _evacuation(
    area: Area,
    zones: PlanZones,
    masks,
    polygon: BaseGeometry,
    measure: SectorMeasure,
    people: int,
    through: str | None,
) -> Evacuation:
    """Walk (farthest point → safe place) and flow (``people`` through the exits) minutes."""
    flows = list(measure.exit_flows)
    walk = walk_blocked = None
    if masks is not None:
        walk_s = walk_to_exit_s(area, zones, masks, polygon)
        blocked = widest(measure.exits, measure.exit_flows)
        blocked_s = walk_to_exit_s(area, zones, masks, polygon, blocked) if blocked else walk_s
        walk = None if walk_s is None else walk_s / 60
        walk_blocked = None if blocked_s is None else blocked_s / 60
    return Evacuation(
        walk_min=walk,
        walk_blocked_min=walk_blocked,
        flow_min=flow_minutes(people, flows, blocked=False),
        flow_blocked_min=flow_minutes(people, flows, blocked=True),
        through=through,
    )


def _patrols(
    zones: PlanZones, name: str, role_of: dict[str, str], params: StaffingParameters
) -> int:
    """Agents patrolling the sector's stretch of the perimeter (when it has closed accesses)."""
    if params.closed_access_rule != "patrol" or "closed" not in role_of.values():
        return 0
    outline = zones.perimeter.boundary
    stretch = shapely.intersection(outline, zones.sectors[name].buffer(1.0)).length
    return math.ceil(stretch / doctrine.PATROL_BEAT_M) * doctrine.PATROL_AGENTS


def _sheet(
    name: str,
    measure: SectorMeasure,
    public: int,
    checkpoints: list[Checkpoint],
    tasks: dict[str, int],
    params: StaffingParameters,
    evacuation: Evacuation,
    e2_minutes: dict[str, float | None],
) -> SectorSheet:
    staff = dict.fromkeys(ROLES, 0)
    staff["private_security"] += sum(
        tasks[k] for k in ("screening", "supervisors", "emergency_access", "patrols", "stewards")
    )
    staff[params.police_role] += tasks["police"]
    staff["first_aiders"] += tasks["first_aid"]
    return SectorSheet(
        name=name,
        area_m2=measure.area_m2,
        usable_m2=measure.surface.usable_m2,
        surface_by_source=measure.surface.by_source,
        capacity_by_surface=measure.capacity_by_surface,
        capacity_by_exits=measure.capacity_by_exits,
        public=public,
        exits=measure.exits,
        checkpoints=tuple(c.id for c in checkpoints),
        evacuation=evacuation,
        tasks=tasks,
        staff=staff,
        e2_minutes=e2_minutes,
    )


def _dps(
    public: Public, params: StaffingParameters, routed: PlanAccess | None
) -> tuple[DpsResult, dict[str, float | None]]:
    """The DPS of the event, E2 from the worst-served sector's response time (or as set), and
    that sector's response-time parts."""
    sectors = list(routed.emergency.sectors) if routed else []
    worst = max(sectors, key=lambda s: (s.e2, s.e2_minutes.get("total") or 0), default=None)
    e2 = params.e2
    if e2 is None:
        e2 = worst.e2 if worst else doctrine.E2_BEYOND
    p2 = params.p2 if params.p2 is not None else doctrine.DPS_P2_BY_PUBLIC[public.public_type]
    return dps(public.attendance, p2, params.e1, e2), dict(worst.e2_minutes) if worst else {}


def _share_public(attendance: int, capacities: dict[str, int]) -> dict[str, int]:
    """The attendance shared over sectors in proportion to capacity, none over its capacity."""
    total = sum(capacities.values())
    if total <= 0:
        return _largest_remainder(attendance, dict.fromkeys(capacities, 1))
    placed = min(attendance, total)
    return _largest_remainder(placed, capacities)


def _largest_remainder(amount: int, weights: dict[str, float]) -> dict[str, int]:
    """``amount`` split in whole units in proportion to ``weights`` (largest remainders)."""
    total = sum(weights.values())
    if not weights:
        return {}
    if total <= 0:
        weights, total = dict.fromkeys(weights, 1), len(weights)
    exact = {k: amount * w / total for k, w in weights.items()}
    out = {k: math.floor(v) for k, v in exact.items()}
    left = amount - sum(out.values())
    for k in sorted(exact, key=lambda k: (out[k] - exact[k], k))[:left]:
        out[k] += 1
    return out
