"""Replay of a joint exercise: the state of the plan at any time of its inject timeline.

An exercise is the plan's zones, its hazards and the master events list (injects). The state at a
time comes from the injects fired so far: hazards added and cleared, zones and streets closed and
reopened, the perimeter moved, checkpoints closed, sectors evacuated. :func:`situation_at` reads
it from the injects alone (no geometry); :func:`frame_at` turns it into zones, hazard footprints
with what they expose, closures, and emergency routes recomputed around them (compared with the
plan alone), plus the evacuation routes of the sectors being evacuated.

A hazard that an ``add_hazard`` inject names is active from that inject; any other from its own
``at_s``. ``clear_hazard`` ends it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import shapely
from shapely import affinity
from shapely.geometry import Point

from planner.access import AccessPlan, Route, closures, emergency_access, evacuation_routes
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.errors import Notice, ReplayError
from planner.hazards import Exposure, HazardSpec, HazardZones, exposure, hazard_zones
from planner.zones import PlanZones, ZoneFeature, with_default_sector, zones_from_features

#: Latest time of an exercise, from its start (s): a week covers any exercise or multi-day event,
#: and bounds the work a time drives (the replay's slider holds one step per minute).
MAX_EXERCISE_S = 7 * 24 * 3600
#: ``move_perimeter``'s parameters (metres) and the largest shift or growth one may ask.
MOVE_PARAMETERS = ("dx_m", "dy_m", "buffer_m")
MAX_MOVE_M = 10_000.0


@dataclass(frozen=True)
class Effect:
    """What an inject changes on the map."""

    action: str
    target: str | None = None
    parameters: dict[str, float | int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Inject:
    """One line of the master events list."""

    at_s: int
    sender: str
    recipient: str
    message: str
    expected_action: str | None = None
    effect: Effect | None = None


@dataclass(frozen=True)
class TimedHazard:
    """A hazard of the exercise and the time it starts when no inject adds it."""

    spec: HazardSpec
    at_s: int = 0


@dataclass(frozen=True)
class Exercise:
    """Everything a replay needs, projected in the area's CRS."""

    zones: tuple[ZoneFeature, ...]
    hazards: tuple[TimedHazard, ...]
    injects: tuple[Inject, ...]  # sorted by time
    checkpoints: tuple[Checkpoint, ...] = ()
    sector_public: dict[str, int] = field(default_factory=dict)
    assembly_points: tuple[Point, ...] = ()

    @property
    def duration_s(self) -> int:
        """Up to the last inject or hazard."""
        times = [i.at_s for i in self.injects] + [h.at_s for h in self.hazards]
        return max(times, default=0)


@dataclass(frozen=True)
class Situation:
    """The exercise's state at a time, from the injects fired so far."""

    at_s: int
    fired: tuple[Inject, ...]
    active_hazards: tuple[str, ...]
    closed_zones: tuple[str, ...]
    reopened_zones: tuple[str, ...]
    closed_streets: tuple[str, ...]
    closed_checkpoints: tuple[str, ...]
    evacuating: tuple[str, ...]  # sector zone ids
    perimeter_moves: tuple[dict[str, float | int | str], ...]


@dataclass(frozen=True)
class HazardState:
    """An active hazard's zones and what they expose."""

    zones: HazardZones
    exposure: Exposure


@dataclass(frozen=True)
class Frame:
    """The plan at one time of the exercise."""

    situation: Situation
    zones: PlanZones  # effective: moved perimeter, closed zones as no-go, hazards, closed streets
    hazards: tuple[HazardState, ...]
    emergency: AccessPlan  # recomputed under the current closures
    baseline: AccessPlan  # the plan alone, before any inject
    evacuation: tuple[Route, ...]  # of the sectors being evacuated
    problems: tuple[Notice, ...]

    def route_times(self) -> dict[str, dict[str, tuple[float | None, float | None]]]:
        """sector → station kind → (seconds with the plan alone, seconds now)."""
        before = {s.sector: s.fastest_s for s in self.baseline.sectors}
        return {
            s.sector: {
                kind: (before.get(s.sector, {}).get(kind), now) for kind, now in s.fastest_s.items()
            }
            for s in self.emergency.sectors
        }


def situation_at(exercise: Exercise, at_s: int) -> Situation:
    """The state after every inject fired at or before ``at_s``."""
    fired = tuple(i for i in exercise.injects if i.at_s <= at_s)
    added_by_inject = {
        i.effect.target for i in exercise.injects if i.effect and i.effect.action == "add_hazard"
    }
    active = {
        h.spec.id for h in exercise.hazards if h.spec.id not in added_by_inject and h.at_s <= at_s
    }
    closed_zones: dict[str, bool] = {}
    streets: dict[str, bool] = {}
    checkpoints: dict[str, bool] = {}
    evacuating: list[str] = []
    moves: list[dict] = []
    for inject in fired:
        effect = inject.effect
        if effect is None:
            continue
        target = effect.target or ""
        match effect.action:
            case "add_hazard":
                active.add(target)
            case "clear_hazard":
                active.discard(target)
            case "close_zone" | "reopen_zone":
                closed_zones[target] = effect.action == "close_zone"
            case "close_street" | "reopen_street":
                streets[target] = effect.action == "close_street"
            case "close_checkpoint" | "open_checkpoint":
                checkpoints[target] = effect.action == "close_checkpoint"
            case "evacuate_sector":
                if target not in evacuating:
                    evacuating.append(target)
            case "move_perimeter":
                moves.append(dict(effect.parameters))
    known = [h.spec.id for h in exercise.hazards]
    return Situation(
        at_s=at_s,
        fired=fired,
        active_hazards=tuple(h for h in known if h in active),
        closed_zones=tuple(z for z, closed in closed_zones.items() if closed),
        reopened_zones=tuple(z for z, closed in closed_zones.items() if not closed),
        closed_streets=tuple(s for s, closed in streets.items() if closed),
        closed_checkpoints=tuple(c for c, closed in checkpoints.items() if closed),
        evacuating=tuple(evacuating),
        perimeter_moves=tuple(moves),
    )


def check_exercise(area: Area, exercise: Exercise) -> None:
    """Refuse what a replay cannot use: times after the bound, unknown targets, parameters
    that are not what the action needs, hazards that cannot be drawn (one ReplayError)."""
    for at_s in [*(i.at_s for i in exercise.injects), *(h.at_s for h in exercise.hazards)]:
        check_time(at_s)
    zone_ids = {z.id for z in exercise.zones}
    hazard_ids = {h.spec.id for h in exercise.hazards}
    sector_ids = {z.id for z in exercise.zones if z.role == "sector"}
    for inject in exercise.injects:
        effect = inject.effect
        if effect is None:
            continue
        wanted = {
            "add_hazard": hazard_ids,
            "clear_hazard": hazard_ids,
            "close_zone": zone_ids,
            "reopen_zone": zone_ids,
            "evacuate_sector": sector_ids,
        }.get(effect.action)
        if wanted is not None and effect.target not in wanted:
            raise ReplayError(
                "replay_unknown_target",
                at=clock(inject.at_s),
                action=effect.action,
                target=effect.target,
                known=", ".join(sorted(wanted)) or "—",
            )
        if effect.action in ("close_street", "reopen_street"):
            _check_street(area, inject)
        _check_parameters(inject)
    for hazard in exercise.hazards:
        hazard_zones(area, hazard.spec)  # raises a HazardError with its message


def baseline_access(area: Area, exercise: Exercise) -> AccessPlan:
    """Emergency access with the plan alone (no inject, no hazard); a plan without sectors is
    one sector A, as in the report and the exports."""
    zones = zones_from_features(list(exercise.zones), exercise.assembly_points)
    return emergency_access(area, with_default_sector(zones))


def frame_at(
    area: Area, exercise: Exercise, at_s: int, baseline: AccessPlan | None = None
) -> Frame:
    """The plan at ``at_s``: zones, hazards and their exposure, routes around them."""
    situation = situation_at(exercise, at_s)
    if baseline is None:  # the plan alone: a caller stepping through a replay passes it once
        baseline = baseline_access(area, exercise)
    features = [
        _moved(z, situation.perimeter_moves) if z.role == "perimeter" else z
        for z in exercise.zones
        if not (z.role == "no_go" and z.id in situation.reopened_zones)
    ]
    # without drawn sectors the (moved) perimeter is sector A, as in the plan and its staffing
    zones = with_default_sector(zones_from_features(features, exercise.assembly_points))
    closed = tuple(z.geometry for z in exercise.zones if z.id in situation.closed_zones)
    states = hazard_states(area, exercise, situation.active_hazards, zones.sectors)
    zones = replace(
        zones,
        no_go=(*zones.no_go, *closed),
        hazards=tuple(s.zones.footprint for s in states),
        closed_streets=situation.closed_streets,
    )
    masks = closures(area, zones)
    emergency = emergency_access(area, zones, masks)
    evacuating_names = {z.name or z.id for z in exercise.zones if z.id in situation.evacuating}
    evacuation: tuple[Route, ...] = ()
    problems = list(emergency.problems)
    if evacuating_names:
        sectors = {n: g for n, g in zones.sectors.items() if n in evacuating_names}
        routes, evac_problems = evacuation_routes(area, replace(zones, sectors=sectors), masks)
        evacuation = tuple(routes)
        problems.extend(evac_problems)
    return Frame(situation, zones, tuple(states), emergency, baseline, evacuation, tuple(problems))


def hazard_states(
    area: Area, exercise: Exercise, hazard_ids: tuple[str, ...], sectors: dict
) -> tuple[HazardState, ...]:
    """The zones of the hazards ``hazard_ids`` and what they expose in ``sectors``."""
    specs = {h.spec.id: h.spec for h in exercise.hazards}
    states = []
    for hazard_id in hazard_ids:
        drawn = hazard_zones(area, specs[hazard_id])
        exposed = exposure(
            area, drawn.footprint, sectors, exercise.sector_public, list(exercise.checkpoints)
        )
        states.append(HazardState(drawn, exposed))
    return tuple(states)


def check_time(at_s: int) -> int:
    """``at_s`` if it is within :data:`MAX_EXERCISE_S` of the start, else a ReplayError."""
    if not 0 <= at_s <= MAX_EXERCISE_S:
        raise ReplayError("replay_too_late", at=clock(max(at_s, 0)), limit=MAX_EXERCISE_S // 86400)
    return at_s


def _check_street(area: Area, inject: Inject) -> None:
    """A street closure names a street of the area (by its name, any case)."""
    target = (inject.effect.target or "").casefold() if inject.effect else ""
    names = area.streets["name"]
    if not target or not names.map(lambda n: isinstance(n, str) and n.casefold() == target).any():
        raise ReplayError(
            "replay_unknown_street",
            at=clock(inject.at_s),
            action=inject.effect.action if inject.effect else "",
            target=(inject.effect.target or "") if inject.effect else "",
            area=area.name,
        )


def _check_parameters(inject: Inject) -> None:
    """``move_perimeter`` takes metres (numbers, finite, within :data:`MAX_MOVE_M`) under
    known names; the other actions take none."""
    effect = inject.effect
    if effect is None or not effect.parameters:
        return
    known = MOVE_PARAMETERS if effect.action == "move_perimeter" else ()
    for name, value in effect.parameters.items():
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if name not in known or not number or not math.isfinite(value) or abs(value) > MAX_MOVE_M:
            raise ReplayError(
                "replay_bad_parameter",
                at=clock(inject.at_s),
                action=effect.action,
                name=name,
                value=str(value)[:40],
                known=", ".join(known) or "—",
                limit=f"{MAX_MOVE_M:.0f}",
            )


def _moved(zone: ZoneFeature, moves: tuple[dict, ...]) -> ZoneFeature:
    """A perimeter zone after ``move_perimeter`` effects (dx_m, dy_m shift; buffer_m grows)."""
    geometry = zone.geometry
    for move in moves:
        geometry = affinity.translate(
            geometry, float(move.get("dx_m", 0) or 0), float(move.get("dy_m", 0) or 0)
        )
        grow = float(move.get("buffer_m", 0) or 0)
        if grow:
            geometry = geometry.buffer(grow, join_style="mitre")
    return replace(zone, geometry=shapely.make_valid(geometry))


def clock(seconds: int) -> str:
    """``MM:SS`` (minutes may exceed 59: an exercise clock)."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def parse_clock(text: str) -> int:
    """Seconds from ``MM:SS`` (or ``H:MM:SS``); ReplayError otherwise."""
    parts = text.strip().split(":")
    if len(text) > 16:  # no exercise time is that long (and int() of 5,000 digits raises)
        raise ReplayError("replay_bad_time", text=text[:16] + "…")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ReplayError("replay_bad_time", text=text)
    numbers = [int(p) for p in parts]
    if numbers[-1] >= 60 or (len(numbers) == 3 and numbers[1] >= 60):
        raise ReplayError("replay_bad_time", text=text)
    if len(numbers) == 2:
        return check_time(numbers[0] * 60 + numbers[1])
    return check_time(numbers[0] * 3600 + numbers[1] * 60 + numbers[2])
