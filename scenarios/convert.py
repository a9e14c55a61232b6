"""From a scenario document to the planning core's plain objects (area, zones, staffing)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from planner import pipeline
from planner.area import Area, AreaSource
from planner.cameras import Camera, placed_camera
from planner.crs import WGS84, reproject
from planner.export_layers import ExportMeta, PlanLayers, collect_layers
from planner.inputs import (
    AccessRoleInput,
    HazardInput,
    OfferInput,
    PlanInputs,
    PointInput,
    ZoneInput,
)
from planner.perimeter import Perimeter, make_perimeter
from planner.pipeline import Planning
from planner.replay import Effect, Inject
from planner.staffing import Public, StaffingParameters
from planner.video import VideoPlan, VideoSettings
from planner.zones import PlanZones
from scenarios.editing import rounded_coordinates
from scenarios.model import Geometry, Scenario, Zone, ZoneProperties


def area_source(scenario: Scenario) -> AreaSource:
    """The core's AreaSource of the scenario's area (files are found by content in the cache)."""
    ref = scenario.area
    if ref.kind == "demo":
        return AreaSource.demo(ref.id or "")
    if ref.kind == "online":
        bbox = ",".join(str(v) for v in ref.bbox) if ref.bbox else None
        return AreaSource.online(place=ref.place, bbox=bbox)
    from planner.area import uploaded_file

    return AreaSource.file(uploaded_file(ref.file_sha256 or ""), name=ref.file_name)


def perimeter(scenario: Scenario) -> Perimeter | None:
    """The scenario's perimeter (the union of its perimeter zones), or None if it has none."""
    polygons = [z.geometry.to_shapely() for z in scenario.zones_with_role("perimeter")]
    return make_perimeter(polygons) if polygons else None


def plan_inputs(scenario: Scenario) -> PlanInputs:
    """Everything of the scenario that decides its plan, replay and exports, as plain values
    (the one way a scenario enters the plan pipeline, :func:`planner.pipeline.planning`)."""
    return PlanInputs(
        zones=tuple(
            ZoneInput(z.properties.id, z.properties.role, z.properties.name, _wkb(z.geometry))
            for z in scenario.zones
        ),
        points=tuple(
            PointInput(p.properties.id, p.properties.role, p.properties.name, point.x, point.y)
            for p in scenario.points
            for point in [p.geometry.to_shapely()]
        ),
        public=public(scenario),
        parameters=staffing_parameters(scenario),
        offers=tuple(
            OfferInput(
                r.commune, r.base.lon, r.base.lat, tuple((k, v) for k, v in r.agents.items() if v)
            )
            for r in scenario.resources
        ),
        access_roles=tuple(
            AccessRoleInput(tuple(r.ways), r.role, *((r.near.lon, r.near.lat) if r.near else ()))
            for r in scenario.access_roles
        ),
        hazards=tuple(
            HazardInput(
                h.id,
                h.kind,
                h.location.lon,
                h.location.lat,
                tuple(sorted(h.parameters.items())),
                h.at_s,
            )
            for h in scenario.hazards
        ),
        injects=tuple(
            Inject(
                at_s=i.at_s,
                sender=i.sender,
                recipient=i.recipient,
                message=i.message,
                expected_action=i.expected_action,
                effect=Effect(i.effect.action, i.effect.target, dict(i.effect.parameters))
                if i.effect
                else None,
            )
            for i in sorted(scenario.injects, key=lambda i: i.at_s)
        ),
    )


def _wkb(geometry: Geometry) -> bytes:
    return shapely.to_wkb(geometry.to_shapely())


def planning(scenario: Scenario, area: Area, with_isochrones: bool = False) -> Planning:
    """The scenario's plan on its loaded area, through the one cached plan pipeline."""
    return pipeline.planning(area, plan_inputs(scenario), with_isochrones=with_isochrones)


def plan_zones(scenario: Scenario, crs: str) -> PlanZones:
    """The scenario's zones projected to ``crs``, as the core's PlanZones (no default sector)."""
    return pipeline.project(crs, plan_inputs(scenario)).plan_zones()


def staffing_parameters(scenario: Scenario) -> StaffingParameters:
    """The plan's staffing numbers: its own where it set them, the doctrine's elsewhere."""
    return StaffingParameters(**scenario.staffing.chosen())


def public(scenario: Scenario) -> Public:
    """The event's public as the staffing core sees it: its peak shift's (the most public)."""
    event = scenario.event
    peak = event.peak_shift().attendance
    return Public(
        attendance=event.peak_attendance if peak is None else peak,
        arrival_peak_share=event.arrival_peak_share,
        public_type=event.public_type,
        screening_mode=event.screening_mode,
    )


def with_sectors(scenario: Scenario, sectors: dict[str, BaseGeometry], crs: str) -> list[Zone]:
    """The scenario's zones with its sectors replaced by ``sectors`` (projected in ``crs``)."""
    kept = [z for z in scenario.zones if z.properties.role != "sector"]
    names = list(sectors)
    shapes = reproject([sectors[n] for n in names], crs, WGS84)
    new = [
        Zone(
            geometry=Geometry(
                type=shape.geom_type,
                coordinates=rounded_coordinates(shapely.geometry.mapping(shape)["coordinates"]),
            ),
            properties=ZoneProperties(role="sector", id=f"sector-{name}", name=name),
        )
        for name, shape in zip(names, shapes, strict=True)
    ]
    taken = {z.properties.id for z in kept}
    for zone in new:  # a kept zone may already use the id (a no-go zone named sector-A…)
        while zone.properties.id in taken:
            zone.properties.id += "-auto"
        taken.add(zone.properties.id)
    return kept + new


def planned_cameras(scenario: Scenario, area: Area) -> list[Camera]:
    """The mobile cameras the scenario places, in the area's CRS (checked by the core)."""
    return [
        placed_camera(
            area,
            c.id,
            c.location.lon,
            c.location.lat,
            camera_type=c.camera_type,
            directions=c.directions,
            fov_deg=c.fov_deg,
            height_m=c.height_m,
            range_m=c.range_m,
            tilt_deg=c.tilt_deg,
            ir_range_m=c.ir_range_m,
            commune=c.commune,
            **({"resolution_px": c.resolution_px} if c.resolution_px else {}),
        )
        for c in scenario.cameras
    ]


def camera_offers(scenario: Scenario) -> dict[str, int]:
    """commune → mobile cameras it lends (the ``camera`` equipment of its offer)."""
    return {o.commune: o.equipment.get("camera", 0) for o in scenario.resources}


def fingerprint(scenario: Scenario) -> str:
    """The first 8 hex digits of the sha256 of the scenario's content (canonical JSON)."""
    content = json.dumps(scenario.to_json_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:8]


def export_layers(
    scenario: Scenario,
    area: Area,
    planned: Planning,
    scenario_id: str | None = None,
    version: int | None = None,
    marking: str = "",
) -> PlanLayers:
    """The scenario's export layers: its plan, every hazard drawn (the routes go around them),
    its timeline, its version."""
    view = pipeline.exercise_view(area, planned)
    event = scenario.event
    meta = ExportMeta(
        title=scenario.title,
        event_name=event.name,
        event_start=event.start.isoformat(timespec="minutes"),
        event_end=event.end.isoformat(timespec="minutes"),
        kind=scenario.kind,
        area_name=area.name,
        scenario_id=scenario_id,
        scenario_version=version,
        author=scenario.authorship.updated_by,
        marking=marking,
        fingerprint=fingerprint(scenario),
    )
    layers = collect_layers(
        area,
        view.plan,
        list(view.exercise.zones),
        list(planned.projected.points),
        list(view.hazards),
        list(view.exercise.injects),
        meta,
    )
    shown = video(scenario, area, planned)
    if shown is not None:
        layers = replace(layers, cameras=shown.export_frames(area.crs))
    return with_simulations(layers, scenario.simulations_of(planned.inputs.plan_key()))


def with_simulations(layers: PlanLayers, figures: list) -> PlanLayers:
    """The layers with the saved simulations of their plan: the table, the densest cells."""
    if not figures:
        return layers
    table = pd.DataFrame([f.entry() for f in figures])
    cells = [(f.sector, f.case, lon, lat, d) for f in figures for lon, lat, d in f.cells]
    frame = pd.DataFrame(cells, columns=["sector", "case", "lon", "lat", "density_p_m2"])
    points = gpd.GeoDataFrame(
        frame.drop(columns=["lon", "lat"]),
        geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
        crs=WGS84,
    ).to_crs(layers.crs)
    return replace(layers, simulation=table, density_cells=points)


def video(
    scenario: Scenario, area: Area, planned: Planning, settings: VideoSettings | None = None
) -> VideoPlan | None:
    """The video plan of the scenario's perimeter with the cameras it places, through the plan
    pipeline (None without a perimeter; CameraError for a placed camera that cannot be)."""
    return pipeline.video(area, planned, tuple(planned_cameras(scenario, area)), settings)
