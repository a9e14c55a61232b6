"""From a scenario document to the planning core's plain objects (area, zones, staffing)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from planner.access_roles import RoleOverride
from planner.area import Area, AreaSource
from planner.cameras import Camera, placed_camera
from planner.checkpoints import Checkpoint
from planner.crs import WGS84
from planner.export_layers import ExportMeta, PlanLayers, PlanPoint, collect_layers
from planner.hazards import HazardSpec
from planner.perimeter import Perimeter, make_perimeter
from planner.plan import Plan, make_plan, routed_around
from planner.pooling import Offer
from planner.replay import Effect, Exercise, Inject, TimedHazard, hazard_states
from planner.staffing import Public, StaffingParameters
from planner.video import plan_targets, video_plan
from planner.zones import PlanZones, ZoneFeature, zones_from_features
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


def zone_features(scenario: Scenario, crs: str) -> list[ZoneFeature]:
    """The scenario's zones projected to ``crs``, with their ids and roles."""
    if not scenario.zones:
        return []
    shapes = gpd.GeoSeries([z.geometry.to_shapely() for z in scenario.zones], crs=WGS84).to_crs(crs)
    return [
        ZoneFeature(z.properties.id, z.properties.role, z.properties.name, shape)
        for z, shape in zip(scenario.zones, shapes.values, strict=True)
    ]


def assembly_points(scenario: Scenario, crs: str) -> tuple[shapely.Point, ...]:
    """The scenario's assembly points, projected."""
    points = [p for p in scenario.points if p.properties.role == "assembly_point"]
    if not points:
        return ()
    shapes = gpd.GeoSeries([p.geometry.to_shapely() for p in points], crs=WGS84).to_crs(crs)
    return tuple(shapes.values)


def plan_zones(scenario: Scenario, crs: str) -> PlanZones:
    """The scenario's zones projected to ``crs``, as the core's PlanZones."""
    return zones_from_features(zone_features(scenario, crs), assembly_points(scenario, crs))


def staffing_parameters(scenario: Scenario) -> StaffingParameters:
    """The plan's staffing numbers: its own where it set them, the doctrine's elsewhere."""
    return StaffingParameters(**scenario.staffing.chosen())


def public(scenario: Scenario) -> Public:
    """The event's public as the staffing core sees it."""
    event = scenario.event
    return Public(
        attendance=event.peak_attendance,
        arrival_peak_share=event.arrival_peak_share,
        public_type=event.public_type,
        screening_mode=event.screening_mode,
    )


def offers(scenario: Scenario, crs: str) -> list[Offer]:
    """The communes' offers with their bases projected to ``crs``."""
    if not scenario.resources:
        return []
    bases = gpd.GeoSeries(
        [shapely.Point(r.base.lon, r.base.lat) for r in scenario.resources], crs=WGS84
    ).to_crs(crs)
    return [
        Offer(r.commune, float(p.x), float(p.y), {k: v for k, v in r.agents.items() if v})
        for r, p in zip(scenario.resources, bases.values, strict=True)
    ]


def with_sectors(scenario: Scenario, sectors: dict[str, BaseGeometry], crs: str) -> list[Zone]:
    """The scenario's zones with its sectors replaced by ``sectors`` (projected in ``crs``)."""
    kept = [z for z in scenario.zones if z.properties.role != "sector"]
    names = list(sectors)
    shapes = gpd.GeoSeries([sectors[n] for n in names], crs=crs).to_crs(WGS84).values
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


def scenario_plan(
    scenario: Scenario, area: Area, checkpoints: list[Checkpoint], with_isochrones: bool = True
) -> Plan:
    """The whole plan of a scenario on its loaded area: routes, staffing, pooled means."""
    return make_plan(
        area,
        plan_zones(scenario, area.crs),
        checkpoints,
        public=public(scenario),
        parameters=staffing_parameters(scenario),
        offers=offers(scenario, area.crs),
        with_isochrones=with_isochrones,
        overrides=role_overrides(scenario, area.crs),
    )


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


def role_overrides(scenario: Scenario, crs: str = WGS84) -> tuple[RoleOverride, ...]:
    """The planner's access roles, as the core's overrides (positions projected to ``crs``)."""
    roles = scenario.access_roles
    near = [r.near for r in roles]
    points = gpd.GeoSeries(
        [shapely.Point(p.lon, p.lat) if p else shapely.Point() for p in near], crs=WGS84
    ).to_crs(crs)
    return tuple(
        RoleOverride(tuple(r.ways), r.role, *((float(p.x), float(p.y)) if r.near else ()))
        for r, p in zip(roles, points.values, strict=True)
    )


def exercise(
    scenario: Scenario,
    area: Area,
    checkpoints: list[Checkpoint],
    sector_public: dict[str, int] | None = None,
) -> Exercise:
    """The scenario's exercise (zones, hazards, injects in time order), projected to the area."""
    hazards = []
    if scenario.hazards:
        where = gpd.GeoSeries(
            [shapely.Point(h.location.lon, h.location.lat) for h in scenario.hazards], crs=WGS84
        ).to_crs(area.crs)
        hazards = [
            TimedHazard(HazardSpec(h.id, h.kind, p.x, p.y, dict(h.parameters)), h.at_s)
            for h, p in zip(scenario.hazards, where.values, strict=True)
        ]
    injects = [
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
    ]
    return Exercise(
        zones=tuple(zone_features(scenario, area.crs)),
        hazards=tuple(hazards),
        injects=tuple(injects),
        checkpoints=tuple(checkpoints),
        sector_public=sector_public or {},
        assembly_points=assembly_points(scenario, area.crs),
    )


def fingerprint(scenario: Scenario) -> str:
    """The first 8 hex digits of the sha256 of the scenario's content (canonical JSON)."""
    content = json.dumps(scenario.to_json_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()[:8]


def plan_points(scenario: Scenario, crs: str) -> list[PlanPoint]:
    """The scenario's designated points (PC, first-aid posts, assembly points), projected."""
    if not scenario.points:
        return []
    shapes = gpd.GeoSeries([p.geometry.to_shapely() for p in scenario.points], crs=WGS84)
    return [
        PlanPoint(p.properties.id, p.properties.role, p.properties.name, s.x, s.y)
        for p, s in zip(scenario.points, shapes.to_crs(crs).values, strict=True)
    ]


def export_layers(
    scenario: Scenario,
    area: Area,
    plan: Plan | None,
    scenario_id: str | None = None,
    version: int | None = None,
    marking: str = "",
) -> PlanLayers:
    """The scenario's export layers: its plan, every hazard drawn (the routes go around them),
    its timeline, its version."""
    public = {s.name: s.public for s in plan.staffing.sectors} if plan and plan.staffing else {}
    drill = exercise(scenario, area, list(plan.checkpoints) if plan else [], public)
    every = tuple(h.spec.id for h in drill.hazards)
    hazards = list(hazard_states(area, drill, every, plan.zones.sectors if plan else {}))
    if plan is not None and hazards:  # routes as the exercise needs them: around the hazards
        plan = routed_around(area, plan, tuple(h.zones.footprint for h in hazards))
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
        plan,
        list(drill.zones),
        plan_points(scenario, area.crs),
        hazards,
        list(drill.injects),
        meta,
    )
    if plan is None or plan.zones.perimeter is None:
        return layers
    video = video_plan(
        area,
        plan.zones.perimeter,
        plan.zones.sectors,
        plan_targets(plan),
        planned_cameras(scenario, area),
    )
    return replace(layers, cameras=video.export_frames(area.crs))
