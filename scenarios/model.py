"""The scenario document: the whole plan of an event or an exercise, as one JSON document.

Validated by pydantic. Every object refuses unknown fields (a document from a newer Vigie is not
silently truncated); geometries are GeoJSON checked with shapely, coordinates in WGS84 range.
Format ``vigie.scenario``, version :data:`CURRENT_VERSION`; older versions are migrated on load
(:mod:`scenarios.migrations`). See docs/scenario-format.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import numpy as np
import shapely
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from shapely.geometry import shape

from planner.perimeter import MAX_REPAIR_POINTS
from planner.replay import MAX_EXERCISE_S
from planner.season import PARIS

FORMAT = "vigie.scenario"
CURRENT_VERSION = 7

ZoneRole = Literal["perimeter", "sector", "no_go", "inner_zone", "emergency_lane"]
PointRole = Literal["command_post", "first_aid_post", "assembly_point"]
AgentRole = Literal["municipal_police", "private_security", "first_aiders", "national_police"]
EquipmentRole = Literal["camera"]
PublicType = Literal["seated", "standing", "static_show", "dynamic"]
ScreeningMode = Literal[
    "visual",
    "hand_search_no_bags",
    "hand_search_mixed",
    "hand_search_bags",
    "hand_search_wand",
    "bag_scanner",
    "metal_detector",
]
EffectAction = Literal[
    "add_hazard",
    "clear_hazard",
    "close_zone",
    "reopen_zone",
    "close_street",
    "reopen_street",
    "move_perimeter",
    "open_checkpoint",
    "close_checkpoint",
    "evacuate_sector",
]

Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=4000)]
#: A parameter of a hazard or an inject effect: a finite number (never NaN or infinity, which
#: JSON cannot hold) or a word.
Parameter = (
    Annotated[float, Field(allow_inf_nan=False)] | int | Annotated[str, Field(max_length=200)]
)
#: An exercise time: seconds from its start, at most a week (the replay's bound).
ExerciseTime = Annotated[int, Field(ge=0, le=MAX_EXERCISE_S)]


class Strict(BaseModel):
    """Base: unknown fields refused, values checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class LonLat(Strict):
    """A WGS84 position."""

    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)


class AreaRef(Strict):
    """Which OSM data the plan is drawn on, and the CRS used for metric work."""

    kind: Literal["demo", "file", "online"]
    id: Name | None = None  # demo id ("monaco") or a processed area's id
    file_name: Name | None = None  # a local OSM file, by name (never a path) …
    file_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None  # … and content
    place: Name | None = None
    bbox: tuple[float, float, float, float] | None = None
    crs: Annotated[str, Field(pattern=r"^EPSG:\d{4,5}$")] = "EPSG:2154"

    @model_validator(mode="after")
    def _one_source(self) -> AreaRef:
        needed = {"demo": self.id, "file": self.file_sha256, "online": self.place or self.bbox}
        if needed[self.kind] is None:
            what = {"demo": "id", "file": "file_sha256", "online": "place or bbox"}[self.kind]
            raise ValueError(f"a {self.kind} area needs its {what}")
        return self


#: Equipment a shift may need, counted in units (the communes lend it, without rest rules).
ShiftEquipment = EquipmentRole
#: Most shifts one event holds (a festival over a fortnight, four shifts a day).
MAX_SHIFTS = 64


class Shift(Strict):
    """One shift of an event (set-up, opening, peak, closing…): when, its public (None: the
    event's peak attendance) and the equipment it needs. Times without an offset are
    Europe/Paris."""

    name: Annotated[str, Field(min_length=1, max_length=80)]
    start: datetime
    end: datetime
    attendance: int | None = Field(default=None, ge=0, le=5_000_000)
    equipment: dict[ShiftEquipment, Annotated[int, Field(ge=0, le=10_000)]] = {}

    @model_validator(mode="after")
    def _ends_after_start(self) -> Shift:
        if self.end <= self.start:
            raise ValueError(f"the shift {self.name!r} must end after it starts")
        return self


class Event(Strict):
    """The event: when, how many, what kind of public, how it is screened, and its shifts
    (none: one shift over the whole event)."""

    name: Name
    start: datetime
    end: datetime
    peak_attendance: int = Field(ge=0, le=5_000_000)
    arrival_peak_share: float = Field(default=0.25, gt=0, le=1)  # share arriving in busiest 15 min
    public_type: PublicType = "standing"
    screening_mode: ScreeningMode = "hand_search_mixed"
    shifts: list[Shift] = Field(default_factory=list, max_length=MAX_SHIFTS)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Event:
        if (self.start.tzinfo is None) != (self.end.tzinfo is None):
            raise ValueError("start and end must both give a time zone, or neither")
        if self.end <= self.start:
            raise ValueError("the event must end after it starts")
        return self

    @model_validator(mode="after")
    def _shifts_in_turn(self) -> Event:
        """Shift names are unique, no two shifts overlap, none has more public than the peak."""
        names = [s.name for s in self.shifts]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate shift names: {', '.join(duplicates)}")
        ordered = sorted(self.shifts, key=lambda s: paris(s.start))
        for before, after in zip(ordered, ordered[1:], strict=False):
            if paris(after.start) < paris(before.end):
                raise ValueError(f"the shifts {before.name!r} and {after.name!r} overlap")
        for shift in self.shifts:
            if (shift.attendance or 0) > self.peak_attendance:
                raise ValueError(
                    f"the shift {shift.name!r} has more public ({shift.attendance}) than the "
                    f"event's peak attendance ({self.peak_attendance})"
                )
        return self

    def season_shifts(self) -> list[Shift]:
        """The shifts, by start; an event without any has one over its whole time."""
        if self.shifts:
            return sorted(self.shifts, key=lambda s: paris(s.start))
        return [Shift(name=DEFAULT_SHIFT, start=self.start, end=self.end)]

    def peak_shift(self) -> Shift:
        """The shift with the most public (the first of them): the one the plan is made for."""
        shifts = self.season_shifts()
        return max(
            shifts, key=lambda s: self.peak_attendance if s.attendance is None else s.attendance
        )


#: The name of an event's one shift when it lists none.
DEFAULT_SHIFT = "event"


def paris(moment: datetime) -> datetime:
    """``moment`` with its offset, Europe/Paris where it gives none."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=PARIS)


class Geometry(Strict):
    """A GeoJSON geometry, checked with shapely, coordinates in WGS84 range."""

    model_config = ConfigDict(extra="forbid")
    type: Literal["Point", "LineString", "Polygon", "MultiPolygon"]
    coordinates: list[Any]

    @model_validator(mode="after")
    def _valid_geojson(self) -> Geometry:
        try:
            geom = shape({"type": self.type, "coordinates": self.coordinates})
        except Exception as err:  # shapely raises several types on malformed coordinates
            raise ValueError(f"not valid GeoJSON {self.type} ({str(err)[:80]})") from None
        if geom.is_empty:
            raise ValueError(f"empty {self.type}")
        coords = shapely.get_coordinates(geom)  # every ring's: a polygon's bounds omit holes
        if not ((np.abs(coords[:, 0]) <= 180) & (np.abs(coords[:, 1]) <= 90)).all():  # not NaN
            raise ValueError("coordinates out of range (longitude/latitude in degrees expected)")
        return self

    def to_shapely(self) -> shapely.Geometry:
        return shape(self.model_dump())


class ZoneProperties(Strict):
    role: ZoneRole
    id: Annotated[str, Field(min_length=1, max_length=64)]
    name: Name | None = None
    notes: Text | None = None


class Zone(Strict):
    """A drawn zone as a GeoJSON Feature with a role."""

    type: Literal["Feature"] = "Feature"
    geometry: Geometry
    properties: ZoneProperties

    @field_validator("geometry")
    @classmethod
    def _area_geometry(cls, geometry: Geometry) -> Geometry:
        if geometry.type not in ("Polygon", "MultiPolygon"):
            raise ValueError("a zone is a Polygon or a MultiPolygon")
        shape_ = geometry.to_shapely()
        if shapely.get_num_coordinates(shape_) > MAX_REPAIR_POINTS and not shape_.is_valid:
            raise ValueError(
                f"the zone crosses itself and has {shapely.get_num_coordinates(shape_):,} points: "
                f"a crossing outline is repaired up to {MAX_REPAIR_POINTS} points; fix it first"
            )
        return geometry


class PointProperties(Strict):
    role: PointRole
    id: Annotated[str, Field(min_length=1, max_length=64)]
    name: Name | None = None


class DesignatedPoint(Strict):
    """Command post (PC), first-aid post or assembly point, as a GeoJSON Point Feature."""

    type: Literal["Feature"] = "Feature"
    geometry: Geometry
    properties: PointProperties

    @field_validator("geometry")
    @classmethod
    def _point(cls, geometry: Geometry) -> Geometry:
        if geometry.type != "Point":
            raise ValueError("a designated point is a Point")
        return geometry


class CommuneOffer(Strict):
    """Agents and equipment a commune lends to the event, by role, and where they start from.

    ``equipment`` counts pooled units (since version 5: ``camera``, the mobile video-protection
    cameras the communes buy together)."""

    commune: Name
    base: LonLat
    agents: dict[AgentRole, Annotated[int, Field(ge=0, le=10_000)]]
    equipment: dict[EquipmentRole, Annotated[int, Field(ge=0, le=10_000)]] = {}


CameraType = Literal["fixed", "dome", "panning"]


class MobileCamera(Strict):
    """A mobile camera the planner places (since version 5): lent by a commune of
    ``resources`` (or of no commune: the organiser's own), at a position, looking one or more
    ways (none: a dome or panning camera counted all round)."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,16}$")]
    commune: Name | None = None
    camera_type: CameraType = "fixed"
    location: LonLat
    directions: list[Annotated[float, Field(ge=0, lt=360)]] = Field(default=[], max_length=8)
    fov_deg: float | None = Field(default=None, ge=1, le=179)
    range_m: float | None = Field(default=None, ge=1, le=1000)  # the maker's detection range
    resolution_px: int | None = Field(default=None, ge=160, le=20_000)
    height_m: float = Field(default=5.0, ge=0.5, le=100)
    tilt_deg: float | None = Field(default=None, ge=0, le=90)
    ir_range_m: float | None = Field(default=None, ge=1, le=1000)


Indicator = Literal[0.25, 0.30, 0.35, 0.40]


class StaffingSettings(Strict):
    """The plan's own planning numbers; an absent one is the doctrine default (planner.doctrine).

    Kept absent rather than copied, so that a corrected doctrine value reaches every plan that
    did not choose its own.
    """

    density_p_m2: float | None = Field(default=None, gt=0, le=6)
    flow_level_p_m_min: float | None = Field(default=None, gt=0, le=150)
    flow_stairs_p_m_min: float | None = Field(default=None, gt=0, le=150)
    exit_time_min: float | None = Field(default=None, gt=0, le=60)
    lane_rate_p_min: float | None = Field(default=None, gt=0, le=60)
    agents_per_lane: int | None = Field(default=None, ge=1, le=10)
    wait_target_min: float | None = Field(default=None, gt=0, le=240)
    wait_target_share: float | None = Field(default=None, gt=0, lt=1)
    arrival_window_min: int | None = Field(default=None, ge=15, le=1440)
    public_per_steward: int | None = Field(default=None, ge=10, le=10_000)
    police_per_vehicle_checkpoint: int | None = Field(default=None, ge=0, le=20)
    police_role: AgentRole | None = None
    p2: Indicator | None = None
    e1: Indicator | None = None
    e2: Indicator | None = None
    e2_alert_min: float | None = Field(default=None, ge=0, le=60)
    e2_mobilisation_min: float | None = Field(default=None, ge=0, le=60)
    e2_response_min: float | None = Field(default=None, gt=0, le=240)  # the SDIS's figure
    lane_frontage_m: float | None = Field(default=None, ge=0.5, le=10)
    steward_space_m: float | None = Field(default=None, ge=0, le=10)
    walk_limit_m: float | None = Field(default=None, gt=0, le=5000)
    queue_m2_per_person: float | None = Field(default=None, ge=0.2, le=5)
    barrier_unit_m: float | None = Field(default=None, ge=1, le=5)
    supervisors_per_filtering_point: int | None = Field(default=None, ge=0, le=10)
    agents_per_emergency_access: int | None = Field(default=None, ge=0, le=20)
    closed_access_rule: Literal["patrol", "unstaffed"] | None = None
    fence: bool | None = None  # the fence length between accesses, when asked

    def chosen(self) -> dict[str, Any]:
        """The values the plan set (the others follow the doctrine)."""
        return self.model_dump(exclude_none=True)


AccessRoleName = Literal["filtering", "closed", "emergency"]


class AccessRole(Strict):
    """The planner's role for one access, keyed by the OSM ways it crosses (what survives
    renumbering and small edits of the perimeter), never by its P-number."""

    ways: list[Annotated[int, Field(ge=1)]] = Field(min_length=1, max_length=50)
    role: AccessRoleName
    near: LonLat | None = None  # where the access was: tells two crossings of one way apart


class Hazard(Strict):
    """A hazard of the exercise (computed by the exercise issue; stored here)."""

    id: Annotated[str, Field(min_length=1, max_length=64)]
    kind: Literal["gas_leak", "security_perimeter"]
    location: LonLat
    at_s: ExerciseTime = 0  # offset from the exercise start
    parameters: dict[Annotated[str, Field(max_length=64)], Parameter] = {}


class InjectEffect(Strict):
    action: EffectAction
    target: Annotated[str, Field(max_length=200)] | None = None
    parameters: dict[Annotated[str, Field(max_length=64)], Parameter] = {}


class Inject(Strict):
    """One line of the exercise's master events list."""

    at_s: int  # offset from the exercise start, seconds
    message: Text
    sender: Name = Field(alias="from")
    recipient: Name = Field(alias="to")
    expected_action: Text | None = None
    effect: InjectEffect | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("at_s")
    @classmethod
    def _not_before_start(cls, at_s: int) -> int:
        if at_s < 0:
            raise ValueError(
                f"an inject cannot come before the exercise start ({at_s} s): offsets are "
                "counted from the start, 0 or more"
            )
        if at_s > MAX_EXERCISE_S:
            raise ValueError(
                f"an inject comes {at_s} s after the start: an exercise lasts at most "
                f"{MAX_EXERCISE_S // 86400} days ({MAX_EXERCISE_S} s)"
            )
        return at_s


Seconds = Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]


class SimulationFigure(Strict):
    """One crowd simulation's figures, saved with the scenario's version (trajectories stay in
    the cache): the report's entry, the plan it was computed for, the people-left curve and the
    densest cells (WGS84) for the density map."""

    sector: Name
    case: Literal["all_exits", "widest_blocked"]
    agents: int = Field(ge=1, le=1_000_000)
    seed: int = Field(ge=0, le=2**31)
    t50_s: Seconds | None = None
    t95_s: Seconds | None = None
    t100_s: Seconds | None = None
    max_density_p_m2: float = Field(ge=0, le=100)
    hand_evacuation_s: Seconds | None = None
    blocked_exit: Name | None = None
    trapped: int = Field(default=0, ge=0)
    timed_out: bool = False
    plan_key: str = Field(pattern=r"^[0-9a-f]{64}$")  # the plan's inputs (planner.inputs)
    curve: list[tuple[Seconds, int]] = Field(default_factory=list, max_length=400)
    cells: list[tuple[float, float, float]] = Field(default_factory=list, max_length=2000)

    def entry(self) -> dict[str, Any]:
        """The ``report.json`` ``simulation`` entry."""
        keys = ("sector", "case", "agents", "t50_s", "t95_s", "t100_s", "max_density_p_m2")
        return {
            **{k: getattr(self, k) for k in keys},
            "hand_evacuation_s": self.hand_evacuation_s,
            "seed": self.seed,
            "blocked_exit": self.blocked_exit,
            "trapped": self.trapped,
            "timed_out": self.timed_out,
            "cells_over_4": sum(c[2] > 4 for c in self.cells),
            "cells_over_5": sum(c[2] > 5 for c in self.cells),
        }


class Authorship(Strict):
    created_by: Name
    created_at: datetime
    updated_by: Name
    updated_at: datetime


class Scenario(Strict):
    """The whole plan of an event or an exercise."""

    format: Literal["vigie.scenario"] = FORMAT
    version: Literal[7] = CURRENT_VERSION
    kind: Literal["event", "exercise"]
    title: Name
    area: AreaRef
    event: Event
    zones: list[Zone] = Field(default_factory=list, max_length=500)
    points: list[DesignatedPoint] = Field(default_factory=list, max_length=500)
    resources: list[CommuneOffer] = Field(default_factory=list, max_length=200)
    staffing: StaffingSettings = Field(default_factory=lambda: StaffingSettings())
    access_roles: list[AccessRole] = Field(default_factory=list, max_length=2000)
    cameras: list[MobileCamera] = Field(default_factory=list, max_length=500)
    hazards: list[Hazard] = Field(default_factory=list, max_length=100)
    injects: list[Inject] = Field(default_factory=list, max_length=2000)
    simulations: list[SimulationFigure] = Field(default_factory=list, max_length=200)
    authorship: Authorship

    @model_validator(mode="after")
    def _unique_ids(self) -> Scenario:
        ids = [z.properties.id for z in self.zones] + [p.properties.id for p in self.points]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate zone/point ids: {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _cameras_lent(self) -> Scenario:
        """Camera ids are unique and no commune places more cameras than it lends."""
        ids = [c.id for c in self.cameras]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate camera ids: {', '.join(duplicates)}")
        lent = {o.commune: o.equipment.get("camera", 0) for o in self.resources}
        for commune in dict.fromkeys(c.commune for c in self.cameras if c.commune is not None):
            placed = sum(c.commune == commune for c in self.cameras)
            if commune not in lent:
                raise ValueError(f"camera of {commune!r}, which offers nothing in resources")
            if placed > lent[commune]:
                raise ValueError(
                    f"{placed} cameras of {commune!r} placed, but it lends {lent[commune]}"
                )
        return self

    def simulations_of(self, plan_key: str) -> list[SimulationFigure]:
        """The saved simulations computed for the plan of ``plan_key`` (older ones are stale)."""
        return [f for f in self.simulations if f.plan_key == plan_key]

    def zones_with_role(self, role: ZoneRole) -> list[Zone]:
        return [z for z in self.zones if z.properties.role == role]

    def to_json_dict(self) -> dict[str, Any]:
        """The document as JSON-ready data (aliases, ISO dates)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
