"""Editing a scenario from the app: a new blank plan, zones from the map's drawings.

The map's drawing layer holds the scenario's zones as editable shapes, each carrying its
properties (role, id, name); what Leaflet.draw sends back after a drawing, an edit or a deletion
is the whole layer. :func:`zones_from_drawings` turns it back into zones: known zones keep their
properties, new shapes get the role the planner chose and a fresh id (sectors: the next letter).
"""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta
from typing import Any

from scenarios.model import AreaRef, Authorship, Event, Geometry, Scenario, Zone, ZoneProperties

COORDINATE_DIGITS = 7  # ~1 cm


def new_scenario(area: AreaRef, author: str, title: str = "Nouveau plan") -> Scenario:
    """An empty event plan on an area, starting tomorrow at 18:00 for six hours."""
    now = datetime.now(UTC).replace(microsecond=0)
    start = (now + timedelta(days=1)).replace(hour=18, minute=0, second=0)
    return Scenario(
        kind="event",
        title=title,
        area=area,
        event=Event(name=title, start=start, end=start + timedelta(hours=6), peak_attendance=0),
        authorship=Authorship(created_by=author, created_at=now, updated_by=author, updated_at=now),
    )


def zones_from_drawings(
    previous: list[Zone], drawings: list[dict[str, Any]], role: str
) -> list[Zone]:
    """The zones after a drawing event (Leaflet.draw's whole layer as GeoJSON features)."""
    by_id = {zone.properties.id: zone for zone in previous}
    by_shape = {_shape_key(zone.geometry.model_dump()): zone for zone in previous}
    zones: list[Zone] = []
    for drawing in drawings:
        geometry = drawing.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        geometry = {
            "type": geometry["type"],
            "coordinates": rounded_coordinates(geometry["coordinates"]),
        }
        zone_id = (drawing.get("properties") or {}).get("id")
        known = by_id.get(zone_id) or by_shape.get(_shape_key(geometry))
        if known is not None:
            zones.append(known.model_copy(update={"geometry": Geometry(**geometry)}))
        else:
            zones.append(
                Zone(
                    geometry=Geometry(**geometry),
                    properties=_new_properties(role, previous + zones),
                )
            )
    return zones


def _new_properties(role: str, existing: list[Zone]) -> ZoneProperties:
    ids = {zone.properties.id for zone in existing}
    number = 1
    while f"{role}-{number}" in ids:
        number += 1
    name = None
    if role == "sector":
        names = [z.properties.name or "" for z in existing if z.properties.role == "sector"]
        used = {n for name in names for n in (name, *name.split()[-1:])}  # "A", "Secteur A"
        name = next((letter for letter in _letters() if letter not in used), None)
    return ZoneProperties(role=role, id=f"{role}-{number}", name=name)


def _letters():
    yield from string.ascii_uppercase
    for first in string.ascii_uppercase:
        for second in string.ascii_uppercase:
            yield first + second


def rounded_coordinates(coords: Any) -> Any:
    """GeoJSON coordinates (lists or shapely's tuples) as lists rounded to ~1 cm."""
    nested = isinstance(coords, (list, tuple))
    if nested and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), COORDINATE_DIGITS) for c in coords]
    return [rounded_coordinates(c) for c in coords] if nested else coords


def _shape_key(geometry: dict[str, Any]) -> str:
    return repr(rounded_coordinates(geometry.get("coordinates")))
