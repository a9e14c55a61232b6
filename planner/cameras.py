"""Video-protection cameras: read from OpenStreetMap or placed by the planner, and their ranges.

A camera is a point in the area's projected CRS with a type (fixed, dome, panning), zero or more
view directions (degrees clockwise from north), a horizontal field of view, a horizontal
resolution, a mounting height and an optional tilt. What it sees is worked out in
:mod:`planner.coverage`; this module gives each camera its *ranges*: the ground distance up to
which a person is seen at each DORI level of EN 62676-4 (numbers in :mod:`planner.doctrine`).

Range of a level, on the ground plane:

- the slant range ``s = pixels / (density × 2 × tan(fov / 2))`` (DOMAIN.md);
- height shortens it: the target (a face at TARGET_HEIGHT_M) is ``Δh = height − target`` below
  the camera, so the ground range is ``√(s² − Δh²)`` (none when ``s ≤ Δh``);
- a tilt (``camera:angle``, degrees below the horizontal) bounds the image on the ground: its far
  edge is at ``Δh / tan(tilt − vfov/2)`` (no bound when the top of the image is at or above the
  horizon) and its near edge at ``Δh / tan(tilt + vfov/2)``: a steeper tilt shortens the range, a
  flatter one lengthens it up to the lens's own limit. Without a tilt the camera is taken as
  aimed to use its whole range (no near or far edge);
- at night, the range is the infrared range where given (``camera:infrared_range`` in OSM, read
  by :mod:`planner.osm_cameras`, or the planner's value), else the day range times
  NIGHT_RANGE_FACTOR (editable).

A camera with no direction is drawn as unknown and counted all round (360°) only when its type is
a dome or a panning camera (it can be turned to look anywhere: the coverage is what it *can* see,
not what it sees at one instant). Several tagged directions give one view each.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from shapely.geometry import Point

from planner.area import Area
from planner.crs import WGS84, reproject
from planner.doctrine import (
    ALL_ROUND_TYPES,
    DEFAULT_FOV_DEG,
    DEFAULT_HEIGHT_BY_MOUNT_M,
    DEFAULT_HEIGHT_M,
    DEFAULT_RESOLUTION_PX,
    DORI_LEVELS,
    DORI_PX_PER_M,
    IMAGE_ASPECT,
    NIGHT_RANGE_FACTOR,
    TARGET_HEIGHT_M,
)
from planner.errors import PlannerError

CameraSource = Literal["osm", "planned", "proposed"]
CAMERA_TYPES = ("fixed", "dome", "panning")


class CameraError(PlannerError):
    """A camera the planner placed with a value out of range."""


@dataclass(frozen=True)
class Camera:
    """One camera, in the area's projected CRS (``x``, ``y``) and WGS84 (``lon``, ``lat``)."""

    id: str
    source: CameraSource
    camera_type: str  # fixed | dome | panning | unknown
    x: float
    y: float
    lon: float
    lat: float
    directions: tuple[float, ...] = ()  # degrees clockwise from north; empty: unknown
    fov_deg: float | None = None  # None: the type's default (DEFAULT_FOV_DEG)
    resolution_px: int = DEFAULT_RESOLUTION_PX
    height_m: float = DEFAULT_HEIGHT_M
    tilt_deg: float | None = None  # below the horizontal; None: not known
    ir_range_m: float | None = None
    mount: str | None = None
    zone: str | None = None  # surveillance:zone
    indoor: bool = False  # surveillance=indoor: sees nothing of the street
    commune: str | None = None  # the commune lending a mobile camera
    osm_id: int | None = None

    @property
    def field_of_view(self) -> float:
        """Horizontal field of view of the lens, degrees."""
        if self.fov_deg is not None:
            return self.fov_deg
        return DEFAULT_FOV_DEG.get(self.camera_type, DEFAULT_FOV_DEG["fixed"])

    @property
    def all_round(self) -> bool:
        """A dome or panning camera with no direction: counted on 360°."""
        return not self.directions and self.camera_type in ALL_ROUND_TYPES

    def views(self) -> tuple[tuple[float | None, float], ...]:
        """(direction or None for all round, angular width in degrees) of each view."""
        if self.indoor:
            return ()
        if self.all_round:
            return ((None, 360.0),)
        return tuple((d, self.field_of_view) for d in self.directions)


@dataclass(frozen=True)
class RangeParameters:
    """What ranges depend on besides the camera: night and the target's height."""

    night: bool = False
    night_factor: float = NIGHT_RANGE_FACTOR
    target_height_m: float = TARGET_HEIGHT_M


@dataclass(frozen=True)
class Ranges:
    """Ground ranges of one camera, metres: the far range of each DORI level (0 when the level
    is out of reach) and the near edge of the image on the ground (0 without a tilt)."""

    far_m: dict[str, float] = field(default_factory=dict)
    near_m: float = 0.0

    def rounded(self) -> dict[str, float]:
        return {level: round(self.far_m[level], 1) for level in DORI_LEVELS}


def lens_fov_deg(focal_mm: float, sensor_width_mm: float) -> float:
    """Horizontal field of view (degrees) of a lens on a sensor: 2·atan(width / 2f)."""
    return math.degrees(2 * math.atan(sensor_width_mm / (2 * focal_mm)))


def slant_range_m(resolution_px: float, fov_deg: float, density_px_m: float) -> float:
    """Distance (metres, along the line of sight) at which a target gets ``density_px_m``."""
    return resolution_px / (density_px_m * 2 * math.tan(math.radians(fov_deg) / 2))


def camera_ranges(camera: Camera, parameters: RangeParameters | None = None) -> Ranges:
    """The camera's ground range for each DORI level (see the module docstring)."""
    p = parameters or RangeParameters()
    drop = max(camera.height_m - p.target_height_m, 0.0)
    far_edge, near_edge = _tilt_edges(camera, drop)
    fov = min(camera.field_of_view, 179.0)  # an all-round camera's lens, not its 360° sweep
    far: dict[str, float] = {}
    for level in DORI_LEVELS:
        slant = slant_range_m(camera.resolution_px, fov, DORI_PX_PER_M[level])
        if p.night:
            slant = _night_slant(camera, slant, drop, p.night_factor)
        ground = math.sqrt(slant * slant - drop * drop) if slant > drop else 0.0
        far[level] = min(ground, far_edge)
        if far[level] <= near_edge:
            far[level] = 0.0
    return Ranges(far, near_edge if any(far.values()) else 0.0)


def _night_slant(camera: Camera, slant: float, drop: float, factor: float) -> float:
    if camera.ir_range_m is not None:  # an infrared range is a ground distance
        return min(slant, math.hypot(camera.ir_range_m, drop))
    return slant * factor


def _tilt_edges(camera: Camera, drop: float) -> tuple[float, float]:
    """(far, near) ground distances of the image's top and bottom edges, metres."""
    if camera.tilt_deg is None or drop <= 0:
        return math.inf, 0.0
    half_h = math.radians(min(camera.field_of_view, 179.0)) / 2
    half_v = math.atan(math.tan(half_h) / IMAGE_ASPECT)
    tilt = math.radians(camera.tilt_deg)
    top, bottom = tilt - half_v, tilt + half_v
    far = drop / math.tan(top) if top > 0 else math.inf
    near = drop / math.tan(bottom) if bottom < math.pi / 2 else 0.0
    return far, near


def placed_camera(
    area: Area,
    camera_id: str,
    lon: float,
    lat: float,
    camera_type: str = "fixed",
    directions: Iterable[float] = (),
    fov_deg: float | None = None,
    resolution_px: int = DEFAULT_RESOLUTION_PX,
    height_m: float = DEFAULT_HEIGHT_BY_MOUNT_M["pole"],
    range_m: float | None = None,
    tilt_deg: float | None = None,
    ir_range_m: float | None = None,
    commune: str | None = None,
    source: CameraSource = "planned",
) -> Camera:
    """A camera the planner places (a commune's mobile camera), checked, in the area's CRS.

    ``range_m``, when given, is the maker's detection range: the resolution is then the one that
    gives it with this field of view (the other levels follow by their densities).
    """
    if camera_type not in CAMERA_TYPES:
        raise CameraError(
            "camera_bad_value",
            camera=camera_id,
            field="type",
            expected=" | ".join(CAMERA_TYPES),
            value=camera_type,
        )
    fov = fov_deg if fov_deg is not None else DEFAULT_FOV_DEG[camera_type]
    _check(camera_id, "fov_deg", fov, 1, 179)
    _check(camera_id, "height_m", height_m, 0.5, 100)
    if range_m is not None:
        _check(camera_id, "range_m", range_m, 1, 1000)
        resolution_px = round(
            range_m * DORI_PX_PER_M["detection"] * 2 * math.tan(math.radians(fov) / 2)
        )
    _check(camera_id, "resolution_px", resolution_px, 160, 20000)
    (x, y), *_ = reproject([Point(lon, lat)], WGS84, area.crs)[0].coords
    return Camera(
        id=camera_id,
        source=source,
        camera_type=camera_type,
        x=x,
        y=y,
        lon=lon,
        lat=lat,
        directions=tuple(float(d) % 360 for d in directions),
        fov_deg=fov,
        resolution_px=int(resolution_px),
        height_m=height_m,
        tilt_deg=tilt_deg,
        ir_range_m=ir_range_m,
        commune=commune,
    )


def _check(camera_id: str, name: str, value: float, low: float, high: float) -> None:
    if not (isinstance(value, (int, float)) and low <= value <= high):
        raise CameraError(
            "camera_bad_value", camera=camera_id, field=name, expected=f"{low}–{high}", value=value
        )


def moved(camera: Camera, x: float, y: float) -> Camera:
    """The camera at another position of the projected CRS (a wall mount snapped)."""
    return replace(camera, x=x, y=y)
