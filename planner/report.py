"""The plan report (``report.json``): what a plan gives, sector by sector, as plain data.

Sectors (surface, capacity, exits, evacuation, emergency access with the DPS E2 indicator, staff
by role and task), checkpoints (screening lanes and expected wait, approach load), the DPS, the
roster of the communes' agents and the shortfall, the routes and isochrones, and every problem
found. Format ``vigie.report``, version :data:`REPORT_VERSION`.
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

REPORT_FORMAT = "vigie.report"
REPORT_VERSION = 2


def plan_report(
    area: Area, plan: Plan, title: str = "", scenario_version: int | None = None
) -> dict[str, Any]:
    """The report of a plan on an area (JSON-ready)."""
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
                "evacuation_walk_s": rounded(evac.duration_s) if evac else None,
                "evacuation_worst_walk_s": evac.properties["worst_case_s"] if evac else None,
            }
        )
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "title": title,
        "scenario_version": scenario_version,
        "area": {"id": area.id, "name": area.name, "crs": area.crs},
        "sectors": sectors,
        "checkpoints": _checkpoints(plan),
        **_staffing(plan),
        "routes": {
            "type": "FeatureCollection",
            "features": [
                r.to_feature(area.crs)
                for r in [*routed.emergency.routes(), *routed.evacuation, *routed.approach]
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
        "evacuation_min": rounded(sheet.evacuation_min),
        "evacuation_widest_blocked_min": rounded(sheet.evacuation_widest_blocked_min),
        "staff": sheet.staff,
        "tasks": sheet.tasks,
    }


def _checkpoints(plan: Plan) -> list[dict[str, Any]]:
    load = plan.access.approach_load
    total_stops = sum(load.values())
    screening = plan.screening_of()
    out = []
    for c in plan.checkpoints:
        s, sector = screening[c.id]
        out.append(
            {
                "id": c.id,
                "lon": round(c.lon, 7),
                "lat": round(c.lat, 7),
                "street": c.street,
                "highway": c.highway,
                "kind": c.kind,
                "sector": sector,
                "approach_stops": load.get(c.id, 0),
                "approach_share": round(load.get(c.id, 0) / total_stops, 3)
                if total_stops
                else None,
                "entry_share": round(s.share, 3) if s else None,
                "peak_arrivals_per_min": round(s.arrivals_per_min, 1) if s else None,
                "lanes": s.lanes if s else None,
                "screening_agents": s.agents if s else None,
                "expected_wait_min": rounded(s.expected_wait_min) if s else None,
                "wait_95_min": rounded(s.wait_at_target_share_min) if s else None,
            }
        )
    return out


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


def rounded(value: float | None) -> float | None:
    """To 0.1 (seconds, minutes); None for no value or an infinite one (not reachable)."""
    if value is None or math.isinf(value):
        return None
    return round(value, 1)
