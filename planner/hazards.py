"""Hazards: functions from a few parameters to zones on the map, and what each zone exposes.

A hazard is a point in the area's projected CRS, a kind and its parameters. A gas leak gets an
isolation circle, by priority: an explicit ``isolation_radius_m``; the pipeline potential impact
radius of ASME B31.8S from ``pipeline_diameter_mm`` and ``pressure_bar`` (gauge pressure, the
pipe's operating pressure above the atmosphere's: "psig" in the standard); or a basis, the French
reinforced gas procedure's commonly cited 50 m on a street main (default) or the US DOT ERG
guide 115's 100 m. With a ``release_rate_kg_s`` it also gets the flammable zones of a Gaussian
plume (:mod:`planner.plume`) at 10 % and 60 % of methane's LEL, pointing downwind: a screening
estimate, since methane is lighter than air. A security perimeter is a circle of ``radius_m``, or
the building it is dropped on buffered by that radius. :func:`exposure` counts what a zone holds:
buildings and their occupants, the event's public, streets to close, checkpoints and sectors.
Numbers and sources: :mod:`planner.doctrine`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.area import Area
from planner.errors import HazardError
from planner.plume import (
    STABILITY_CLASSES,
    briggs_urban_sigmas,
    grid_convergence_deg,
    plume_concentration,
    plume_zone,
    stability_class,
)

__all__ = [
    "KINDS",
    "STABILITY_CLASSES",
    "Exposure",
    "HazardSpec",
    "HazardZones",
    "briggs_urban_sigmas",
    "building_levels",
    "exposure",
    "gas_isolation_radius",
    "grid_convergence_deg",
    "hazard_zones",
    "plume_concentration",
    "plume_zone",
]

KINDS: tuple[str, ...] = ("gas_leak", "security_perimeter")
#: Segments per quarter circle of an isolation circle (area within 0.05 % of π r²).
QUAD_SEGS = 32


@dataclass(frozen=True)
class HazardSpec:
    """A hazard as entered: coordinates projected in the area's CRS, parameters by name."""

    id: str
    kind: str  # "gas_leak" | "security_perimeter"
    x: float
    y: float
    parameters: dict[str, float | int | str]


@dataclass(frozen=True)
class HazardZones:
    """The zones of one hazard, projected in the area's CRS."""

    id: str
    kind: str
    isolation: BaseGeometry  # closed to everyone: circle, or buffered building
    radius_m: float
    radius_source: str  # "parameter" | "pgr_street_main" | "erg_115" | "pipeline_pir" | "building"
    plume: dict[str, BaseGeometry]  # gas with a release rate: {"lel_10": ..., "lel_60": ...}
    footprint: BaseGeometry  # isolation ∪ plume zones: what closes streets
    screening_estimate: bool  # a plume is drawn: methane is lighter than air


@dataclass(frozen=True)
class Exposure:
    """What one zone holds."""

    buildings: int  # OSM buildings intersecting the zone
    residents_estimate: int  # Σ footprint∩zone area × levels / floor area per person
    public_estimate: int  # Σ sector public × area(zone∩sector) / area(sector)
    closed_streets: tuple[str, ...]  # names of the streets meeting the zone, sorted
    unnamed_streets: int  # unnamed OSM ways meeting the zone
    checkpoints: tuple[str, ...]  # checkpoint ids in the zone (or within 5 m)
    sectors: tuple[str, ...]  # sectors the zone meets

    @property
    def people_estimate(self) -> int:
        return self.residents_estimate + self.public_estimate


def hazard_zones(area: Area, spec: HazardSpec) -> HazardZones:
    """The zones of a hazard on an area; HazardError for a hazard that cannot be drawn."""
    if spec.kind not in KINDS:
        raise HazardError(
            "hazard_unknown_kind", hazard=spec.id, kind=spec.kind, allowed=", ".join(KINDS)
        )
    point = Point(spec.x, spec.y)
    if not (math.isfinite(spec.x) and math.isfinite(spec.y)) or not area.extent.covers(point):
        raise HazardError("hazard_outside", hazard=spec.id, area=area.name)
    if spec.kind == "gas_leak":
        return _gas_leak(area, spec, point)
    return _security_perimeter(area, spec, point)


def gas_isolation_radius(spec: HazardSpec) -> tuple[float, str]:
    """The isolation radius (m) of a gas leak and where it comes from (see the module doc)."""
    explicit = _number(spec, "isolation_radius_m", rule="positive")
    if explicit is not None:
        return explicit, "parameter"
    diameter = _number(spec, "pipeline_diameter_mm", rule="positive")
    pressure = _number(spec, "pressure_bar", rule="positive")
    if diameter is not None or pressure is not None:
        if diameter is None or pressure is None:
            missing = "pipeline_diameter_mm" if diameter is None else "pressure_bar"
            raise HazardError("hazard_missing_parameter", hazard=spec.id, name=missing)
        return doctrine.PIR_FACTOR_M_MM_BAR * diameter * math.sqrt(pressure), "pipeline_pir"
    basis = _value(spec, "isolation_basis")
    basis = doctrine.GAS_ISOLATION_DEFAULT_BASIS if basis is None else str(basis).strip()
    if basis not in doctrine.GAS_ISOLATION_M:
        raise HazardError(
            "hazard_bad_choice",
            hazard=spec.id,
            name="isolation_basis",
            allowed=", ".join(doctrine.GAS_ISOLATION_M),
            value=basis,
        )
    return doctrine.GAS_ISOLATION_M[basis], basis


def _gas_leak(area: Area, spec: HazardSpec, point: Point) -> HazardZones:
    radius, source = gas_isolation_radius(spec)
    isolation = point.buffer(radius, quad_segs=QUAD_SEGS)
    plume: dict[str, BaseGeometry] = {}
    rate = _number(spec, "release_rate_kg_s", rule="non_negative") or 0.0
    if rate > 0:
        speed = _number(spec, "wind_speed_m_s", plume=True)
        if not speed > 0:
            raise HazardError("hazard_no_wind", hazard=spec.id)
        wind_from = _number(spec, "wind_from_deg", plume=True)
        if not 0 <= wind_from <= 360:
            raise HazardError("hazard_bad_wind_direction", hazard=spec.id, value=wind_from)
        stability = stability_class(_value(spec, "stability_class", plume=True), spec.id)
        height = _number(spec, "release_height_m", rule="non_negative") or 0.0
        # The wind's direction is from true north; the map's y axis is grid north.
        bearing = wind_from + grid_convergence_deg(area.crs, spec.x, spec.y)
        plume = {
            name: plume_zone(rate, speed, bearing, stability, threshold, spec.x, spec.y, height)
            for name, threshold in doctrine.PLUME_THRESHOLDS_KG_M3.items()
        }
    footprint = shapely.union_all([isolation, *plume.values()])
    return HazardZones(spec.id, spec.kind, isolation, radius, source, plume, footprint, bool(plume))


def _security_perimeter(area: Area, spec: HazardSpec, point: Point) -> HazardZones:
    radius = _number(spec, "radius_m", rule="positive")
    if radius is None:
        raise HazardError("hazard_missing_parameter", hazard=spec.id, name="radius_m")
    around = _value(spec, "around_building")
    if around is not None and str(around).strip().lower() not in ("0", "1", "true", "false"):
        raise HazardError(
            "hazard_bad_choice",
            hazard=spec.id,
            name="around_building",
            allowed="1, 0",
            value=around,
        )
    building = None
    if around is None or str(around).strip().lower() in ("1", "true"):
        building = _building_at(area, point)
    if building is not None:
        zone, source = shapely.make_valid(building).buffer(radius, quad_segs=16), "building"
    else:
        zone, source = point.buffer(radius, quad_segs=QUAD_SEGS), "parameter"
    return HazardZones(spec.id, spec.kind, zone, radius, source, {}, zone, False)


def _building_at(area: Area, point: Point) -> BaseGeometry | None:
    """The OSM building under the point (or nearest within the snap distance; larger first)."""
    frame = area.buildings
    if frame.empty:
        return None
    hits = frame.sindex.query(point, predicate="dwithin", distance=doctrine.BUILDING_SNAP_M)
    if hits.size == 0:
        return None
    geoms = frame.geometry.to_numpy()[hits]
    best = np.lexsort((-shapely.area(geoms), shapely.distance(geoms, point)))[0]
    return geoms[best]


def exposure(
    area: Area,
    zone: BaseGeometry,
    sectors: dict[str, BaseGeometry],
    sector_public: dict[str, int],
    checkpoints: list,
) -> Exposure:
    """What a zone (projected) holds: buildings, occupants, public, streets, checkpoints, sectors.

    ``checkpoints``: objects with ``id``, ``x``, ``y`` (:class:`planner.checkpoints.Checkpoint`).
    """
    shapely.prepare(zone)
    buildings, residents = 0, 0
    frame = area.buildings
    if not frame.empty:
        hits = frame.sindex.query(zone, predicate="intersects")
        geoms = frame.geometry.to_numpy()[hits]
        bad = ~shapely.is_valid(geoms)
        geoms[bad] = shapely.make_valid(geoms[bad])
        floor = shapely.area(shapely.intersection(geoms, zone))
        tags = frame["building:levels"].to_numpy()[hits] if "building:levels" in frame else None
        floor = floor * building_levels(tags if tags is not None else [None] * hits.size)
        buildings = int(hits.size)
        residents = round(float(floor.sum()) / doctrine.FLOOR_M2_PER_PERSON)

    streets = area.streets.iloc[area.street_tree.query(zone, predicate="intersects")]
    named = streets["name"].map(lambda n: isinstance(n, str) and bool(n.strip())).to_numpy(bool)
    closed = tuple(sorted(set(streets["name"][named])))
    unnamed = int(streets["osm_id"][~named].nunique())

    ids = [str(c.id) for c in checkpoints]
    points = shapely.points([c.x for c in checkpoints], [c.y for c in checkpoints])
    near = shapely.dwithin(points, zone, doctrine.CHECKPOINT_IN_ZONE_M) if ids else []
    inside = tuple(i for i, ok in zip(ids, near, strict=True) if ok)

    names = list(sectors)
    shapes = np.array([sectors[n] for n in names], dtype=object)
    met = shapely.intersects(shapes, zone) if names else np.zeros(0, bool)
    share = np.zeros(len(names))
    if met.any():
        whole = shapely.area(shapes[met])
        part = shapely.area(shapely.intersection(shapes[met], zone))
        share[met] = np.divide(part, whole, out=np.zeros_like(part), where=whole > 0)
    public = sum(sector_public.get(n, 0) * s for n, s in zip(names, share, strict=True))

    return Exposure(
        buildings=buildings,
        residents_estimate=residents,
        public_estimate=round(public),
        closed_streets=closed,
        unnamed_streets=unnamed,
        checkpoints=inside,
        sectors=tuple(n for n, m in zip(names, met, strict=True) if m),
    )


_LEVELS = re.compile(r"\s*(\d+(?:[.,]\d+)?)")


def building_levels(tags) -> np.ndarray:
    """Storeys from ``building:levels`` values ("5", "5;6" → 5, "3.5"); else the default."""

    def parse(tag: object) -> float:
        if isinstance(tag, (int, float)) and not isinstance(tag, bool):
            return float(tag) if math.isfinite(tag) and tag >= 0 else math.nan
        match = _LEVELS.match(tag) if isinstance(tag, str) else None
        return float(match.group(1).replace(",", ".")) if match else math.nan

    levels = np.array([parse(t) for t in tags], dtype=float)
    return np.where(np.isnan(levels), doctrine.DEFAULT_BUILDING_LEVELS, levels)


def _value(spec: HazardSpec, name: str, plume: bool = False) -> object | None:
    """A parameter's raw value (None or "" count as absent); required when ``plume``."""
    value = spec.parameters.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if plume:
            raise HazardError("hazard_plume_parameter", hazard=spec.id, name=name)
        return None
    return value


def _number(spec: HazardSpec, name: str, rule: str = "", plume: bool = False) -> float | None:
    """A numeric parameter (None when absent), checked against ``rule``."""
    value = _value(spec, name, plume)
    if value is None:
        return None
    try:
        number = float(value.replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise HazardError("hazard_not_number", hazard=spec.id, name=name, value=value)
    if rule == "positive" and number <= 0:
        raise HazardError("hazard_not_positive", hazard=spec.id, name=name, value=number)
    if rule == "non_negative" and number < 0:
        raise HazardError("hazard_negative", hazard=spec.id, name=name, value=number)
    return number
