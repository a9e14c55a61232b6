"""The plan as export layers: one GeoDataFrame per kind, with the attributes a reviewer reads.

Every export (map sheet, GeoPackage, GeoJSON, KML, HTML) is written from these layers, so they
all show the same plan: zones by role, hazard zones with their exposure, numbered checkpoints
with their screening, routes by kind, points of interest (emergency services, transit, the
plan's command post, first-aid posts and assembly points), plus the staffing table and the
inject timeline. Geometries are in the area's projected CRS (Lambert-93 in France and Monaco,
the UTM zone elsewhere); writers reproject to WGS84 where a format wants it. The metadata carries
the scenario's version so that a reviewer knows which plan they hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import geopandas as gpd
import pandas as pd
import shapely

from planner.area import Area
from planner.plan import Plan
from planner.replay import Inject, clock
from planner.staffing import ROLES
from planner.style import LANDCOVER, street_class
from planner.zones import ZoneFeature

#: Points of interest shown on exports, by category of :mod:`planner.osm_io`.
EXPORTED_POI_CATEGORIES = ("fire_station", "hospital", "police", "transit")
#: Margin of the base layers (streets, buildings, water and parks) around the plan, in metres.
BASE_MARGIN_M = 400.0


@dataclass(frozen=True)
class ExportMeta:
    """Who, what and which version: the title block of every export."""

    title: str
    event_name: str
    event_start: str  # ISO date-time as written in the scenario
    event_end: str
    kind: str  # event | exercise
    area_name: str
    scenario_id: str | None = None
    scenario_version: int | None = None  # None: not saved yet
    author: str | None = None
    marking: str = ""  # e.g. "Diffusion restreinte"
    fingerprint: str = ""  # first hex digits of the scenario content's sha256

    def version_label(self) -> str:
        """``v3 · 1a2b3c4d``, or ``draft · 1a2b3c4d`` for a plan not saved in the store: the
        fingerprint tells two drafts (or a draft and its saved version) apart."""
        version = f"v{self.scenario_version}" if self.scenario_version else "draft"
        return f"{version} · {self.fingerprint}" if self.fingerprint else version


@dataclass(frozen=True)
class PlanPoint:
    """A designated point of the plan (command post, first-aid post, assembly point)."""

    id: str
    role: str
    name: str | None
    x: float
    y: float


@dataclass(frozen=True)
class PlanLayers:
    """The layers of one plan, projected in ``crs``."""

    crs: str
    meta: ExportMeta
    zones: gpd.GeoDataFrame
    hazard_zones: gpd.GeoDataFrame
    checkpoints: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    pois: gpd.GeoDataFrame
    staffing: pd.DataFrame = field(default_factory=pd.DataFrame)
    injects: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: OSM base layers clipped around the plan (GeoPackage only): ``base_streets`` (by class),
    #: ``base_buildings``, ``base_landcover`` (sea, water, parks, grass).
    base: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    materials: gpd.GeoDataFrame = field(default_factory=gpd.GeoDataFrame)  # per access
    queue_areas: gpd.GeoDataFrame = field(default_factory=gpd.GeoDataFrame)
    materials_total: dict = field(default_factory=dict)
    #: Crowd simulations saved for this plan: one row per sector and case (the report's
    #: entries), and their densest 1 m cells (points, ``density_p_m2``, ``sector``, ``case``).
    simulation: pd.DataFrame = field(default_factory=pd.DataFrame)
    density_cells: gpd.GeoDataFrame = field(default_factory=gpd.GeoDataFrame)
    cameras: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)  # VideoPlan.export_frames

    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """The non-empty geographic layers by name (GeoPackage/KML layer names)."""
        named = {
            "zones": self.zones,
            "hazard_zones": self.hazard_zones,
            "checkpoints": self.checkpoints,
            "materials": self.materials,
            "queue_areas": self.queue_areas,
            "routes": self.routes,
            "points_of_interest": self.pois,
            **self.cameras,
        }
        return {name: frame for name, frame in named.items() if len(frame)}

    def extent(self) -> tuple[float, float, float, float]:
        """Bounds of the plan (zones, hazards, checkpoints), in ``crs``."""
        frames = [f for f in (self.zones, self.hazard_zones, self.checkpoints) if len(f)]
        if not frames:
            frames = [f for f in self.layers().values()]
        return tuple(shapely.total_bounds(pd.concat([f.geometry for f in frames]).values))


def collect_layers(
    area: Area,
    plan: Plan | None,
    zones: list[ZoneFeature],
    points: list[PlanPoint],
    hazards: list,  # planner.replay.HazardState: every hazard of the scenario, drawn
    injects: list[Inject],
    meta: ExportMeta,
) -> PlanLayers:
    """Gather a plan's export layers."""
    crs = area.crs
    materials, queues, total = _material_frames(plan, crs)
    layers = PlanLayers(
        crs=crs,
        meta=meta,
        zones=_frame(
            [
                {
                    "id": z.id,
                    "role": z.role,
                    "name": z.name or "",
                    "area_m2": round(z.geometry.area),
                }
                for z in zones
            ],
            [z.geometry for z in zones],
            crs,
        ),
        hazard_zones=_hazard_frame(hazards, crs),
        checkpoints=_checkpoint_frame(plan, crs),
        routes=_route_frame(plan, crs),
        pois=_poi_frame(area, points, crs),
        staffing=_staffing_table(plan),
        injects=pd.DataFrame(
            [
                {
                    "time": clock(i.at_s),
                    "from": i.sender,
                    "to": i.recipient,
                    "message": i.message,
                    "expected_action": i.expected_action or "",
                    "effect": f"{i.effect.action} {i.effect.target or ''}".strip()
                    if i.effect
                    else "",
                }
                for i in injects
            ]
        ),
        materials=materials,
        queue_areas=queues,
        materials_total=total,
    )
    if not layers.layers():
        return layers
    return replace(layers, base=_base_frames(area, layers.extent()))


def _base_frames(area: Area, bounds: tuple[float, ...]) -> dict[str, gpd.GeoDataFrame]:
    """The area's streets (with their map class), buildings and landcover within
    :data:`BASE_MARGIN_M` of the plan's bounds, clipped to that box."""
    west, south, east, north = bounds
    box = (west - BASE_MARGIN_M, south - BASE_MARGIN_M, east + BASE_MARGIN_M, north + BASE_MARGIN_M)
    streets = area.streets.cx[box[0] : box[2], box[1] : box[3]]
    streets = gpd.GeoDataFrame(
        {
            "class": [
                street_class(h, k, t)
                for h, k, t in zip(
                    streets["highway"], streets["kind"], streets["tunnel"], strict=True
                )
            ],
            "highway": streets["highway"].astype(str).values,
            "name": streets["name"].where(streets["name"].notna(), "").astype(str).values,
        },
        geometry=streets.geometry.values,
        crs=area.crs,
    )
    buildings = area.buildings[["geometry"]]
    cover = area.landcover
    if cover is None:
        cover = gpd.GeoDataFrame({"kind": []}, geometry=[], crs=area.crs)
    cover = cover[cover["kind"].isin(list(LANDCOVER))][["kind", "geometry"]]
    frames = {"base_streets": streets, "base_buildings": buildings, "base_landcover": cover}
    clipped = {}
    for name, frame in frames.items():
        frame = frame.cx[box[0] : box[2], box[1] : box[3]].reset_index(drop=True)
        frame = frame.set_geometry(shapely.clip_by_rect(frame.geometry.values, *box))
        frame = frame[~frame.geometry.is_empty]
        if len(frame):
            clipped[name] = frame
    return clipped


def _frame(rows: list[dict], geometries: list, crs: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry=list(geometries), crs=crs)


def _hazard_frame(hazards: list, crs: str) -> gpd.GeoDataFrame:
    rows, shapes = [], []
    for state in hazards:
        zones, exposed = state.zones, state.exposure
        parts = [("isolation", zones.isolation), *zones.plume.items()]
        for part, shape in parts:
            if shape is None or shape.is_empty:
                continue
            rows.append(
                {
                    "id": zones.id,
                    "kind": zones.kind,
                    "zone": part,
                    "radius_m": round(zones.radius_m, 1),
                    "radius_source": zones.radius_source,
                    "screening_estimate": part != "isolation",
                    "buildings": exposed.buildings,
                    "people_estimate": exposed.people_estimate,
                    "area_m2": round(shape.area),
                }
            )
            shapes.append(shape)
    return _frame(rows, shapes, crs)


def _checkpoint_frame(plan: Plan | None, crs: str) -> gpd.GeoDataFrame:
    if plan is None:
        return _frame([], [], crs)
    screening = plan.screening_of()
    roles = plan.roles.by_id() if plan.roles else {}
    rows = []
    for c in plan.checkpoints:
        s, sector = screening[c.id]
        rows.append(
            {
                "id": c.id,
                "street": c.street or "",
                "highway": c.highway,
                "kind": c.kind,
                "sector": sector or "",
                "role": roles[c.id].role if c.id in roles else "",
                "lanes": s.lanes if s else (0 if c.id in roles else None),
                "agents": s.agents if s else None,
                "expected_wait_min": round(s.expected_wait_min, 1) if s else None,
                "tunnel": c.tunnel,
                "bridge": c.bridge,
            }
        )
    return _frame(rows, [shapely.Point(c.x, c.y) for c in plan.checkpoints], crs)


def _material_frames(
    plan: Plan | None, crs: str
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, dict]:
    """The plan de barriérage: one point per access (role, frontage, lanes, barrier units,
    anti-ram), the filtering points' queue areas, and the totals."""
    if plan is None or plan.roles is None:
        return _frame([], [], crs), _frame([], [], crs), {}
    by_id = {c.id: c for c in plan.checkpoints}
    rows, points, queues, shapes = [], [], [], []
    for a in plan.roles.accesses:
        c = by_id[a.id]
        rows.append(
            {
                "id": a.id,
                "street": c.street or "",
                "kind": c.kind,
                "role": a.role,
                "proposed_role": a.proposed,
                "frontage_m": round(a.frontage_m, 1),
                "step_free": a.step_free,
                "lanes": a.lanes,
                "max_lanes": a.max_lanes,
                "barrier_units": a.barrier_units,
                "anti_ram": a.anti_ram,
                "anti_ram_means": a.anti_ram_means or "",
                "queue_m2": round(a.queue_m2, 1) if math.isfinite(a.queue_m2) else None,
                "queue_fits": a.queue_fits,
                "osm_ways": ",".join(map(str, c.osm_ways)),
            }
        )
        points.append(shapely.Point(c.x, c.y))
        if a.queue_area is not None:
            queue = round(a.queue_m2, 1) if math.isfinite(a.queue_m2) else None
            queues.append({"id": a.id, "queue_m2": queue, "fits": a.queue_fits})
            shapes.append(a.queue_area)
    m = plan.roles.materials
    total = {
        "barrier_units": m.barrier_units,
        "anti_ram_accesses": m.anti_ram_accesses,
        "fence_m": round(m.fence_m, 1),
        "barrier_unit_m": plan.roles.parameters.barrier_unit_m,
    }
    return _frame(rows, points, crs), _frame(queues, shapes, crs), total


def _route_frame(plan: Plan | None, crs: str) -> gpd.GeoDataFrame:
    if plan is None:
        return _frame([], [], crs)
    routed = plan.access
    best: dict[tuple[str, str], object] = {}
    for route in routed.emergency.routes():  # the fastest of each kind per sector
        key = (route.destination, route.properties.get("station_kind", ""))
        if key not in best or route.duration_s < best[key].duration_s:
            best[key] = route
    routes = [*best.values(), *routed.evacuation]
    rows = [
        {
            "kind": r.kind,
            "station_kind": r.properties.get("station_kind", ""),
            "origin": r.origin,
            "destination": r.destination,
            "length_m": round(r.length_m),
            "duration_min": round(r.duration_s / 60, 1),
        }
        for r in routes
    ]
    return _frame(rows, [r.line for r in routes], crs)


def _poi_frame(area: Area, points: list[PlanPoint], crs: str) -> gpd.GeoDataFrame:
    pois = area.pois[area.pois["category"].isin(EXPORTED_POI_CATEGORIES)]
    rows = [
        {"category": c, "kind": k or "", "name": n if isinstance(n, str) else "", "id": ""}
        for c, k, n in zip(pois["category"], pois["kind"], pois["name"], strict=True)
    ]
    shapes = list(pois.geometry.values)
    for p in points:
        rows.append({"category": p.role, "kind": p.role, "name": p.name or "", "id": p.id})
        shapes.append(shapely.Point(p.x, p.y))
    return _frame(rows, shapes, crs)


def _staffing_table(plan: Plan | None) -> pd.DataFrame:
    if plan is None or plan.staffing is None:
        return pd.DataFrame()
    shortfall = plan.pooling.shortfall if plan.pooling else {}
    return pd.DataFrame(
        [
            {
                "sector": s.name,
                "capacity": s.capacity,
                "public": s.public,
                "evacuation_min": round(s.evacuation_min, 1) if s.evacuation_min else None,
                "walk_to_exit_min": _tenth(s.evacuation.walk_min),
                "flow_min": _tenth(s.evacuation.flow_min),
                "evacuates_through": s.evacuation.through or "",
                **{role: s.staff.get(role, 0) for role in ROLES},
                "shortfall": sum(shortfall.get(s.name, {}).values()),
            }
            for s in plan.staffing.sectors
        ]
    )


def _tenth(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
