"""From a scenario document to the planning core's plain objects (area source, perimeter)."""

from __future__ import annotations

from planner.area import AreaSource
from planner.perimeter import Perimeter, make_perimeter
from scenarios.model import Scenario


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
