"""Choosing filtering points: a capacitated set cover over the crossings of a perimeter.

Pure arrays, no geometry: distances from each candidate crossing to each arrival source and to
each access (metres on foot, outside the perimeter), the arrivals of each source (persons/min
at the peak) and what each candidate's lanes take within the wait target. A set of filtering
points is feasible when a maximum flow (sources → points within reach → sink, capacities the
lanes') takes every arrival, no access where people arrive is farther than the walk limit from
one, and one is step-free when any can be. :func:`propose` builds a set greedily on what is
still lacking, then deletes in reverse every point the others can do without (so each point
kept is needed), and shares the arrivals by the transport that walks least (a linear programme,
HiGHS through ``scipy.optimize.linprog``). See :mod:`planner.access_roles` for the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra, maximum_flow

from planner import doctrine, queueing
from planner.routing import RoutingGraph

#: Candidates whose distances are searched at once (bounds the memory of the search).
CHUNK = 64


@dataclass(frozen=True)
class Proposal:
    """Result of :func:`propose`: chosen candidates and whether every constraint holds."""

    chosen: np.ndarray  # candidate indexes
    feasible: bool
    load: np.ndarray  # persons/min per candidate (0 when not chosen)


@dataclass(frozen=True)
class CoverProblem:
    """The arrays of one choice of filtering points (see :func:`propose`)."""

    d_src: np.ndarray  # (crossings, sources) metres; inf beyond the search limit
    weight: np.ndarray  # persons/min of each source at the peak
    d_acc: np.ndarray  # (crossings, crossings) metres
    cap: np.ndarray  # persons/min each crossing's lanes take within the wait target
    step_free: np.ndarray
    walk_limit: float
    reach: float
    candidate: np.ndarray  # may be proposed
    forced: np.ndarray  # filtering by the planner's choice
    covered: np.ndarray  # the walk limit holds from these accesses

    def coverable(self) -> np.ndarray:
        pool = self.candidate | self.forced
        if not len(self.cap):
            return np.zeros(0, bool)
        return (self.d_acc[pool] <= self.walk_limit).any(axis=0) & self.covered

    def feasible(self, members) -> bool:
        """Whether filtering points ``members`` (crossing indexes) meet every constraint."""
        return self.check(np.asarray(sorted(members), dtype=int))[0]

    def check(self, members: np.ndarray) -> tuple[bool, np.ndarray, np.ndarray]:
        """(ok, persons/min each source still lacks, accesses farther than the walk limit)."""
        sf = self.step_free & (self.candidate | self.forced)
        return _check(
            members,
            self.d_src,
            self.d_acc,
            self.weight,
            self.cap,
            self.reach,
            self.walk_limit,
            self.coverable(),
            sf,
        )

    def solve(self) -> Proposal:
        return propose(
            self.d_src,
            self.weight,
            self.d_acc,
            self.cap,
            self.step_free,
            self.walk_limit,
            self.reach,
            self.candidate,
            self.forced,
            self.covered,
        )


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

    everything = np.flatnonzero(pool)
    if len(everything) and not check(list(everything))[0]:
        # not even every crossing takes the arrivals: open them all (the most the perimeter
        # can take), and let the caller say the arrivals do not fit
        return Proposal(everything, False, _loads(everything, d_src, weight, cap, reach, n_cand))
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
    if ok:  # reverse delete: the narrowest, then the farthest from the public, first
        pull = nearness @ weight
        for c in sorted(chosen, key=lambda c: (cap[c], pull[c], c)):
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
            b_ub=finite_cap,
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
