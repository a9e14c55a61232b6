"""The metropolitan season: every event's shifts against the communes' offers, over time.

Today each plan pools the communes' agents for itself (:mod:`planner.pooling`): two events on
the same evening could both count on the same agents. A season puts every shift of every event
of a period against every commune's offer (agents or equipment units of one role, available
over a date/time window) and allocates them at once (:mod:`planner.season_solver`, an integer
programme solved by HiGHS): nearest first, within availability, the shift length and the daily
rest between two shifts of the same agents (:mod:`planner.doctrine`), each commune keeping its
share for its own territory, and the coordinator's priorities between events.

Agents are assigned as groups: the agents of one commune and role who work the same shifts. The
result lists the assignments (group, event, sector, shift, agents), the shortfall by event,
shift and role, the conflicts (who asked for the same agents at the same time, and who got
them) and the spare agents (:mod:`planner.season_report`).

Times are timezone-aware datetimes; positions are (x, y) metres in one projected CRS, the
season's (distances are straight lines between a commune's base and a sector).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from planner import doctrine
from planner.errors import Notice, SeasonError

#: Roles counted in units of equipment (no rest, no shift length): the mobile cameras of the
#: video coverage.
EQUIPMENT: tuple[str, ...] = ("camera",)
AGENT_ROLES: tuple[str, ...] = (
    "private_security",
    "municipal_police",
    "national_police",
    "first_aiders",
)
ROLES: tuple[str, ...] = AGENT_ROLES + EQUIPMENT
#: The sector of an event-wide need (equipment for the whole perimeter).
WHOLE_EVENT = ""
#: Times given without an offset are in this zone (the metropolis's); outputs are written in it.
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Shift:
    """One shift of an event: when, and what each sector needs (sector → role → agents)."""

    name: str
    start: datetime
    end: datetime
    needs: dict[str, dict[str, int]]

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


@dataclass(frozen=True)
class SeasonEvent:
    """An event of the season: its id (store id or file stem), shifts and sectors' positions
    (sector → (x, y) in the season's CRS; ``WHOLE_EVENT`` is the perimeter's)."""

    id: str
    title: str
    shifts: tuple[Shift, ...]
    sectors: dict[str, tuple[float, float]]
    priority: int = 1


@dataclass(frozen=True)
class Availability:
    """One commune's offer of one role over a window: agents (or units), and its base (x, y)."""

    commune: str
    role: str
    agents: int
    start: datetime
    end: datetime
    x: float
    y: float


@dataclass(frozen=True)
class Rules:
    """The season's rules: daily rest and longest shift (hours), the share each commune keeps
    (default, and per commune)."""

    rest_h: float = doctrine.DAILY_REST_H
    max_shift_h: float = doctrine.MAX_SHIFT_H
    kept_share: float = doctrine.KEPT_SHARE
    kept_by_commune: dict[str, float] = field(default_factory=dict)

    def usable(self, offer: Availability) -> int:
        """Agents of ``offer`` the metropolis may book: the commune keeps its share (rounded
        up, in its favour)."""
        share = self.kept_by_commune.get(offer.commune, self.kept_share)
        return offer.agents - math.ceil(offer.agents * share - 1e-9)

    def rest_after(self, role: str) -> float:
        """Hours a group of ``role`` is unavailable after a shift (none for equipment)."""
        return 0.0 if role in EQUIPMENT else self.rest_h


@dataclass(frozen=True)
class SeasonAssignment:
    """A group of agents of one commune and role on one shift of one sector."""

    group: str
    commune: str
    role: str
    event: str
    sector: str
    shift: str
    start: datetime
    end: datetime
    agents: int
    distance_km: float


@dataclass(frozen=True)
class SeasonShortfall:
    event: str
    shift: str
    role: str
    agents: int


@dataclass(frozen=True)
class Conflict:
    """Events that asked for the same agents of one commune and role at the same time (each
    alone would have taken ``requested``), more than it has (``available``), and what each got."""

    commune: str
    role: str
    start: datetime
    end: datetime
    available: int
    requested: dict[str, int]
    granted: dict[str, int]


@dataclass(frozen=True)
class Spare:
    """Agents of an offer booked on no shift of its window."""

    commune: str
    role: str
    start: datetime
    end: datetime
    agents: int


@dataclass(frozen=True)
class Season:
    """The season's allocation."""

    events: tuple[SeasonEvent, ...]
    offers: tuple[Availability, ...]
    rules: Rules
    assignments: tuple[SeasonAssignment, ...]
    shortfall: tuple[SeasonShortfall, ...]
    conflicts: tuple[Conflict, ...]
    spare: tuple[Spare, ...]
    problems: tuple[Notice, ...] = ()

    def roster(self, commune: str) -> list[SeasonAssignment]:
        """One commune's assignments, by start."""
        rows = [a for a in self.assignments if a.commune == commune]
        return sorted(rows, key=lambda a: (a.start, a.event, a.sector, a.role, a.group))

    def communes(self) -> list[str]:
        return sorted({o.commune for o in self.offers})


def check_season(events: list[SeasonEvent], offers: list[Availability], rules: Rules) -> None:
    """SeasonError on the first input the season cannot take (overlapping shifts of one
    event, an offer ending before it starts, an unknown role, a naive time, a bad rule)."""
    if not 0 <= rules.kept_share < 1 or any(not 0 <= s < 1 for s in rules.kept_by_commune.values()):
        raise SeasonError("season_bad_kept_share")
    if not 0 < rules.max_shift_h <= doctrine.MAX_SHIFT_LIMIT_H or rules.rest_h < 0:
        raise SeasonError("season_bad_rules", limit=doctrine.MAX_SHIFT_LIMIT_H)
    ids = [e.id for e in events]
    for event in events:
        if ids.count(event.id) > 1:
            raise SeasonError("season_duplicate_event", event=event.id)
        if not 1 <= event.priority <= doctrine.MAX_PRIORITY:
            raise SeasonError("season_bad_priority", event=event.id, limit=doctrine.MAX_PRIORITY)
        shifts = sorted(event.shifts, key=lambda s: s.start)
        for shift in shifts:
            _check_times(shift.start, shift.end, event.id, shift.name)
            for roles in shift.needs.values():
                for role in roles:
                    _check_role(role)
        for before, after in zip(shifts, shifts[1:], strict=False):
            if after.start < before.end:
                raise SeasonError(
                    "season_shifts_overlap", event=event.id, first=before.name, second=after.name
                )
    for offer in offers:
        _check_role(offer.role)
        _check_times(offer.start, offer.end, offer.commune, offer.role)
        if offer.agents < 0:
            raise SeasonError("season_bad_agents", commune=offer.commune, role=offer.role)


def season_notices(
    events: list[SeasonEvent], offers: list[Availability], rules: Rules, crs: str
) -> list[Notice]:
    """What the season should say about acceptable inputs: events far apart, shifts no group
    may work (too long), offer windows of one commune too close for the daily rest."""
    notices = []
    centres = {e.id: _centre(e) for e in events if e.sectors}
    named = sorted(centres)
    for i, a in enumerate(named):
        for b in named[i + 1 :]:
            km = math.dist(centres[a], centres[b]) / 1000
            if km > doctrine.FAR_APART_KM:
                notices.append(Notice("season_far_apart", {"a": a, "b": b, "km": km, "crs": crs}))
    for event in events:
        for shift in event.shifts:
            agents = any(r in AGENT_ROLES for roles in shift.needs.values() for r in roles)
            if agents and shift.hours > rules.max_shift_h + 1e-9:
                notices.append(
                    Notice(
                        "season_shift_too_long",
                        {
                            "event": event.id,
                            "shift": shift.name,
                            "hours": shift.hours,
                            "limit": rules.max_shift_h,
                        },
                    )
                )
    by_pool: dict[tuple[str, str], list[Availability]] = {}
    for offer in offers:
        by_pool.setdefault((offer.commune, offer.role), []).append(offer)
    for (commune, role), windows in sorted(by_pool.items()):
        windows.sort(key=lambda o: o.start)
        rest = rules.rest_after(role)
        for before, after in zip(windows, windows[1:], strict=False):
            if rest and (after.start - before.end).total_seconds() < rest * 3600:
                notices.append(
                    Notice("season_windows_close", {"commune": commune, "role": role, "rest": rest})
                )
                break
    return notices


def _centre(event: SeasonEvent) -> tuple[float, float]:
    xs = [p[0] for p in event.sectors.values()]
    ys = [p[1] for p in event.sectors.values()]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise SeasonError("season_unknown_role", role=role[:40], roles=", ".join(ROLES))


def _check_times(start: datetime, end: datetime, who: str, what: str) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise SeasonError("season_naive_time", who=who, what=what)
    if end <= start:
        raise SeasonError("season_ends_before_start", who=who, what=what)
