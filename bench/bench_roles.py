"""Benchmark: the access-role proposal (filtering points) on a perimeter 3 km across.

Run by hand (``make bench``). Prints:
1. The Monaco New Year concert: the whole access plan (arrival sources, distances, proposal,
   lanes, queues, material, detours) as the app computes it.
2. A metropolis-scale walking graph (Monaco's tiled 12 x 12, tiles joined at their edges) with a
   circular perimeter 3 km across in the middle: its crossings are the candidate filtering points
   (frontage by highway class), the arrival sources are the tiled transit stops and homes within
   the catchment. Timed: the walking distances (candidates -> sources and accesses, chunked
   csgraph searches) and the greedy set cover with its max-flow checks, reverse delete and
   transport LP. Target: the role proposal under 2 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("VIGIE_CACHE_DIR", tempfile.mkdtemp(prefix="vigie-bench-"))

from bench_routing import TILES, best_of, tile_offsets, tiled_graph  # noqa: E402

from planner import doctrine, pipeline  # noqa: E402
from planner.area import AreaSource, load_area  # noqa: E402
from planner.filtering import CoverProblem, lane_capacity, walk_distances  # noqa: E402
from planner.staffing import StaffingParameters  # noqa: E402
from scenarios import convert  # noqa: E402
from scenarios.examples import load_example  # noqa: E402

RADIUS_M = 1500.0
#: Public of the métropole-scale event, a quarter of it in the peak 15 minutes: one that the
#: crossings can take, and one they cannot (the proposal then says so, in the same time).
ATTENDANCES = (15_000, 200_000)


def concert_plan(area) -> None:
    scenario = load_example("monaco-new-year-concert")

    def plan():  # the whole plan, checkpoints included, each time (the pipeline's cache emptied)
        pipeline.clear_caches()
        return convert.planning(scenario, area).required()

    seconds = best_of(plan, 3)
    roles = plan().roles
    print(
        f"Monaco concert: whole plan with its access roles {seconds * 1000:.0f} ms; "
        f"{len(roles.filtering())} filtering points of {len(plan().checkpoints)} crossings"
    )


def metro_problem(area, attendance: int):
    walk = tiled_graph(area.routing("walk"), TILES)
    offsets = tile_offsets(area.routing("walk"), TILES)
    centre = walk.xy[np.argmin(np.hypot(*(walk.xy - walk.xy.mean(axis=0)).T))]
    perimeter = shapely.Point(centre).buffer(RADIUS_M, quad_segs=32)
    ring = perimeter.boundary
    # candidate crossings: edges cut by the outline, once per pair of nodes
    hit = np.flatnonzero(shapely.intersects(walk.geometry, ring))
    pairs = np.unique(
        np.sort(np.stack([walk.u[hit], walk.v[hit]], 1), axis=1), axis=0, return_index=True
    )[1]
    hit = hit[pairs]
    points = shapely.intersection(walk.geometry[hit], ring)
    xy = np.array([shapely.get_coordinates(p)[0] for p in points])
    widths = np.array(
        [
            doctrine.STREET_WIDTH_BY_CLASS_M.get(h, doctrine.FALLBACK_STREET_WIDTH_M)
            for h in walk.highway[hit]
        ]
    )
    outside = np.flatnonzero(~shapely.contains_xy(perimeter, *walk.xy.T))
    from scipy.spatial import cKDTree

    tree = cKDTree(walk.xy[outside])
    acc_nodes = outside[tree.query(xy)[1]]
    # arrival sources: the tiled transit stops and homes within the catchment, outside
    stops = shapely.get_coordinates(area.pois[area.pois["category"] == "transit"].geometry.values)
    homes = shapely.get_coordinates(shapely.centroid(area.buildings.geometry.values))
    src = np.vstack(
        [np.vstack([stops + o for o in offsets]), np.vstack([homes + o for o in offsets])]
    )
    catchment = perimeter.buffer(doctrine.WALK_CATCHMENT_M)
    keep = shapely.contains_xy(catchment, *src.T) & ~shapely.contains_xy(perimeter, *src.T)
    src_nodes, weight = np.unique(outside[tree.query(src[keep])[1]], return_counts=True)
    peak = attendance * 0.25 / 15
    return walk, perimeter, acc_nodes, widths, src_nodes, weight / weight.sum() * peak


def metro_roles(area, attendance: int) -> None:
    start = time.perf_counter()
    walk, perimeter, acc_nodes, widths, src_nodes, weight = metro_problem(area, attendance)
    built = time.perf_counter() - start
    params = StaffingParameters().roles(None)
    reach = params.approach_max_m
    open_edges = ~walk.edges_intersecting(perimeter.buffer(-10.0))
    targets = np.concatenate([src_nodes, acc_nodes])
    max_lanes = np.floor((widths - params.steward_space_m) / params.lane_frontage_m).astype(int)
    timings = {}

    def propose():
        t0 = time.perf_counter()
        walk._last_matrix = None  # a new plan builds its CSR matrix
        dist = walk_distances(walk, open_edges, acc_nodes, targets, reach)
        t1 = time.perf_counter()
        caps = lane_capacity(
            int(max_lanes.max()),
            params.lane_rate_p_min,
            params.wait_target_min,
            params.wait_target_share,
        )
        cap = caps[np.maximum(max_lanes, 0)] * (1 - 1e-6)
        d_src, d_acc = dist[:, : len(src_nodes)], dist[:, len(src_nodes) :]
        candidate = max_lanes >= 1
        reachable = (d_src[candidate] <= reach).any(axis=0)
        w = np.where(reachable, weight, 0.0)
        w = w / w.sum() * weight.sum()
        nearest = np.argmin(d_src, axis=0)
        covered = np.zeros(len(acc_nodes), bool)
        covered[np.unique(nearest[w > 0])] = True
        problem = CoverProblem(
            d_src,
            w,
            d_acc,
            cap,
            np.ones(len(cap), bool),
            params.walk_limit_m,
            reach,
            candidate,
            np.zeros(len(cap), bool),
            covered,
        )
        result = problem.solve()
        t2 = time.perf_counter()
        timings["distances"], timings["cover"] = t1 - t0, t2 - t1
        return problem, result

    seconds = best_of(propose, 3)
    problem, result = propose()
    chosen = result.chosen
    minimal = result.feasible and all(
        not problem.feasible([c for c in chosen if c != x]) for x in chosen
    )
    lanes = int(
        sum(
            np.searchsorted(
                lane_capacity(
                    int(max_lanes.max()),
                    params.lane_rate_p_min,
                    params.wait_target_min,
                    params.wait_target_share,
                ),
                result.load[c],
            )
            for c in chosen
        )
    )
    print(
        f"Metropolis-scale walking graph ({TILES}x{TILES} tiles of Monaco): "
        f"{walk.n_nodes:,} nodes, {walk.n_edges:,} edges (built in {built:.1f} s)"
    )
    print(
        f"  perimeter {2 * RADIUS_M / 1000:.0f} km across: {len(acc_nodes)} crossings, "
        f"{len(src_nodes):,} arrival sources; {attendance:,} people, peak "
        f"{weight.sum():,.0f} persons/min; every crossing's lanes together take "
        f"{problem.cap[problem.candidate].sum():,.0f}/min"
    )
    print(
        f"  role proposal {seconds * 1000:.0f} ms, median of 3 (target < 2 s); last run: "
        f"distances {timings['distances'] * 1000:.0f} ms + set cover "
        f"{timings['cover'] * 1000:.0f} ms; {len(chosen)} filtering points, about {lanes} "
        "lanes; "
        + (f"feasible, minimal={minimal}" if result.feasible else "the arrivals do not fit")
    )


def main() -> None:
    area = load_area(AreaSource.demo("monaco"))
    area.routing("walk")
    concert_plan(area)
    for attendance in ATTENDANCES:
        metro_roles(area, attendance)


if __name__ == "__main__":
    main()
