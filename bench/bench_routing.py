"""Benchmark: many-to-many routing, per-pair osmnx against one csgraph call, and plan routing.

Run by hand (``make bench``). Prints:
1. Monaco's walking graph: 252 stop -> checkpoint routes (28 transit stops x 9 checkpoints) with
   per-pair ``osmnx.routing.shortest_path``, with the planner (one csgraph Dijkstra over a CSR
   built from the edge arrays, paths rebuilt), and a bare csgraph solve (CSR prebuilt, no paths).
   Targets: >= 100x faster than per-pair osmnx, within 3x of the bare solve.
2. Perimeter -> closures -> all emergency routes for the Monaco concert example (< 300 ms), and
   on a metropolis-scale graph made by tiling Monaco's drivable graph 12 x 12 (>= 100k edges,
   tiles joined at their edges; < 2 s).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VIGIE_CACHE_DIR", tempfile.mkdtemp(prefix="vigie-bench-"))

import osmnx as ox  # noqa: E402
from scipy.sparse.csgraph import dijkstra  # noqa: E402

from planner import access  # noqa: E402
from planner.area import AreaSource, load_area  # noqa: E402
from planner.checkpoints import find_checkpoints  # noqa: E402
from planner.routing import RoutingGraph, all_pairs_seconds, predecessor_path  # noqa: E402
from scenarios.convert import perimeter, plan_zones  # noqa: E402
from scenarios.examples import load_example  # noqa: E402

TILES = 12
CONNECTORS = 12  # links between two neighbouring tiles


def best_of(fn, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def many_to_many(area, concert) -> None:
    walk = area.routing("walk")
    checkpoints = find_checkpoints(area, perimeter(concert)).checkpoints
    targets = walk.nearest_nodes(np.array([(c.x, c.y) for c in checkpoints]))[:9]
    stops = area.pois[area.pois["category"] == "transit"]
    stop_nodes = walk.nearest_nodes(shapely.get_coordinates(stops.geometry.values))
    sources = np.array(list(dict.fromkeys(stop_nodes.tolist()))[:28])
    pairs = [(s, t) for s in sources for t in targets]
    graph = area.walk
    ids = walk.node_ids

    def per_pair_osmnx():
        return [ox.routing.shortest_path(graph, ids[s], ids[t], weight="length") for s, t in pairs]

    def planner_routes():
        walk._last_matrix = None  # measure the CSR build too, as a new plan pays it
        _, predecessors = all_pairs_seconds(walk, sources)
        row = {s: i for i, s in enumerate(sources)}
        return [ids[predecessor_path(predecessors[row[s]], t)] for s, t in pairs]

    matrix, _ = walk.matrix()

    def bare_csgraph():
        return dijkstra(matrix, directed=True, indices=sources)

    osmnx_s = best_of(per_pair_osmnx, 1)
    ours_s = best_of(planner_routes)
    bare_s = best_of(bare_csgraph)

    def build():
        walk._last_matrix = None
        return walk.matrix()

    build_s = best_of(build)
    same = sum(
        list(a or []) == list(b) for a, b in zip(per_pair_osmnx(), planner_routes(), strict=True)
    )
    print(
        f"Monaco walking graph: {walk.n_nodes} nodes, {walk.n_edges} edges; "
        f"{len(pairs)} stop->checkpoint routes"
    )
    print(f"  per-pair osmnx shortest_path   {osmnx_s * 1000:9.1f} ms")
    print(
        f"  planner (CSR + 1 Dijkstra + paths) {ours_s * 1000:5.1f} ms   "
        f"x{osmnx_s / ours_s:,.0f} faster than per-pair osmnx (target >= 100)"
    )
    print(
        f"  bare csgraph solve (CSR prebuilt)  {bare_s * 1000:5.1f} ms   "
        f"planner / bare = {ours_s / bare_s:.2f} (target <= 3); CSR build {build_s * 1000:.1f} ms"
    )
    print(f"  identical paths: {same}/{len(pairs)} (ties may differ)")


def tile_offsets(graph: RoutingGraph, tiles: int) -> list[np.ndarray]:
    """Offsets (metres) of the ``tiles`` x ``tiles`` copies of a graph, the centre one at 0."""
    west, south, east, north = shapely.total_bounds(graph.geometry)
    step = np.array([east - west + 200.0, north - south + 200.0])
    centre = tiles // 2
    return [np.array([i - centre, j - centre]) * step for i in range(tiles) for j in range(tiles)]


def tiled_graph(graph: RoutingGraph, tiles: int) -> RoutingGraph:
    """A routing graph repeated on a ``tiles`` x ``tiles`` grid, neighbouring tiles joined by
    CONNECTORS links each way (bench only: a metropolis-scale graph from a real extract)."""
    offsets = tile_offsets(graph, tiles)
    n = graph.n_nodes
    xy = np.vstack([graph.xy + o for o in offsets])
    u = [graph.u + k * n for k in range(len(offsets))]
    v = [graph.v + k * n for k in range(len(offsets))]
    geometry = [shapely.transform(graph.geometry, lambda c, o=o: c + o) for o in offsets]
    extra_u, extra_v, extra_geom = [], [], []
    for k, (i, j) in enumerate((i, j) for i in range(tiles) for j in range(tiles)):
        for di, dj, axis in ((1, 0, 0), (0, 1, 1)):
            if i + di >= tiles or j + dj >= tiles:
                continue
            other = (i + di) * tiles + (j + dj)
            side = np.argsort(-graph.xy[:, axis])[:CONNECTORS]  # this tile's far edge
            facing = np.argsort(graph.xy[:, axis])[:CONNECTORS]  # the next one's near edge
            for a, b in zip(side, facing, strict=True):
                for p, q in ((k * n + a, other * n + b), (other * n + b, k * n + a)):
                    extra_u.append(p)
                    extra_v.append(q)
                    extra_geom.append(shapely.LineString([xy[p], xy[q]]))
    extra_geom = np.array(extra_geom, dtype=object)
    extra_len = shapely.length(extra_geom)
    count = len(offsets)
    speed = 50 / 3.6 if graph.mode == "drive" else float(np.median(graph.length_m / graph.seconds))
    tiled = RoutingGraph(
        graph.mode,
        graph.crs,
        np.arange(len(xy)),
        xy,
        np.concatenate([*u, extra_u]).astype(np.int32),
        np.concatenate([*v, extra_v]).astype(np.int32),
        np.concatenate([np.tile(graph.length_m, count), extra_len]),
        np.concatenate([np.tile(graph.seconds, count), extra_len / speed]),
        np.concatenate([np.tile(graph.speed_from_tag, count), np.zeros(len(extra_u), bool)]),
        np.concatenate([*geometry, extra_geom]),
        np.concatenate([np.tile(graph.name, count), np.full(len(extra_u), None)]),
        np.concatenate(
            [
                np.tile(graph.highway, count),
                np.full(len(extra_u), "primary" if graph.mode == "drive" else "footway"),
            ]
        ),
    )
    tiled._prepare()
    return tiled


class TiledArea:
    """Monaco's drivable graph and emergency stations repeated on a grid (bench only)."""

    def __init__(self, area, tiles: int) -> None:
        drive = area.routing("drive")
        offsets = tile_offsets(drive, tiles)
        self.graph = tiled_graph(drive, tiles)
        self.crs = area.crs
        stations = access.emergency_stations(area)
        tiled = [
            stations.assign(
                geometry=shapely.transform(stations.geometry.values, lambda c, o=o: c + o)
            )
            for o in offsets
        ]
        import pandas as pd

        self.pois = pd.concat(tiled, ignore_index=True)
        self.pois["osm_id"] = np.arange(len(self.pois))
        self._walk = area.routing("walk")

    def routing(self, mode: str) -> RoutingGraph:
        return self.graph if mode == "drive" else self._walk


def plan_routing(area, concert) -> None:
    zones = plan_zones(concert, area.crs)

    def monaco_plan():
        masks = access.closures(area, zones)
        return access.emergency_access(area, zones, masks)

    seconds = best_of(monaco_plan)
    plan = monaco_plan()
    print(
        f"Monaco concert: perimeter -> closures -> emergency routes for {len(zones.sectors)} "
        f"sectors ({len(plan.routes())} routes drawn, every station timed): "
        f"{seconds * 1000:.0f} ms (target < 300 ms)"
    )
    start = time.perf_counter()
    metro = TiledArea(area, TILES)
    built = time.perf_counter() - start

    def metro_plan():
        masks = access.closures(metro, zones)
        return access.emergency_access(metro, zones, masks)

    metro_s = best_of(metro_plan, 3)
    result = metro_plan()
    stations = len(access.emergency_stations(metro))
    assert all(s.reachable for s in result.sectors)
    print(
        f"Metropolis-scale graph ({TILES}x{TILES} tiles of Monaco): {metro.graph.n_nodes:,} "
        f"nodes, {metro.graph.n_edges:,} edges, {stations:,} stations (arrays built once in "
        f"{built:.1f} s)"
    )
    print(
        f"  perimeter -> closures -> all emergency routes: {metro_s * 1000:.0f} ms (target < 2 s)"
    )


def main() -> None:
    area = load_area(AreaSource.demo("monaco"))
    concert = load_example("monaco-new-year-concert")
    area.routing("drive")
    area.routing("walk")
    many_to_many(area, concert)
    plan_routing(area, concert)


if __name__ == "__main__":
    main()
