"""Access routes under the plan's closures: emergency access, evacuation, spectator approach.

Closures are masks over the routing graphs' edges (see :mod:`planner.routing`):

- general traffic: every street meeting the perimeter is closed;
- emergency vehicles: inside the perimeter, only the parts lying in an emergency lane are open;
- everyone: streets meeting a no-go zone or an active hazard zone are closed, and the streets an
  exercise's inject closes by name.

Emergency routes go from every fire station, hospital with an emergency service and police
station to every sector (one reverse search per sector); evacuation routes from each sector to the
nearest exit outside the perimeter or assembly point; approach routes from each transit stop to
its nearest open checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.area import Area
from planner.crs import WGS84, reproject
from planner.doctrine import ISOCHRONE_MINUTES, e2_indicator
from planner.errors import Notice
from planner.routing import RoutingGraph, Search, path_line, search
from planner.zones import PlanZones

#: A station farther than this from the drivable graph is "outside the graph".
STATION_SNAP_M = 300.0
#: A sector is reached when a vehicle gets inside it or this close to it (it parks, crews walk).
SECTOR_REACH_M = 30.0
#: The part of a street inside the perimeter is open to emergency vehicles when it lies within
#: this distance of an emergency lane zone.
LANE_TOLERANCE_M = 8.0
#: Exits of an evacuation: walkable nodes outside the perimeter, within this band of it.
EXIT_BAND_M = 60.0
#: Transit stops farther than this walk from every checkpoint do not serve the event.
APPROACH_MAX_M = 1500.0

EMERGENCY_CATEGORIES = ("fire_station", "hospital", "police")
#: Routes drawn per sector and station kind: the fastest few (every station's time is kept).
ROUTES_PER_KIND = 3


@dataclass(frozen=True)
class Closures:
    """Open-edge masks of the drivable and walkable graphs."""

    general: np.ndarray
    emergency: np.ndarray
    walking: np.ndarray
    approach: np.ndarray


@dataclass(frozen=True)
class Route:
    """One computed route (projected line; edges index the routing graph of its mode)."""

    kind: str
    origin: str
    destination: str
    length_m: float
    duration_s: float
    line: LineString
    edges: tuple[int, ...]
    properties: dict[str, Any] = field(default_factory=dict)

    def to_feature(self, crs: str) -> dict[str, Any]:
        line = reproject([self.line], crs, WGS84)[0]
        coords = [[round(x, 7), round(y, 7)] for x, y in shapely.get_coordinates(line)]
        return {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {
                "kind": self.kind,
                "from": self.origin,
                "to": self.destination,
                "length_m": round(self.length_m, 1),
                "duration_s": round(self.duration_s, 1),
                **self.properties,
            },
        }


@dataclass(frozen=True)
class ResponseTime:
    """The parts of the public emergency response time (minutes) other than the drive, and the
    SDIS's known figure the planner enters for an area without a fire station that reaches."""

    alert_min: float = doctrine.E2_ALERT_MIN
    mobilisation_min: float = doctrine.E2_MOBILISATION_MIN
    entered_min: float | None = None

    def parts(self, drive_s: float | None) -> dict[str, float | None]:
        """{alert, mobilisation, drive, total} in minutes; from the entered figure (shown as
        entered, its parts None) when no drive is known; total None when neither is."""
        if drive_s is not None:
            drive = drive_s / 60
            total = self.alert_min + self.mobilisation_min + drive
            return {
                "alert": self.alert_min,
                "mobilisation": self.mobilisation_min,
                "drive": drive,
                "total": total,
                "entered": None,
            }
        return {
            "alert": None,
            "mobilisation": None,
            "drive": None,
            "total": self.entered_min,
            "entered": self.entered_min,
        }


@dataclass(frozen=True)
class SectorAccess:
    """How fast emergency vehicles reach a sector, and the DPS E2 indicator it gives."""

    sector: str
    fastest_s: dict[str, float | None]  # by station category
    routes: tuple[Route, ...]  # the fastest ROUTES_PER_KIND of each kind
    station_s: dict[str, float | None]  # every station's time (None: cannot reach)
    reachable: bool
    e2: float
    e2_minutes: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class AccessPlan:
    """Emergency access, with what could not be routed (flagged, never a crash)."""

    sectors: tuple[SectorAccess, ...]
    problems: tuple[Notice, ...]

    def routes(self) -> list[Route]:
        return [r for s in self.sectors for r in s.routes]


def closures(area: Area, zones: PlanZones) -> Closures:
    """Open-edge masks for general traffic, emergency vehicles, walking and the approach."""
    drive, walk = area.routing("drive"), area.routing("walk")
    blocked_geom = zones.blocked()
    drive_blocked, walk_blocked = (
        graph.edges_named(zones.closed_streets)
        | (
            graph.edges_intersecting(blocked_geom)
            if blocked_geom is not None
            else np.zeros(graph.n_edges, dtype=bool)
        )
        for graph in (drive, walk)
    )
    if zones.perimeter is None:
        return Closures(~drive_blocked, ~drive_blocked, ~walk_blocked, ~walk_blocked)
    in_perimeter = drive.edges_intersecting(zones.perimeter)
    lane_ok = np.zeros(drive.n_edges, dtype=bool)
    if zones.emergency_lanes:
        lanes = shapely.union_all(list(zones.emergency_lanes)).buffer(LANE_TOLERANCE_M)
        candidates = np.flatnonzero(in_perimeter)
        inside = shapely.intersection(drive.geometry[candidates], zones.perimeter)
        lane_ok[candidates] = shapely.covered_by(inside, lanes)
    deep_inside = walk.edges_intersecting(zones.perimeter.buffer(-10.0))
    return Closures(
        general=~in_perimeter & ~drive_blocked,
        emergency=(~in_perimeter | lane_ok) & ~drive_blocked,
        walking=~walk_blocked,
        approach=~walk_blocked & ~deep_inside,
    )


def emergency_stations(area: Area) -> gpd.GeoDataFrame:
    """Fire stations, police stations and hospitals with an emergency service (all hospitals
    when none is tagged ``emergency=yes``), in the area's CRS."""
    pois = area.pois[area.pois["category"].isin(EMERGENCY_CATEGORIES)].copy()
    hospitals = pois["category"] == "hospital"
    with_emergency = hospitals & (pois["emergency"] == "yes")
    if with_emergency.any():
        pois = pois[~hospitals | with_emergency]
    else:
        pois = pois[~hospitals | (pois["kind"] == "hospital")]
    pois["label"] = [
        n if isinstance(n, str) and n else f"{c} {i}"
        for n, c, i in zip(pois["name"], pois["category"], pois["osm_id"], strict=True)
    ]
    return pois.reset_index(drop=True)


def emergency_access(
    area: Area,
    zones: PlanZones,
    masks: Closures | None = None,
    response: ResponseTime | None = None,
) -> AccessPlan:
    """Fastest emergency-vehicle route from every station to every sector, under the closures.

    E2 comes from the response time: alert + mobilisation + the fastest fire-station drive, or
    the planner's entered figure when no fire station reaches. An area whose data hold no
    station of a kind says so (a clipped extract), rather than calling the sectors unreachable.
    """
    drive = area.routing("drive")
    masks = masks or closures(area, zones)
    response = response or ResponseTime()
    stations = emergency_stations(area)
    missing = [k for k in EMERGENCY_CATEGORIES if not (stations["category"] == k).any()]
    station_nodes = drive.nearest_nodes(
        shapely.get_coordinates(stations.geometry.values), STATION_SNAP_M
    )
    problems = [
        Notice("route_station_off_graph", {"station": label, "limit": STATION_SNAP_M})
        for label, node in zip(stations["label"], station_nodes, strict=True)
        if node < 0
    ]
    if missing and zones.sectors:
        problems.append(Notice("route_no_station_in_area", {"kinds": ", ".join(missing)}))
    if "fire_station" in missing and zones.sectors:
        problems.append(
            Notice("route_e2_entered", {"minutes": response.entered_min})
            if response.entered_min is not None
            else Notice("route_e2_needs_entry")
        )
    results = []
    for name, polygon in zones.sectors.items():
        targets, offsets = _sector_entries(drive, polygon, masks.emergency)
        reverse = search(drive, targets, masks.emergency, reverse=True, offsets=offsets)
        seconds = np.where(
            station_nodes >= 0, reverse.seconds[np.maximum(station_nodes, 0)], np.inf
        )
        station_s = {
            label: (float(s) if np.isfinite(s) else None)
            for label, s in zip(stations["label"], seconds, strict=True)
        }
        routes, fastest = [], {category: None for category in EMERGENCY_CATEGORIES}
        for category in EMERGENCY_CATEGORIES:
            of_kind = np.flatnonzero(
                (stations["category"] == category).to_numpy() & np.isfinite(seconds)
            )
            chosen = of_kind[np.argsort(seconds[of_kind])][:ROUTES_PER_KIND]
            if len(chosen):
                fastest[category] = float(seconds[chosen[0]])
            for index in chosen:
                routes.append(
                    _route(
                        drive,
                        reverse,
                        int(station_nodes[index]),
                        "emergency",
                        stations["label"].iloc[index],
                        name,
                        {"station_kind": category},
                    )
                )
        reachable = bool(routes)
        if not reachable and len(stations) and (station_nodes >= 0).any():
            problems.append(Notice("route_sector_unreachable", {"sector": name}))
        parts = response.parts(fastest["fire_station"])
        results.append(
            SectorAccess(
                name,
                fastest,
                tuple(routes),
                station_s,
                reachable,
                e2_indicator(parts["total"]),
                parts,
            )
        )
    return AccessPlan(tuple(results), tuple(problems))


def evacuation_routes(
    area: Area, zones: PlanZones, masks: Closures | None = None
) -> tuple[list[Route], list[Notice]]:
    """From each sector to the nearest exit (outside the perimeter) or assembly point, on foot."""
    walk = area.routing("walk")
    masks = masks or closures(area, zones)
    exits = _exit_nodes(walk, zones)
    reverse = search(walk, exits, masks.walking, reverse=True)
    routes, problems = [], []
    for name, polygon in zones.sectors.items():
        inside = walk.nodes_within(polygon)
        reached = inside[np.isfinite(reverse.seconds[inside])] if len(inside) else inside
        if len(reached) == 0:
            problems.append(Notice("route_no_way_out", {"sector": name}))
            continue
        start = int(walk.nearest_nodes(np.array([_inner_point(polygon)]))[0])
        if start < 0 or not reverse.reached(start) or start not in set(inside.tolist()):
            start = int(
                reached[np.argmin(np.linalg.norm(walk.xy[reached] - _inner_point(polygon), axis=1))]
            )
        worst = float(np.max(reverse.seconds[reached]))
        routes.append(
            _route(
                walk, reverse, start, "evacuation", name, "exit", {"worst_case_s": round(worst, 1)}
            )
        )
    return routes, problems


def approach_routes(
    area: Area, zones: PlanZones, checkpoints: list[Any], masks: Closures | None = None
) -> tuple[list[Route], dict[str, int], list[Notice]]:
    """From each transit stop to its nearest open checkpoint; stops per checkpoint."""
    walk = area.routing("walk")
    masks = masks or closures(area, zones)
    if not checkpoints:
        return [], {}, [Notice("route_no_checkpoint")]
    checkpoint_nodes = walk.nearest_nodes(np.array([(c.x, c.y) for c in checkpoints]))
    by_node = {int(n): c for n, c in zip(checkpoint_nodes, checkpoints, strict=True)}
    reverse = search(walk, checkpoint_nodes, masks.approach, reverse=True)
    stops = area.pois[area.pois["category"] == "transit"]
    routes, load, problems, seen = [], {c.id: 0 for c in checkpoints}, [], set()
    # the stops as whole columns: positions, inside the perimeter, nearest nodes (one query)
    xy = shapely.get_coordinates(shapely.centroid(stops.geometry.values)).reshape(-1, 2)
    within = (
        shapely.contains(zones.perimeter, stops.geometry.values)
        if zones.perimeter is not None
        else np.zeros(len(stops), bool)
    )
    nodes = walk.nearest_nodes(xy) if len(stops) else np.zeros(0, np.int64)
    inside = int(within.sum())
    for name, kind, node, held in zip(
        stops["name"], stops["kind"], nodes.tolist(), within.tolist(), strict=True
    ):
        if held or node < 0 or node in seen or not reverse.reached(node):
            continue
        seen.add(node)
        edges = reverse.edge_path(node)
        length = float(sum(walk.length_m[e] for e in edges))
        if length > APPROACH_MAX_M:
            continue
        checkpoint = by_node[int(reverse.sources[node])]
        label = name if isinstance(name, str) and name else kind
        load[checkpoint.id] += 1
        routes.append(
            Route(
                "approach",
                str(label),
                f"{checkpoint.id} {checkpoint.street or ''}".strip(),
                length,
                float(reverse.seconds[node]),
                path_line(walk, edges, node),
                tuple(edges),
                {"checkpoint": checkpoint.id, "stop_kind": kind},
            )
        )
    if inside:
        problems.append(Notice("route_stops_inside", {"count": inside}))
    return routes, load, problems


def isochrones(area: Area, masks: Closures) -> dict[int, BaseGeometry]:
    """Areas reached in 5/10/15 minutes from the fire stations, under the emergency closures."""
    drive = area.routing("drive")
    stations = emergency_stations(area)
    fire = stations[stations["category"] == "fire_station"]
    nodes = drive.nearest_nodes(shapely.get_coordinates(fire.geometry.values), STATION_SNAP_M)
    forward = search(drive, nodes[nodes >= 0], masks.emergency)
    arrival = forward.seconds[drive.u] + drive.seconds
    corridors = shapely.buffer(shapely.simplify(drive.geometry, 5.0), 25.0, quad_segs=2)
    result = {}
    for minutes in ISOCHRONE_MINUTES:  # nested by construction: so are the reached sets
        reached = masks.emergency & (arrival <= minutes * 60)
        result[minutes] = (
            shapely.union_all(corridors[reached]) if reached.any() else shapely.Polygon()
        )
    return result


def _route(
    graph: RoutingGraph,
    found: Search,
    node: int,
    kind: str,
    origin: str,
    destination: str,
    extra: dict[str, Any],
) -> Route:
    edges = found.edge_path(node)
    length = float(sum(graph.length_m[e] for e in edges))
    tagged = float(sum(graph.length_m[e] for e in edges if graph.speed_from_tag[e]))
    properties = dict(extra)
    if graph.mode == "drive":
        properties["speed_from_maxspeed_share"] = round(tagged / length, 2) if length else 0.0
    return Route(
        kind,
        origin,
        destination,
        length,
        float(found.seconds[node]),
        path_line(graph, edges, node),
        tuple(edges),
        properties,
    )


def _sector_entries(
    drive: RoutingGraph, polygon: BaseGeometry, open_edges: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where a vehicle reaches a sector, and the seconds still to drive from there.

    Nodes in (or within SECTOR_REACH_M of) the sector cost nothing more. A street that leads to
    the sector but is closed (cut by the perimeter) is driven up to the sector's reach from its
    open end: that end is an entry, with the time of the stretch as its offset.
    """
    reach = polygon.buffer(SECTOR_REACH_M)
    inside = drive.nodes_within(reach)
    entries = {int(n): 0.0 for n in inside}
    near = np.flatnonzero(drive.edges_intersecting(reach) & ~open_edges)
    for edge in near:
        line = drive.geometry[edge]
        crossing = line.intersection(reach.boundary)
        if crossing.is_empty:
            continue
        first = min(line.project(p) for p in getattr(crossing, "geoms", [crossing]))
        offset = drive.seconds[edge] * first / max(drive.length_m[edge], 1e-6)
        tail = int(drive.u[edge])  # driven from its start (u) towards the sector
        entries[tail] = min(entries.get(tail, np.inf), offset)
    nodes = np.array(list(entries), dtype=np.int64)
    return nodes, np.array([entries[n] for n in nodes.tolist()])


def _exit_nodes(walk: RoutingGraph, zones: PlanZones) -> np.ndarray:
    exits = []
    if zones.perimeter is not None:
        band = walk.nodes_within(zones.perimeter.buffer(EXIT_BAND_M))
        inside = set(walk.nodes_within(zones.perimeter).tolist())
        exits.extend(n for n in band.tolist() if n not in inside)
    if zones.assembly_points:
        points = np.array([(p.x, p.y) for p in zones.assembly_points])
        exits.extend(int(n) for n in walk.nearest_nodes(points, 200.0) if n >= 0)
    return np.array(sorted(set(exits)), dtype=np.int64)


def _inner_point(polygon: BaseGeometry) -> np.ndarray:
    point = polygon.representative_point()
    return np.array([point.x, point.y])


@dataclass(frozen=True)
class PlanAccess:
    """Everything routed for a plan under one set of closures (report and app share it)."""

    emergency: AccessPlan
    evacuation: tuple[Route, ...]
    approach: tuple[Route, ...]
    approach_load: dict[str, int]  # transit stops per checkpoint id
    isochrones: dict[int, BaseGeometry]
    problems: tuple[Notice, ...]
    masks: Closures | None = None


def plan_access(
    area: Area,
    zones: PlanZones,
    checkpoints: list[Any],
    with_isochrones: bool = True,
    response: ResponseTime | None = None,
    masks: Closures | None = None,
    emergency: AccessPlan | None = None,
) -> PlanAccess:
    """Closures, then emergency access, evacuation, approach (to ``checkpoints``: the open
    filtering points) and (optionally) isochrones."""
    masks = masks or closures(area, zones)
    emergency = emergency or emergency_access(area, zones, masks, response)
    return access_of(
        masks,
        emergency,
        evacuation_routes(area, zones, masks),
        approach_routes(area, zones, checkpoints, masks),
        isochrones(area, masks) if with_isochrones else {},
    )


def access_of(
    masks: Closures,
    emergency: AccessPlan,
    evacuation: tuple[list[Route], list[Notice]],
    approach: tuple[list[Route], dict[str, int], list[Notice]],
    shapes: dict[int, BaseGeometry] | None = None,
) -> PlanAccess:
    """The plan's access from its parts: :func:`evacuation_routes` and :func:`approach_routes`
    as they return, and the isochrones (none when not asked)."""
    evacuation_lines, evacuation_problems = evacuation
    approach_lines, load, approach_problems = approach
    return PlanAccess(
        emergency=emergency,
        evacuation=tuple(evacuation_lines),
        approach=tuple(approach_lines),
        approach_load=load,
        isochrones=shapes or {},
        problems=(*emergency.problems, *evacuation_problems, *approach_problems),
        masks=masks,
    )


def walk_to_exit_s(
    area: Area,
    zones: PlanZones,
    masks: Closures,
    polygon: BaseGeometry,
    blocked: tuple[tuple[float, float], ...] = (),
) -> float | None:
    """Seconds of walk from the sector's farthest walkable point to its nearest safe place
    (outside the perimeter, or an assembly point); exits within EXIT_BAND_M of a ``blocked``
    position left out. None when no way out."""
    walk = area.routing("walk")
    exits = _exit_nodes(walk, zones)
    if blocked and len(exits):
        near = np.min([np.hypot(*(walk.xy[exits] - np.array(b)).T) for b in blocked], axis=0)
        exits = exits[near > EXIT_BAND_M]
    reverse = search(walk, exits, masks.walking, reverse=True)
    inside = walk.nodes_within(polygon)
    reached = reverse.seconds[inside] if len(inside) else np.zeros(0)
    reached = reached[np.isfinite(reached)]
    return float(reached.max()) if len(reached) else None
