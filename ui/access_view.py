"""The access plan panel: every access with its role (editable in the table or by clicking it on
the map), lanes against frontage, queue space, barriers and anti-ram protection, in total too.

A role set by the planner is stored in the scenario's ``access_roles`` keyed by the OSM ways the
access crosses (and where it was, to tell two crossings of one way apart); "proposed" removes
it, so the access follows the tool's proposal again.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from planner.access_roles import ROLE_NAMES, AccessRole
from planner.checkpoints import Checkpoint
from planner.plan import Plan
from scenarios.model import AccessRole as StoredRole
from scenarios.model import LonLat, Scenario
from ui.edit_helpers import apply
from ui.fragments import plan_panel
from ui.i18n import lang, t

CHOICES: tuple[str, ...] = ("auto", *ROLE_NAMES)
#: A map click this close (metres) to an access selects it.
CLICK_M = 25.0


def set_roles(doc: Scenario, plan: Plan, chosen: dict[str, str]) -> list[StoredRole]:
    """The scenario's access roles after choosing ``chosen`` (access id → choice; "auto" drops
    the planner's role); roles of accesses not in ``chosen`` are kept as they are."""
    current = stored_roles(doc, plan)
    out = []
    for checkpoint in plan.checkpoints:
        choice = chosen.get(checkpoint.id)
        if choice is None:
            if checkpoint.id in current:
                out.append(current[checkpoint.id])
        elif choice != "auto":
            out.append(
                StoredRole(
                    ways=list(checkpoint.osm_ways),
                    role=choice,
                    near=LonLat(lon=round(checkpoint.lon, 7), lat=round(checkpoint.lat, 7)),
                )
            )
    return out


def stored_roles(doc: Scenario, plan: Plan) -> dict[str, StoredRole]:
    """Access id → the stored role that names it: each stored role names the one access
    sharing most of its ways (the nearest to where it was on a tie), as the planner reads it."""
    out: dict[str, StoredRole] = {}
    for r in doc.access_roles:
        ways = set(r.ways)

        def rank(c: Checkpoint, r: StoredRole = r, ways: set = ways) -> tuple[int, float]:
            near = r.near
            far = math.hypot(near.lon - c.lon, near.lat - c.lat) if near else 0.0
            return (-len(ways & set(c.osm_ways)), far)

        best = min(plan.checkpoints, key=rank, default=None)
        if best is not None and ways & set(best.osm_ways):
            out[best.id] = r
    return out


def clicked_access(plan: Plan | None, clicked: dict | None) -> Checkpoint | None:
    """The access at a map click (``{"lat", "lng"}``), if one lies within CLICK_M."""
    if plan is None or not clicked or "lat" not in clicked or not plan.checkpoints:
        return None
    lat, lon = float(clicked["lat"]), float(clicked["lng"])
    scale = 111_320.0

    def metres(c: Checkpoint) -> float:
        return math.hypot(
            (c.lon - lon) * scale * math.cos(math.radians(lat)), (c.lat - lat) * scale
        )

    nearest = min(plan.checkpoints, key=metres)
    return nearest if metres(nearest) <= CLICK_M else None


def access_control(plan: Plan | None, doc: Scenario, clicked: dict | None, editable: bool) -> None:
    """Under the map: the role of the access last clicked, to change at once."""
    checkpoint = clicked_access(plan, clicked)
    if plan is None or plan.roles is None:
        return
    if checkpoint is None:
        if editable:
            st.caption(t("click_hint"))
        return
    role = plan.roles.by_id()[checkpoint.id]
    st.markdown(f"**{t('clicked_access', id=checkpoint.id, street=_street(checkpoint))}**")
    stored = stored_roles(doc, plan).get(checkpoint.id)
    current = stored.role if stored else "auto"
    choice = st.radio(
        t("clicked_role", id=checkpoint.id),
        CHOICES,
        index=CHOICES.index(current),
        format_func=lambda r: _choice_label(r, role),
        horizontal=True,
        # the stored role in the key: a change made in the table mounts the control anew
        key=f"access-role-{checkpoint.id}-{'-'.join(map(str, checkpoint.osm_ways))}-{current}",
        disabled=not editable,
    )
    if editable and choice != current:
        apply(access_roles=set_roles(doc, plan, {checkpoint.id: choice}))


@plan_panel
def access_roles_panel(plan: Plan | None, doc: Scenario, editable: bool) -> None:
    """The access table (roles editable), material in total, and what to know."""
    if plan is None or plan.roles is None:
        return
    roles = plan.roles
    st.subheader(t("roles_header"))
    for notice in roles.notices:
        st.warning(notice.message(lang()))
    m = roles.materials
    fence = t("roles_fence", metres=round(m.fence_m)) if m.fence_m else ""
    st.markdown(
        t(
            "roles_summary",
            filtering=len(roles.filtering()),
            closed=sum(a.role == "closed" for a in roles.accesses),
            emergency=sum(a.role == "emergency" for a in roles.accesses),
            units=m.barrier_units,
            unit=roles.parameters.barrier_unit_m,
            anti_ram=m.anti_ram_accesses,
            fence=fence,
        )
    )
    by_id = {c.id: c for c in plan.checkpoints}
    stored = stored_roles(doc, plan)
    rows = [_row(by_id[a.id], a, stored.get(a.id)) for a in roles.accesses]
    frame = pd.DataFrame(rows)
    choice_col = t("col_set_role")
    labels = {c: t("access_role_" + c) for c in CHOICES}
    config = {
        choice_col: st.column_config.SelectboxColumn(
            choice_col, options=list(labels.values()), required=True, disabled=not editable
        )
    }
    shown = st.data_editor(
        frame,
        column_config=config,
        disabled=[c for c in frame.columns if c != choice_col],
        hide_index=True,
        width="stretch",
        key=f"access-roles-{st.session_state.get('zones_epoch', 0)}",
    )
    st.caption(t("roles_note", walk=round(roles.parameters.walk_limit_m)))
    if editable and st.button(t("roles_apply"), key="apply-access-roles"):
        back = {label: choice for choice, label in labels.items()}
        chosen = {i: back[v] for i, v in zip(shown[t("col_id")], shown[choice_col], strict=True)}
        apply(access_roles=set_roles(doc, plan, chosen))


def _row(c: Checkpoint, a: AccessRole, stored: StoredRole | None) -> dict[str, Any]:
    means = t("means_" + a.anti_ram_means) if a.anti_ram_means else ""
    return {
        t("col_id"): a.id,
        t("col_street"): _street(c),
        t("col_kind"): t("kind_" + c.kind),
        t("col_role"): t("access_role_" + a.role),
        t("col_set_role"): t("access_role_" + (stored.role if stored else "auto")),
        t("col_proposed"): t("access_role_" + a.proposed),
        t("col_frontage"): round(a.frontage_m, 1),
        t("col_lanes_fit"): f"{a.lanes} / {a.max_lanes}",
        t("col_arrivals"): round(a.arrivals_per_min, 1),
        t("col_wait95", share="95 %"): None if a.wait_95_min is None else round(a.wait_95_min, 1),
        t("col_queue"): round(a.queue_m2) if math.isfinite(a.queue_m2) else "∞",
        t("col_queue_fits"): "✓" if a.queue_fits else "✗",
        t("col_barriers"): a.barrier_units,
        t("col_anti_ram"): means,
        t("col_step_free"): "✓" if a.step_free else "",
        t("col_detour"): None if a.walk_to_filtering_m is None else round(a.walk_to_filtering_m),
    }


def _choice_label(choice: str, role: AccessRole) -> str:
    if choice == "auto":
        return f"{t('access_role_auto')} ({t('access_role_' + role.proposed)})"
    return t("access_role_" + choice)


def _street(c: Checkpoint) -> str:
    return c.street or t("unnamed")
