"""The season as plain data: ``season.json``, the roster's CSV rows and the calendar's windows.

``season.json`` (format ``vigie.season-report``, version :data:`SEASON_REPORT_VERSION`):
``events`` (id, title, priority, shifts: name, start, end), ``offers`` (commune, role, agents,
from, to), ``assignments`` (group, commune, role, event, sector, shift, start, end, agents,
distance_km), ``shortfall`` (event, shift, role, agents), ``conflicts`` (commune, role, from, to,
available, requested and granted by event id), ``spare`` (commune, role, from, to, agents),
``rules`` and ``problems``. Every time is ISO 8601 with its offset (Europe/Paris); a sector of
``null`` is an event-wide need (equipment).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from planner.season import PARIS, WHOLE_EVENT, Season

SEASON_REPORT_FORMAT = "vigie.season-report"
SEASON_REPORT_VERSION = 1
#: The roster's CSV columns, in order.
ROSTER_COLUMNS = (
    "commune", "role", "group", "event", "sector", "shift", "start", "end", "agents",
    "distance_km",
)  # fmt: skip


def iso(moment: datetime) -> str:
    """ISO 8601 with its offset, in Europe/Paris."""
    return moment.astimezone(PARIS).isoformat()


def season_json(season: Season, titles: dict[str, str] | None = None) -> dict[str, Any]:
    """The season as ``season.json`` holds it (JSON-ready)."""
    titles = titles or {}
    return {
        "format": SEASON_REPORT_FORMAT,
        "version": SEASON_REPORT_VERSION,
        "events": [
            {
                "id": e.id,
                "title": titles.get(e.id, e.title),
                "priority": e.priority,
                "shifts": [
                    {"name": s.name, "start": iso(s.start), "end": iso(s.end)} for s in e.shifts
                ],
            }
            for e in season.events
        ],
        "offers": [
            {
                "commune": o.commune,
                "role": o.role,
                "agents": o.agents,
                "usable": season.rules.usable(o),
                "from": iso(o.start),
                "to": iso(o.end),
            }
            for o in season.offers
        ],
        "assignments": [
            {
                "group": a.group,
                "commune": a.commune,
                "role": a.role,
                "event": a.event,
                "sector": a.sector if a.sector != WHOLE_EVENT else None,
                "shift": a.shift,
                "start": iso(a.start),
                "end": iso(a.end),
                "agents": a.agents,
                "distance_km": a.distance_km,
            }
            for a in season.assignments
        ],
        "shortfall": [
            {"event": s.event, "shift": s.shift, "role": s.role, "agents": s.agents}
            for s in season.shortfall
        ],
        "conflicts": [
            {
                "commune": c.commune,
                "role": c.role,
                "from": iso(c.start),
                "to": iso(c.end),
                "available": c.available,
                "requested": c.requested,
                "granted": c.granted,
            }
            for c in season.conflicts
        ],
        "spare": [
            {
                "commune": s.commune,
                "role": s.role,
                "from": iso(s.start),
                "to": iso(s.end),
                "agents": s.agents,
            }
            for s in season.spare
        ],
        "rules": {
            "rest_h": season.rules.rest_h,
            "max_shift_h": season.rules.max_shift_h,
            "kept_share": season.rules.kept_share,
            "kept_by_commune": season.rules.kept_by_commune,
        },
        "problems": [{"key": p.key, "message": p.message()} for p in season.problems],
    }


def roster_rows(season: Season, commune: str | None = None) -> list[dict[str, Any]]:
    """The roster (one commune's, or everyone's) as rows of :data:`ROSTER_COLUMNS`."""
    communes = [commune] if commune is not None else season.communes()
    return [
        {
            "commune": a.commune,
            "role": a.role,
            "group": a.group,
            "event": a.event,
            "sector": a.sector,
            "shift": a.shift,
            "start": iso(a.start),
            "end": iso(a.end),
            "agents": a.agents,
            "distance_km": a.distance_km,
        }
        for name in communes
        for a in season.roster(name)
    ]


def roster_csv(season: Season, commune: str | None = None) -> str:
    """The roster as CSV text (``;`` separated, as French spreadsheets open it). A cell
    starting with ``=``, ``+``, ``-`` or ``@`` is prefixed with ``'`` so that a spreadsheet
    shows a name, never runs it as a formula."""
    out = io.StringIO()
    writer = csv.DictWriter(out, ROSTER_COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in roster_rows(season, commune):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def windows(season: Season) -> list[dict[str, Any]]:
    """The calendar's windows: between two consecutive shift boundaries where some shift runs,
    per role, the agents needed, available to the metropolis and booked."""
    bounds = sorted({t for e in season.events for s in e.shifts for t in (s.start, s.end)})
    out = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        running = [s for e in season.events for s in e.shifts if s.start <= low and high <= s.end]
        if not running:
            continue
        roles = sorted({r for s in running for roles in s.needs.values() for r in roles})
        for role in roles:
            needed = sum(roles_.get(role, 0) for s in running for roles_ in s.needs.values())
            available = sum(
                season.rules.usable(o)
                for o in season.offers
                if o.role == role and o.start <= low and high <= o.end
            )
            booked = sum(
                a.agents
                for a in season.assignments
                if a.role == role and a.start <= low and high <= a.end
            )
            out.append(
                {
                    "from": low,
                    "to": high,
                    "role": role,
                    "needed": needed,
                    "available": available,
                    "booked": booked,
                }
            )
    return out
