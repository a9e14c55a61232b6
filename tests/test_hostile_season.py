"""Hostile names through the season's renderers: the roster PDF and CSV, season.json, the
season view (AppTest: Markdown escaped, the map's page inert). See tests/test_hostile_names.py."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from pypdf import PdfReader

from layers.season_sheet import roster_pdf
from planner.season import PARIS, Availability, Rules, SeasonEvent, Shift
from planner.season_allocation import allocate
from planner.season_report import roster_csv, season_json
from tests.conftest import run_cli
from tests.hostile import PAYLOADS, hostile
from tests.test_hostile_names import check_html_page, unescaped

EVENING = datetime(2026, 12, 31, 21, 0, tzinfo=PARIS)


def hostile_season():
    """Two events at once, every name a payload: events, sectors, communes."""
    events = []
    for e in range(2):
        sector = hostile(e + 2, "s")
        shift = Shift(
            hostile(e, "shift"),
            EVENING,
            EVENING + timedelta(hours=4),
            {sector: {"municipal_police": 3}},
        )
        events.append(SeasonEvent(f"e{e}", hostile(e, "event"), (shift,), {sector: (0.0, 0.0)}))
    offers = [
        Availability(
            hostile(i, "c"),
            "municipal_police",
            2,
            EVENING - timedelta(days=1),
            EVENING + timedelta(days=1),
            100.0 * i,
            0.0,
        )
        for i in range(len(PAYLOADS))
    ]
    season = allocate(events, offers, Rules(kept_share=0.0))
    return season, {e.id: e.title for e in events}


def test_roster_pdf_prints_names_as_typed():
    season, titles = hostile_season()
    assert season.assignments and season.conflicts
    reader = PdfReader(io.BytesIO(roster_pdf(season, titles, "fr")))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for payload in PAYLOADS:  # each commune's page is headed by its name, mathtext included
        assert payload in text, payload


def test_roster_csv_and_season_json_keep_names_as_data():
    season, titles = hostile_season()
    rows = list(csv.DictReader(io.StringIO(roster_csv(season)), delimiter=";"))
    assert {r["commune"] for r in rows} <= {o.commune for o in season.offers}
    assert {r["event"] for r in rows} == {"e0", "e1"}
    report = json.loads(json.dumps(season_json(season, titles)))
    assert [e["title"] for e in report["events"]] == [hostile(0, "event"), hostile(1, "event")]
    assert report["conflicts"] and report["conflicts"][0]["commune"] in {
        o.commune for o in season.offers
    }


def test_a_formula_name_is_not_a_formula_in_the_csv():
    season, titles = hostile_season()
    from dataclasses import replace

    season = replace(
        season,
        assignments=tuple(replace(a, commune='=HYPERLINK("http://x")') for a in season.assignments),
    )
    text = roster_csv(season, '=HYPERLINK("http://x")')
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows and all(r["commune"] == '\'=HYPERLINK("http://x")' for r in rows)


def test_the_season_cli_and_view_keep_hostile_names(hostile, fake_map, tmp_path):
    from scenarios.accounts import Actor, Role
    from scenarios.document import load_scenario
    from scenarios.season_model import SeasonEventRef
    from tests.test_app_season import season_app
    from ui.session import scenario_store

    done = run_cli("season", str(hostile.scenario), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "season.json").read_text())
    assert report["events"][0]["title"] == hostile.names[0]  # the title, as data
    doc = load_scenario(hostile.scenario)
    actor = Actor("planificateur", Role.PLANNER, demo=True)
    ids = [scenario_store().create(doc, actor).scenario_id for _ in range(2)]
    at = season_app(fake_map)
    at.multiselect(key="season_events_example:monaco-new-year-season").set_value(ids).run()
    assert not at.exception, at.exception
    assert at.session_state["season_doc"].events == [SeasonEventRef(scenario=i) for i in ids]
    check_html_page(fake_map.calls[-1]["map"].get_root().render())
    shown = [
        *(m.value for m in at.markdown),
        *(c.value for c in at.caption),
        *(w.value for w in [*at.warning, *at.error, *at.success, *at.info]),
        *(n.label for n in at.number_input),  # labels are Markdown too
    ]
    assert any("alert" in s for s in shown), shown  # the names are there (priorities' labels)…
    for value in shown:  # …and none can start markup
        assert not unescaped(value, "<[`$"), value
