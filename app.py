"""Vigie: plan the security of a major event on OpenStreetMap data (Streamlit UI).

Thin on purpose: widgets and session state here; computations in planner/, map layers in layers/.
Run with ``make run`` (it installs everything first), or ``streamlit run app.py``.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from layers.assets import missing_local_files
from layers.basemap import make_map
from layers.overlays import plan_overlay
from planner.area import AreaSource, store_upload
from planner.checkpoints import CheckpointPlan, find_checkpoints
from planner.demo_data import DEMO_AREAS
from planner.errors import PlannerError
from planner.perimeter import parse_perimeter
from ui.i18n import DEFAULT_LANG, LANGUAGES, lang, t
from ui.resources import load_area_with_status

st.set_page_config(page_title="Vigie", page_icon="🛡️", layout="wide")
st.session_state.setdefault("lang", DEFAULT_LANG)
st.session_state.setdefault("area_source", AreaSource.demo("monaco"))
st.session_state.setdefault("perimeter", None)
st.session_state.setdefault("map_epoch", 0)


def set_perimeter(perimeter, origin_key: str, **origin_params: str) -> None:
    st.session_state.perimeter = perimeter
    st.session_state.perimeter_origin = (origin_key, origin_params)  # translated when shown
    st.session_state.perimeter_error = None


def localized_choice(widget, label: str, options: list[str], state_key: str, format_func):
    """A radio/selectbox whose option labels follow the language and whose choice survives it.

    The widget's key includes the language, so switching language gives a fresh widget (the
    browser would otherwise lose the selection when the labels change); the choice itself is
    kept under ``state_key``.
    """
    current = st.session_state.setdefault(state_key, options[0])
    choice = widget(
        label,
        options,
        index=options.index(current),
        format_func=format_func,
        key=f"{state_key}-{lang()}",
    )
    st.session_state[state_key] = choice
    return choice


def on_perimeter_upload() -> None:
    upload = st.session_state.get("perimeter_upload")
    if upload is None:
        return
    try:
        set_perimeter(parse_perimeter(upload.getvalue()), "perimeter_file", name=upload.name)
    except PlannerError as err:
        st.session_state.perimeter_error = err.message(lang())


def clear_perimeter() -> None:
    st.session_state.perimeter = None
    st.session_state.perimeter_error = None
    st.session_state.map_epoch += 1  # a new map component: the drawn shape goes too


# --- Sidebar: language, area, perimeter ---------------------------------------------------
with st.sidebar:
    st.radio(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True)
    st.header(t("area_header"))
    kind = localized_choice(
        st.radio,
        t("area_source"),
        ["demo", "file", "online"],
        "source_kind",
        lambda k: t("source_" + k),
    )
    if kind == "demo":
        demo_id = localized_choice(
            st.selectbox,
            t("demo_area"),
            list(DEMO_AREAS),
            "demo_id",
            lambda i: getattr(DEMO_AREAS[i], f"name_{lang()}"),
        )
        st.session_state.area_source = AreaSource.demo(demo_id)
    elif kind == "file":
        upload = st.file_uploader(t("osm_upload"), key="osm_upload")
        if upload is not None:
            try:
                path = store_upload(upload.getvalue())
                st.session_state.area_source = AreaSource.file(path, name=upload.name)
            except PlannerError as err:
                st.error(err.message(lang()))
    else:
        place = st.text_input(t("online_place"), key="online_place")
        bbox = st.text_input(t("online_bbox"), key="online_bbox")
        if st.button(t("online_load")):
            try:
                st.session_state.area_source = AreaSource.online(place=place, bbox=bbox)
            except PlannerError as err:
                st.error(err.message(lang()))
    online_tiles = st.toggle(t("online_tiles"), value=False, help=t("online_tiles_help"))

    st.header(t("perimeter_header"))
    st.file_uploader(
        t("perimeter_upload"),
        type=["geojson", "json"],
        key="perimeter_upload",
        on_change=on_perimeter_upload,
    )
    st.button(t("perimeter_clear"), on_click=clear_perimeter)
    st.caption(t("attribution"))

# --- Area ----------------------------------------------------------------------------------
st.title(t("title"))
st.caption(t("subtitle"))
missing = missing_local_files()
if missing:
    st.error(t("assets_missing", files=", ".join(missing[:3])))
    st.stop()

loaded, error = load_area_with_status(st.session_state.area_source)
if error:
    st.error(error)
    previous = st.session_state.get("last_good_source")
    if previous is None or previous == st.session_state.area_source:
        st.stop()
    st.info(t("kept_area"))
    loaded, _ = load_area_with_status(previous)
    if loaded is None:
        st.stop()
else:
    st.session_state.last_good_source = st.session_state.area_source
area, base = loaded

# --- Plan ----------------------------------------------------------------------------------
plan: CheckpointPlan | None = None
if st.session_state.get("perimeter_error"):
    st.error(f"{t('perimeter_error')} : {st.session_state.perimeter_error}")
if st.session_state.perimeter is not None:
    try:
        plan = find_checkpoints(area, st.session_state.perimeter)
    except PlannerError as err:
        st.error(f"{t('perimeter_error')} : {err.message(lang())}")

map_column, table_column = st.columns([3, 2], gap="medium")
with map_column:
    fmap = make_map(area, base, lang(), online_tiles=online_tiles)
    result = st_folium(
        fmap,
        key=f"map-{area.id}-{lang()}-{online_tiles}-{st.session_state.map_epoch}",
        height=640,
        use_container_width=True,
        returned_objects=["all_drawings"],
        feature_group_to_add=plan_overlay(plan, area.crs, lang()),
    )
    drawings = (result or {}).get("all_drawings") or []
    polygons = [d for d in drawings if (d.get("geometry") or {}).get("type") == "Polygon"]
    if polygons:
        drawn = json.dumps(polygons[-1]["geometry"], sort_keys=True)
        if drawn != st.session_state.get("last_drawn"):
            st.session_state.last_drawn = drawn
            try:
                set_perimeter(parse_perimeter(drawn), "perimeter_drawn")
            except PlannerError as err:
                st.session_state.perimeter_error = err.message(lang())
            st.rerun()

with table_column:
    st.subheader(t("checkpoints_header"))
    if plan is None:
        st.info(t("no_perimeter"))
    else:
        origin_key, origin_params = st.session_state.perimeter_origin
        st.caption(t(origin_key, **origin_params))
        for notice in plan.notices:
            st.warning(notice.message(lang()))
        counts = plan.counts()
        if not plan.checkpoints:
            st.info(t("no_checkpoints"))
        else:
            st.markdown(t("checkpoints_summary", total=len(plan.checkpoints), **counts))
            table = pd.DataFrame(
                [
                    {
                        t("col_id"): c.id,
                        t("col_street"): c.street or t("unnamed"),
                        t("col_highway"): c.highway,
                        t("col_kind"): t("kind_" + c.kind),
                        t("col_level"): t(
                            "level_"
                            + ("tunnel" if c.tunnel else "bridge" if c.bridge else "surface")
                        ),
                        t("col_crossings"): c.crossings,
                        t("col_lat"): round(c.lat, 6),
                        t("col_lon"): round(c.lon, 6),
                    }
                    for c in plan.checkpoints
                ]
            )
            with st.container(height=470):
                st.table(table.set_index(t("col_id")))
            st.download_button(
                t("download_geojson"),
                json.dumps(plan.to_geojson(), ensure_ascii=False),
                file_name=f"checkpoints-{area.id}.geojson",
                mime="application/geo+json",
            )
