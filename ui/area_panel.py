"""Sidebar panel: which OSM area the plan is drawn on (demo, local file, regional extract clipped
to a commune or a box, online)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planner.area import AreaSource, store_upload, store_upload_file
from planner.demo_data import DEMO_AREAS
from planner.errors import PlannerError
from planner.extracts import Clip, clipped_source, server_extract, server_extracts
from scenarios.model import AreaRef
from ui.i18n import lang, said, t
from ui.session import display_name, edit_scenario, flash, parsed_upload, scenario

SOURCE_KINDS = ["demo", "file", "extract", "online"]
#: The extract-file choice that shows the uploader instead of a file on the server.
UPLOAD_CHOICE = ""


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
    elif kind == "extract":
        extract_widgets()
    else:
        st.text_input(t("online_place"), key="online_place")
        st.text_input(t("online_bbox"), key="online_bbox")
        st.button(t("online_load"), on_click=_use_online, key="online_load")


def extract_widgets() -> None:
    """A regional extract (a file the administrator offers on the server, or an upload), the
    commune or box to clip it to, and the button that clips and loads it, with its progress."""
    offered = list(server_extracts())
    choice = UPLOAD_CHOICE
    if offered:
        choices = [*offered, UPLOAD_CHOICE]
        if st.session_state.get("extract_file") not in choices:  # a file the admin withdrew
            for key in [k for k in st.session_state if str(k).startswith("extract_file")]:
                del st.session_state[key]
        choice = localized_choice(
            st.selectbox,
            t("extract_file"),
            choices,
            "extract_file",
            lambda c: c or t("extract_choose_upload"),
        )
        st.caption(t("extract_file_help"))
    if choice == UPLOAD_CHOICE:
        st.file_uploader(t("extract_upload"), key=_upload_key())
    st.text_input(t("extract_commune"), key="extract_commune")
    st.text_input(t("extract_bbox"), key="extract_bbox")
    if st.button(t("extract_load"), key="extract_load") and _clip_and_load(choice):
        st.rerun()


def _clip_and_load(choice: str) -> bool:
    """Clip the chosen extract as asked, with its progress in a status box, and move the plan
    to the clip; False (and the reason shown) if it cannot be done."""
    state = st.session_state
    upload = state.get(_upload_key()) if choice == UPLOAD_CHOICE else None
    if choice == UPLOAD_CHOICE and upload is None:
        st.error(t("extract_no_file"))
        return False
    name = choice or display_name(upload.name)
    with st.status(t("extract_running", name=name), expanded=True) as status:
        bar = st.progress(0.0)
        shown: list[str] = []

        def progress(step: str, share: float) -> None:
            if not shown or shown[-1] != step:
                shown.append(step)
                status.update(label=t("step_" + step))
                status.write(t("step_" + step))
            bar.progress(min(max(share, 0.0), 1.0), text=t("step_" + step))

        try:
            clip = Clip.parse(state.get("extract_commune"), state.get("extract_bbox"))
            if upload is not None:
                path = store_upload_file(upload, upload.size)
            else:
                path = server_extract(choice)
            source = clipped_source(path, clip, name=name, progress=progress)
        except PlannerError as err:
            status.update(label=t("extract_failed"), state="error", expanded=False)
            error = said(err)
        else:
            status.update(label=source.name, state="complete", expanded=False)
            error = None
    if error is not None:
        st.error(error)
        return False
    if upload is not None:  # a new uploader: the browser's copy of the file is let go
        state.extract_upload_epoch = state.get("extract_upload_epoch", 0) + 1
    mb = Path(source.ref).stat().st_size / 2**20
    flash("success", t("extract_done", name=source.name, mb=mb))
    _move_plan(
        AreaRef(kind="file", file_name=source.name, file_sha256=Path(source.ref).name), source
    )
    return True


def _upload_key() -> str:
    """The extract uploader's key: a new one after each clip, so that the session does not keep
    hundreds of MB of upload in memory once they are stored and clipped."""
    return f"extract_upload-{st.session_state.get('extract_upload_epoch', 0)}"


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
