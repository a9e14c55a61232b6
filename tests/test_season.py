"""The metropolitan season: allocation invariants on the bundled season, worked examples by hand,
and bad input."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from planner import doctrine
from planner.errors import SeasonError
from planner.season import PARIS, Availability, Rules, Season, SeasonEvent, Shift
from planner.season_allocation import allocate
from planner.season_report import roster_csv, season_json, windows
from scenarios.examples import load_example
from scenarios.season_document import document_plan, load_example_season, load_season
from scenarios.season_inputs import SeasonScenario, season_plan

EVENING = datetime(2026, 12, 31, 21, 0, tzinfo=PARIS)


def check_allocation(season: Season) -> None:
    """At every instant where an assignment starts, no commune books more agents of a role than
    it may lend (offered less its kept share) among the offers covering that instant; each
    group's shifts are no longer than the longest shift and rest at least the daily rest apart."""
    rules = season.rules
    for t in sorted({a.start for a in season.assignments}):
        for commune, role in {(a.commune, a.role) for a in season.assignments}:
            busy = sum(
                a.agents
                for a in season.assignments
                if (a.commune, a.role) == (commune, role) and a.start <= t < a.end
            )
            lent = sum(
                rules.usable(o)
                for o in season.offers
                if (o.commune, o.role) == (commune, role) and o.start <= t < o.end
            )
            assert busy <= lent, (commune, role, t, busy, lent)
    by_group: dict[str, list] = {}
    for a in season.assignments:
        by_group.setdefault(a.group, []).append(a)
    for group, rows in by_group.items():
        rows.sort(key=lambda a: a.start)
        assert len({a.agents for a in rows}) == 1, group  # one group: the same agents
        for a in rows:
            if a.role != "camera":
                assert (a.end - a.start) <= timedelta(hours=rules.max_shift_h)
        for before, after in zip(rows, rows[1:], strict=False):
            rest = rules.rest_after(before.role)
            assert after.start - before.end >= timedelta(hours=rest), (group, before, after)


@pytest.fixture(scope="module")
def bundled(monaco):
    return document_plan(load_example_season("monaco-new-year-season"))


def test_bundled_season_respects_offers_rest_and_shift_length(bundled):
    season = bundled.season
    check_allocation(season)
    ids = [e.id for e in season.events]
    assert ids == ["monaco-new-year-concert", "monaco-fireworks-port", "monaco-festival-of-lights"]
    assert len(season.events[2].shifts) == 5  # set-up and four nights
    assert season.assignments and season.conflicts


def test_bundled_season_conflicts_on_new_year_evening(bundled):
    """The three events of the 31st ask for the same communes' agents: the concert (priority 2)
    gets them first."""
    season = bundled.season
    evening = [c for c in season.conflicts if c.start.date().isoformat() == "2026-12-31"]
    assert evening
    for conflict in evening:
        assert sum(conflict.requested.values()) > conflict.available
        assert sum(conflict.granted.values()) <= conflict.available
        assert len(conflict.requested) >= 2
    police = next(c for c in evening if (c.commune, c.role) == ("Beausoleil", "municipal_police"))
    assert police.available == 8 - 2  # 8 offered, 20 % kept (rounded up)
    assert police.granted == {"monaco-new-year-concert": 6}
    fireworks = [s for s in season.shortfall if s.event == "monaco-fireworks-port"]
    assert {s.role for s in fireworks} >= {"municipal_police", "private_security"}


def test_bundled_season_json_contract(bundled):
    report = season_json(bundled.season, bundled.titles)
    assert json.loads(json.dumps(report)) == report
    assert {"events", "offers", "assignments", "shortfall", "conflicts", "spare"} <= set(report)
    first = report["assignments"][0]
    assert set(first) >= {
        "group",
        "commune",
        "role",
        "event",
        "sector",
        "shift",
        "start",
        "end",
        "agents",
    }
    for row in report["assignments"] + report["conflicts"] + report["spare"]:
        for key in ("start", "end", "from", "to"):
            if key in row:
                assert datetime.fromisoformat(row[key]).utcoffset() is not None
    shifts = report["events"][2]["shifts"]
    assert shifts[0]["name"] == "Montage" and shifts[0]["start"] == "2026-12-30T10:00:00+01:00"


def test_roster_csv_and_windows(bundled):
    season = bundled.season
    text = roster_csv(season, "Beausoleil")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("commune;role;group")
    assert all(line.startswith("Beausoleil;") for line in lines[1:])
    rows = windows(season)
    evening = [w for w in rows if w["from"] == EVENING and w["role"] == "municipal_police"]
    assert evening and evening[0]["needed"] > evening[0]["available"] >= evening[0]["booked"]


def _event(name, start, hours=5.0, needs=None, sectors=None, priority=1):
    shift = Shift(
        "s", start, start + timedelta(hours=hours), needs or {"A": {"municipal_police": 4}}
    )
    return SeasonEvent(name, name, (shift,), sectors or {"A": (0.0, 0.0)}, priority)


def _offer(commune, agents, x=0.0, role="municipal_police", start=None, days=3):
    start = start or EVENING - timedelta(days=1)
    return Availability(commune, role, agents, start, start + timedelta(days=days), x, 0.0)


def test_nearest_first_and_kept_share_by_hand():
    """Need 4: the near commune lends 5 − ceil(5 × 0.2) = 4, the far one none."""
    season = allocate([_event("e", EVENING)], [_offer("near", 5, 1000), _offer("far", 5, 9000)])
    assert [(a.commune, a.agents) for a in season.assignments] == [("near", 4)]
    assert season.spare[0].commune == "far" and season.spare[0].agents == 4
    assert not season.shortfall


def test_priority_serves_the_more_urgent_event_first():
    events = [
        _event("low", EVENING),
        _event("high", EVENING, sectors={"A": (5000.0, 0)}, priority=3),
    ]
    season = allocate(events, [_offer("c", 5)], Rules(kept_share=0.0))
    got = {a.event: a.agents for a in season.assignments}
    assert got == {"high": 4, "low": 1}  # 5 agents: 4 to the urgent event, 1 to the other
    assert [(s.event, s.agents) for s in season.shortfall] == [("low", 3)]
    (conflict,) = season.conflicts
    assert conflict.requested == {"low": 4, "high": 4} and conflict.available == 5
    assert conflict.granted == {"high": 4, "low": 1}


def test_daily_rest_keeps_the_same_agents_off_the_next_morning():
    """Shift until 02:00, next at 10:00 (8 h later): the same 4 agents cannot work both; with a
    second shift 12 h later, they can (one group)."""
    night = _event("night", EVENING, hours=5.0)
    morning = _event("morning", EVENING + timedelta(hours=13))  # 8 h after the night's end
    season = allocate([night, morning], [_offer("c", 4)], Rules(kept_share=0.0))
    assert sum(a.agents for a in season.assignments) == 4
    assert len(season.conflicts) == 1
    later = _event("later", EVENING + timedelta(hours=17))  # 12 h after
    season = allocate([night, later], [_offer("c", 4)], Rules(kept_share=0.0))
    assert {a.group for a in season.assignments} == {"c · municipal_police · 1"}
    assert not season.shortfall and not season.conflicts
    check_allocation(season)


def test_a_shift_longer_than_allowed_is_not_worked_and_said():
    season = allocate([_event("long", EVENING, hours=11)], [_offer("c", 10)])
    assert not season.assignments
    assert season.shortfall[0].agents == 4
    assert [p.key for p in season.problems] == ["season_shift_too_long"]


def test_equipment_has_no_rest():
    cams = {"": {"camera": 2}}
    first = SeasonEvent(
        "a", "a", (Shift("s", EVENING, EVENING + timedelta(hours=3), cams),), {"": (0.0, 0.0)}
    )
    second = SeasonEvent(
        "b",
        "b",
        (Shift("s", EVENING + timedelta(hours=3), EVENING + timedelta(hours=20), cams),),
        {"": (0.0, 0.0)},
    )
    season = allocate([first, second], [_offer("c", 2, role="camera")], Rules(kept_share=0.0))
    assert sum(a.agents for a in season.assignments) == 4 and not season.shortfall


def test_availability_window_bounds_the_shifts():
    offer = _offer("c", 10, start=EVENING + timedelta(hours=1), days=1)  # arrives after 21:00
    season = allocate([_event("e", EVENING)], [offer])
    assert not season.assignments and season.shortfall[0].agents == 4


@pytest.mark.parametrize(
    "events, offers, key",
    [
        (
            [
                SeasonEvent(
                    "e",
                    "e",
                    (
                        Shift("a", EVENING, EVENING + timedelta(hours=4), {}),
                        Shift("b", EVENING + timedelta(hours=3), EVENING + timedelta(hours=6), {}),
                    ),
                    {},
                )
            ],
            [],
            "season_shifts_overlap",
        ),
        ([_event("e", EVENING)], [_offer("c", 4, days=-1)], "season_ends_before_start"),
        ([_event("e", EVENING)], [_offer("c", 4, role="sniper")], "season_unknown_role"),
        ([_event("e", EVENING, needs={"A": {"pilot": 1}})], [], "season_unknown_role"),
        ([_event("e", EVENING, priority=9)], [], "season_bad_priority"),
        ([_event("e", EVENING.replace(tzinfo=None))], [], "season_naive_time"),
    ],
)
def test_bad_input_is_one_clear_error(events, offers, key):
    with pytest.raises(SeasonError) as caught:
        allocate(events, offers)
    assert caught.value.key == key
    assert "\n" not in str(caught.value)


def test_far_apart_events_are_allowed_and_said():
    far = _event("far", EVENING, sectors={"A": (400_000.0, 0.0)})
    season = allocate([_event("near", EVENING), far], [_offer("c", 10)])
    assert "season_far_apart" in [p.key for p in season.problems]
    assert "400" in season.problems[0].message("en")


def test_scenarios_that_disagree_about_a_commune_take_the_latest(monaco):
    concert = load_example("monaco-new-year-concert")
    fireworks = load_example("monaco-fireworks-port")
    changed = fireworks.model_copy(deep=True)
    changed.resources[1].agents["municipal_police"] = 2  # Beausoleil lends 2, not 8
    older = concert.authorship.updated_at
    plan = season_plan(
        [
            SeasonScenario("concert", concert, older),
            SeasonScenario("fireworks", changed, older + timedelta(days=1)),
        ]
    )
    assert [p.key for p in plan.season.problems] == ["season_offers_disagree"]
    assert "fireworks" in plan.season.problems[0].message("en")
    lent = [o for o in plan.season.offers if o.commune == "Beausoleil"]
    assert {o.role: o.agents for o in lent}["municipal_police"] == 2


def test_season_document_errors_name_the_place():
    with pytest.raises(SeasonError, match="events"):
        load_season(
            {
                "format": "vigie.season",
                "version": 1,
                "title": "x",
                "events": [],
                "authorship": {
                    "created_by": "a",
                    "created_at": "2026-01-01T00:00:00Z",
                    "updated_by": "a",
                    "updated_at": "2026-01-01T00:00:00Z",
                },
            }
        )
    with pytest.raises(SeasonError, match="not a Vigie season"):
        load_season(b'{"format": "vigie.scenario"}')
    with pytest.raises(SeasonError):
        load_season(b"{not json")


def test_the_doctrine_cites_its_rest_and_shift_sources():
    import inspect

    source = inspect.getsource(doctrine)
    assert "L3131-1" in source and "2000-815" in source
    assert doctrine.DAILY_REST_H == 11 and doctrine.MAX_SHIFT_H == 10


def test_the_check_catches_an_overbooking_and_a_short_rest(bundled):
    """The invariant check itself can fail: agents doubled, or a group's rest cut."""
    from dataclasses import replace

    season = bundled.season
    doubled = replace(
        season, assignments=tuple(replace(a, agents=a.agents * 3) for a in season.assignments)
    )
    with pytest.raises(AssertionError):
        check_allocation(doubled)
    rows = [a for a in season.assignments if a.group == season.assignments[0].group]
    early = replace(
        rows[0],
        start=rows[0].end + timedelta(hours=2),
        end=rows[0].end + timedelta(hours=5),
        shift="again",
    )
    with pytest.raises(AssertionError):
        check_allocation(replace(season, assignments=(*season.assignments, early)))
