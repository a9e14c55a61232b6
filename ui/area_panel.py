"""Sidebar panel: which OSM area the plan is drawn on (demo, local file, online)."""

from __future__ import annotations

import streamlit as st

from planner.area import AreaSource, store_upload
from planner.demo_data import DEMO_AREAS
from planner.errors import PlannerError
from scenarios.model import AreaRef
from ui.i18n import lang, said, t
from ui.session import edit_scenario, flash, parsed_upload, scenario

SOURCE_KINDS = ["demo", "file", "online"]


def area_panel() -> None:
    """Area source widgets; a change moves the plan to the chosen area."""
    st.header(t("area_header"))
    kind = localized_choice(
        st.radio, t("area_source"), SOURCE_KINDS, "source_kind", lambda k: t("source_" + k)
    )
    if kind == "demo":
        localized_choice(
            st.selectbox,
            t("demo_area"),
            list(DEMO_AREAS),
            "demo_id",
            lambda i: getattr(DEMO_AREAS[i], f"name_{lang()}"),
            on_change=_use_demo,
        )
    elif kind == "file":
        st.file_uploader(t("osm_upload"), key="osm_upload", on_change=_use_upload)
    else:
        st.text_input(t("online_place"), key="online_place")
        st.text_input(t("online_bbox"), key="online_bbox")
        st.button(t("online_load"), on_click=_use_online, key="online_load")


def sync_area_widgets(area: AreaRef) -> None:
    """Show a newly opened scenario's area in the widgets (called from callbacks only)."""
    state = st.session_state
    state.source_kind = area.kind
    if area.kind == "demo" and area.id in DEMO_AREAS:
        state.demo_id = area.id
    for key in list(state.keys()):
        if key.startswith(("source_kind-", "demo_id-")):
            del state[key]


def localized_choice(
    widget, label: str, options: list[str], state_key: str, format_func, on_change=None
):
    """A radio/selectbox whose labels follow the language and whose choice survives it.

    The widget's key includes the language (the browser loses a selection whose labels change);
    the choice itself is kept under ``state_key``.
    """
    state = st.session_state
    current = state.setdefault(state_key, options[0])
    widget_key = f"{state_key}-{lang()}"

    def changed() -> None:
        state[state_key] = state[widget_key]
        if on_change is not None:
            on_change()

    widget(
        label,
        options,
        index=options.index(current),
        format_func=format_func,
        key=widget_key,
        on_change=changed,
    )
    return state[state_key]


def _move_plan(area: AreaRef, source: AreaSource) -> None:
    st.session_state.area_source = source
    if area != scenario().area:
        edit_scenario(area=area)


def _use_demo() -> None:
    area_id = st.session_state.demo_id
    _move_plan(AreaRef(kind="demo", id=area_id), AreaSource.demo(area_id))


def _use_upload() -> None:
    stored = parsed_upload("osm_upload", store_upload)
    if stored is None:
        return
    name, path = stored[0][:200] or "upload.osm", stored[1]
    _move_plan(
        AreaRef(kind="file", file_name=name, file_sha256=path.name),
        AreaSource.file(path, name=name),
    )


def _use_online() -> None:
    state = st.session_state
    place, bbox = state.get("online_place", ""), state.get("online_bbox", "")
    try:
        source = AreaSource.online(place=place, bbox=bbox)
    except PlannerError as err:
        flash("error", said(err))
        return
    kind, _, value = source.ref.partition(":")
    ref = (
        AreaRef(kind="online", bbox=tuple(float(v) for v in value.split(",")))
        if kind == "bbox"
        else AreaRef(kind="online", place=value)
    )
    _move_plan(ref, source)
