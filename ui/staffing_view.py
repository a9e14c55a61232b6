"""The staffing panel: sector sheets, screening per checkpoint, DPS, the communes' roster.

Shortfalls are shown in red; charts where a planner would rather look than read (the arrival
profile, the mean wait against the number of lanes).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers.labels import thousands
from planner.area import Area
from planner.markup import markdown_text
from planner.memo import Memo
from planner.pipeline import Planning
from planner.plan import Plan
from planner.staffing import ROLES, StaffingPlan
from scenarios.model import Scenario
from ui.fragments import plan_panel
from ui.i18n import lang, said, t
from ui.sections import section
from ui.simulation_view import simulation_panel
from ui.staffing_settings import settings_panel, split_panel

SHORTFALL_STYLE = "background-color: #f8d7da; color: #842029; font-weight: 600"
#: The wait chart draws the busiest checkpoints, waits capped (a saturated queue has no end).
WAIT_CHART_LINES = 6
WAIT_CAP_MIN = 30.0


#: The panel's tables and charts per plan content (area, inputs' key, language), per server: a
#: rerun that did not change the plan (a fragment's, another panel's widget) reuses them.
_TABLES: Memo[dict] = Memo(32)


@plan_panel
def staffing_panel(
    plan: Plan | None,
    scenario: Scenario,
    area: Area,
    editable: bool,
    key: str,
    planned: Planning | None = None,
) -> None:
    """Everything about sectors and staff, under the map (the split and the assumptions form
    only for who may edit the plan); ``key`` is the plan inputs' content key
    (:attr:`planner.pipeline.Planning.key`); with ``planned``, each sector's crowd simulation."""
    st.subheader(t("staffing_header"))
    if plan is None:
        st.info(t("staffing_needs_perimeter"))
        return
    if not scenario.zones_with_role("sector"):
        st.caption(t("default_sector_note"))
    if editable:
        split_panel(plan, area)
    if plan.staffing_error is not None:
        st.error(said(plan.staffing_error))
        settings_panel(None, scenario, editable)
        return
    staffing = plan.staffing
    for problem in staffing.problems:
        st.warning(said(problem))
    shortfall = plan.pooling.shortfall if plan.pooling else {}
    tables = _TABLES.get(
        (area.id, key, lang()), lambda: _tables(plan, staffing, scenario, shortfall)
    )
    _metrics(staffing, scenario, shortfall)
    _sector_table(staffing, tables["sectors"])
    _sector_sheets(tables["sheets"], staffing, scenario, planned, editable)
    _screening(staffing, tables["screening"], tables["charts"])
    _dps(staffing)
    _roster(scenario, tables["totals"], tables["roster"])
    settings_panel(staffing, scenario, editable)


def _tables(plan: Plan, staffing: StaffingPlan, scenario: Scenario, shortfall: dict) -> dict:
    """The panel's frames and chart specs, built once per plan content."""
    return {
        "sectors": _sector_frame(staffing, shortfall),
        "sheets": [_sheet(s) for s in staffing.sectors],
        "screening": _screening_frame(staffing, plan) if staffing.screening else None,
        "charts": (_arrival_chart(staffing), _wait_chart(staffing)) if staffing.screening else (),
        "totals": _totals_frame(plan, scenario),
        "roster": _roster_frame(plan) if scenario.resources else None,
    }


def _metrics(staffing: StaffingPlan, scenario: Scenario, shortfall: dict) -> None:
    missing = sum(sum(r.values()) for r in shortfall.values())
    cover = staffing.dps
    cols = st.columns(5)
    cols[0].metric(t("metric_public"), thousands(scenario.event.peak_attendance))
    over = staffing.capacity - scenario.event.peak_attendance
    cols[1].metric(
        t("metric_capacity"),
        thousands(staffing.capacity),
        delta=("+" if over >= 0 else "−") + thousands(abs(over)),
        delta_color="normal" if over >= 0 else "inverse",
    )
    cols[2].metric(f"{t('metric_dps')} — {_category(cover.category)}", cover.first_aiders)
    cols[3].metric(t("metric_agents"), thousands(sum(staffing.totals().values())))
    cols[4].metric(t("metric_shortfall"), missing)
    if missing:
        st.error(t("shortfall_warning", count=missing))
    elif scenario.resources:
        st.success(t("no_shortfall"))


def _sector_frame(staffing: StaffingPlan, shortfall: dict) -> pd.DataFrame:
    rows = []
    for s in staffing.sectors:
        missing = shortfall.get(s.name, {})
        rows.append(
            {
                t("col_sector"): s.name,
                t("col_area"): round(s.area_m2),
                t("col_usable"): round(s.usable_m2),
                t("col_capacity"): s.capacity,
                t("col_limited"): t("limited_" + s.limited_by),
                t("col_public"): s.public,
                t("col_exits"): len(s.exits),
                t("col_through"): s.evacuation.through or "",
                t("col_walk"): _minutes(s.evacuation.walk_min),
                t("col_flow"): _minutes(s.evacuation.flow_min),
                t("col_evac"): _minutes(s.evacuation_min),
                t("col_evac_blocked"): _minutes(s.evacuation_widest_blocked_min),
                **{t("agent_" + role): s.staff.get(role, 0) for role in ROLES},
                t("col_shortfall"): sum(missing.values()),
            }
        )
    return pd.DataFrame(rows)


def _sector_table(staffing: StaffingPlan, frame: pd.DataFrame) -> None:
    st.markdown(f"**{t('sectors_table')}**")
    short = t("col_shortfall")
    styled = frame.style.map(lambda v: SHORTFALL_STYLE if v else "", subset=[short])
    minutes = st.column_config.NumberColumn(format="%.1f")
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config={
            t("col_evac"): minutes,
            t("col_evac_blocked"): minutes,
            t("col_walk"): minutes,
            t("col_flow"): minutes,
        },
    )
    p = staffing.parameters
    st.caption(
        t(
            "capacity_note",
            density=p.density_p_m2,
            flow=p.flow_level_p_m_min,
            time=p.exit_time_min,
        )
    )


def _sheet(s) -> tuple[str, str, pd.DataFrame, pd.DataFrame]:
    """A sector's sheet: its title, its checkpoints and tasks line, surfaces and exits."""
    tasks = " · ".join(f"{t('task_' + k)} {v}" for k, v in s.tasks.items())
    checkpoints = ", ".join(map(markdown_text, s.checkpoints)) or "—"
    surface = pd.DataFrame(
        [
            {t("col_surface_source"): t("source_" + k), "m²": round(v)}
            for k, v in s.surface_by_source.items()
            if v > 0
        ]
    )
    exits = pd.DataFrame(
        [
            {
                "N°": e.id,
                t("col_street"): e.street or t("unnamed"),
                t("col_width"): round(e.width_m, 1),
                t("col_width_source"): t("source_" + e.width_source),
                t("col_stairs"): "✓" if e.stairs else "",
            }
            for e in s.exits
        ]
    )
    line = f"**{t('col_checkpoints')}** — {checkpoints}  \n{tasks}"
    return t("sector_sheet", name=s.name), line, surface, exits


def _sector_sheets(
    sheets: list[tuple[str, str, pd.DataFrame, pd.DataFrame]],
    staffing: StaffingPlan,
    scenario: Scenario,
    planned: Planning | None,
    editable: bool,
) -> None:
    for i, ((title, line, surface, exits), s) in enumerate(
        zip(sheets, staffing.sectors, strict=True)
    ):
        with section(title, f"sector-sheet-{i}") as shown:
            if not shown:
                continue
            st.markdown(line)
            if not surface.empty:
                st.dataframe(surface, hide_index=True)
            if not exits.empty:
                st.dataframe(exits, hide_index=True, width="stretch")
            if planned is not None:
                simulation_panel(scenario, planned, s, editable)


def _screening_frame(staffing: StaffingPlan, plan: Plan) -> pd.DataFrame:
    share = f"{staffing.parameters.wait_target_share:.0%}"
    street = {c.id: c.street for c in plan.checkpoints}
    rows = [
        {
            t("col_checkpoint"): s.checkpoint,
            t("col_street"): street.get(s.checkpoint) or t("unnamed"),
            t("col_sector"): staffing.checkpoint_sector.get(s.checkpoint, "—"),
            t("col_arrivals"): round(s.arrivals_per_min, 1),
            t("col_lanes"): s.lanes,
            t("col_agents"): s.agents,
            t("col_wait"): round(s.expected_wait_min, 1),
            t("col_wait95", share=share): round(s.wait_at_target_share_min, 1),
        }
        for s in staffing.screening
    ]
    return pd.DataFrame(rows)


def _screening(staffing: StaffingPlan, frame: pd.DataFrame | None, charts: tuple) -> None:
    if frame is None:
        return
    st.markdown(f"**{t('screening_header')}**")
    p = staffing.parameters
    share = f"{p.wait_target_share:.0%}"
    st.dataframe(frame, hide_index=True, width="stretch")
    st.caption(
        t(
            "screening_note",
            rate=round(staffing.lane_rate_p_min, 1),
            per_lane=staffing.agents_per_lane,
            share=share,
            target=p.wait_target_min,
        )
    )
    left, right = st.columns(2)
    with left:
        st.markdown(f"*{t('chart_arrivals')}*")
        st.vega_lite_chart(spec=charts[0], width="stretch")
    with right:
        st.markdown(f"*{t('chart_wait')}*")
        st.vega_lite_chart(spec=charts[1], width="stretch")


def _arrival_chart(staffing: StaffingPlan) -> dict:
    """Arrivals per quarter-hour before the start, as a Vega-Lite spec (plain field names:
    vega-lite reads dots in names as paths, so the translated titles go to the axes only)."""
    profile = staffing.profile
    values = [
        {"slot": str(end), "people": round(n)}
        for end, n in zip(profile.ends_min, profile.arrivals(staffing.dps.public), strict=True)
    ]
    slot, people = (
        _field("slot", "nominal", t("axis_slot")),
        _field("people", "quantitative", t("axis_people")),
    )
    return {
        "data": {"values": values},
        "mark": {"type": "bar", "color": "#1f6fb2"},
        "encoding": {"x": slot | {"sort": None}, "y": people, "tooltip": [slot, people]},
    }


def _wait_chart(staffing: StaffingPlan) -> dict:
    """Mean wait against open lanes for the busiest checkpoints, and the target wait, as a
    Vega-Lite spec; a queue that never empties is drawn at the cap."""
    busiest = sorted(staffing.screening, key=lambda s: -s.arrivals_per_min)[:WAIT_CHART_LINES]
    curves = [
        {"checkpoint": s.checkpoint, "lanes": lanes, "wait": round(min(wait, WAIT_CAP_MIN), 2)}
        for s in busiest
        if s.arrivals_per_min > 0
        for lanes, wait in s.wait_curve()
    ]
    checkpoint = _field("checkpoint", "nominal", t("col_checkpoint"))
    lanes = _field("lanes", "quantitative", t("axis_lanes"))
    wait = _field("wait", "quantitative", t("axis_wait"))
    return {
        "layer": [
            {
                "data": {"values": curves},
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": lanes | {"scale": {"zero": False}},
                    "y": wait,
                    "color": checkpoint,
                    "tooltip": [checkpoint, lanes, wait],
                },
            },
            {
                "data": {"values": [{"y": staffing.parameters.wait_target_min}]},
                "mark": {"type": "rule", "color": "#d7263d", "strokeDash": [6, 4]},
                "encoding": {"y": {"field": "y", "type": "quantitative"}},
            },
        ]
    }


def _field(name: str, kind: str, title: str) -> dict:
    """A Vega-Lite field definition (``kind``: nominal, quantitative…) with its axis title."""
    return {"field": name, "type": kind, "title": title}


def _dps(staffing: StaffingPlan) -> None:
    cover = staffing.dps
    st.markdown(f"**{t('dps_header')}**")
    st.markdown(
        t(
            "dps_line",
            p=f"{cover.counted_public:,.0f}".replace(",", " "),
            p2=cover.p2,
            e1=cover.e1,
            e2=cover.e2,
            i=cover.indicator,
            ris=cover.ris,
            category=_category(cover.category),
            first_aiders=cover.first_aiders,
            posts=cover.posts,
        )
    )
    if staffing.parameters.e2 is None:
        st.caption(t("dps_e2_routed"))
    parts = staffing.e2_minutes
    if parts.get("entered") is not None:
        st.markdown(t("e2_entered", total=f"{parts['total']:.1f}"))
    elif parts.get("total") is not None:
        st.markdown(
            t(
                "e2_parts",
                **{k: f"{parts[k]:.1f}" for k in ("alert", "mobilisation", "drive", "total")},
            )
        )


def _totals_frame(plan: Plan, scenario: Scenario) -> pd.DataFrame:
    """Needed, offered, assigned and missing agents by role."""
    offered = {role: sum(o.agents.get(role, 0) for o in scenario.resources) for role in ROLES}
    needed = plan.staffing.totals()
    assigned = {role: 0 for role in ROLES}
    for a in plan.pooling.assignments:
        assigned[a.role] += a.agents
    return pd.DataFrame(
        [
            {
                t("col_role"): t("agent_" + role),
                t("col_needed"): needed[role],
                t("col_offered"): offered[role],
                t("col_assigned"): assigned[role],
                t("col_shortfall"): needed[role] - assigned[role],
            }
            for role in ROLES
        ]
    )


def _roster_frame(plan: Plan) -> pd.DataFrame:
    """The communes' agents assigned to each sector."""
    return pd.DataFrame(
        [
            {
                t("col_commune"): a.commune,
                t("col_role"): t("agent_" + a.role),
                t("col_sector"): a.sector,
                t("col_agents"): a.agents,
                t("col_distance"): round(a.distance_m / 1000, 1),
                t("col_distance_kind"): t("distance_" + a.distance_kind),
            }
            for a in plan.pooling.assignments
        ]
    )


def _roster(scenario: Scenario, totals: pd.DataFrame, roster: pd.DataFrame | None) -> None:
    st.markdown(f"**{t('roster_header')}**")
    st.dataframe(
        totals.style.map(lambda v: SHORTFALL_STYLE if v else "", subset=[t("col_shortfall")]),
        hide_index=True,
        width="stretch",
    )
    if roster is None:
        st.info(t("no_offers"))
        return
    if not roster.empty:
        st.dataframe(roster, hide_index=True, width="stretch")
    st.caption(t("roster_note"))


def _category(category: str) -> str:
    return t("dps_none") if category == "none" else category


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
