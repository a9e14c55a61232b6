"""Staffing assumptions (every default editable, shown with its source) and automatic sectors.

An assumption equal to its reference value is stored as absent, so the plan follows the
doctrine if that value is corrected later; a changed one is stored in the scenario.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pandas as pd
import streamlit as st

from planner import doctrine
from planner.area import Area
from planner.errors import PlannerError
from planner.plan import Plan
from planner.sectors import split_sectors
from planner.staffing import ROLES, StaffingParameters, StaffingPlan
from scenarios.convert import with_sectors
from scenarios.model import Scenario, StaffingSettings
from ui.edit_helpers import reason
from ui.i18n import said, t
from ui.sections import section
from ui.session import edit_scenario, flash, scenario, set_zones

GRID = list(doctrine.DPS_INDICATOR_VALUES)
#: name → (min, max, step) of the numeric assumptions
NUMERIC: dict[str, tuple[float, float, float]] = {
    "density_p_m2": (0.5, 6.0, 0.5),
    "flow_level_p_m_min": (10.0, 150.0, 1.0),
    "flow_stairs_p_m_min": (10.0, 150.0, 1.0),
    "exit_time_min": (1.0, 60.0, 0.5),
    "lane_rate_p_min": (0.5, 60.0, 0.5),
    "agents_per_lane": (1, 10, 1),
    "wait_target_min": (1.0, 240.0, 1.0),
    "wait_target_share": (0.5, 0.99, 0.01),
    "arrival_window_min": (15, 1440, 15),
    "public_per_steward": (10, 10_000, 10),
    "police_per_vehicle_checkpoint": (0, 20, 1),
    "e2_alert_min": (0.0, 60.0, 0.5),
    "e2_mobilisation_min": (0.0, 60.0, 0.5),
    "e2_response_min": (1.0, 240.0, 1.0),
    "lane_frontage_m": (0.5, 10.0, 0.1),
    "steward_space_m": (0.0, 10.0, 0.1),
    "walk_limit_m": (10.0, 5000.0, 10.0),
    "queue_m2_per_person": (0.2, 5.0, 0.1),
    "barrier_unit_m": (1.0, 5.0, 0.1),
    "supervisors_per_filtering_point": (0, 10, 1),
    "agents_per_emergency_access": (0, 20, 1),
}
CHOICES: dict[str, list[Any]] = {
    "police_role": list(ROLES[1:3]),
    "p2": [None, *GRID],
    "e1": GRID,
    "e2": [None, *GRID],
    "closed_access_rule": ["patrol", "unstaffed"],
    "fence": [False, True],
}


def references(doc: Scenario) -> dict[str, Any]:
    """The reference value of each assumption for this event (None: computed)."""
    base = {f.name: getattr(StaffingParameters(), f.name) for f in fields(StaffingParameters)}
    mode = doc.event.screening_mode
    base["lane_rate_p_min"] = round(doctrine.LANE_RATE_P_MIN[mode], 2)
    base["agents_per_lane"] = doctrine.AGENTS_PER_LANE[mode]
    base["p2"] = doctrine.DPS_P2_BY_PUBLIC[doc.event.public_type]
    return base


def settings_panel(staffing: StaffingPlan | None, doc: Scenario, editable: bool) -> None:
    """The assumptions form (if ``editable``) and the sources table."""
    refs = references(doc)
    chosen = doc.staffing.chosen()
    state = st.session_state
    epoch = f"{state.zones_epoch}-{state.setdefault('params_epoch', 0)}"
    with section(t("params_header"), "params-open") as shown:
        if shown:
            _settings(doc, refs, chosen, epoch, editable)


def _settings(
    doc: Scenario, refs: dict[str, Any], chosen: dict[str, Any], epoch: str, editable: bool
) -> None:
    if editable:
        with st.form(f"staffing-params-{epoch}", border=False):
            columns = st.columns(3)
            for i, name in enumerate([*NUMERIC, *CHOICES]):
                current = chosen.get(name, refs[name])
                source, _ = doctrine.STAFFING_SOURCES[name]
                with columns[i % 3]:
                    _input(name, current, source, epoch)
            st.form_submit_button(t("params_apply"), on_click=_apply, args=(epoch,))
        st.button(t("params_reset"), on_click=_reset, key=f"params-reset-{epoch}")
    rows = []
    for name in [*NUMERIC, *CHOICES]:
        source, checked = doctrine.STAFFING_SOURCES[name]
        value = chosen.get(name, refs[name])
        rows.append(
            {
                t("col_param"): t("param_" + name),
                t("col_value"): _shown(value),
                t("col_default"): _shown(refs[name]),
                t("col_source"): source,
                t("col_checked"): t("checked_yes" if checked else "checked_no"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _input(name: str, current: Any, source: str, epoch: str) -> None:
    key = f"param-{name}-{epoch}"
    label = t("param_" + name)
    if name in NUMERIC:
        low, high, step = NUMERIC[name]
        kind = int if isinstance(step, int) else float
        st.number_input(
            label,
            min_value=kind(low),
            max_value=kind(high),
            value=None if current is None else kind(current),
            step=kind(step),
            key=key,
            help=source,
        )
        return
    options = CHOICES[name]
    st.selectbox(
        label,
        options,
        index=options.index(current) if current in options else 0,
        key=key,
        help=source,
        format_func=_shown,
    )


def _apply(epoch: str) -> None:
    refs = references(scenario())
    values = {}
    for name in [*NUMERIC, *CHOICES]:
        value = st.session_state.get(f"param-{name}-{epoch}")
        explicit = name in ("p2", "e2")  # a chosen indicator is kept even if it equals the ref
        if value is not None and (explicit or value != refs[name]):
            values[name] = value
    try:
        edit_scenario(staffing=StaffingSettings(**values))
    except ValueError as err:
        flash("error", f"{t('invalid_edit')} : {reason(err)}")
        return
    flash("success", t("params_applied"))


def _reset() -> None:
    edit_scenario(staffing=StaffingSettings())
    st.session_state.params_epoch += 1  # new widget keys: the form shows the references


def _shown(value: Any) -> str:
    if value is None:
        return t("auto")
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if value in ("patrol", "unstaffed"):
        return t("rule_" + value)
    if isinstance(value, str):
        return t("agent_" + value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def split_panel(plan: Plan, area: Area) -> None:
    """Split the perimeter into N sectors along the street network."""
    with section(t("split_header"), "split-open") as shown:
        if not shown:
            return
        st.number_input(
            t("split_count"), min_value=1, max_value=12, value=3, step=1, key="split_count"
        )
        st.button(
            t("split_button"),
            help=t("split_help"),
            key="split_button",
            on_click=_split,
            args=(plan, area),
        )


def _split(plan: Plan, area: Area) -> None:
    count = int(st.session_state.split_count)
    try:
        sectors = split_sectors(area, plan.zones.perimeter, count)
    except PlannerError as err:
        flash("error", said(err))
        return
    set_zones(with_sectors(scenario(), sectors, area.crs), redraw=True)
    flash("success", t("split_done", count=len(sectors), names=", ".join(sectors)))
