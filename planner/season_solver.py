"""The season's allocation as an integer programme, solved by HiGHS (``scipy.optimize.milp``).

One variable per (offer, shift, sector) that can take part: the agents of that offer (one
commune, one role, one availability window) sent to that sector for that shift — only where the
shift lies inside the window and, for agents, is no longer than the longest shift.

- Need: for each (event, shift, sector, role), the agents sent are at most the need.
- Availability and rest: a group that works a shift is unavailable from its start until its end
  plus the daily rest (equipment: until its end). At every instant where such an interval
  starts, the offer's agents busy are at most what it may lend (its offer less the share the
  commune keeps). As the intervals are intervals of time, this is also enough: the agents can be
  split into groups none of which works two shifts closer than the rest (interval colouring,
  :func:`groups`).
- Solved as its linear relaxation first, which this structure mostly leaves whole (then it
  is the integer optimum); else by HiGHS's branch and bound.
- Objective: cover the needs, the more urgent events first (each covered agent earns
  ``2 · PRIORITY_STEP^(priority − 1)``), nearest first (it costs its distance over the longest
  one, at most 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from planner import doctrine
from planner.season import EQUIPMENT, Availability, Rules, SeasonEvent, Shift

#: HiGHS stops after this long (seconds) with the best allocation found (said as a problem).
TIME_LIMIT_S = 60.0


@dataclass(frozen=True)
class Column:
    """One variable: offer index, event, shift, sector, role, times (hours since epoch)."""

    offer: int
    event: int
    shift: int
    sector: str
    role: str
    start_h: float
    end_h: float
    busy_h: float  # end of the shift plus the rest
    distance_m: float


@dataclass(frozen=True)
class Solution:
    columns: tuple[Column, ...]
    agents: np.ndarray  # per column
    optimal: bool

    def booked(self) -> dict[int, list[int]]:
        """Offer index → the columns where it sends agents."""
        if not hasattr(self, "_booked"):
            out: dict[int, list[int]] = {}
            for i in np.flatnonzero(self.agents > 0):
                out.setdefault(self.columns[i].offer, []).append(int(i))
            object.__setattr__(self, "_booked", out)
        return self._booked  # type: ignore[attr-defined]


def hours(moment) -> float:
    return moment.timestamp() / 3600


def solve(events: list[SeasonEvent], offers: list[Availability], rules: Rules) -> Solution:
    """The allocation of ``offers`` over every need of ``events``."""
    usable = np.array([rules.usable(o) for o in offers], dtype=float)
    columns, need_rows, needs = _columns(events, offers, rules, usable)
    if not columns:
        return Solution((), np.zeros(0, int), True)
    n = len(columns)
    distance = np.array([c.distance_m for c in columns])
    longest = max(float(distance.max()), 1.0)
    priority = np.array([events[c.event].priority for c in columns], dtype=float)
    cost = distance / longest - 2.0 * doctrine.PRIORITY_STEP ** (priority - 1)
    rows, cols, bound = [], [], []
    rows.append(np.asarray(need_rows))
    cols.append(np.arange(n))
    bound.extend(needs)
    offset = len(needs)
    offer_of = np.array([c.offer for c in columns])
    start = np.array([c.start_h for c in columns])
    busy = np.array([c.busy_h for c in columns])
    for index in np.unique(offer_of):
        mine = np.flatnonzero(offer_of == index)
        instants = np.unique(start[mine])
        first = np.searchsorted(instants, start[mine], side="left")
        last = np.searchsorted(instants, busy[mine] - 1e-9, side="right")  # busy is open
        spans = last - first
        rows.append(offset + np.repeat(first, spans) + _ramps(spans))
        cols.append(np.repeat(mine, spans))
        bound.extend([usable[index]] * len(instants))
        offset += len(instants)
    matrix = csr_array(
        (np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(cols))),
        shape=(offset, n),
    )
    upper = np.minimum(np.array(needs, dtype=float)[need_rows], usable[offer_of])
    problem = {
        "c": cost,
        "constraints": LinearConstraint(matrix, -np.inf, np.array(bound)),
        "bounds": Bounds(np.zeros(n), upper),
    }
    # The relaxation first: this matrix (one need per variable, intervals of time per offer)
    # mostly gives whole agents already, and then it is the integer optimum; else branch.
    relaxed = milp(**problem, integrality=np.zeros(n), options={"time_limit": TIME_LIMIT_S})
    if relaxed.x is not None and np.allclose(relaxed.x, np.rint(relaxed.x), atol=1e-6):
        return Solution(tuple(columns), np.rint(relaxed.x).astype(int), relaxed.status == 0)
    result = milp(**problem, integrality=np.ones(n), options={"time_limit": TIME_LIMIT_S})
    if result.x is None:  # no solution at all within the limit: nothing is booked
        return Solution(tuple(columns), np.zeros(n, int), False)
    return Solution(tuple(columns), np.rint(result.x).astype(int), result.status == 0)


def _ramps(spans: np.ndarray) -> np.ndarray:
    """0, 1, …, k−1 for each k of ``spans``, concatenated."""
    total = int(spans.sum())
    starts = np.repeat(np.cumsum(spans) - spans, spans)
    return np.arange(total) - starts


def _columns(
    events: list[SeasonEvent], offers: list[Availability], rules: Rules, usable: np.ndarray
) -> tuple[list[Column], list[int], list[int]]:
    by_role: dict[str, np.ndarray] = {}
    for role in {o.role for o in offers}:
        by_role[role] = np.array(
            [i for i, o in enumerate(offers) if o.role == role and usable[i] > 0], dtype=int
        )
    low = np.array([hours(o.start) for o in offers])
    high = np.array([hours(o.end) for o in offers])
    xy = np.array([[o.x, o.y] for o in offers]).reshape(-1, 2)
    columns: list[Column] = []
    need_rows: list[int] = []
    needs: list[int] = []
    for e, event in enumerate(events):
        for s, shift in enumerate(event.shifts):
            begin, end = hours(shift.start), hours(shift.end)
            for sector, roles in shift.needs.items():
                where = event.sectors.get(sector) or _anywhere(event)
                for role, need in roles.items():
                    if need <= 0 or not _workable(shift, role, rules):
                        continue
                    row = len(needs)
                    needs.append(need)
                    pool = by_role.get(role, np.zeros(0, int))
                    pool = pool[(low[pool] <= begin + 1e-9) & (end <= high[pool] + 1e-9)]
                    metres = np.hypot(xy[pool, 0] - where[0], xy[pool, 1] - where[1])
                    busy = end + rules.rest_after(role)
                    columns.extend(
                        Column(int(i), e, s, sector, role, begin, end, busy, float(m))
                        for i, m in zip(pool, metres, strict=True)
                    )
                    need_rows.extend([row] * len(pool))
    return columns, need_rows, needs


def _workable(shift: Shift, role: str, rules: Rules) -> bool:
    return role in EQUIPMENT or shift.hours <= rules.max_shift_h + 1e-9


def _anywhere(event: SeasonEvent) -> tuple[float, float]:
    points = list(event.sectors.values())
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


@dataclass
class Group:
    """Agents of one offer working the same shifts (columns), free again at ``free_h``."""

    agents: int
    free_h: float
    worked: list[int]


def groups(solution: Solution, offer: int, usable: int) -> list[Group]:
    """The offer's booked agents split into groups, none working two shifts closer than the
    rest: shifts taken by start, each from groups free by then (a whole group of the right size
    first, else the largest, split if need be), then from agents not yet booked."""
    booked = sorted(
        solution.booked().get(offer, []), key=lambda i: (solution.columns[i].start_h, i)
    )
    out: list[Group] = []
    fresh = usable
    for i in booked:
        column, need = solution.columns[i], int(solution.agents[i])
        free = [g for g in out if g.free_h <= column.start_h + 1e-9]
        exact = [g for g in free if g.agents == need]
        for group in exact[:1] or sorted(free, key=lambda g: -g.agents):
            if need == 0:
                break
            if group.agents > need:  # split: the part that works this shift is a new group
                group.agents -= need
                group = Group(need, group.free_h, list(group.worked))
                out.append(group)
            need -= group.agents
            group.worked.append(i)
            group.free_h = column.busy_h
        if need > 0:
            fresh -= need
            if fresh < 0:
                raise AssertionError("an allocation over an offer's agents")  # a solver bug
            out.append(Group(need, column.busy_h, [i]))
    return out
