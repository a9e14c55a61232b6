"""What the season view shows of an allocation: figures, calendar, map, conflicts, roster.

Names (events, communes, sectors) reach Streamlit as data: dataframes and Vega-Lite charts show
text, the map's tooltips go through :func:`planner.markup.html_text` (layers/zones.py), and the
Markdown of captions through :func:`ui.i18n.t`'s escaping.
"""

from __future__ import annotations

from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st
import streamlit_folium
from shapely.geometry import mapping

from layers.basemap import make_map
from layers.season_sheet import role_label, roster_pdf
from planner import i18n
from planner.season import PARIS, WHOLE_EVENT
from planner.season_report import roster_csv, windows
from scenarios import convert
from scenarios.season_document import resolve_event
from scenarios.season_inputs import SeasonPlan
from scenarios.season_model import SeasonDocument
from ui.i18n import lang, said, t
from ui.resources import load_area_with_status
from ui.session import scenario_store


def season_results(planned: SeasonPlan, doc: SeasonDocument) -> None:
    season = planned.season
    for problem in season.problems:
        st.warning(said(problem))
    booked = sum(a.agents for a in season.assignments)
    short = sum(s.agents for s in season.shortfall)
    figures = st.columns(5)
    figures[0].metric(t("season_m_events"), len(season.events))
    figures[1].metric(t("season_m_shifts"), sum(len(e.shifts) for e in season.events))
    figures[2].metric(t("season_m_booked"), i18n.format_number(booked, lang()))
    figures[3].metric(t("season_m_shortfall"), i18n.format_number(short, lang()))
    figures[4].metric(t("season_m_conflicts"), len(season.conflicts))
    st.subheader(t("season_calendar"))
    _calendar(planned)
    st.subheader(t("season_map"))
    _map(planned, doc)
    st.subheader(t("season_conflicts"))
    _conflicts(planned)
    st.subheader(t("season_shortfall"))
    _shortfall(planned)
    st.subheader(t("season_roster"))
    _roster(planned)


def _when(moment: datetime) -> str:
    local = moment.astimezone(PARIS)
    return f"{i18n.format_date(local, lang())} {local:%H:%M}"


def _naive(moment: datetime) -> datetime:
    """Paris wall-clock time (the charts show local time, whatever the browser's zone)."""
    return moment.astimezone(PARIS).replace(tzinfo=None)


def _calendar(planned: SeasonPlan) -> None:
    season = planned.season
    shifts = pd.DataFrame(
        [
            {
                "event": planned.titles.get(e.id, e.id),
                "shift": s.name,
                "start": _naive(s.start),
                "end": _naive(s.end),
                "priority": e.priority,
            }
            for e in season.events
            for s in e.shifts
        ],
        columns=["event", "shift", "start", "end", "priority"],
    )
    if shifts.empty:
        return
    clock = "%d/%m %H:%M"
    gantt = (
        alt.Chart(shifts)
        .mark_bar(cornerRadius=3)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format=clock)),
            x2="end:T",
            y=alt.Y("event:N", title=None),
            color=alt.Color("event:N", legend=None),
            tooltip=[
                alt.Tooltip("event:N", title=t("season_col_event")),
                alt.Tooltip("shift:N", title=t("season_col_shift")),
                alt.Tooltip("priority:Q", title=t("season_col_priority")),
                alt.Tooltip("start:T", format=clock, title=t("season_col_from")),
                alt.Tooltip("end:T", format=clock, title=t("season_col_to")),
            ],
        )
        .properties(height=40 + 40 * len(season.events))
    )
    st.altair_chart(gantt, width="stretch")
    rows = windows(season)
    roles = sorted({r["role"] for r in rows}, key=lambda r: r != "municipal_police")
    if not roles:
        return
    role = st.selectbox(
        t("season_chart_role"),
        roles,
        format_func=lambda r: role_label(r, lang()),
        key=f"season_chart_role-{lang()}",
    )
    series = {
        "needed": t("season_needed"),
        "available": t("season_available"),
        "booked": t("season_booked"),
    }
    long = pd.DataFrame(
        [
            {
                "window": f"{_naive(w['from']):%d/%m %H:%M}–{_naive(w['to']):%H:%M}",
                "start": _naive(w["from"]),
                "series": series[k],
                "agents": w[k],
            }
            for w in rows
            if w["role"] == role
            for k in series
        ]
    )
    bars = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("window:N", title=t("season_window"), sort=alt.SortField("start")),
            xOffset=alt.XOffset("series:N", sort=list(series.values())),
            y=alt.Y("agents:Q", title=t("season_col_agents")),
            color=alt.Color("series:N", title=None, sort=list(series.values())),
            tooltip=["window", "series", "agents"],
        )
        .properties(height=280)
    )
    st.altair_chart(bars, width="stretch")
    st.caption(t("season_chart_caption"))


def _map(planned: SeasonPlan, doc: SeasonDocument) -> None:
    first = resolve_event(doc.events[0].scenario, scenario_store())
    loaded, error = load_area_with_status(convert.area_source(first.scenario))
    if error or loaded is None:
        st.info(error or t("season_no_map"))
        return
    area, base = loaded
    zones = []
    for i, (event_id, shape) in enumerate(planned.perimeters.items()):
        parts = getattr(shape, "geoms", [shape]) if shape is not None else []
        for j, part in enumerate(parts):
            zones.append(
                {
                    "type": "Feature",
                    "geometry": mapping(part),
                    "properties": {
                        "role": "perimeter",
                        "id": f"event-{i}-{j}",
                        "name": planned.titles.get(event_id, event_id),
                    },
                }
            )
    fmap = make_map(area, base, lang(), draw=False, zones=zones)
    streamlit_folium.st_folium(  # looked up at each call (tests replace it)
        fmap, key=f"season-map-{lang()}", height=460, width="stretch", returned_objects=[]
    )


def _by_event(values: dict[str, int], titles: dict[str, str]) -> str:
    return " · ".join(f"{titles.get(k, k)} : {v}" for k, v in values.items()) or "—"


def _conflicts(planned: SeasonPlan) -> None:
    conflicts = planned.season.conflicts
    if not conflicts:
        st.success(t("season_no_conflicts"))
        return
    st.caption(t("season_conflicts_caption"))
    table = pd.DataFrame(
        [
            {
                t("season_col_commune"): c.commune,
                t("season_col_role"): role_label(c.role, lang()),
                t("season_col_from"): _when(c.start),
                t("season_col_to"): _when(c.end),
                t("season_col_available"): c.available,
                t("season_col_requested"): _by_event(c.requested, planned.titles),
                t("season_col_granted"): _by_event(c.granted, planned.titles),
            }
            for c in conflicts
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", key="season_conflicts_table")
    with st.container(key="season_conflict_lines"):
        for c in conflicts:
            st.markdown(
                t(
                    "season_conflict_line",
                    commune=c.commune,
                    role=role_label(c.role, lang()),
                    start=_when(c.start),
                    end=_when(c.end),
                    available=c.available,
                    requested=_by_event(c.requested, planned.titles),
                    granted=_by_event(c.granted, planned.titles),
                )
            )


def _shortfall(planned: SeasonPlan) -> None:
    rows = planned.season.shortfall
    if not rows:
        st.success(t("season_no_shortfall"))
        return
    table = pd.DataFrame(
        [
            {
                t("season_col_event"): planned.titles.get(s.event, s.event),
                t("season_col_shift"): s.shift,
                t("season_col_role"): role_label(s.role, lang()),
                t("season_col_missing"): s.agents,
            }
            for s in rows
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _roster(planned: SeasonPlan) -> None:
    season = planned.season
    communes = season.communes()
    commune = st.selectbox(t("season_col_commune"), communes, key="season_roster_commune")
    rows = season.roster(commune)
    if not rows:
        st.info(t("season_roster_empty"))
    else:
        table = pd.DataFrame(
            [
                {
                    t("season_col_from"): _when(a.start),
                    t("season_col_to"): _when(a.end),
                    t("season_col_event"): planned.titles.get(a.event, a.event),
                    t("season_col_sector"): a.sector if a.sector != WHOLE_EVENT else "—",
                    t("season_col_role"): role_label(a.role, lang()),
                    t("season_col_agents"): a.agents,
                    t("season_col_group"): a.group,
                }
                for a in rows
            ]
        )
        st.dataframe(table, hide_index=True, width="stretch", key="season_roster_table")
    left, middle, right = st.columns(3)
    left.download_button(
        t("season_csv_commune"),
        roster_csv(season, commune),
        file_name="roster-commune.csv",
        mime="text/csv",
        key="season_csv_commune",
    )
    middle.download_button(
        t("season_csv_all"),
        roster_csv(season),
        file_name="roster.csv",
        mime="text/csv",
        key="season_csv_all",
    )
    right.download_button(
        t("season_pdf"),
        _pdf(planned, lang()),
        file_name="roster.pdf",
        mime="application/pdf",
        key="season_pdf",
    )


#: The last PDFs made, by (allocation, language): a rerun does not draw them again.
_PDFS: dict[tuple[int, str], bytes] = {}


def _pdf(planned: SeasonPlan, language: str) -> bytes:
    key = (id(planned.season), language)
    if key not in _PDFS:
        while len(_PDFS) >= 4:
            _PDFS.pop(next(iter(_PDFS)))
        _PDFS[key] = roster_pdf(planned.season, planned.titles, language)
    return _PDFS[key]
