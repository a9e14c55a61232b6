"""From a scenario document to the planning core's plain objects (area, zones, staffing)."""

from __future__ import annotations

import json

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from planner.access import PlanZones
from planner.area import Area, AreaSource
from planner.checkpoints import Checkpoint
from planner.crs import WGS84
from planner.perimeter import Perimeter, make_perimeter
from planner.plan import Plan, make_plan
from planner.pooling import Offer
from planner.staffing import Public, StaffingParameters
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


def plan_zones(scenario: Scenario, crs: str) -> PlanZones:
    """The scenario's zones projected to ``crs``, as the core's PlanZones."""

    def projected(zones) -> list:
        if not zones:
            return []
        shapes = [z.geometry.to_shapely() for z in zones]
        return list(gpd.GeoSeries(shapes, crs=WGS84).to_crs(crs).values)

    perimeter_shapes = projected(scenario.zones_with_role("perimeter"))
    sectors = scenario.zones_with_role("sector")
    sector_names = [z.properties.name or z.properties.id for z in sectors]
    points = [p for p in scenario.points if p.properties.role == "assembly_point"]
    point_shapes = (
        list(gpd.GeoSeries([p.geometry.to_shapely() for p in points], crs=WGS84).to_crs(crs).values)
        if points
        else []
    )
    return PlanZones(
        perimeter=shapely.make_valid(shapely.union_all(perimeter_shapes))
        if perimeter_shapes
        else None,
        sectors=dict(zip(sector_names, projected(sectors), strict=True)),
        no_go=tuple(projected(scenario.zones_with_role("no_go"))),
        emergency_lanes=tuple(projected(scenario.zones_with_role("emergency_lane"))),
        assembly_points=tuple(point_shapes),
    )


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
            geometry=Geometry(**_rounded(shapely.geometry.mapping(shape))),
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


def _rounded(geometry: dict) -> dict:
    """GeoJSON with coordinates rounded to 7 decimals (1 cm) and lists, not tuples."""
    return json.loads(json.dumps(geometry), parse_float=lambda v: round(float(v), 7))


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
    )
