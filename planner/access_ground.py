"""The ground at an access: frontage, the queue's room outside the perimeter, fence length.

Metric work in the area's projected CRS. A crossing's frontage is the street's full width there
(the widest of its ways, :func:`planner.surface.street_width`); the queue waits off the traffic,
on the crossed ways and the footways near the access outside the perimeter.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.memo import Memo
from planner.surface import street_widths, way_widths


def frontages(area: Area, checkpoints: list[Checkpoint]) -> tuple[np.ndarray, list[str]]:
    """Street width at each crossing (the widest of its ways) and the estimate used."""
    width_of = way_widths(area.streets, {w for c in checkpoints for w in c.osm_ways})
    out, sources = [], []
    for c in checkpoints:
        found = [width_of[w] for w in c.osm_ways if w in width_of]
        width, source = max(found, key=lambda x: x[0]) if found else (0.0, "class_default")
        out.append(width)
        sources.append(source)
    return np.array(out, dtype=float), sources


def queue_room(
    area: Area, c: Checkpoint, perimeter: BaseGeometry, frontage: float, queue_m2: float
) -> tuple[float, BaseGeometry | None]:
    """Ground outside the perimeter within QUEUE_REACH_M of the access where a queue may wait
    off the traffic (m²): the crossed ways at the access's frontage, and the footways and
    pedestrian ways nearby at their own width; and the part the queue takes (nearest first).
    The ground does not depend on the queue: it is cached by the access and the perimeter."""
    where = shapely.Point(c.x, c.y)
    room = _GROUND.get(
        (area.id, c.x, c.y, c.osm_ways, frontage, perimeter.wkb),
        lambda: _queue_ground(area, c, perimeter, frontage),
    )
    if room is None:
        return 0.0, None
    if queue_m2 <= 0 or room.is_empty:
        return float(room.area), None
    radius = _radius_for(room, where, queue_m2)
    taken = shapely.intersection(room, where.buffer(radius))
    return float(room.area), taken if not taken.is_empty else None


#: The ground at each access of a server's recent perimeters (a few dozen accesses each).
_GROUND: Memo[BaseGeometry | None] = Memo(2048)


def _queue_ground(
    area: Area, c: Checkpoint, perimeter: BaseGeometry, frontage: float
) -> BaseGeometry | None:
    """The ground of :func:`queue_room` (None when no way near the access may hold a queue)."""
    where = shapely.Point(c.x, c.y)
    reach = where.buffer(doctrine.QUEUE_REACH_M)
    near = area.streets.iloc[area.street_tree.query(reach, predicate="intersects")]
    own = near["osm_id"].isin(c.osm_ways).to_numpy()
    walkway = (near["kind"] == "pedestrian").to_numpy() & ~own
    if not (own.any() or walkway.any()):
        return None
    widths, _ = street_widths(near)
    half = np.where(own, max(frontage, 0.5), widths) / 2
    keep = own | walkway
    parts = shapely.intersection(near.geometry.values[keep], reach)
    room = shapely.union_all(shapely.buffer(parts, half[keep], cap_style="flat"))
    room = shapely.difference(shapely.intersection(room, reach), perimeter)
    return room


def _radius_for(room: BaseGeometry, where: shapely.Point, queue_m2: float) -> float:
    """Smallest radius round the access whose part of ``room`` holds ``queue_m2`` (bisection;
    the whole reach when it does not)."""
    low, high = 0.0, doctrine.QUEUE_REACH_M
    if shapely.intersection(room, where.buffer(high)).area < queue_m2:
        return high
    for _ in range(20):
        mid = (low + high) / 2
        low, high = (
            (mid, high) if room.intersection(where.buffer(mid)).area < queue_m2 else (low, mid)
        )
    return high


def fence_m(perimeter: BaseGeometry, frontage_m: float) -> float:
    """Fence between the accesses: the outline's length less the accesses' frontage."""
    return max(0.0, perimeter.boundary.length - frontage_m)
