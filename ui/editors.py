"""Editors of the plan's other parts: the event, the communes' means, the posts, the injects.

Each edit goes through the scenario model's validation; a refused value is said, and the plan
keeps its last valid state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import get_args

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from layers.labels import label
from scenarios.accounts import Actor
from scenarios.model import (
    AgentRole,
    CommuneOffer,
    DesignatedPoint,
    EffectAction,
    Event,
    PointRole,
    PublicType,
    Scenario,
    ScreeningMode,
)
from scenarios.offers_csv import read_offers_csv
from ui.edit_helpers import apply_button, filled, reason, table_editor
from ui.exercise_editors import hazards_editor, injects_editor
from ui.fragments import plan_panel
from ui.i18n import lang, t
from ui.session import edit_scenario, flash, parsed_upload, scenario

AGENT_ROLES: tuple[str, ...] = get_args(AgentRole)
POINT_ROLES: tuple[str, ...] = get_args(PointRole)
EFFECTS: tuple[str, ...] = get_args(EffectAction)


@plan_panel
def plan_editors(actor: Actor, drawn: Scenario) -> None:
    """Tabs under the map: event, communes' means, posts (planners), injects and hazards
    (planners and exercise leads); none for a liaison. ``drawn``: the scenario the page was
    drawn for (an edit by a callback hands over to the whole page's run)."""
    editors = []
    if actor.can_edit_plan():
        editors += [("tab_event", _event_form), ("tab_resources", _resources_editor)]
        editors += [("tab_points", _points_editor)]
    if actor.can_edit_exercise():
        editors += [("tab_injects", injects_editor), ("tab_hazards", hazards_editor)]
    if not editors:
        return
    for tab, editor in zip(st.tabs([t(key) for key, _ in editors]), editors, strict=True):
        with tab:
            editor[1]()


def _event_form() -> None:
    """The event's form; applied by its button's callback, so the run that follows (this
    panel's, handing over to the whole page's) is the only one and already shows the edit."""
    doc = scenario()
    event = doc.event
    epoch = st.session_state.zones_epoch

    def key(name: str) -> str:
        return f"event-{name}-{epoch}"

    with st.form(f"event-form-{epoch}"):
        st.text_input(t("event_name"), event.name, key=key("name"))
        st.radio(
            t("event_kind"),
            ["event", "exercise"],
            horizontal=True,
            index=["event", "exercise"].index(doc.kind),
            format_func=lambda k: t("kind_" + k),
            key=key("kind"),
        )
        c1, c2, c3, c4 = st.columns(4)
        c1.date_input(t("start_date"), event.start.date(), key=key("start_date"))
        c2.time_input(
            t("start_time"), event.start.timetz().replace(tzinfo=None), key=key("start_time")
        )
        c3.date_input(t("end_date"), event.end.date(), key=key("end_date"))
        c4.time_input(t("end_time"), event.end.timetz().replace(tzinfo=None), key=key("end_time"))
        c5, c6 = st.columns(2)
        c5.number_input(
            t("peak_attendance"),
            0,
            5_000_000,
            event.peak_attendance,
            step=500,
            key=key("attendance"),
        )
        c6.number_input(
            t("arrival_peak_share"),
            1,
            100,
            round(event.arrival_peak_share * 100),
            key=key("share"),
        )
        publics = list(get_args(PublicType))
        st.selectbox(
            t("public_type"),
            publics,
            publics.index(event.public_type),
            format_func=lambda p: t("public_" + p),
            key=key("public"),
        )
        modes = list(get_args(ScreeningMode))
        st.selectbox(
            t("screening_mode"),
            modes,
            modes.index(event.screening_mode),
            format_func=lambda m: t("screening_" + m),
            key=key("mode"),
        )
        st.form_submit_button(t("apply"), on_click=_apply_event, args=(key,))


def _apply_event(key: Callable[[str], str]) -> None:
    state = st.session_state
    event = scenario().event
    tz = event.start.tzinfo
    try:
        updated = Event(
            name=state[key("name")],
            start=datetime.combine(state[key("start_date")], state[key("start_time")], tz),
            end=datetime.combine(
                state[key("end_date")], state[key("end_time")], event.end.tzinfo or tz
            ),
            peak_attendance=int(state[key("attendance")]),
            arrival_peak_share=state[key("share")] / 100,
            public_type=state[key("public")],
            screening_mode=state[key("mode")],
        )
        if not edit_scenario(event=updated, kind=state[key("kind")]):
            return  # refused for this role: said by edit_scenario
    except (ValidationError, ValueError) as err:
        flash("error", f"{t('invalid_edit')} : {reason(err)}")
        return
    flash("success", t("applied"))


def _import_offers() -> None:
    upload = parsed_upload("offers_upload", read_offers_csv)
    if upload is None:
        return
    name, offers = upload
    # A placed camera whose commune no longer lends one stays placed, as the organiser's own.
    lent = {o.commune: o.equipment.get("camera", 0) for o in offers}
    cameras = []
    for camera in scenario().cameras:
        keep = lent.get(camera.commune, 0) > 0
        if keep:
            lent[camera.commune] -= 1
        cameras.append(camera if keep else camera.model_copy(update={"commune": None}))
    edit_scenario(resources=offers, cameras=cameras)
    state = st.session_state
    state.resources_epoch = state.get("resources_epoch", 0) + 1  # the editor shows the import
    flash("success", t("offers_imported", count=len(offers), name=name))


def _equipment(cameras: object) -> dict[str, int]:
    """An offer's equipment from its table cell (no entry for none lent)."""
    return {"camera": int(cameras)} if filled(cameras) and int(cameras) > 0 else {}


def _resources_editor() -> None:
    st.file_uploader(
        t("offers_csv"),
        type=["csv", "txt"],
        key="offers_upload",
        on_change=_import_offers,
        help=t("offers_csv_help"),
    )
    rows = [
        {
            "commune": offer.commune,
            "lon": offer.base.lon,
            "lat": offer.base.lat,
            **{role: offer.agents.get(role, 0) for role in AGENT_ROLES},
            "camera": offer.equipment.get("camera", 0),
        }
        for offer in scenario().resources
    ]
    state = st.session_state
    columns = ["commune", "lon", "lat", *AGENT_ROLES, "camera"]
    frame = pd.DataFrame(rows, columns=columns)
    config = {
        "commune": st.column_config.TextColumn(t("col_commune"), required=True),
        "lon": st.column_config.NumberColumn(
            t("col_base_lon"), min_value=-180, max_value=180, format="%.5f", required=True
        ),
        "lat": st.column_config.NumberColumn(
            t("col_base_lat"), min_value=-90, max_value=90, format="%.5f", required=True
        ),
        **{
            role: st.column_config.NumberColumn(t("agent_" + role), min_value=0, step=1)
            for role in AGENT_ROLES
        },
        "camera": st.column_config.NumberColumn(t("equipment_camera"), min_value=0, step=1),
    }
    edited = table_editor("resources", frame, config, f"-{state.get('resources_epoch', 0)}")
    totals = {
        t("agent_" + role): int(pd.to_numeric(edited[role]).fillna(0).sum()) for role in AGENT_ROLES
    }
    st.caption(" · ".join(f"{name} : {count}" for name, count in totals.items()))

    def build() -> list[CommuneOffer]:
        return [
            CommuneOffer(
                commune=str(row["commune"]),
                base={"lon": row["lon"], "lat": row["lat"]},
                agents={role: int(row[role] or 0) for role in AGENT_ROLES if row[role]},
                equipment=_equipment(row.get("camera")),
            )
            for row in edited.to_dict("records")
            if filled(row["commune"])
        ]

    apply_button("resources", build)


def _points_editor() -> None:
    rows = [
        {
            "role": p.properties.role,
            "name": p.properties.name,
            "lon": p.geometry.coordinates[0],
            "lat": p.geometry.coordinates[1],
            "id": p.properties.id,
        }
        for p in scenario().points
    ]
    frame = pd.DataFrame(rows, columns=["role", "name", "lon", "lat", "id"])
    config = {
        "role": st.column_config.SelectboxColumn(
            t("col_role"), options=list(POINT_ROLES), required=True
        ),
        "name": st.column_config.TextColumn(t("col_name")),
        "lon": st.column_config.NumberColumn(
            "lon", min_value=-180, max_value=180, format="%.6f", required=True
        ),
        "lat": st.column_config.NumberColumn(
            "lat", min_value=-90, max_value=90, format="%.6f", required=True
        ),
        "id": None,  # hidden
    }
    st.caption(", ".join(f"{r} = {label('point_' + r, lang())}" for r in POINT_ROLES))
    edited = table_editor("points", frame, config)

    def build() -> list[DesignatedPoint]:
        points = []
        for n, row in enumerate(edited.to_dict("records"), start=1):
            if not filled(row["role"]):
                continue
            props = {
                "role": row["role"],
                "id": row["id"] if filled(row["id"]) else f"point-{n}",
                "name": row["name"] if filled(row["name"]) else None,
            }
            points.append(
                DesignatedPoint(
                    geometry={"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                    properties=props,
                )
            )
        return points

    apply_button("points", build)
