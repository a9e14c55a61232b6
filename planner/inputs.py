"""What decides a plan, as plain values: :class:`PlanInputs` and its content key.

A scenario (or a CLI's files) becomes one frozen :class:`PlanInputs` of plain values — zone
geometries as WKB in WGS84, points and communes' bases as longitude/latitude, the event's public,
the staffing numbers, the exercise's hazards and injects. Its :meth:`PlanInputs.key` hashes that
content, so two equal inputs give the same key whoever built them, and the plan pipeline
(:mod:`planner.pipeline`) caches by it.

A new input of the plan is one new field here (any plain value: numbers, strings, tuples, frozen
dataclasses, dicts, WKB): the key covers every field without further code; the scenario sets it
in :func:`scenarios.convert.plan_inputs` and :func:`planner.pipeline._make` hands it to
:func:`planner.plan.make_plan` (e.g. ``access_roles=inputs.access_roles``). Fields marked
``exercise_only`` (hazards, injects) change the replay and the exports, not the plan itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

import shapely
from shapely.geometry.base import BaseGeometry

from planner.memo import canonical
from planner.replay import Inject
from planner.staffing import Public, StaffingParameters

#: Field metadata of the inputs that decide the replay and exports but not the plan's routes,
#: staffing and pooling (so editing an inject does not recompute the plan).
EXERCISE_ONLY = {"exercise_only": True}


@dataclass(frozen=True)
class ZoneInput:
    """One drawn zone: its id, role, name and geometry (WKB, WGS84)."""

    id: str
    role: str  # perimeter, sector, no_go, inner_zone, emergency_lane
    name: str | None
    wkb: bytes


@dataclass(frozen=True)
class PointInput:
    """One designated point (command post, first-aid post, assembly point), WGS84."""

    id: str
    role: str
    name: str | None
    lon: float
    lat: float


@dataclass(frozen=True)
class OfferInput:
    """What one commune lends, by role, and its base (WGS84)."""

    commune: str
    lon: float
    lat: float
    agents: tuple[tuple[str, int], ...]  # (role, agents), roles with none left out


@dataclass(frozen=True)
class AccessRoleInput:
    """The planner's role for one access: the OSM ways it crosses and, to tell apart two
    accesses of one way, where it stands (WGS84; None when not recorded)."""

    ways: tuple[int, ...]
    role: str  # filtering, closed, emergency
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True)
class HazardInput:
    """A hazard of the exercise as entered (WGS84) and the time it starts."""

    id: str
    kind: str
    lon: float
    lat: float
    parameters: tuple[tuple[str, float | int | str], ...]
    at_s: int = 0


@dataclass(frozen=True)
class PlanInputs:
    """Everything that decides a plan on a loaded area, as plain values."""

    zones: tuple[ZoneInput, ...] = ()
    points: tuple[PointInput, ...] = ()
    public: Public | None = None  # None: routes only, no staffing
    parameters: StaffingParameters | None = None  # None: the doctrine's numbers
    offers: tuple[OfferInput, ...] = ()
    access_roles: tuple[AccessRoleInput, ...] = ()  # the planner's overrides of the proposal
    hazards: tuple[HazardInput, ...] = field(default=(), metadata=EXERCISE_ONLY)
    injects: tuple[Inject, ...] = field(default=(), metadata=EXERCISE_ONLY)

    def key(self) -> str:
        """The sha256 (hex) of every field's content: the replay's and the exports' cache key."""
        return _digest(self, everything=True)

    def plan_key(self) -> str:
        """The sha256 of what decides the plan itself (every field but the exercise's)."""
        return _digest(self, everything=False)

    @classmethod
    def of_perimeter(cls, polygons: list[BaseGeometry]) -> PlanInputs:
        """Inputs of a perimeter alone (WGS84 polygons): the command line's ``--perimeter``."""
        return cls(
            zones=tuple(
                ZoneInput(f"perimeter-{n}", "perimeter", None, shapely.to_wkb(p))
                for n, p in enumerate(polygons, start=1)
            )
        )


def _digest(inputs: PlanInputs, everything: bool) -> str:
    content = {
        f.name: canonical(getattr(inputs, f.name))
        for f in dataclasses.fields(inputs)
        if everything or not f.metadata.get("exercise_only")
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()
