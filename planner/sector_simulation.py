"""A sector's evacuation simulated on its real street space, next to the hand method's figure.

From a computed plan (:func:`planner.plan.make_plan`): the sector's usable surface and its safe
exits (the same ones the Green Guide figure uses), cleaned into a walkable area
(:mod:`planner.walkable`), its planned public (or its capacity, on request) simulated by
:func:`planner.simulation.run_evacuation`. Two cases, as in the hand method: ``all_exits`` and
``widest_blocked`` (the exit of largest flow closed; a sector with one exit keeps it).
:meth:`SectorSimulation.entry` is the ``report.json`` / ``simulation.json`` entry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.area import Area
from planner.crs import WGS84
from planner.plan import Plan
from planner.simulation import Evacuated, Progress, Trajectories, run_evacuation
from planner.staffing import SectorSheet, measure_sector
from planner.surface import usable_surface
from planner.walkable import ExitSpec, SimulationError, Walkable, walkable
from planner.zones import PlanZones

CASES: tuple[str, ...] = ("all_exits", "widest_blocked")
#: What a saved figure keeps: points of the people-left curve, densest cells.
MAX_CURVE = 400
MAX_CELLS = 2000


@dataclass(frozen=True)
class SectorSimulation:
    """One sector and case simulated, with the hand method's evacuation time beside it."""

    sector: str
    case: str
    blocked: str | None  # the exit closed in the widest_blocked case
    hand_evacuation_s: float | None
    walkable_m2: float
    dropped_m2: float  # narrow passages, slivers and parts with no exit
    result: Evacuated

    def entry(self) -> dict:
        """The report's entry: the contract's fields first, then the details."""
        r = self.result
        return {
            "sector": self.sector,
            "case": self.case,
            "agents": r.agents,
            "t50_s": r.t50_s,
            "t95_s": r.t95_s,
            "t100_s": r.t100_s,
            "max_density_p_m2": r.max_density_p_m2,
            "hand_evacuation_s": self.hand_evacuation_s,
            "seed": r.seed,
            "blocked_exit": self.blocked,
            "trapped": r.trapped,
            "timed_out": r.timed_out,
            "walkable_m2": round(self.walkable_m2, 1),
            "dropped_m2": round(self.dropped_m2, 1),
            "cells_over_4": sum(c.density_p_m2 > 4 for c in r.dense_cells),
            "cells_over_5": sum(c.density_p_m2 > 5 for c in r.dense_cells),
            "exits": [
                {
                    "id": e.id,
                    "width_m": e.width_m,
                    "agents": e.agents,
                    "flow_p_s": e.flow_p_s,
                    "specific_flow_p_m_s": e.specific_flow_p_m_s,
                }
                for e in r.exits
            ],
        }

    def record(self, plan_key: str, crs: str) -> dict:
        """What the scenario keeps of the run (scenarios.model.SimulationFigure's fields): the
        entry, the plan's key, the people-left curve (≤ 400 points) and the densest cells in
        WGS84 (≤ 2,000)."""
        r = self.result
        step = max(1, math.ceil(len(r.left) / (MAX_CURVE - 1)))
        curve = [list(p) for p in r.left[::step]]
        if r.left and curve[-1] != list(r.left[-1]):
            curve.append(list(r.left[-1]))
        cells = r.dense_cells[:MAX_CELLS]
        lon, lat = Transformer.from_crs(crs, WGS84, always_xy=True).transform(
            [c.x for c in cells], [c.y for c in cells]
        )
        keys = ("sector", "case", "agents", "t50_s", "t95_s", "t100_s", "max_density_p_m2")
        entry = self.entry()
        return {
            **{k: entry[k] for k in keys},
            **{k: entry[k] for k in ("hand_evacuation_s", "seed", "trapped", "timed_out")},
            "blocked_exit": self.blocked,
            "plan_key": plan_key,
            "curve": curve,
            "cells": [
                [round(x, 7), round(y, 7), c.density_p_m2]
                for x, y, c in zip(lon, lat, cells, strict=True)
            ],
        }


def hand_minutes(sheet: SectorSheet, case: str, people: int) -> float | None:
    """The hand method's evacuation of ``people`` (minutes): the walk, plus the flow time
    scaled from the sector's planned public to ``people`` (the flow time is proportional)."""
    e = sheet.evacuation
    blocked = case != "all_exits"
    walk = e.walk_blocked_min if blocked else e.walk_min
    flow = e.flow_blocked_min if blocked else e.flow_min
    if walk is None or flow is None:
        return None
    return walk + flow * people / max(1, sheet.public)


def sector_sheet(plan: Plan, sector: str) -> SectorSheet:
    """The staffing sheet of ``sector`` (SimulationError when the plan has none)."""
    if plan.staffing is None:
        raise plan.staffing_error or SimulationError("simulation_no_public", sector=sector)
    for sheet in plan.staffing.sectors:
        if sheet.name == sector:
            return sheet
    raise SimulationError("simulation_unknown_sector", sector=sector)


def sector_walkable(area: Area, plan: Plan, sector: str) -> Walkable:
    """The walkable area of ``sector`` with its safe exits (SimulationError if none)."""
    sheet = sector_sheet(plan, sector)
    if sheet.evacuation.through or not sheet.exits:
        raise SimulationError("simulation_no_exit", sector=sector)
    polygon = plan.zones.sectors[sector]
    standing = measure_sector(area, polygon, plan.staffing.parameters, plan.zones).surface.geometry
    specs = [ExitSpec(e.id, e.x, e.y, e.width_m) for e in sheet.exits]
    try:
        return walkable(
            moving_surface(area, plan.zones, polygon), specs, doctrine.SIM_AGENT_RADIUS_M, standing
        )
    except SimulationError as err:
        raise _of_sector(err, sector) from err


def _of_sector(err: SimulationError, sector: str) -> SimulationError:
    """The same error, saying which sector."""
    return SimulationError(err.key, **{**err.params, "sector": sector})


def moving_surface(area: Area, zones: PlanZones, polygon: BaseGeometry) -> BaseGeometry:
    """Where people walk out of ``polygon``: its streets (steps included) and open spaces, no-go
    and inner zones left out; emergency lanes kept, an evacuation crosses them."""
    closed = [*zones.no_go, *zones.inner_zones]
    ground = shapely.difference(polygon, shapely.union_all(closed)) if closed else polygon
    return usable_surface(area, ground, moving=True).geometry


def blocked_exit(sheet: SectorSheet, params) -> str | None:
    """The exit of largest flow (None with a single exit), as the hand method blocks it."""
    if len(sheet.exits) <= 1:
        return None
    flows = [
        e.width_m * (params.flow_stairs_p_m_min if e.stairs else params.flow_level_p_m_min)
        for e in sheet.exits
    ]
    return sheet.exits[flows.index(max(flows))].id


def simulate_sector(
    area: Area,
    plan: Plan,
    sector: str,
    case: str = "all_exits",
    seed: int = 0,
    capacity: bool = False,
    progress: Progress | None = None,
    public: int | None = None,
) -> tuple[SectorSimulation, Trajectories]:
    """Simulate one sector and case: its planned public (its capacity if ``capacity``, or
    ``public`` people when given: a quick look at a few agents)."""
    if case not in CASES:
        raise SimulationError("simulation_unknown_case", case=case)
    sheet = sector_sheet(plan, sector)
    ground = sector_walkable(area, plan, sector)
    people = public if public is not None else sheet.capacity if capacity else sheet.public
    most = int(ground.area_m2 * doctrine.SIM_MAX_DENSITY_P_M2)
    if people > most:
        raise SimulationError(
            "simulation_over_density",
            sector=sector,
            public=people,
            most=most,
            density=doctrine.SIM_MAX_DENSITY_P_M2,
        )
    blocked = blocked_exit(sheet, plan.staffing.parameters) if case == "widest_blocked" else None
    if blocked is not None and blocked not in {e.id for e in ground.exits}:
        blocked = None  # the widest exit has no walkable ground left at it: nothing to block
    try:
        result, trajectories = run_evacuation(
            ground, people, seed, frozenset({blocked}) if blocked else frozenset(), progress
        )
    except SimulationError as err:
        raise _of_sector(err, sector) from err
    hand_min = hand_minutes(sheet, case, people)
    simulated = SectorSimulation(
        sector=sector,
        case=case,
        blocked=blocked,
        hand_evacuation_s=None if hand_min is None else round(hand_min * 60, 1),
        walkable_m2=ground.area_m2,
        dropped_m2=ground.narrow_m2 + ground.unreachable_m2,
        result=result,
    )
    return simulated, trajectories
