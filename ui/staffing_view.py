"""The staffing panel: sector sheets, screening per checkpoint, DPS, the communes' roster.

Shortfalls are shown in red; charts where a planner would rather look than read (the arrival
profile, the mean wait against the number of lanes).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from layers.labels import thousands
from planner.area import Area
from planner.markup import markdown_text
from planner.pipeline import Planning
from planner.plan import Plan
from planner.staffing import ROLES, StaffingPlan
from scenarios.model import Scenario
from ui.fragments import plan_panel
from ui.i18n import said, t
from ui.simulation_view import simulation_panel
from ui.staffing_settings import settings_panel, split_panel

SHORTFALL_STYLE = "background-color: #f8d7da; color: #842029; font-weight: 600"
#: The wait chart draws the busiest checkpoints, waits capped (a saturated queue has no end).
WAIT_CHART_LINES = 6
WAIT_CAP_MIN = 30.0


@plan_panel
def staffing_panel(
    plan: Plan | None,
    scenario: Scenario,
    area: Area,
    editable: bool,
    planned: Planning | None = None,
) -> None:
    """Everything about sectors and staff, under the map (the split and the assumptions form
    only for who may edit the plan); with ``planned``, each sector's crowd simulation."""
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
    _metrics(staffing, scenario, shortfall)
    _sector_table(staffing, shortfall)
    _sector_sheets(staffing, scenario, planned, editable)
    _screening(staffing, plan)
    _dps(staffing)
    _roster(plan, scenario)
    settings_panel(staffing, scenario, editable)


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


def _sector_table(staffing: StaffingPlan, shortfall: dict) -> None:
    st.markdown(f"**{t('sectors_table')}**")
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
    frame = pd.DataFrame(rows)
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


def _sector_sheets(
    staffing: StaffingPlan, scenario: Scenario, planned: Planning | None, editable: bool
) -> None:
    for s in staffing.sectors:
        with st.expander(t("sector_sheet", name=s.name)):
            tasks = " · ".join(f"{t('task_' + k)} {v}" for k, v in s.tasks.items())
            checkpoints = ", ".join(map(markdown_text, s.checkpoints)) or "—"
            st.markdown(f"**{t('col_checkpoints')}** — {checkpoints}  \n{tasks}")
            surface = pd.DataFrame(
                [
                    {t("col_surface_source"): t("source_" + k), "m²": round(v)}
                    for k, v in s.surface_by_source.items()
                    if v > 0
                ]
            )
            if not surface.empty:
                st.dataframe(surface, hide_index=True)
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
            if not exits.empty:
                st.dataframe(exits, hide_index=True, width="stretch")
            if planned is not None:
                simulation_panel(scenario, planned, s, editable)


def _screening(staffing: StaffingPlan, plan: Plan) -> None:
    if not staffing.screening:
        return
    st.markdown(f"**{t('screening_header')}**")
    p = staffing.parameters
    share = f"{p.wait_target_share:.0%}"
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
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
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
        st.altair_chart(_arrival_chart(staffing), width="stretch")
    with right:
        st.markdown(f"*{t('chart_wait')}*")
        st.altair_chart(_wait_chart(staffing), width="stretch")


def _arrival_chart(staffing: StaffingPlan) -> alt.Chart:
    """Arrivals per quarter-hour before the start (plain field names: vega-lite reads dots in
    names as paths, so the translated titles go to the axes only)."""
    profile = staffing.profile
    arrivals = pd.DataFrame(
        {
            "slot": [str(end) for end in profile.ends_min],
            "people": [round(n) for n in profile.arrivals(staffing.dps.public)],
        }
    )
    return (
        alt.Chart(arrivals)
        .mark_bar(color="#1f6fb2")
        .encode(
            x=alt.X("slot", sort=None, title=t("axis_slot")),
            y=alt.Y("people", title=t("axis_people")),
            tooltip=[
                alt.Tooltip("slot", title=t("axis_slot")),
                alt.Tooltip("people", title=t("axis_people")),
            ],
        )
    )


def _wait_chart(staffing: StaffingPlan) -> alt.LayerChart:
    """Mean wait against open lanes for the busiest checkpoints, and the target wait; a queue
    that never empties is drawn at the cap."""
    busiest = sorted(staffing.screening, key=lambda s: -s.arrivals_per_min)[:WAIT_CHART_LINES]
    curves = pd.DataFrame(
        [
            {"checkpoint": s.checkpoint, "lanes": lanes, "wait": round(min(wait, WAIT_CAP_MIN), 2)}
            for s in busiest
            if s.arrivals_per_min > 0
            for lanes, wait in s.wait_curve()
        ],
        columns=["checkpoint", "lanes", "wait"],
    )
    target = (
        alt.Chart(pd.DataFrame({"y": [staffing.parameters.wait_target_min]}))
        .mark_rule(color="#d7263d", strokeDash=[6, 4])
        .encode(y="y")
    )
    lines = (
        alt.Chart(curves)
        .mark_line(point=True)
        .encode(
            x=alt.X("lanes", scale=alt.Scale(zero=False), title=t("axis_lanes")),
            y=alt.Y("wait", title=t("axis_wait")),
            color=alt.Color("checkpoint", title=t("col_checkpoint")),
            tooltip=[
                alt.Tooltip("checkpoint", title=t("col_checkpoint")),
                alt.Tooltip("lanes", title=t("axis_lanes")),
                alt.Tooltip("wait", title=t("axis_wait")),
            ],
        )
    )
    return lines + target


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


def _roster(plan: Plan, scenario: Scenario) -> None:
    st.markdown(f"**{t('roster_header')}**")
    pooling, staffing = plan.pooling, plan.staffing
    offered = {role: sum(o.agents.get(role, 0) for o in scenario.resources) for role in ROLES}
    needed = staffing.totals()
    assigned = {role: 0 for role in ROLES}
    for a in pooling.assignments:
        assigned[a.role] += a.agents
    totals = pd.DataFrame(
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
    st.dataframe(
        totals.style.map(lambda v: SHORTFALL_STYLE if v else "", subset=[t("col_shortfall")]),
        hide_index=True,
        width="stretch",
    )
    if not scenario.resources:
        st.info(t("no_offers"))
        return
    roster = pd.DataFrame(
        [
            {
                t("col_commune"): a.commune,
                t("col_role"): t("agent_" + a.role),
                t("col_sector"): a.sector,
                t("col_agents"): a.agents,
                t("col_distance"): round(a.distance_m / 1000, 1),
                t("col_distance_kind"): t("distance_" + a.distance_kind),
            }
            for a in pooling.assignments
        ]
    )
    if not roster.empty:
        st.dataframe(roster, hide_index=True, width="stretch")
    st.caption(t("roster_note"))


def _category(category: str) -> str:
    return t("dps_none") if category == "none" else category


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
