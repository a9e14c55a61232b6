"""Usable surface and exits of a sector: where the public can stand, and how it gets out.

The capacity of an area is the smaller of its usable surface times a density and of its exits'
width times a flow and a time (see ../shared/DOMAIN.md, "Crowd density and flow"). This module
measures both inputs on the OSM data. The usable surface is the walkable ground inside the sector:
streets buffered to their estimated full width, plus open spaces (pedestrian areas and squares;
parks are not standing room), minus building footprints. Exits are where walkable streets cross
the sector's outline, found and merged exactly as checkpoints are. A street's width comes from
its ``width`` tag, else its ``lanes``, else a default per highway class (numbers in
:mod:`planner.doctrine`), and every result says which estimate was used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.checkpoints import accesses
from planner.doctrine import (
    FALLBACK_STREET_WIDTH_M,
    LANE_WIDTH_M,
    SIDEWALK_WIDTH_M,
    STREET_WIDTH_BY_CLASS_M,
)
from planner.roads import VEHICLE_HIGHWAYS, Kind

WidthSource = Literal["width_tag", "lanes", "class_default"]
SurfaceSource = Literal["open_space", "width_tag", "lanes", "class_default"]

#: Order in which overlapping surfaces are attributed: each square metre is counted once, to the
#: first source that covers it (an open space is drawn as it is; a tagged width beats estimates).
#: Each has a label for the UI: message ``surface_source_<source>`` of :mod:`planner.messages`.
SURFACE_SOURCES: tuple[SurfaceSource, ...] = ("open_space", "width_tag", "lanes", "class_default")

#: Ways that are not standing room: people move through them, nobody waits there.
NOT_STANDING_ROOM = frozenset({"steps", "corridor", "elevator"})

#: Highway classes still counted as exits when they run in a tunnel (pedestrian underpasses).
WALKING_TUNNEL_HIGHWAYS = frozenset({"footway", "pedestrian"})

#: An OSM width in metres: "3", "3.5", "3.5 m", "3,5" (a decimal comma, a common tagging slip).
_WIDTH_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:m|metres?|meters?)?")


@dataclass(frozen=True)
class UsableSurface:
    """The ground of a sector the public can stand on, in m², and where it comes from."""

    usable_m2: float
    gross_m2: float
    by_source: dict[str, float]  # m² per SURFACE_SOURCES entry; the values sum to usable_m2
    geometry: BaseGeometry  # the usable polygon(s), in the area's CRS


@dataclass(frozen=True)
class Exit:
    """Where a walkable street leaves a sector (one access, its crossings merged)."""

    id: str
    street: str | None
    highway: str
    kind: Kind
    x: float
    y: float
    lon: float
    lat: float
    width_m: float
    width_source: WidthSource
    stairs: bool  # highway=steps: the Green Guide gives a lower flow on stairs
    osm_ways: tuple[int, ...]


def parse_width(tag: object) -> float | None:
    """Metres from an OSM ``width`` value, or None (missing, feet, ranges, anything else)."""
    if not isinstance(tag, str):
        return None
    match = _WIDTH_RE.fullmatch(tag.strip().lower())
    if match is None:
        return None
    width = float(match.group(1).replace(",", "."))
    return width if width > 0 else None


def parse_lanes(tag: object) -> int | None:
    """A positive number of lanes from an OSM ``lanes`` value, or None."""
    text = str(tag).strip() if tag is not None else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


def street_width(highway: str, width_tag: object, lanes_tag: object) -> tuple[float, WidthSource]:
    """Full width of a street (metres, wall to wall) and the estimate it comes from.

    The ``width`` tag when it parses as metres; else, for a drivable street, ``lanes`` times
    LANE_WIDTH_M plus two sidewalks; else the class default of STREET_WIDTH_BY_CLASS_M.
    """
    width = parse_width(width_tag)
    if width is not None:
        return width, "width_tag"
    lanes = parse_lanes(lanes_tag)
    if lanes is not None and highway in VEHICLE_HIGHWAYS:
        return lanes * LANE_WIDTH_M + 2 * SIDEWALK_WIDTH_M, "lanes"
    return STREET_WIDTH_BY_CLASS_M.get(highway, FALLBACK_STREET_WIDTH_M), "class_default"


def usable_surface(area: Area, polygon: BaseGeometry, moving: bool = False) -> UsableSurface:
    """The usable surface of ``polygon`` (in the area's CRS) for a standing public (for a
    moving one with ``moving``: steps and corridors kept, as an evacuation walks them).

    Streets crossing the polygon are buffered by half their width (flat caps); tunnels, steps,
    corridors and elevators are left out. Sidewalks drawn as their own ways are kept: a street's
    default width already holds sidewalks, but mapped sidewalks often lie beyond it, and
    overlaps are counted once, in the order of SURFACE_SOURCES. Open spaces are added and
    building footprints taken away.
    """
    streets = _standing_streets(area, polygon, moving)
    widths, sources = street_widths(streets)
    buffers = shapely.buffer(streets.geometry.values, widths / 2, cap_style="flat")
    layers = {"open_space": _intersecting(area.open_spaces, polygon)}
    layers |= {source: buffers[sources == source] for source in SURFACE_SOURCES[1:]}
    ground = shapely.difference(polygon, shapely.union_all(_intersecting(area.buildings, polygon)))
    covered: BaseGeometry = Polygon()
    by_source: dict[str, float] = {}
    for source, parts in layers.items():
        before = covered.area
        covered = shapely.union(covered, shapely.intersection(shapely.union_all(parts), ground))
        by_source[source] = covered.area - before
    return UsableSurface(covered.area, polygon.area, by_source, covered)


def sector_exits(area: Area, polygon: BaseGeometry) -> tuple[Exit, ...]:
    """The exits of ``polygon`` (in the area's CRS), E1, E2, … clockwise as checkpoints are.

    Road tunnels are not exits (footways and pedestrian streets in a tunnel are). An exit's width
    is that of the widest of its merged ways: one carriageway of a dual carriageway, not both,
    which errs on the safe side.
    """
    found = [
        c for c in accesses(area, polygon) if not c.tunnel or c.highway in WALKING_TUNNEL_HIGHWAYS
    ]
    width_of = way_widths(area.streets, {way for c in found for way in c.osm_ways})
    exits = []
    for number, c in enumerate(found, start=1):
        width_m, source = max((width_of[way] for way in c.osm_ways), key=lambda w: w[0])
        exits.append(
            Exit(
                id=f"E{number}",
                street=c.street,
                highway=c.highway,
                kind=c.kind,
                x=c.x,
                y=c.y,
                lon=c.lon,
                lat=c.lat,
                width_m=width_m,
                width_source=source,
                stairs=c.highway == "steps",
                osm_ways=c.osm_ways,
            )
        )
    return tuple(exits)


def _standing_streets(area: Area, polygon: BaseGeometry, moving: bool = False) -> gpd.GeoDataFrame:
    """The street segments crossing ``polygon`` that a standing public can occupy (with
    ``moving``: that a walking public can use, steps and pedestrian tunnels included)."""
    streets = area.streets.iloc[area.street_tree.query(polygon, predicate="intersects")]
    tunnel = streets["tunnel"].notna() & ~streets["tunnel"].isin(("no", ""))
    if moving:
        keep = ~tunnel | streets["highway"].isin(WALKING_TUNNEL_HIGHWAYS)
    else:
        keep = ~(tunnel | streets["highway"].isin(NOT_STANDING_ROOM))
    return streets[keep.to_numpy()]


def way_widths(streets: gpd.GeoDataFrame, ways: set[int]) -> dict[int, tuple[float, WidthSource]]:
    """Width (metres) and its estimate of each of ``ways`` (OSM way ids) found in ``streets``."""
    rows = streets[streets["osm_id"].isin(ways)].drop_duplicates("osm_id")
    widths, sources = street_widths(rows)
    estimates = zip(widths.tolist(), sources.tolist(), strict=True)
    return dict(zip(rows["osm_id"].tolist(), estimates, strict=True))


def street_widths(streets: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Width (metres) and width source of each street segment of ``streets``."""
    estimates = [
        street_width(highway, width, lanes)
        for highway, width, lanes in zip(
            streets["highway"], streets["width"], streets["lanes"], strict=True
        )
    ]
    if not estimates:
        return np.zeros(0), np.zeros(0, dtype=object)
    widths, sources = zip(*estimates, strict=True)
    return np.array(widths, dtype=float), np.array(sources, dtype=object)


def _intersecting(frame: gpd.GeoDataFrame, polygon: BaseGeometry) -> np.ndarray:
    """The geometries of ``frame`` that intersect ``polygon`` (through the frame's sindex), made
    valid: OSM has self-touching building outlines that make GEOS unions fail."""
    found = frame.geometry.to_numpy()[frame.sindex.query(polygon, predicate="intersects")]
    return shapely.make_valid(found) if len(found) else found
