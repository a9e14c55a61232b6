"""Access roles: which crossings of the perimeter filter the public, which are closed, which
stay for emergency vehicles; and what each needs (lanes, queue space, barriers, anti-ram).

Every checkpoint (a place where the perimeter cuts a way) gets a role:

- ``emergency``: a vehicle access where an emergency lane, or the fastest fire-station route to
  a sector, meets the perimeter. Closed to the public, opened on demand.
- ``filtering``: the public enters, screened. The tool proposes the fewest filtering points that
  take the arrivals (:mod:`planner.arrivals`) within the wait target, with lanes that fit the
  frontage (the street's width at the crossing), no access farther than the walk limit (on the
  walking network outside the perimeter) from a filtering point, and one step-free point when
  any can be. Each arrival source walks to its nearest filtering point.
- ``closed``: every other crossing (barriers).

The proposal is a greedy set cover over the candidate crossings, vectorised on the distance
matrix (candidates × sources, candidates × accesses); whether a set takes every arrival within
its lanes' capacities is a maximum flow (sources → points within reach → sink), so stewards may
send people to a point with room rather than the nearest; then a reverse-delete pass drops a
proposed point when the others still meet every constraint, so removing any one of the final
ones breaks the wait target, the frontage or the walk limit. The loads are the transport of the
arrivals that walks least in total (a linear programme, HiGHS through scipy). The planner's
overrides (keyed by the crossed OSM way ids, never by the P-number) are kept as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely
from scipy.spatial import cKDTree
from shapely.geometry.base import BaseGeometry

from planner import doctrine, queueing
from planner.access import LANE_TOLERANCE_M, AccessPlan, Closures, Route
from planner.access_ground import fence_m, frontages, queue_room
from planner.area import Area
from planner.arrivals import ArrivalSources
from planner.checkpoints import Checkpoint
from planner.errors import Notice
from planner.filtering import CoverProblem, Proposal, lane_capacity, walk_distances
from planner.routing import RoutingGraph, path_line, search
from planner.screening import wait_quantile

Role = Literal["filtering", "closed", "emergency"]
ROLE_NAMES: tuple[str, ...] = ("filtering", "closed", "emergency")
#: An emergency access is where the fastest fire-station route ends this close to a crossing.
ROUTE_END_M = 40.0


@dataclass(frozen=True)
class RoleOverride:
    """A planner's role for the access crossing these OSM ways; ``x, y`` (projected, optional)
    tell apart two accesses of one way (a footpath crossing the perimeter twice)."""

    ways: tuple[int, ...]
    role: Role
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class RoleParameters:
    """The numbers of the access plan; defaults from :mod:`planner.doctrine`."""

    lane_rate_p_min: float = doctrine.LANE_RATE_P_MIN["hand_search_mixed"]
    agents_per_lane: int = doctrine.AGENTS_PER_LANE["hand_search_mixed"]
    wait_target_min: float = doctrine.WAIT_TARGET_MIN
    wait_target_share: float = doctrine.WAIT_TARGET_SHARE
    lane_frontage_m: float = doctrine.FILTER_LANE_FRONTAGE_M
    steward_space_m: float = doctrine.FILTER_STEWARD_SPACE_M
    walk_limit_m: float = doctrine.WALK_LIMIT_M
    approach_max_m: float = doctrine.APPROACH_REACH_M
    queue_m2_per_person: float = doctrine.QUEUE_SPACE_M2_PER_PERSON
    barrier_unit_m: float = doctrine.BARRIER_UNIT_M
    fence: bool = False


@dataclass(frozen=True)
class AccessRole:
    """One access with its role and what it needs."""

    id: str
    role: Role
    proposed: Role  # the tool's proposal (equal to ``role`` unless overridden)
    overridden: bool
    frontage_m: float
    width_source: str
    step_free: bool
    max_lanes: int
    share: float  # of the public entering here (0 unless filtering)
    arrivals_per_min: float
    lanes: int  # 0 unless filtering
    expected_wait_min: float | None
    wait_95_min: float | None
    queue_p95: int | None  # people waiting at the 95th percentile (None: without end)
    queue_m2: float
    queue_room_m2: float
    queue_fits: bool
    queue_area: BaseGeometry | None  # projected; None without a queue
    barrier_units: int
    anti_ram: bool
    anti_ram_means: str | None  # "blocks" | "vehicle" (removable, emergency accesses)
    walk_to_filtering_m: float | None  # from this access to the nearest filtering point


@dataclass(frozen=True)
class Materials:
    """The plan de barriérage in total."""

    barrier_units: int
    anti_ram_accesses: int
    fence_m: float


@dataclass(frozen=True)
class AccessRoles:
    """Roles of every access, material, detours and what the planner should know."""

    accesses: tuple[AccessRole, ...]
    materials: Materials
    detours: tuple[Route, ...]
    sources: ArrivalSources | None
    parameters: RoleParameters
    notices: tuple[Notice, ...] = field(default=())
    dropped_overrides: tuple[RoleOverride, ...] = ()
    problem: CoverProblem | None = field(default=None, repr=False, compare=False)
    feasible: bool = True

    def by_id(self) -> dict[str, AccessRole]:
        return {a.id: a for a in self.accesses}

    def filtering(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.accesses if a.role == "filtering")


def max_lanes_for(frontage_m: np.ndarray, params: RoleParameters) -> np.ndarray:
    """Lanes that fit a frontage: (frontage − steward space) / lane frontage, rounded down."""
    usable = np.asarray(frontage_m, dtype=float) - params.steward_space_m
    lanes = np.floor(usable / params.lane_frontage_m + 1e-9)
    return np.clip(lanes, 0, queueing.MAX_LANES).astype(int)


def plan_roles(
    area: Area,
    perimeter: BaseGeometry,
    checkpoints: list[Checkpoint],
    masks: Closures,
    emergency: AccessPlan | None,
    emergency_lanes: tuple[BaseGeometry, ...],
    sources: ArrivalSources | None,
    peak_per_min: float,
    params: RoleParameters,
    overrides: tuple[RoleOverride, ...] = (),
) -> AccessRoles:
    """Roles, lanes, queues and material of every access of a perimeter."""
    walk = area.routing("walk")
    notices: list[Notice] = []
    n = len(checkpoints)
    frontage, width_source = frontages(area, checkpoints)
    step_free = np.array([c.highway not in ("steps", "elevator") for c in checkpoints], bool)
    vehicle = np.array([c.kind == "vehicle" for c in checkpoints], bool)
    max_lanes = max_lanes_for(frontage, params)
    emergency_mask = _emergency_accesses(checkpoints, emergency, emergency_lanes)
    override_of, dropped = _resolve(checkpoints, overrides)
    for o in dropped:
        ways = {"ways": ", ".join(map(str, o.ways)), "count": len(o.ways)}
        notices.append(Notice("access_override_dropped", ways))
    proposed = np.where(emergency_mask, "emergency", "closed").astype(object)
    role = proposed.copy()
    for i, r in override_of.items():
        role[i] = r
    forced = np.array([override_of.get(i) == "filtering" for i in range(n)], bool)
    tunnel = np.array([c.tunnel and c.kind == "vehicle" for c in checkpoints], bool)
    candidate = (max_lanes >= 1) & ~emergency_mask & ~tunnel
    candidate &= np.array([i not in override_of for i in range(n)], bool)

    acc_xy = np.array([(c.x, c.y) for c in checkpoints]).reshape(-1, 2)
    acc_nodes = _outside_nodes(walk, perimeter, acc_xy)
    reach = params.approach_max_m
    if sources is not None and len(sources.nodes):
        src_nodes, src_weight = sources.nodes, sources.weights
    else:  # no source in the data: the public comes evenly to every access
        src_nodes, src_weight = acc_nodes, np.full(n, 1 / max(n, 1))
    limit = max(reach, params.walk_limit_m)
    targets = np.concatenate([src_nodes, acc_nodes]).astype(np.int64)
    dist = (
        walk_distances(walk, masks.approach, acc_nodes, targets, limit) if n else np.zeros((0, 0))
    )
    d_src, d_acc = dist[:, : len(src_nodes)], dist[:, len(src_nodes) :]
    pool = candidate | forced  # sources only a tunnel or an emergency access reaches are left out
    reachable = (d_src[pool] <= reach).any(axis=0) if pool.any() else np.zeros(len(src_nodes), bool)
    weight = np.where(reachable, src_weight, 0.0)
    weight = weight / weight.sum() * peak_per_min if weight.sum() > 0 else weight
    caps_table = lane_capacity(
        int(max(max_lanes.max(initial=0), 1)),
        params.lane_rate_p_min,
        params.wait_target_min,
        params.wait_target_share,
    )
    # a hair under each bound, so that the LP's tolerance never lands a load just past it
    cap = np.where(forced, np.inf, caps_table[np.minimum(max_lanes, len(caps_table) - 1)])
    cap = cap * (1 - 1e-6)
    problem = CoverProblem(
        d_src,
        weight,
        d_acc,
        cap,
        step_free,
        params.walk_limit_m,
        reach,
        candidate,
        forced,
        _natural(d_src, weight, ~tunnel),
    )
    if not (candidate | forced).any():
        wide = (max_lanes >= 1) & ~emergency_mask & ~tunnel
        notices.append(
            Notice("access_no_filtering_point")
            if wide.any()  # there were wide enough crossings: the overrides closed them all
            else Notice(
                "access_none_wide_enough",
                {
                    "widest": round(float(frontage.max(initial=0)), 1),
                    "needed": round(params.lane_frontage_m + params.steward_space_m, 1),
                },
            )
        )
        proposal = Proposal(np.zeros(0, int), False, np.zeros(n))
    else:
        proposal = problem.solve()
        if not proposal.feasible:
            notices.append(
                Notice(
                    "access_arrivals_do_not_fit",
                    {
                        "peak": round(peak_per_min),
                        "capacity": round(float(caps_table[max_lanes][candidate].sum())),
                        "target": params.wait_target_min,
                    },
                )
            )
    chosen = set(proposal.chosen.tolist())
    for i in chosen:
        proposed[i] = "filtering"
        if i not in override_of:
            role[i] = "filtering"
    if chosen and not step_free[list(chosen)].any():
        notices.append(Notice("access_no_step_free"))

    filtering = np.flatnonzero(role == "filtering")
    fp_dist = d_acc[filtering] if len(filtering) else np.full((1, n), np.inf)
    to_filtering = fp_dist.min(axis=0) if n else np.zeros(0)
    load = proposal.load
    accesses = []
    for i, c in enumerate(checkpoints):
        arrivals = float(load[i]) if role[i] == "filtering" else 0.0
        accesses.append(
            _access(
                c,
                str(role[i]),
                str(proposed[i]),
                i in override_of,
                float(frontage[i]),
                width_source[i],
                bool(step_free[i]),
                int(max_lanes[i]),
                arrivals,
                peak_per_min,
                bool(vehicle[i]),
                area,
                perimeter,
                params,
                float(to_filtering[i]) if n else None,
            )
        )
    for a in accesses:
        if a.role == "filtering" and a.lanes > a.max_lanes:
            notices.append(
                Notice(
                    "access_lanes_over_frontage",
                    {
                        "access": a.id,
                        "lanes": a.lanes,
                        "fit": a.max_lanes,
                        "frontage": round(a.frontage_m, 1),
                    },
                )
            )
        if a.role == "filtering" and a.queue_p95 is None:
            notices.append(Notice("access_queue_unbounded", {"access": a.id}))
        elif a.role == "filtering" and not a.queue_fits:
            notices.append(
                Notice(
                    "access_queue_spills",
                    {"access": a.id, "queue": round(a.queue_m2), "room": round(a.queue_room_m2)},
                )
            )
    detours = _detours(walk, masks.approach, checkpoints, acc_nodes, filtering, role)
    materials = Materials(
        barrier_units=sum(a.barrier_units for a in accesses),
        anti_ram_accesses=sum(a.anti_ram for a in accesses),
        fence_m=fence_m(perimeter, sum(a.frontage_m for a in accesses)) if params.fence else 0.0,
    )
    return AccessRoles(
        tuple(accesses),
        materials,
        tuple(detours),
        sources,
        params,
        tuple(notices),
        tuple(dropped),
        problem,
        proposal.feasible,
    )


def _outside_nodes(walk: RoutingGraph, perimeter: BaseGeometry, xy: np.ndarray) -> np.ndarray:
    """The walking node nearest each access on the outer side of the perimeter (where the public
    comes from); the nearest node at all when none lies outside."""
    if len(xy) == 0:
        return np.zeros(0, np.int64)
    outside = np.flatnonzero(~shapely.contains_xy(perimeter, *walk.xy.T))
    if len(outside) == 0:
        return walk.nearest_nodes(xy)
    _, index = cKDTree(walk.xy[outside]).query(xy)
    return outside[np.asarray(index, dtype=np.int64)]


def _natural(d_src: np.ndarray, weight: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Accesses where some of the public arrives first (each source's nearest allowed access):
    the walk limit holds from these, a crossing nobody comes to needs no walk round."""
    mask = np.zeros(len(allowed), bool)
    if not allowed.any() or len(weight) == 0:
        return mask
    d = np.where(allowed[:, None], d_src, np.inf)
    nearest = np.argmin(d, axis=0)
    keep = (weight > 0) & np.isfinite(d[nearest, np.arange(d.shape[1])])
    mask[np.unique(nearest[keep])] = True
    return mask


def _access(
    c: Checkpoint,
    role: str,
    proposed: str,
    overridden: bool,
    frontage: float,
    source: str,
    step_free: bool,
    max_lanes: int,
    arrivals: float,
    peak: float,
    vehicle: bool,
    area: Area,
    perimeter: BaseGeometry,
    params: RoleParameters,
    to_filtering: float | None,
) -> AccessRole:
    rate, share = params.lane_rate_p_min, params.wait_target_share
    lanes = 0
    mean = q95 = None
    queue = 0
    if role == "filtering":
        try:
            lanes = queueing.lanes_needed(arrivals, rate, params.wait_target_min, share)
        except ValueError:
            lanes = queueing.MAX_LANES
        if not overridden:
            lanes = min(lanes, max(max_lanes, 1))
        mean = queueing.mean_wait(arrivals, rate, lanes)
        q95 = wait_quantile(arrivals, rate, lanes, share)
        queue = queueing.queue_percentile(arrivals, rate, lanes, doctrine.QUEUE_PERCENTILE)
    queue_m2 = math.inf if queue is None else queue * params.queue_m2_per_person
    room, area_geom = queue_room(area, c, perimeter, frontage, queue_m2)
    width_units = math.ceil(frontage / params.barrier_unit_m - 1e-9)
    if role == "filtering":  # the frontage beside the lanes is closed too
        left = max(0.0, frontage - lanes * params.lane_frontage_m - params.steward_space_m)
        units = math.ceil(left / params.barrier_unit_m - 1e-9)
    else:
        units = width_units
    return AccessRole(
        id=c.id,
        role=role,
        proposed=proposed,
        overridden=overridden,
        frontage_m=frontage,
        width_source=source,
        step_free=step_free,
        max_lanes=max_lanes,
        share=arrivals / peak if peak > 0 and role == "filtering" else 0.0,
        arrivals_per_min=arrivals,
        lanes=lanes,
        expected_wait_min=None if mean is None or math.isinf(mean) else mean,
        wait_95_min=None if q95 is None or math.isinf(q95) else q95,
        queue_p95=queue,
        queue_m2=queue_m2,
        queue_room_m2=room,
        queue_fits=queue_m2 <= room + 1e-6,
        queue_area=area_geom,
        barrier_units=units,
        anti_ram=vehicle,
        anti_ram_means=("vehicle" if role == "emergency" else "blocks") if vehicle else None,
        walk_to_filtering_m=None
        if to_filtering is None or math.isinf(to_filtering)
        else to_filtering,
    )


def _emergency_accesses(
    checkpoints: list[Checkpoint],
    emergency: AccessPlan | None,
    lanes: tuple[BaseGeometry, ...],
) -> np.ndarray:
    """Vehicle accesses on an emergency lane, or where a sector's fastest fire-station route
    ends at the perimeter."""
    mask = np.zeros(len(checkpoints), bool)
    if not checkpoints:
        return mask
    points = shapely.points([(c.x, c.y) for c in checkpoints])
    vehicle = np.array([c.kind == "vehicle" and not c.tunnel for c in checkpoints])
    if lanes:
        zone = shapely.union_all(list(lanes)).buffer(LANE_TOLERANCE_M)
        mask |= shapely.intersects(points, zone)
    ends = []
    for sector in emergency.sectors if emergency else ():
        fire = [r for r in sector.routes if r.properties.get("station_kind") == "fire_station"]
        if fire:
            ends.append(shapely.Point(shapely.get_coordinates(fire[0].line)[-1]))
    for end in ends:
        distance = shapely.distance(points, end)
        distance = np.where(vehicle, distance, np.inf)
        nearest = int(np.argmin(distance))
        if distance[nearest] <= ROUTE_END_M:
            mask[nearest] = True
    return mask & vehicle


def _resolve(
    checkpoints: list[Checkpoint], overrides: tuple[RoleOverride, ...]
) -> tuple[dict[int, str], list[RoleOverride]]:
    """Index → overridden role; the overrides whose ways no access crosses any more."""
    out: dict[int, str] = {}
    dropped = []
    ways = [set(c.osm_ways) for c in checkpoints]
    xy = np.array([(c.x, c.y) for c in checkpoints]).reshape(-1, 2)
    for o in overrides:
        overlap = np.array([len(w & set(o.ways)) for w in ways])
        if not len(overlap) or overlap.max() == 0:
            dropped.append(o)
            continue
        best = np.flatnonzero(overlap == overlap.max())
        if len(best) > 1 and o.x is not None and o.y is not None:
            best = best[np.argsort(np.hypot(*(xy[best] - (o.x, o.y)).T), kind="stable")]
        out[int(best[0])] = o.role
    return out, dropped


def _detours(
    walk: RoutingGraph,
    open_edges: np.ndarray,
    checkpoints: list[Checkpoint],
    nodes: np.ndarray,
    filtering: np.ndarray,
    role: np.ndarray,
) -> list[Route]:
    """From each closed or emergency access, the walk round to the nearest filtering point."""
    if len(filtering) == 0:
        return []
    found = search(walk, nodes[filtering], open_edges, reverse=True)
    of_node = {int(nodes[i]): checkpoints[i].id for i in filtering}
    routes = []
    for i, c in enumerate(checkpoints):
        if role[i] == "filtering" or not found.reached(int(nodes[i])):
            continue
        edges = found.edge_path(int(nodes[i]))
        target = of_node.get(int(found.sources[int(nodes[i])]), "")
        length = float(sum(walk.length_m[e] for e in edges))
        routes.append(
            Route(
                "detour",
                c.id,
                target,
                length,
                float(found.seconds[int(nodes[i])]),
                path_line(walk, edges, int(nodes[i])),
                tuple(edges),
                {"role": str(role[i])},
            )
        )
    return routes
