"""The season's allocation: assignments by group, shortfall, conflicts and spare agents.

:func:`allocate` solves the whole season once (:mod:`planner.season_solver`) and each event
alone once — what each event's own plan would have asked of every commune, as today's per-event
pooling does. A conflict is a commune and role whose agents several events asked for at the same
time (their busy intervals, rest included, overlap), more than it may lend: the season says who
asked for how many and who got them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import numpy as np

from planner.errors import Notice
from planner.season import (
    PARIS,
    WHOLE_EVENT,
    Availability,
    Conflict,
    Rules,
    Season,
    SeasonAssignment,
    SeasonEvent,
    SeasonShortfall,
    Spare,
    check_season,
    season_notices,
)
from planner.season_solver import Solution, groups, solve


def allocate(
    events: list[SeasonEvent],
    offers: list[Availability],
    rules: Rules | None = None,
    crs: str = "EPSG:2154",
    problems: tuple[Notice, ...] = (),
) -> Season:
    """The season of ``events`` against ``offers`` (SeasonError on an input it cannot take)."""
    rules = rules or Rules()
    check_season(events, offers, rules)
    notices = [*problems, *season_notices(events, offers, rules, crs)]
    together = solve(events, offers, rules)
    if not together.optimal:
        notices.append(Notice("season_not_optimal", {}))
    assignments = _assignments(events, offers, rules, together)
    requested = {e.id: _busy(solve([e], offers, rules), [e], offers) for e in events}
    granted = _busy(together, events, offers)
    return Season(
        events=tuple(events),
        offers=tuple(offers),
        rules=rules,
        assignments=tuple(assignments),
        shortfall=tuple(_shortfall(events, assignments)),
        conflicts=tuple(_conflicts(offers, rules, requested, granted)),
        spare=tuple(_spare(offers, rules, granted)),
        problems=tuple(notices),
    )


def _assignments(
    events: list[SeasonEvent], offers: list[Availability], rules: Rules, solution: Solution
) -> list[SeasonAssignment]:
    out = []
    counter: dict[tuple[str, str], int] = defaultdict(int)
    for index, offer in enumerate(offers):
        for group in groups(solution, index, rules.usable(offer)):
            counter[offer.commune, offer.role] += 1
            name = f"{offer.commune} · {offer.role} · {counter[offer.commune, offer.role]}"
            for i in group.worked:
                column = solution.columns[i]
                event = events[column.event]
                shift = event.shifts[column.shift]
                out.append(
                    SeasonAssignment(
                        group=name,
                        commune=offer.commune,
                        role=offer.role,
                        event=event.id,
                        sector=column.sector,
                        shift=shift.name,
                        start=shift.start,
                        end=shift.end,
                        agents=group.agents,
                        distance_km=round(column.distance_m / 1000, 2),
                    )
                )
    out.sort(key=lambda a: (a.start, a.event, a.sector, a.commune, a.role, a.group))
    return out


def _shortfall(
    events: list[SeasonEvent], assignments: list[SeasonAssignment]
) -> list[SeasonShortfall]:
    got: dict[tuple[str, str, str], int] = defaultdict(int)
    for a in assignments:
        got[a.event, a.shift, a.role] += a.agents
    out = []
    for event in events:
        for shift in event.shifts:
            need: dict[str, int] = defaultdict(int)
            for roles in shift.needs.values():
                for role, n in roles.items():
                    need[role] += n
            for role, n in sorted(need.items()):
                missing = n - got[event.id, shift.name, role]
                if missing > 0:
                    out.append(SeasonShortfall(event.id, shift.name, role, missing))
    return out


#: (commune, role) → list of (start h, busy-until h, end h, event, agents)
Busy = dict[tuple[str, str], list[tuple[float, float, float, str, int]]]


def _busy(solution: Solution, events: list[SeasonEvent], offers: list[Availability]) -> Busy:
    """Each booking of an allocation as an interval of the commune's role, summed by shift."""
    summed: dict[tuple, int] = defaultdict(int)
    for column, agents in zip(solution.columns, solution.agents, strict=True):
        if agents > 0:
            offer = offers[column.offer]
            key = (offer.commune, offer.role, column.start_h, column.busy_h, column.end_h)
            summed[(*key, events[column.event].id)] += int(agents)
    out: Busy = defaultdict(list)
    for (commune, role, start, busy, end, event), agents in summed.items():
        out[commune, role].append((start, busy, end, event, agents))
    return out


def _available(offers: list[Availability], rules: Rules, commune: str, role: str, at: float) -> int:
    return sum(
        rules.usable(o)
        for o in offers
        if o.commune == commune
        and o.role == role
        and o.start.timestamp() / 3600 <= at + 1e-9 < o.end.timestamp() / 3600
    )


def _peak(intervals, at: list[float]) -> dict[str, int]:
    """Per event, the most agents busy at once over the instants ``at``."""
    best: dict[str, int] = defaultdict(int)
    for t in at:
        now: dict[str, int] = defaultdict(int)
        for start, busy, _, event, agents in intervals:
            if start <= t + 1e-9 < busy:
                now[event] += agents
        for event, agents in now.items():
            best[event] = max(best[event], agents)
    return dict(best)


def _conflicts(
    offers: list[Availability], rules: Rules, requested: dict[str, Busy], granted: Busy
) -> list[Conflict]:
    pools = {key for busy in requested.values() for key in busy}
    out = []
    for commune, role in sorted(pools):
        asked = [iv for busy in requested.values() for iv in busy.get((commune, role), [])]
        for cluster in _clusters(asked):
            if len({iv[3] for iv in cluster}) < 2:
                continue
            instants = sorted({iv[0] for iv in cluster})
            over = [
                t
                for t in instants
                if sum(iv[4] for iv in cluster if iv[0] <= t + 1e-9 < iv[1])
                > _available(offers, rules, commune, role, t)
            ]
            if not over:
                continue
            low, high = cluster[0][0], max(iv[2] for iv in cluster)
            got = [iv for iv in granted.get((commune, role), []) if iv[0] < high and iv[1] > low]
            out.append(
                Conflict(
                    commune=commune,
                    role=role,
                    start=_moment(low),
                    end=_moment(high),
                    available=min(_available(offers, rules, commune, role, t) for t in over),
                    requested=_peak(cluster, instants),
                    granted=_peak(got, sorted({iv[0] for iv in got} | set(instants))),
                )
            )
    out.sort(key=lambda c: (c.start, c.commune, c.role))
    return out


def _clusters(intervals):
    """Intervals (start, busy, …) grouped where they overlap, each group sorted by start."""
    out: list[list] = []
    reach = -np.inf
    for iv in sorted(intervals):
        if iv[0] < reach - 1e-9:
            out[-1].append(iv)
            reach = max(reach, iv[1])
        else:
            out.append([iv])
            reach = iv[1]
    return out


def _spare(offers: list[Availability], rules: Rules, granted: Busy) -> list[Spare]:
    out = []
    for offer in offers:
        low, high = offer.start.timestamp() / 3600, offer.end.timestamp() / 3600
        mine = [
            iv
            for iv in granted.get((offer.commune, offer.role), [])
            if low <= iv[0] + 1e-9 and iv[2] <= high + 1e-9
        ]
        peak = max((sum(_peak(mine, [t]).values()) for t in {iv[0] for iv in mine}), default=0)
        left = rules.usable(offer) - peak
        if left > 0:
            out.append(Spare(offer.commune, offer.role, offer.start, offer.end, left))
    return out


def _moment(h: float) -> datetime:
    return datetime.fromtimestamp(round(h * 3600), UTC).astimezone(PARIS)


__all__ = ["WHOLE_EVENT", "allocate"]
