"""From scenarios and a season's offers to the season core's plain objects, and its allocation.

Each event's needs come from its own plan, one per shift with that shift's public, through the
one plan pipeline (:func:`planner.pipeline.planning`, cached by content: shifts with the same
public share one plan). Every position (sectors, communes' bases) is projected once into one
CRS, the first event's area's, so distances between events are comparable. Without offers of
its own, the season takes the communes' entries of its scenarios, available over the whole
period; where two scenarios disagree about a commune it says so and takes the most recently
saved one's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from planner import pipeline
from planner.area import Area, load_area
from planner.crs import WGS84
from planner.errors import Notice, PlannerError, SeasonError
from planner.season import (
    WHOLE_EVENT,
    Availability,
    Rules,
    Season,
    SeasonEvent,
    Shift,
)
from planner.season_allocation import allocate
from scenarios import convert
from scenarios.model import CommuneOffer, Scenario, paris
from scenarios.season_model import Period, SeasonOffer, SeasonRules


@dataclass(frozen=True)
class SeasonScenario:
    """An event of the season: its id (store id or file stem), scenario and when it was saved."""

    id: str
    scenario: Scenario
    saved_at: datetime


@dataclass(frozen=True)
class SeasonPlan:
    """The season's allocation, with what the views draw: its CRS, each event's title and
    perimeter (WGS84)."""

    season: Season
    crs: str
    titles: dict[str, str]
    perimeters: dict[str, BaseGeometry]


def season_rules(rules: SeasonRules | None) -> Rules:
    """The core's rules: the season's own where it set them, the doctrine's elsewhere."""
    chosen = rules.model_dump(exclude_none=True) if rules else {}
    return Rules(**chosen)


def season_plan(
    events: list[SeasonScenario],
    offers: list[SeasonOffer] | None = None,
    priorities: dict[str, int] | None = None,
    rules: SeasonRules | None = None,
    period: Period | None = None,
) -> SeasonPlan:
    """The allocation of a season (SeasonError, ScenarioError on input it cannot take)."""
    if not events:
        raise SeasonError("season_no_events")
    priorities = priorities or {}
    known = [e.id for e in events]
    for name in priorities:
        if name not in known:
            raise SeasonError("season_priority_unknown_event", event=name, events=", ".join(known))
    areas: dict[str, Area] = {}
    crs = events[0].scenario.area.crs
    built = [_event(e, priorities.get(e.id, 1), crs, areas, period) for e in events]
    problems: list[Notice] = []
    communes = _communes(events, problems)
    low, high = _span(built, period)
    if offers:
        availability = _listed(offers, communes, crs)
    else:
        availability = _from_scenarios(communes, crs, low, high)
    season = allocate(built, availability, season_rules(rules), crs, tuple(problems))
    return SeasonPlan(
        season=season,
        crs=crs,
        titles={e.id: e.scenario.title for e in events},
        perimeters={e.id: _perimeter(e.scenario) for e in events},
    )


def _event(
    source: SeasonScenario, priority: int, crs: str, areas: dict[str, Area], period: Period | None
) -> SeasonEvent:
    scenario = source.scenario
    key = convert.area_source(scenario).area_id()
    if key not in areas:
        areas[key] = load_area(convert.area_source(scenario))
    area = areas[key]
    inputs = convert.plan_inputs(scenario)
    shifts, sectors = [], {}
    for shift in scenario.event.season_shifts():
        start, end = paris(shift.start), paris(shift.end)
        if period and (end <= paris(period.start) or start >= paris(period.end)):
            continue
        attendance = (
            scenario.event.peak_attendance if shift.attendance is None else shift.attendance
        )
        needs: dict[str, dict[str, int]] = {}
        if attendance > 0:  # a shift without public needs no agents (only its equipment)
            plan = _plan(
                area,
                replace(inputs, public=replace(inputs.public, attendance=attendance)),
                source.id,
            )
            needs = {name: dict(roles) for name, roles in plan.staffing.needs().items()}
            if not sectors:
                sectors = _positions(plan.zones.sectors, plan.zones.perimeter, area.crs, crs)
        if shift.equipment:
            needs[WHOLE_EVENT] = dict(shift.equipment)
        shifts.append(Shift(shift.name, start, end, needs))
    if not sectors:  # no shift with public: the event's perimeter alone
        plan = _plan(area, inputs, source.id, staffed=False)
        sectors = _positions(plan.zones.sectors, plan.zones.perimeter, area.crs, crs)
    return SeasonEvent(source.id, scenario.title, tuple(shifts), sectors, priority)


def _plan(area: Area, inputs, event: str, staffed: bool = True):
    """The plan of ``inputs``; SeasonError naming the event where it cannot be made."""
    try:
        plan = pipeline.planning(area, inputs).required()
    except PlannerError as err:
        raise SeasonError("season_event_error", event=event, detail=err.message()) from None
    if staffed and plan.staffing_error is not None:
        detail = plan.staffing_error.message()
        raise SeasonError("season_event_error", event=event, detail=detail)
    return plan


def _positions(
    sectors: dict[str, BaseGeometry], perimeter: BaseGeometry | None, source: str, target: str
) -> dict[str, tuple[float, float]]:
    """Each sector's inner point (and the perimeter's, for event-wide needs) in ``target``."""
    names = [*sectors, WHOLE_EVENT]
    shapes = [
        *sectors.values(),
        perimeter if perimeter is not None else shapely.union_all(list(sectors.values())),
    ]
    points = gpd.GeoSeries([s.representative_point() for s in shapes], crs=source).to_crs(target)
    return {name: (float(p.x), float(p.y)) for name, p in zip(names, points, strict=True)}


def _communes(events: list[SeasonScenario], problems: list[Notice]) -> dict[str, CommuneOffer]:
    """Each commune's entry in the scenarios, the most recently saved where they disagree."""
    chosen: dict[str, tuple[datetime, str, CommuneOffer]] = {}
    disagree: set[str] = set()
    for source in events:
        for offer in source.scenario.resources:
            seen = chosen.get(offer.commune)
            if seen is not None and seen[2] != offer:
                disagree.add(offer.commune)
            if seen is None or paris(source.saved_at) > paris(seen[0]):
                chosen[offer.commune] = (source.saved_at, source.id, offer)
    for commune in sorted(disagree):
        problems.append(
            Notice("season_offers_disagree", {"commune": commune, "kept": chosen[commune][1]})
        )
    return {name: offer for name, (_, _, offer) in chosen.items()}


def _span(events: list[SeasonEvent], period: Period | None) -> tuple[datetime, datetime]:
    if period is not None:
        return paris(period.start), paris(period.end)
    starts = [s.start for e in events for s in e.shifts]
    ends = [s.end for e in events for s in e.shifts]
    if not starts:
        raise SeasonError("season_no_events")
    return min(starts), max(ends)


def _project(lonlat: list[tuple[float, float]], crs: str) -> list[tuple[float, float]]:
    if not lonlat:
        return []
    points = gpd.GeoSeries([shapely.Point(p) for p in lonlat], crs=WGS84).to_crs(crs)
    return [(float(p.x), float(p.y)) for p in points]


def _from_scenarios(
    communes: dict[str, CommuneOffer], crs: str, low: datetime, high: datetime
) -> list[Availability]:
    names = sorted(communes)
    bases = _project([(communes[n].base.lon, communes[n].base.lat) for n in names], crs)
    return [
        Availability(name, role, agents, low, high, x, y)
        for name, (x, y) in zip(names, bases, strict=True)
        for role, agents in sorted({**communes[name].agents, **communes[name].equipment}.items())
        if agents > 0
    ]


def _listed(
    offers: list[SeasonOffer], communes: dict[str, CommuneOffer], crs: str
) -> list[Availability]:
    lonlat = []
    for offer in offers:
        base = offer.base or (communes[offer.commune].base if offer.commune in communes else None)
        if base is None:
            raise SeasonError("season_no_base", commune=offer.commune)
        lonlat.append((base.lon, base.lat))
    return [
        Availability(o.commune, o.role, o.agents, paris(o.start), paris(o.end), x, y)
        for o, (x, y) in zip(offers, _project(lonlat, crs), strict=True)
    ]


def _perimeter(scenario: Scenario) -> BaseGeometry | None:
    found = convert.perimeter(scenario)
    return found.polygon if found is not None else None


def event_id(path: Path) -> str:
    """An event's id from its file: the file's stem (``concert.vigie.json`` → ``concert``)."""
    return path.name.removesuffix(".json").removesuffix(".vigie")
