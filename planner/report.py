"""The plan report (``report.json``): what a plan gives, sector by sector, as plain data.

Sectors (surface, capacity, exits to a safe place, evacuation as walk + flow, emergency access
with the DPS E2 indicator and its response-time parts, staff by role and task), checkpoints
(every crossing with its role, frontage, lanes and waits when filtering, queue space, barrier
units, anti-ram protection), the materials in total, the DPS, the roster of the communes' agents
and the shortfall, the routes (detours round closed accesses included) and isochrones, and every
problem found, and (version 4) the video-protection coverage: ``cameras`` with its summary (the
shares seen of the filtering points, their queues, the outline and each sector's usable surface,
blind spots) and every camera in reach with its ranges by DORI level. Format ``vigie.report``,
version :data:`REPORT_VERSION` (3: access roles, materials, walk + flow evacuation, E2 parts;
4: cameras; 5: ``peak_shift``, the shift whose figures these are — the event's shift with
the most public — and ``shifts``, every shift of the event; 6: ``simulation``, the crowd
simulations saved with the scenario for this plan, one entry per sector and case).
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import shapely

from planner.area import Area
from planner.crs import WGS84
from planner.plan import Plan
from planner.staffing import SectorSheet, StaffingPlan
from planner.video import VideoPlan

REPORT_FORMAT = "vigie.report"
REPORT_VERSION = 6


def plan_report(
    area: Area,
    plan: Plan,
    title: str = "",
    scenario_version: int | None = None,
    video: VideoPlan | None = None,
    shifts: list[dict[str, Any]] | None = None,
    simulation: list[dict] | tuple[dict, ...] = (),
) -> dict[str, Any]:
    """The report of a plan on an area (JSON-ready), with its video protection when given;
    ``shifts`` (name, start, end, attendance, the peak first) say which shift its figures are of,
    and ``simulation`` lists the saved simulations' entries."""
    routed, staffing = plan.access, plan.staffing
    sheets = {s.name: s for s in staffing.sectors} if staffing else {}
    evacuation = {r.origin: r for r in routed.evacuation}
    sectors = []
    for access in routed.emergency.sectors:
        evac = evacuation.get(access.sector)
        sectors.append(
            {
                "name": access.sector,
                "area_m2": round(plan.zones.sectors[access.sector].area, 1),
                **_sheet(sheets.get(access.sector)),
                "emergency_reachable": access.reachable,
                "emergency_fastest_s": {k: rounded(v) for k, v in access.fastest_s.items()},
                "e2": access.e2,
                "e2_minutes": e2_minutes(access.e2_minutes),
                "evacuation_walk_s": rounded(evac.duration_s) if evac else None,
                "evacuation_worst_walk_s": evac.properties["worst_case_s"] if evac else None,
            }
        )
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "title": title,
        "scenario_version": scenario_version,
        "peak_shift": shifts[0] if shifts else None,
        "shifts": sorted(shifts or [], key=lambda s: s["start"]),
        "area": {"id": area.id, "name": area.name, "crs": area.crs},
        "sectors": sectors,
        "checkpoints": _checkpoints(plan),
        "simulation": [dict(entry) for entry in simulation],
        "materials": _materials(plan),
        "cameras": cameras_section(video, area.crs),
        **_staffing(plan),
        "routes": {
            "type": "FeatureCollection",
            "features": [
                r.to_feature(area.crs)
                for r in [
                    *routed.emergency.routes(),
                    *routed.evacuation,
                    *routed.approach,
                    *(plan.roles.detours if plan.roles else ()),
                ]
            ],
        },
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
        "problems": [{"key": p.key, "message": p.message()} for p in plan.problems],
    }


def _sheet(sheet: SectorSheet | None) -> dict[str, Any]:
    if sheet is None:
        return {"capacity": None, "evacuation_min": None, "staff": None}
    return {
        "usable_m2": round(sheet.usable_m2, 1),
        "surface_estimate_m2": {k: round(v, 1) for k, v in sheet.surface_by_source.items()},
        "capacity": sheet.capacity,
        "capacity_by_surface": sheet.capacity_by_surface,
        "capacity_by_exits": sheet.capacity_by_exits,
        "capacity_limited_by": sheet.limited_by,
        "public": sheet.public,
        "density_p_m2": round(sheet.public / sheet.usable_m2, 2) if sheet.usable_m2 else None,
        "exits": [
            {
                "id": e.id,
                "street": e.street,
                "highway": e.highway,
                "width_m": round(e.width_m, 1),
                "width_source": e.width_source,
                "stairs": e.stairs,
                "lon": round(e.lon, 7),
                "lat": round(e.lat, 7),
            }
            for e in sheet.exits
        ],
        "checkpoints": list(sheet.checkpoints),
        "evacuates_through": sheet.evacuation.through,
        "walk_to_exit_min": rounded(sheet.evacuation.walk_min),
        "walk_to_exit_widest_blocked_min": rounded(sheet.evacuation.walk_blocked_min),
        "flow_min": rounded(sheet.evacuation.flow_min),
        "flow_widest_blocked_min": rounded(sheet.evacuation.flow_blocked_min),
        "evacuation_min": rounded(sheet.evacuation_min),
        "evacuation_widest_blocked_min": rounded(sheet.evacuation_widest_blocked_min),
        "staff": sheet.staff,
        "tasks": sheet.tasks,
    }


def _checkpoints(plan: Plan) -> list[dict[str, Any]]:
    load = plan.access.approach_load
    total_stops = sum(load.values())
    screening = plan.screening_of()
    roles = plan.roles.by_id() if plan.roles else {}
    out = []
    for c in plan.checkpoints:
        s, sector = screening[c.id]
        role = roles.get(c.id)
        filtering = role is None or role.role == "filtering"
        out.append(
            {
                "id": c.id,
                "lon": round(c.lon, 7),
                "lat": round(c.lat, 7),
                "street": c.street,
                "highway": c.highway,
                "kind": c.kind,
                "osm_ways": list(c.osm_ways),
                "sector": sector,
                "role": role.role if role else None,
                "proposed_role": role.proposed if role else None,
                "overridden": role.overridden if role else False,
                "frontage_m": round(role.frontage_m, 1) if role else None,
                "width_source": role.width_source if role else None,
                "step_free": role.step_free if role else None,
                "max_lanes": role.max_lanes if role else None,
                "approach_stops": load.get(c.id, 0),
                "approach_share": round(load.get(c.id, 0) / total_stops, 3)
                if total_stops
                else None,
                "entry_share": round(s.share, 3) if s else (0.0 if not filtering else None),
                "peak_arrivals_per_min": round(s.arrivals_per_min, 1)
                if s
                else (0.0 if not filtering else None),
                "lanes": s.lanes if s else (0 if not filtering else None),
                "screening_agents": s.agents if s else (0 if not filtering else None),
                "expected_wait_min": rounded(s.expected_wait_min) if s else None,
                "wait_95_min": rounded(s.wait_at_target_share_min) if s else None,
                "queue_p95": role.queue_p95 if role else None,
                "queue_m2": rounded(role.queue_m2) if role else None,
                "queue_room_m2": round(role.queue_room_m2, 1) if role else None,
                "queue_fits": role.queue_fits if role else None,
                "barrier_units": role.barrier_units if role else None,
                "anti_ram": role.anti_ram if role else None,
                "anti_ram_means": role.anti_ram_means if role else None,
                "walk_to_filtering_m": rounded(role.walk_to_filtering_m) if role else None,
            }
        )
    return out


def _materials(plan: Plan) -> dict[str, Any]:
    if plan.roles is None:
        return {"barrier_units": 0, "anti_ram_accesses": 0, "fence_m": 0.0}
    m = plan.roles.materials
    return {
        "barrier_units": m.barrier_units,
        "anti_ram_accesses": m.anti_ram_accesses,
        "fence_m": round(m.fence_m, 1),
        "barrier_unit_m": plan.roles.parameters.barrier_unit_m,
        "filtering_points": len(plan.roles.filtering()),
        "closed_accesses": sum(a.role == "closed" for a in plan.roles.accesses),
        "emergency_accesses": sum(a.role == "emergency" for a in plan.roles.accesses),
    }


def e2_minutes(parts: dict[str, float | None]) -> dict[str, float | None]:
    """{alert, mobilisation, drive, total} in minutes (to 0.1), and ``entered`` when the total
    is the planner's SDIS figure."""
    keys = ("alert", "mobilisation", "drive", "total", "entered")
    return {k: rounded(parts.get(k)) for k in keys}


def _staffing(plan: Plan) -> dict[str, Any]:
    staffing, pooling = plan.staffing, plan.pooling
    if staffing is None:
        error = plan.staffing_error
        return {
            "staffing_error": error.message() if error else None,
            "dps": None,
            "roster": {},
            "shortfall": {},
        }
    cover = staffing.dps
    return {
        "staffing": _staffing_summary(staffing),
        "dps": {
            "public": cover.public,
            "counted_public": cover.counted_public,
            "p2": cover.p2,
            "e1": cover.e1,
            "e2": cover.e2,
            "indicator": cover.indicator,
            "ris": cover.ris,
            "category": cover.category,
            "first_aiders": cover.first_aiders,
            "posts": cover.posts,
            "e2_minutes": e2_minutes(staffing.e2_minutes),
        },
        "roster": pooling.roster() if pooling else {},
        "assignments": [
            {
                "commune": a.commune,
                "role": a.role,
                "sector": a.sector,
                "agents": a.agents,
                "distance_km": round(a.distance_m / 1000, 2),
                "distance_kind": a.distance_kind,
            }
            for a in (pooling.assignments if pooling else ())
        ],
        "shortfall": pooling.shortfall if pooling else {},
        "spare": pooling.spare if pooling else {},
    }


def _staffing_summary(staffing: StaffingPlan) -> dict[str, Any]:
    profile = staffing.profile
    return {
        "capacity": staffing.capacity,
        "totals": staffing.totals(),
        "lane_rate_p_min": round(staffing.lane_rate_p_min, 2),
        "agents_per_lane": staffing.agents_per_lane,
        "arrival_profile": [
            {"until_min": end, "share": round(share, 4)}
            for end, share in zip(profile.ends_min, profile.shares, strict=True)
        ],
        "parameters": {k: v for k, v in vars(staffing.parameters).items() if v is not None},
    }


def cameras_section(video: VideoPlan | None, crs: str) -> dict[str, Any] | None:
    """The report's ``cameras``: the summary and the camera Points of the video plan's GeoJSON
    (views and blind spots are in the CLI's ``cameras`` output and the exports)."""
    if video is None:
        return None
    collection = video.to_geojson(crs)
    cameras = [
        {
            **f["properties"],
            "lon": f["geometry"]["coordinates"][0],
            "lat": f["geometry"]["coordinates"][1],
        }
        for f in collection["features"]
        if f["properties"]["kind"] == "camera"
    ]
    return {"summary": collection["summary"], "cameras": cameras}


def rounded(value: float | None) -> float | None:
    """To 0.1 (seconds, minutes); None for no value or an infinite one (not reachable)."""
    if value is None or math.isinf(value):
        return None
    return round(value, 1)
