"""One plan pipeline: from a scenario's plain inputs to its plan, replay frames and exports.

:func:`planning` is the one entry point the app, every CLI command, the replay and the exports
call: it projects the inputs (whole frames, once), finds the checkpoints, then routes, staffs and
pools the plan (:func:`planner.plan.make_plan`, whose routing stages are cached apart by the zones
alone, :mod:`planner.plan_stages`: an attendance edit reuses them). Each step is cached by
content — (area id, the inputs' key) — in bounded, thread-safe LRU memos shared by every
session of a server, so a rerun whose inputs did not change computes nothing, and a replay frame
builds on the plan's baseline routes.

The replay's frames (:func:`frame`), the after-action summary (:func:`after_action`) and the
exports' exercise view (:func:`exercise_view`) are cached the same way, keyed by the full inputs
(hazards and injects included), while the plan itself is keyed by what decides it only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import shapely

from planner.access import AccessPlan, closures, emergency_access, isochrones
from planner.access_roles import RoleOverride
from planner.area import Area
from planner.cameras import Camera
from planner.checkpoints import CheckpointPlan, find_checkpoints
from planner.coverage import Scene
from planner.crs import WGS84, reproject
from planner.errors import PlannerError, StaffingError
from planner.exercise_report import after_action_markdown, summary_times
from planner.export_layers import PlanPoint
from planner.hazards import HazardSpec
from planner.inputs import PlanInputs
from planner.memo import Memo, clear_all, content_key
from planner.perimeter import make_perimeter
from planner.plan import Plan, make_plan, routed_around
from planner.pooling import Offer
from planner.replay import (
    Exercise,
    Frame,
    HazardState,
    TimedHazard,
    check_exercise,
    frame_at,
    hazard_states,
)
from planner.staffing import with_default_sector
from planner.video import VideoPlan, VideoSettings, plan_targets, video_plan
from planner.zones import PlanZones, ZoneFeature, zones_from_features


@dataclass(frozen=True)
class Projected:
    """The inputs projected to the area's CRS, once per plan."""

    zones: tuple[ZoneFeature, ...]
    points: tuple[PlanPoint, ...]
    offers: tuple[Offer, ...]
    overrides: tuple[RoleOverride, ...] = ()  # the planner's access roles, positions projected

    def plan_zones(self) -> PlanZones:
        """The zones by role (no default sector), with the assembly points."""
        assembly = tuple(shapely.Point(p.x, p.y) for p in self.points if p.role == "assembly_point")
        return zones_from_features(list(self.zones), assembly)


@dataclass(frozen=True)
class Planning:
    """A plan of some inputs on an area: the projected inputs, checkpoints and the plan.

    ``plan`` is None when there is no perimeter, or when the perimeter cannot be placed on the
    area (``error`` says why).
    """

    key: str  # the inputs' full key (replay and exports cache by it)
    inputs: PlanInputs
    projected: Projected
    checkpoints: CheckpointPlan | None
    plan: Plan | None
    error: PlannerError | None = None

    def required(self) -> Plan:
        """The plan, or the PlannerError a command line reports (no perimeter, outside…)."""
        if self.error is not None:
            raise self.error
        if self.plan is None:
            raise StaffingError("staffing_no_perimeter")
        return self.plan

    @property
    def sector_public(self) -> dict[str, int]:
        """The public planned in each sector (empty without staffing)."""
        staffing = self.plan.staffing if self.plan else None
        return {s.name: s.public for s in staffing.sectors} if staffing else {}


@dataclass(frozen=True)
class ExerciseView:
    """What the exports draw of an exercise: every hazard at once, the routes around them."""

    exercise: Exercise
    hazards: tuple[HazardState, ...]
    plan: Plan | None  # routed around every hazard


#: Plans kept per server: a planner's few recent edits and the examples, on a few areas.
_CHECKPOINTS: Memo[CheckpointPlan] = Memo(64)
_PLANS: Memo[tuple[Projected, CheckpointPlan | None, Plan | None, PlannerError | None]] = Memo(48)
_ISOCHRONES: Memo[dict] = Memo(16)
_EXERCISES: Memo[tuple[Exercise, AccessPlan]] = Memo(32)
_CHECKED: Memo[None] = Memo(32)
_FRAMES: Memo[Frame] = Memo(256)
_SUMMARIES: Memo[str] = Memo(32)
_VIEWS: Memo[ExerciseView] = Memo(16)
_SCENES: Memo[Scene] = Memo(16)
_VIDEO: Memo[VideoPlan] = Memo(32)


def planning(area: Area, inputs: PlanInputs, with_isochrones: bool = False) -> Planning:
    """The plan of ``inputs`` on ``area`` (cached by content); isochrones only when asked."""
    plan_key = inputs.plan_key()
    projected, checkpoints, made, error = _PLANS.get(
        (area.id, plan_key), lambda: _make(area, inputs)
    )
    if made is not None and with_isochrones:
        shapes = _ISOCHRONES.get(
            (area.id, plan_key), lambda: isochrones(area, closures(area, made.zones))
        )
        made = replace(made, access=replace(made.access, isochrones=shapes))
    return Planning(inputs.key(), inputs, projected, checkpoints, made, error)


def plan_checkpoints(area: Area, inputs: PlanInputs) -> CheckpointPlan | None:
    """The checkpoints of the inputs' perimeter zones (None without any; PlannerError when the
    perimeter cannot be placed on the area), cached by the perimeter's content."""
    perimeters = tuple(z.wkb for z in inputs.zones if z.role == "perimeter")
    if not perimeters:
        return None
    return _CHECKPOINTS.get(
        (area.id, perimeters),
        lambda: find_checkpoints(area, make_perimeter([shapely.from_wkb(w) for w in perimeters])),
    )


def _make(
    area: Area, inputs: PlanInputs
) -> tuple[Projected, CheckpointPlan | None, Plan | None, PlannerError | None]:
    projected = project(area.crs, inputs)
    try:
        found = plan_checkpoints(area, inputs)
    except PlannerError as err:
        return projected, None, None, err
    if found is None:
        return projected, None, None, None
    made = make_plan(
        area,
        projected.plan_zones(),
        list(found.checkpoints),
        public=inputs.public,
        parameters=inputs.parameters,
        offers=list(projected.offers),
        with_isochrones=False,
        overrides=projected.overrides,
    )
    return projected, found, made, None


def project(crs: str, inputs: PlanInputs) -> Projected:
    """Zones, points and communes' bases projected to ``crs``: one reprojection per kind."""
    zones = inputs.zones
    shapes = reproject([shapely.from_wkb(z.wkb) for z in zones], WGS84, crs)
    points = reproject([shapely.Point(p.lon, p.lat) for p in inputs.points], WGS84, crs)
    bases = reproject([shapely.Point(o.lon, o.lat) for o in inputs.offers], WGS84, crs)
    roles = inputs.access_roles
    near = reproject(
        [shapely.Point() if r.lon is None else shapely.Point(r.lon, r.lat) for r in roles],
        WGS84,
        crs,
    )
    return Projected(
        zones=tuple(
            ZoneFeature(z.id, z.role, z.name, s) for z, s in zip(zones, shapes, strict=True)
        ),
        points=tuple(
            PlanPoint(p.id, p.role, p.name, float(s.x), float(s.y))
            for p, s in zip(inputs.points, points, strict=True)
        ),
        offers=tuple(
            Offer(o.commune, float(s.x), float(s.y), dict(o.agents))
            for o, s in zip(inputs.offers, bases, strict=True)
        ),
        overrides=tuple(
            RoleOverride(r.ways, r.role, *(() if r.lon is None else (float(s.x), float(s.y))))
            for r, s in zip(roles, near, strict=True)
        ),
    )


def video(
    area: Area,
    planning: Planning,
    cameras: tuple[Camera, ...] = (),
    settings: VideoSettings | None = None,
) -> VideoPlan | None:
    """The video plan of the planning's perimeter (None without one): the OSM cameras and the
    planner's ``cameras`` (projected) over its filtering points and their queues.

    The scene (usable surfaces, obstacles: most of the cost) is cached by the perimeter and the
    sectors alone, so an attendance edit that moves the queues reuses it; the coverage is cached
    by the zones, the targets, the cameras and the settings."""
    made = planning.plan
    if made is None or made.zones.perimeter is None:
        return None
    perimeter, sectors = made.zones.perimeter, made.zones.sectors
    chosen = settings or VideoSettings()
    targets = plan_targets(made)
    zones_key = content_key(perimeter, sectors)
    scene = _SCENES.get(
        (area.id, zones_key), lambda: Scene.of(area, perimeter, sectors or {"A": perimeter})
    )
    return _VIDEO.get(
        (area.id, zones_key, content_key(targets, cameras, chosen)),
        lambda: video_plan(area, perimeter, sectors, targets, cameras, chosen, scene=scene),
    )


def exercise(area: Area, planning: Planning) -> Exercise:
    """The replay of the planning's hazards and injects (ReplayError, HazardError if unusable)."""
    drill = _exercise(area, planning)[0]
    _CHECKED.get((area.id, planning.key), lambda: check_exercise(area, drill))
    return drill


def _exercise(area: Area, planning: Planning) -> tuple[Exercise, AccessPlan]:
    return _EXERCISES.get((area.id, planning.key), lambda: _make_exercise(area, planning))


def _make_exercise(area: Area, planning: Planning) -> tuple[Exercise, AccessPlan]:
    hazards = planning.inputs.hazards
    where = reproject([shapely.Point(h.lon, h.lat) for h in hazards], WGS84, area.crs)
    base = planning.projected.plan_zones()
    drill = Exercise(
        zones=planning.projected.zones,
        hazards=tuple(
            TimedHazard(
                HazardSpec(h.id, h.kind, float(p.x), float(p.y), dict(h.parameters)), h.at_s
            )
            for h, p in zip(hazards, where, strict=True)
        ),
        injects=tuple(sorted(planning.inputs.injects, key=lambda i: i.at_s)),
        checkpoints=planning.plan.checkpoints if planning.plan else (),
        sector_public=planning.sector_public,
        assembly_points=base.assembly_points,
    )
    # the plan's own emergency routes are the replay's baseline; computed only without a plan
    made = planning.plan
    baseline = made.access.emergency if made else emergency_access(area, with_default_sector(base))
    return drill, baseline


def frame(area: Area, planning: Planning, at_s: int) -> Frame:
    """The exercise's frame at ``at_s``. Any time with the same injects fired and hazards started
    gives the same frame, so it is computed once for all of them (then given ``at_s``)."""
    drill = exercise(area, planning)
    baseline = _exercise(area, planning)[1]
    decided_by = (
        sum(i.at_s <= at_s for i in drill.injects),
        sum(h.at_s <= at_s for h in drill.hazards),
    )
    cached = _FRAMES.get(
        (area.id, planning.key, decided_by), lambda: frame_at(area, drill, at_s, baseline)
    )
    return replace(cached, situation=replace(cached.situation, at_s=at_s))


def after_action(area: Area, planning: Planning, title: str, lang: str = "fr") -> str:
    """The after-action summary (Markdown), from the replay's cached frames."""
    drill = exercise(area, planning)

    def summary() -> str:
        frames = [frame(area, planning, at_s) for at_s in summary_times(drill)]
        return after_action_markdown(drill, frames, title, lang)

    return _SUMMARIES.get((area.id, planning.key, title, lang), summary)


def exercise_view(area: Area, planning: Planning) -> ExerciseView:
    """Every hazard drawn at once and the plan routed around them (what the exports show)."""

    def view() -> ExerciseView:
        drill = _exercise(area, planning)[0]
        made = planning.plan
        every = tuple(h.spec.id for h in drill.hazards)
        sectors = made.zones.sectors if made else planning.projected.plan_zones().sectors
        states = hazard_states(area, drill, every, sectors)
        if made is not None and states:
            made = routed_around(area, made, tuple(s.zones.footprint for s in states))
        return ExerciseView(drill, states, made)

    return _VIEWS.get((area.id, planning.key), view)


def clear_caches() -> None:
    """Forget every cached plan, stage, frame and summary (tests)."""
    clear_all()
