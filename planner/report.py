"""The plan report (``report.json``): what a plan gives, sector by sector, as plain data.

Today it carries the perimeter's checkpoints and the access routes (emergency access with the DPS
E2 indicator per sector, evacuation, spectator approach with the stops per checkpoint,
isochrones) and every problem found; staffing comes with the staffing module.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely

from planner import access
from planner.area import Area
from planner.checkpoints import CheckpointPlan
from planner.crs import WGS84

REPORT_FORMAT = "vigie.report"
REPORT_VERSION = 1


def plan_report(
    area: Area,
    zones: access.PlanZones,
    checkpoints: CheckpointPlan | None,
    title: str = "",
    scenario_version: int | None = None,
) -> dict[str, Any]:
    """The report of a plan on an area (JSON-ready)."""
    cps = list(checkpoints.checkpoints) if checkpoints else []
    routed = access.plan_access(area, zones, cps)
    emergency, load = routed.emergency, routed.approach_load
    evacuation_by_sector = {r.origin: r for r in routed.evacuation}
    sectors = []
    for sector in emergency.sectors:
        polygon = zones.sectors[sector.sector]
        evac = evacuation_by_sector.get(sector.sector)
        sectors.append(
            {
                "name": sector.sector,
                "area_m2": round(polygon.area, 1),
                "emergency_reachable": sector.reachable,
                "emergency_fastest_s": {k: _round(v) for k, v in sector.fastest_s.items()},
                "e2": sector.e2,
                "evacuation_walk_s": _round(evac.duration_s) if evac else None,
                "evacuation_worst_walk_s": evac.properties["worst_case_s"] if evac else None,
            }
        )
    sector_of = _sector_of_checkpoints(cps, zones)
    total_stops = sum(load.values())
    routes = [
        r.to_feature(area.crs) for r in [*emergency.routes(), *routed.evacuation, *routed.approach]
    ]
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "title": title,
        "scenario_version": scenario_version,
        "area": {"id": area.id, "name": area.name, "crs": area.crs},
        "sectors": sectors,
        "checkpoints": [
            {
                "id": c.id,
                "lon": round(c.lon, 7),
                "lat": round(c.lat, 7),
                "street": c.street,
                "highway": c.highway,
                "kind": c.kind,
                "sector": sector_of.get(c.id),
                "approach_stops": load.get(c.id, 0),
                "approach_share": round(load.get(c.id, 0) / total_stops, 3)
                if total_stops
                else None,
            }
            for c in cps
        ],
        "routes": {"type": "FeatureCollection", "features": routes},
        "isochrones": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"minutes": minutes},
                    "geometry": shapely.geometry.mapping(
                        gpd.GeoSeries([shape], crs=area.crs).to_crs(WGS84).iloc[0]
                    ),
                }
                for minutes, shape in routed.isochrones.items()
                if not shape.is_empty
            ],
        },
        "problems": [{"key": p.key, "message": p.message()} for p in routed.problems],
    }


def _sector_of_checkpoints(checkpoints: list[Any], zones: access.PlanZones) -> dict[str, str]:
    out = {}
    for checkpoint in checkpoints:
        point = shapely.Point(checkpoint.x, checkpoint.y)
        distances = {name: poly.distance(point) for name, poly in zones.sectors.items()}
        if distances:
            name, distance = min(distances.items(), key=lambda kv: kv[1])
            if distance < 25.0:
                out[checkpoint.id] = name
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
