"""Migrations of older scenario documents to the current format version.

Each step takes a document (plain JSON data) of version N and returns version N+1. Version 1 was
the early single-perimeter layout (``name``, ``area`` as a demo id, ``perimeter`` and ``sectors``
geometries, ``event`` with a date and an attendance). Version 3 added ``staffing``; version 4
added ``access_roles`` (the planner's role per access, keyed by the crossed OSM ways) and the
access-plan and response-time fields of ``staffing``; version 6 added the event's ``shifts``
(the metropolitan season).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.crs import projected_crs_for

Document = dict[str, Any]


def _v1_to_v2(doc: Document) -> Document:
    """Any value of a version-1 document may be of the wrong type: this step moves values
    along and leaves the checks to the model (which names the place at fault)."""
    event = _mapping(doc.get("event"))
    date = str(event.get("date") or "1970-01-01")
    zones = []
    if doc.get("perimeter"):
        zones.append(_zone(doc["perimeter"], "perimeter", "perimeter-1", None))
    sectors = doc.get("sectors")
    for i, sector in enumerate(sectors if isinstance(sectors, list) else [], start=1):
        sector = _mapping(sector)
        zones.append(_zone(sector.get("geometry"), "sector", f"sector-{i}", sector.get("name")))
    crs = "EPSG:2154"
    first = _first_position(doc.get("perimeter"))
    if first is not None:
        crs = projected_crs_for(first[0], first[1])
    created_by = doc.get("created_by") or "unknown"
    created_at = doc.get("created_at") or f"{date}T00:00:00"
    return {
        "format": doc.get("format"),
        "version": 2,
        "kind": "event",
        "title": doc.get("name"),
        "area": {"kind": "demo", "id": doc.get("area"), "crs": crs},
        "event": {
            "name": event.get("name") or doc.get("name"),
            "start": f"{date}T00:00:00",
            "end": f"{date}T23:59:00",
            "peak_attendance": event.get("attendance", 0),
        },
        "zones": zones,
        "authorship": {
            "created_by": created_by,
            "created_at": created_at,
            "updated_by": created_by,
            "updated_at": created_at,
        },
    }


def _v2_to_v3(doc: Document) -> Document:
    """Version 3 added the optional ``staffing`` settings: a version-2 plan keeps the defaults."""
    return {**doc, "version": 3}


def _v3_to_v4(doc: Document) -> Document:
    """Version 4 added ``access_roles`` and optional ``staffing`` fields (access plan, E2 parts):
    a version-3 plan has no override, so every access takes the proposed role."""
    return {**doc, "version": 4}


def _v4_to_v5(doc: Document) -> Document:
    """Version 5 added the placed mobile ``cameras`` and the communes' ``equipment`` (role
    ``camera``): a version-4 plan places none and its communes lend none."""
    return {**doc, "version": 5}


def _v5_to_v6(doc: Document) -> Document:
    """Version 6 added the event's ``shifts``: a version-5 event has none, so it is one shift
    over its whole time, with its peak attendance."""
    return {**doc, "version": 6}


def _v6_to_v7(doc: Document) -> Document:
    """Version 7 added the optional ``simulations`` (crowd simulation figures): a version-6
    plan has none."""
    return {**doc, "version": 7}


def _zone(geometry: Any, role: str, zone_id: str, name: Any) -> Document:
    properties = {"role": role, "id": zone_id}
    if name:
        properties["name"] = name
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _mapping(value: Any) -> Document:
    return value if isinstance(value, dict) else {}


def _first_position(geometry: Any) -> tuple[float, float] | None:
    """The first (lon, lat) of a geometry's coordinates, if it is one (in range, not NaN)."""
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    if (
        isinstance(coords, list)
        and len(coords) >= 2
        and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords[:2])
        and -180 <= coords[0] <= 180  # compared before any float(): an int may be huge
        and -90 <= coords[1] <= 90
    ):
        return float(coords[0]), float(coords[1])
    return None


#: version N -> function migrating a version-N document to N+1
MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
}


def migrate(doc: Document, target: int) -> Document:
    """The document migrated step by step up to ``target``."""
    version = doc.get("version")
    while isinstance(version, int) and version < target and version in MIGRATIONS:
        doc = MIGRATIONS[version](doc)
        version = doc["version"]
    return doc
