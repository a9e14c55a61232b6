"""Capacity and staffing by sector: how many people, where, and who is needed to look after them.

For each sector: its usable surface (:mod:`planner.surface`) and exits give its capacity,
min(surface × density, exit width × flow × time) with the widest exit left out (it may be
blocked); the event's public is shared over the sectors in proportion to their capacity, which
gives each sector's evacuation time and crowd stewards. Checkpoints get screening lanes and agents
(:mod:`planner.screening`), vehicle checkpoints police; first-aiders come from the DPS rule
(:mod:`planner.dps`) with E2 from the fastest emergency route, shared by sector public. The
result is a need per sector and role that :mod:`planner.pooling` covers with the communes' agents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import shapely
from shapely.geometry.base import BaseGeometry

from planner import doctrine, screening
from planner.access import PlanAccess
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.dps import DpsResult, dps
from planner.errors import Notice, StaffingError
from planner.sectors import check_sectors
from planner.surface import Exit, UsableSurface, sector_exits, usable_surface
from planner.zones import PlanZones

ROLES: tuple[str, ...] = ("private_security", "municipal_police", "national_police", "first_aiders")
#: The sector a plan without drawn sectors treats its whole perimeter as.
DEFAULT_SECTOR = "A"


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
    e2: float | None = None  # None: from the fastest emergency route (the worst sector)


@dataclass(frozen=True)
class Public:
    """The event's public as staffing sees it."""

    attendance: int
    arrival_peak_share: float
    public_type: str
    screening_mode: str


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
    exits: tuple[Exit, ...]
    checkpoints: tuple[str, ...]
    evacuation_min: float | None  # all exits open; None without exits
    evacuation_widest_blocked_min: float | None
    tasks: dict[str, int]
    staff: dict[str, int]

    @property
    def capacity(self) -> int:
        return min(self.capacity_by_surface, self.capacity_by_exits)

    @property
    def limited_by(self) -> str:
        return "exits" if self.capacity_by_exits < self.capacity_by_surface else "surface"


@dataclass(frozen=True)
class StaffingPlan:
    """Staffing of a plan: sector sheets, screening per checkpoint, DPS, totals, problems."""

    sectors: tuple[SectorSheet, ...]
    screening: tuple[screening.CheckpointScreening, ...]
    checkpoint_sector: dict[str, str]
    dps: DpsResult
    profile: screening.ArrivalProfile
    lane_rate_p_min: float
    agents_per_lane: int
    parameters: StaffingParameters
    problems: tuple[Notice, ...] = field(default=())

    def needs(self) -> dict[str, dict[str, int]]:
        """Agents needed by sector and role."""
        return {s.name: dict(s.staff) for s in self.sectors}

    def totals(self) -> dict[str, int]:
        return {role: sum(s.staff.get(role, 0) for s in self.sectors) for role in ROLES}

    @property
    def capacity(self) -> int:
        return sum(s.capacity for s in self.sectors)


def with_default_sector(zones: PlanZones) -> PlanZones:
    """The zones, with the whole perimeter as sector A when no sector is drawn."""
    if zones.sectors or zones.perimeter is None:
        return zones
    return replace(zones, sectors={DEFAULT_SECTOR: zones.perimeter})


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


def plan_staffing(
    area: Area,
    zones: PlanZones,
    checkpoints: list[Checkpoint],
    routed: PlanAccess | None,
    public: Public,
    parameters: StaffingParameters | None = None,
) -> StaffingPlan:
    """Capacity, screening and staff of every sector of a plan."""
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
    peak_per_min = public.attendance * profile.peak_share / profile.slot_min
    ids = [c.id for c in checkpoints]
    shares = screening.entry_shares(ids, routed.approach_load if routed else {})
    screened = tuple(
        screening.screen(
            c,
            shares[c],
            peak_per_min,
            lane_rate,
            per_lane,
            params.wait_target_min,
            params.wait_target_share,
        )
        for c in ids
    )
    sector_of = sector_of_checkpoints(checkpoints, zones.sectors)

    measured = {name: measure_sector(area, poly, params) for name, poly in zones.sectors.items()}
    capacities = {name: m.capacity for name, m in measured.items()}
    planned = _share_public(public.attendance, capacities)
    if public.attendance > sum(capacities.values()):
        problems.append(
            Notice(
                "staffing_over_capacity",
                {"public": public.attendance, "capacity": sum(capacities.values())},
            )
        )
    cover = _dps(public, params, routed)
    aiders = _largest_remainder(cover.first_aiders, planned)
    sheets = []
    for name, measure in measured.items():
        mine = [c for c in checkpoints if sector_of.get(c.id) == name]
        tasks = {
            "screening": sum(s.agents for s in screened if sector_of.get(s.checkpoint) == name),
            "stewards": math.ceil(planned[name] / params.public_per_steward),
            "police": sum(c.kind == "vehicle" for c in mine) * params.police_per_vehicle_checkpoint,
            "first_aid": aiders[name],
        }
        sheets.append(_sheet(name, measure, planned[name], mine, tasks, params))
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
    )


@dataclass(frozen=True)
class SectorMeasure:
    """What the ground gives a sector: usable surface, exits and the two capacities."""

    area_m2: float
    surface: UsableSurface
    exits: tuple[Exit, ...]
    exit_flows: tuple[float, ...]  # persons per minute through each exit
    capacity_by_surface: int
    capacity_by_exits: int

    @property
    def capacity(self) -> int:
        return min(self.capacity_by_surface, self.capacity_by_exits)


def measure_sector(area: Area, polygon: BaseGeometry, params: StaffingParameters) -> SectorMeasure:
    """Usable surface, exits and capacities of one sector (projected polygon)."""
    surface = usable_surface(area, polygon)
    exits = sector_exits(area, polygon)
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


def _sheet(
    name: str,
    measure: SectorMeasure,
    public: int,
    checkpoints: list[Checkpoint],
    tasks: dict[str, int],
    params: StaffingParameters,
) -> SectorSheet:
    staff = dict.fromkeys(ROLES, 0)
    staff["private_security"] += tasks["screening"] + tasks["stewards"]
    staff[params.police_role] += tasks["police"]
    staff["first_aiders"] += tasks["first_aid"]
    flows = list(measure.exit_flows)
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
        evacuation_min=_evacuation_min(public, flows, blocked=False),
        evacuation_widest_blocked_min=_evacuation_min(public, flows, blocked=True),
        tasks=tasks,
        staff=staff,
    )


def _dps(public: Public, params: StaffingParameters, routed: PlanAccess | None) -> DpsResult:
    """The DPS of the event; E2 from the worst-served sector's fastest fire-station route."""
    e2 = params.e2
    if e2 is None:
        routed_e2 = [s.e2 for s in routed.emergency.sectors] if routed else []
        e2 = max(routed_e2) if routed_e2 else doctrine.E2_BEYOND
    p2 = params.p2 if params.p2 is not None else doctrine.DPS_P2_BY_PUBLIC[public.public_type]
    return dps(public.attendance, p2, params.e1, e2)


def _evacuation_min(people: int, flows: list[float], blocked: bool) -> float | None:
    """Minutes for ``people`` to pass the exits (flows in persons/min), the widest blocked."""
    counted = sorted(flows)[:-1] if blocked and len(flows) > 1 else flows
    total = sum(counted)
    return people / total if total > 0 else None


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
