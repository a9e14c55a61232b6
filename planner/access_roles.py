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
from scipy.optimize import linprog
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra, maximum_flow
from shapely.geometry.base import BaseGeometry

from planner import doctrine, queueing
from planner.access import LANE_TOLERANCE_M, AccessPlan, Closures, Route
from planner.area import Area
from planner.arrivals import ArrivalSources
from planner.checkpoints import Checkpoint
from planner.errors import Notice
from planner.routing import RoutingGraph, path_line, search
from planner.screening import wait_quantile
from planner.surface import street_width

Role = Literal["filtering", "closed", "emergency"]
ROLE_NAMES: tuple[str, ...] = ("filtering", "closed", "emergency")
#: An emergency access is where the fastest fire-station route ends this close to a crossing.
ROUTE_END_M = 40.0
#: Candidates whose distances are searched at once (bounds the memory of the search).
CHUNK = 64


@dataclass(frozen=True)
class RoleOverride:
    """A planner's role for the access crossing these OSM ways."""

    ways: tuple[int, ...]
    role: Role


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
    queue_p95: int  # people waiting at the 95th percentile
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

    def by_id(self) -> dict[str, AccessRole]:
        return {a.id: a for a in self.accesses}

    def filtering(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.accesses if a.role == "filtering")


@dataclass(frozen=True)
class Proposal:
    """Result of :func:`propose`: chosen candidates and whether every constraint holds."""

    chosen: np.ndarray  # candidate indexes
    feasible: bool
    load: np.ndarray  # persons/min per candidate (0 when not chosen)


def lane_capacity(max_lanes: int, rate: float, target_min: float, share: float) -> np.ndarray:
    """Most arrivals per minute that k = 0…max_lanes lanes take within the wait target."""
    caps = np.zeros(max_lanes + 1)
    for k in range(1, max_lanes + 1):
        low, high = caps[k - 1], k * rate
        for _ in range(40):
            mid = (low + high) / 2
            ok = queueing.wait_exceeds(mid, rate, k, target_min) <= 1 - share
            low, high = (mid, high) if ok else (low, mid)
        caps[k] = low
    return caps


def max_lanes_for(frontage_m: np.ndarray, params: RoleParameters) -> np.ndarray:
    """Lanes that fit a frontage: (frontage − steward space) / lane frontage, rounded down."""
    usable = np.asarray(frontage_m, dtype=float) - params.steward_space_m
    lanes = np.floor(usable / params.lane_frontage_m + 1e-9)
    return np.clip(lanes, 0, queueing.MAX_LANES).astype(int)


#: Flows are solved in whole 1/10,000 of a person per minute (csgraph's max flow is integral).
FLOW_SCALE = 10_000.0


def served(
    members: np.ndarray, d_src: np.ndarray, weight: np.ndarray, cap: np.ndarray, reach: float
) -> np.ndarray:
    """Persons/min of each source that ``members`` can take within their capacities, each
    source walking to any member within ``reach`` (a maximum flow: stewards direct people to
    the points with room, not only to the nearest)."""
    n_src = len(weight)
    if len(members) == 0 or n_src == 0:
        return np.zeros(n_src)
    pairs_m, pairs_s = np.nonzero(d_src[members] <= reach)
    k = len(members)
    source, sink = 0, n_src + k + 1
    big = int(weight.sum() * FLOW_SCALE) + 1
    supply = np.floor(weight * FLOW_SCALE).astype(np.int64)
    room = np.minimum(np.floor(cap[members] * FLOW_SCALE), big).astype(np.int64)
    rows = np.concatenate([np.zeros(n_src, np.int64), 1 + pairs_s, 1 + n_src + np.arange(k)])
    cols = np.concatenate([1 + np.arange(n_src), 1 + n_src + pairs_m, np.full(k, sink)])
    caps = np.concatenate([supply, np.full(len(pairs_s), big), room]).astype(np.int32)
    graph = csr_array((caps, (rows, cols)), shape=(sink + 1, sink + 1))
    flow = maximum_flow(graph, source, sink).flow
    took = np.asarray(flow[[source], :].toarray()).ravel()[1 : 1 + n_src] / FLOW_SCALE
    return np.where(took >= supply / FLOW_SCALE, weight, took)  # a full source: all of it


def _check(
    members: np.ndarray, d_src, d_acc, weight, cap, reach, walk_limit, coverable, step_free
) -> tuple[bool, np.ndarray, np.ndarray]:
    """Feasibility of a set: (ok, persons/min each source still lacks, accesses uncovered)."""
    took = served(members, d_src, weight, cap, reach)
    lacking = np.maximum(weight - took, 0.0)
    lacking[lacking < 1.5 / FLOW_SCALE] = 0.0  # rounding of the integral flow
    if len(members):
        uncovered = coverable & (d_acc[members].min(axis=0) > walk_limit)
    else:
        uncovered = coverable.copy()
    step_ok = not step_free.any() or bool(len(members) and step_free[members].any())
    ok = bool(len(members)) and step_ok and not lacking.any() and not uncovered.any()
    return ok, lacking, uncovered


def propose(
    d_src: np.ndarray,
    weight: np.ndarray,
    d_acc: np.ndarray,
    cap: np.ndarray,
    step_free: np.ndarray,
    walk_limit: float,
    reach: float,
    candidate: np.ndarray,
    forced: np.ndarray,
    covered: np.ndarray | None = None,
) -> Proposal:
    """The fewest filtering points among ``candidate`` (plus the ``forced`` ones) that take
    every source's arrivals within their capacities (each source walking at most ``reach``),
    leave no coverable access farther than ``walk_limit`` from one, and include a step-free one
    when any candidate is.

    ``d_src``: metres from each candidate to each source (inf: beyond reach); ``d_acc``: to each
    access; ``weight``: persons/min of each source; ``cap``: persons/min each candidate takes
    within the wait target. Greedy on what is still lacking (arrivals not taken, accesses too
    far, no step-free point), preferring points near the sources, then wide ones; then reverse
    delete (every point kept is needed); the loads by a transport LP (least total walk).
    """
    n_cand = len(cap)
    pool = candidate | forced
    covered = np.ones(d_acc.shape[1], bool) if covered is None else covered
    coverable = (d_acc[pool] <= walk_limit).any(axis=0) & covered if n_cand else np.zeros(0, bool)
    sf = step_free & pool
    scale = cap[np.isfinite(cap)].max(initial=1.0) or 1.0
    within = d_src <= reach
    nearness = np.where(within, 1.0 - d_src / max(reach, 1.0), 0.0)

    def check(members: list[int]):
        chosen_arr = np.array(sorted(members), dtype=int)
        return _check(chosen_arr, d_src, d_acc, weight, cap, reach, walk_limit, coverable, sf)

    chosen = list(np.flatnonzero(forced))
    ok, lacking, uncovered = check(chosen)
    while not ok:
        free = candidate.copy()
        free[chosen] = False
        if not free.any():
            break
        total = max(lacking.sum(), 1e-9)
        takes = np.minimum(within[:, lacking > 0] @ lacking[lacking > 0], cap) / total
        covers = (d_acc[:, uncovered] <= walk_limit).sum(axis=1) / max(uncovered.sum(), 1)
        need_sf = sf.any() and not sf[chosen].any()
        gain = takes + covers + (sf if need_sf else 0)
        tie = 1e-3 * (nearness @ weight) / max(weight.sum(), 1e-9) + 1e-6 * cap / scale
        gain = np.where(free & (gain > 0), gain + tie, -np.inf)
        best = int(np.argmax(gain))
        if not np.isfinite(gain[best]):
            break
        chosen.append(best)
        ok, lacking, uncovered = check(chosen)
    if ok:  # reverse delete: the point taking least, then the narrowest, first
        loads = _loads(np.array(sorted(chosen)), d_src, weight, cap, reach, n_cand)
        for c in sorted(chosen, key=lambda c: (loads[c], cap[c])):
            if forced[c]:
                continue
            rest = [m for m in chosen if m != c]
            if check(rest)[0]:
                chosen = rest
    members = np.array(sorted(chosen), dtype=int)
    load = _loads(members, d_src, weight, cap, reach, n_cand)
    return Proposal(members, ok, load)


def _loads(
    members: np.ndarray,
    d_src: np.ndarray,
    weight: np.ndarray,
    cap: np.ndarray,
    reach: float,
    n_cand: int,
) -> np.ndarray:
    """Persons/min at each member: the transport of the sources' arrivals to the members that
    walks least in total (HiGHS LP), within capacities; what cannot fit goes to the nearest."""
    load = np.zeros(n_cand)
    if len(members) == 0 or weight.sum() <= 0:
        return load
    sub = d_src[members]
    took = served(members, d_src, weight, cap, reach)
    m_idx, s_idx = np.nonzero(sub <= reach)
    n_src, k = len(weight), len(members)
    if len(m_idx):
        n_var = len(m_idx)
        supply = csr_array((np.ones(n_var), (s_idx, np.arange(n_var))), shape=(n_src, n_var))
        room = csr_array((np.ones(n_var), (m_idx, np.arange(n_var))), shape=(k, n_var))
        finite_cap = np.where(np.isfinite(cap[members]), cap[members], weight.sum() + 1)
        result = linprog(
            sub[m_idx, s_idx],
            A_ub=room,
            b_ub=finite_cap + 1e-6,
            A_eq=supply,
            b_eq=took,
            bounds=(0, None),
            method="highs",
        )
        if result.status == 0:
            load[members] = np.bincount(m_idx, result.x, k)
        else:  # should not happen (the flow is feasible): fall back to the flow's shares
            load[members] = np.bincount(np.argmin(sub, axis=0), took, k)
    rest = weight - took  # beyond every capacity (or reach): to the nearest member
    if rest.sum() > 1e-9:
        load[members] += np.bincount(np.argmin(sub, axis=0), rest, k)
    return load


def walk_distances(
    walk: RoutingGraph,
    open_edges: np.ndarray,
    origins: np.ndarray,
    targets: np.ndarray,
    limit_m: float,
) -> np.ndarray:
    """Metres on foot from each origin node to each target node (inf beyond ``limit_m``), by
    chunks of origins (one multi-source csgraph call each)."""
    matrix, _ = walk.matrix(open_edges)
    speed = doctrine.WALKING_SPEED_M_S
    out = np.full((len(origins), len(targets)), np.inf)
    for start in range(0, len(origins), CHUNK):
        part = origins[start : start + CHUNK]
        seconds = dijkstra(matrix, directed=False, indices=part, limit=limit_m / speed)
        out[start : start + CHUNK] = seconds[:, targets] * speed
    return out


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
    frontage, width_source = _frontages(area, checkpoints)
    step_free = np.array([c.highway not in ("steps", "elevator") for c in checkpoints], bool)
    vehicle = np.array([c.kind == "vehicle" for c in checkpoints], bool)
    max_lanes = max_lanes_for(frontage, params)
    emergency_mask = _emergency_accesses(checkpoints, emergency, emergency_lanes)
    override_of, dropped = _resolve(checkpoints, overrides)
    for o in dropped:
        notices.append(Notice("access_override_dropped", {"ways": ", ".join(map(str, o.ways))}))
    proposed = np.where(emergency_mask, "emergency", "closed").astype(object)
    role = proposed.copy()
    for i, r in override_of.items():
        role[i] = r
    forced = np.array([override_of.get(i) == "filtering" for i in range(n)], bool)
    tunnel = np.array([c.tunnel and c.kind == "vehicle" for c in checkpoints], bool)
    candidate = (max_lanes >= 1) & ~emergency_mask & ~tunnel
    candidate &= np.array([i not in override_of for i in range(n)], bool)

    acc_xy = np.array([(c.x, c.y) for c in checkpoints]).reshape(-1, 2)
    acc_nodes = walk.nearest_nodes(acc_xy) if n else np.zeros(0, np.int64)
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
    cap = np.where(forced, np.inf, caps_table[np.minimum(max_lanes, len(caps_table) - 1)])
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
        proposal = propose(
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
        if a.role == "filtering" and not a.queue_fits:
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
        fence_m=_fence_m(perimeter, accesses) if params.fence else 0.0,
    )
    return AccessRoles(
        tuple(accesses),
        materials,
        tuple(detours),
        sources,
        params,
        tuple(notices),
        tuple(dropped),
    )


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
        queue = queue_percentile(arrivals, rate, lanes, doctrine.QUEUE_PERCENTILE)
    queue_m2 = queue * params.queue_m2_per_person
    room, area_geom = _queue_room(area, c, perimeter, frontage, queue_m2)
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


def queue_percentile(arrivals: float, rate: float, lanes: int, share: float) -> int:
    """People waiting (not in service) that ``share`` of the time is not exceeded (M/M/c):
    P(Lq ≥ k) = C · ρᵏ, ρ = λ / (cμ)."""
    if lanes <= 0 or arrivals <= 0:
        return 0
    rho = arrivals / (lanes * rate)
    if rho >= 1:
        return queueing.MAX_LANES * 100  # unstable: the queue grows without end
    waiting = queueing.erlang_c(lanes, arrivals / rate)
    if waiting <= 1 - share:
        return 0
    return max(0, math.ceil(math.log((1 - share) / waiting) / math.log(rho)) - 1)


def _frontages(area: Area, checkpoints: list[Checkpoint]) -> tuple[np.ndarray, list[str]]:
    """Street width at each crossing (the widest of its ways) and the estimate used."""
    ways = {w for c in checkpoints for w in c.osm_ways}
    rows = area.streets[area.streets["osm_id"].isin(ways)].drop_duplicates("osm_id")
    width_of = {
        way: street_width(h, w, lanes)
        for way, h, w, lanes in zip(
            rows["osm_id"], rows["highway"], rows["width"], rows["lanes"], strict=True
        )
    }
    out, sources = [], []
    for c in checkpoints:
        found = [width_of[w] for w in c.osm_ways if w in width_of]
        width, source = max(found, key=lambda x: x[0]) if found else (0.0, "class_default")
        out.append(width)
        sources.append(source)
    return np.array(out, dtype=float), sources


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
    for o in overrides:
        overlap = [len(w & set(o.ways)) for w in ways]
        if not overlap or max(overlap) == 0:
            dropped.append(o)
            continue
        out[int(np.argmax(overlap))] = o.role
    return out, dropped


def _queue_room(
    area: Area, c: Checkpoint, perimeter: BaseGeometry, frontage: float, queue_m2: float
) -> tuple[float, BaseGeometry | None]:
    """Ground outside the perimeter within QUEUE_REACH_M of the access where a queue may wait
    off the traffic (m²): the crossed ways at the access's frontage, and the footways and
    pedestrian ways nearby at their own width; and the part the queue takes (nearest first)."""
    where = shapely.Point(c.x, c.y)
    reach = where.buffer(doctrine.QUEUE_REACH_M)
    near = area.streets.iloc[area.street_tree.query(reach, predicate="intersects")]
    own = near["osm_id"].isin(c.osm_ways).to_numpy()
    walkway = (near["kind"] == "pedestrian").to_numpy() & ~own
    if not (own.any() or walkway.any()):
        return 0.0, None
    widths = np.array(
        [
            street_width(h, w, n)[0]
            for h, w, n in zip(near["highway"], near["width"], near["lanes"], strict=True)
        ]
    )
    half = np.where(own, max(frontage, 0.5), widths) / 2
    keep = own | walkway
    parts = shapely.intersection(near.geometry.values[keep], reach)
    room = shapely.union_all(shapely.buffer(parts, half[keep], cap_style="flat"))
    room = shapely.difference(shapely.intersection(room, reach), perimeter)
    if queue_m2 <= 0 or room.is_empty:
        return float(room.area), None
    radius = _radius_for(room, where, queue_m2)
    taken = shapely.intersection(room, where.buffer(radius))
    return float(room.area), taken if not taken.is_empty else None


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


def _fence_m(perimeter: BaseGeometry, accesses: list[AccessRole]) -> float:
    """Fence between the accesses: the outline's length less the accesses' frontage."""
    return max(0.0, perimeter.boundary.length - sum(a.frontage_m for a in accesses))
