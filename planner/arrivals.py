"""Where the public comes from: arrival sources around a perimeter (docs/arrival-model.md).

Three ways of coming, each with its share of the public (:data:`doctrine.ARRIVAL_MODE_SHARES`):
transit stops outside the perimeter (each stop the same weight), homes on foot (residential
buildings outside the perimeter within the walking catchment, weighed by their residents: floor
area × levels / floor area per person) and car parks (``amenity=parking``, weighed by their
spaces). A way with no source in the data passes its share to the others, in proportion. Each
source is put on its nearest node of the walking graph; sources on one node are merged. The
weights sum to 1: each is the share of the public arriving from that node.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.area import Area
from planner.errors import Notice
from planner.routing import RoutingGraph
from planner.surface import parse_lanes

#: A source farther than this from the walking graph is left out (metres).
SOURCE_SNAP_M = 200.0

MODES: tuple[str, ...] = ("transit", "walk", "car")


@dataclass(frozen=True)
class ArrivalSources:
    """Arrival sources on the walking graph (node index, share of the public, way of coming)."""

    nodes: np.ndarray
    weights: np.ndarray  # sums to 1 (empty when there is no source)
    modes: np.ndarray
    mode_shares: dict[str, float]  # as applied, after passing on empty ways' shares
    counts: dict[str, int]  # sources found per way (before merging on nodes)
    notices: tuple[Notice, ...] = ()


def arrival_sources(
    area: Area,
    perimeter: BaseGeometry,
    walk: RoutingGraph | None = None,
    mode_shares: dict[str, float] | None = None,
) -> ArrivalSources:
    """The arrival sources of a (projected) perimeter on ``area``."""
    walk = walk or area.routing("walk")
    shares = dict(mode_shares or doctrine.ARRIVAL_MODE_SHARES)
    catchment = perimeter.buffer(doctrine.WALK_CATCHMENT_M)
    pois = area.pois
    notices: list[Notice] = []

    stops = pois[pois["category"] == "transit"]
    stop_xy = shapely.get_coordinates(stops.geometry.values)
    inside = shapely.contains_xy(perimeter, *stop_xy.T) if len(stop_xy) else np.zeros(0, bool)
    if inside.any():
        notices.append(Notice("route_stops_inside", {"count": int(inside.sum())}))
    stop_xy = stop_xy[~inside]
    near = shapely.contains_xy(catchment, *stop_xy.T) if len(stop_xy) else np.zeros(0, bool)
    transit = _on_graph(walk, stop_xy[near], np.ones(int(near.sum())), dedupe=True)

    homes = _homes(area, perimeter, catchment)
    walkers = _on_graph(walk, *homes)

    parks = pois[pois["category"] == "parking"] if "category" in pois else pois.iloc[:0]
    park_xy = shapely.get_coordinates(parks.geometry.values)
    keep = (
        shapely.contains_xy(catchment, *park_xy.T) & ~shapely.contains_xy(perimeter, *park_xy.T)
        if len(park_xy)
        else np.zeros(0, bool)
    )
    spaces = np.array(
        [
            _spaces(c, a)
            for c, a in zip(_col(parks, "capacity"), _col(parks, "area_m2"), strict=True)
        ]
    )
    cars = _on_graph(walk, park_xy[keep], spaces[keep] if len(spaces) else np.zeros(0))

    found = {"transit": transit, "walk": walkers, "car": cars}
    counts = {mode: len(found[mode][0]) for mode in MODES}
    present = {m: shares.get(m, 0.0) for m in MODES if counts[m] and found[m][1].sum() > 0}
    total = sum(present.values())
    applied = {m: (present.get(m, 0.0) / total if total else 0.0) for m in MODES}
    nodes, weights, modes = [], [], []
    for mode in MODES:
        at, weight = found[mode]
        if not applied[mode]:
            continue
        nodes.append(at)
        weights.append(weight / weight.sum() * applied[mode])
        modes.append(np.full(len(at), mode, dtype=object))
    if not nodes:
        return ArrivalSources(
            np.zeros(0, np.int64),
            np.zeros(0),
            np.zeros(0, object),
            applied,
            counts,
            (*notices, Notice("arrivals_no_source")),
        )
    return ArrivalSources(
        np.concatenate(nodes),
        np.concatenate(weights),
        np.concatenate(modes),
        applied,
        counts,
        tuple(notices),
    )


def _homes(
    area: Area, perimeter: BaseGeometry, catchment: BaseGeometry
) -> tuple[np.ndarray, np.ndarray]:
    """Centroids and residents of the residential buildings in the catchment, outside."""
    buildings = area.buildings
    homes = buildings[buildings["building"].isin(doctrine.RESIDENTIAL_BUILDINGS).to_numpy()]
    if len(homes) == 0:
        return np.zeros((0, 2)), np.zeros(0)
    centres = shapely.get_coordinates(shapely.centroid(homes.geometry.values))
    keep = shapely.contains_xy(catchment, *centres.T) & ~shapely.contains_xy(perimeter, *centres.T)
    levels = np.array(
        [parse_lanes(v) or doctrine.DEFAULT_BUILDING_LEVELS for v in homes["building:levels"]],
        dtype=float,
    )
    residents = shapely.area(homes.geometry.values) * levels / doctrine.FLOOR_M2_PER_PERSON
    return centres[keep], residents[keep]


def _spaces(capacity: object, area_m2: object) -> float:
    """Spaces of a car park: its ``capacity`` tag, else its outline's area, else the default."""
    tagged = parse_lanes(capacity)  # a positive whole number, as ``lanes`` is read
    if tagged:
        return float(tagged)
    if isinstance(area_m2, (int, float)) and area_m2 > 0:
        return max(1.0, area_m2 / doctrine.PARKING_M2_PER_SPACE)
    return float(doctrine.PARKING_DEFAULT_SPACES)


def _col(frame, key: str) -> list:
    return frame[key].tolist() if key in frame.columns else [None] * len(frame)


def _on_graph(
    walk: RoutingGraph, xy: np.ndarray, weight: np.ndarray, dedupe: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Sources snapped to their nearest walking node and merged per node. ``dedupe``: sources
    on one node count once (the platforms and poles of one stop)."""
    if len(xy) == 0:
        return np.zeros(0, np.int64), np.zeros(0)
    nodes = walk.nearest_nodes(xy, SOURCE_SNAP_M)
    ok = nodes >= 0
    nodes, weight = nodes[ok], np.asarray(weight, dtype=float)[ok]
    unique, index = np.unique(nodes, return_inverse=True)
    if dedupe:
        return unique, np.ones(len(unique))
    return unique, np.bincount(index.ravel(), weight, len(unique))
