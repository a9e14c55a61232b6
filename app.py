"""Vigie: plan the security of a major event on OpenStreetMap data (Streamlit UI).

Thin on purpose: it wires the sidebar panels, the map and the editors (ui/) to the planning
core (planner/), the map layers (layers/) and the scenario package (scenarios/).
Run with ``make run`` (it installs everything first), or ``streamlit run app.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import pandas as pd
import streamlit as st
from shapely.geometry import mapping
from streamlit_folium import st_folium

from layers.assets import missing_local_files
from layers.basemap import make_map
from layers.cameras import camera_overlay
from layers.exercise import add_exercise
from layers.labels import label
from layers.materials import materials_overlay
from layers.overlays import plan_overlay
from layers.sectors import sector_overlay
from layers.zones import zone_caption
from planner.checkpoints import CheckpointPlan
from planner.errors import PlannerError
from planner.markup import markdown_text
from planner.perimeter import parse_perimeter
from scenarios.editing import zones_from_drawings
from scenarios.model import AreaRef
from ui.access_view import access_control, access_roles_panel
from ui.area_panel import area_panel, localized_choice
from ui.auth import account_box, require_actor
from ui.cameras_view import cameras_panel, compute_video
from ui.edit_helpers import reason
from ui.editors import plan_editors
from ui.exercise_view import exercise_panel, keep_playing, replay_frame
from ui.export_view import export_panel
from ui.i18n import LANGUAGES, lang, said, t
from ui.plan_view import compute_plan
from ui.resources import load_area_with_status
from ui.routes_view import LAYERS, access_panel, routes_overlay
from ui.scenario_panel import scenario_panel
from ui.season_view import season_page
from ui.session import (
    actor,
    edit_scenario,
    end_of_run,
    flash,
    init_session,
    parsed_upload,
    scenario,
    set_zones,
    show_flash,
)
from ui.simulation_view import replay_layer
from ui.staffing_view import staffing_panel

VIEWS = ["plan", "season"]
ZONE_ROLES = ["perimeter", "sector", "no_go", "inner_zone", "emergency_lane"]

st.set_page_config(page_title="Vigie", page_icon="🛡️", layout="wide")
st.session_state.setdefault("lang", "fr")
who = require_actor()  # the sign-in page until someone is signed in (none in the demo)
init_session(who)


def import_zones() -> None:
    upload = parsed_upload("zones_upload", parse_perimeter)
    if upload is None:
        return
    name, imported = upload
    for notice in imported.notices:
        flash("warning", said(notice))
    current = scenario().zones
    drawings = [z.model_dump(mode="json") for z in current]
    drawings.append({"geometry": mapping(imported.polygon), "properties": {}})
    try:
        set_zones(zones_from_drawings(current, drawings, st.session_state.draw_role), redraw=True)
    except ValueError as err:  # e.g. the plan already holds the most zones a scenario may
        flash("error", f"{t('invalid_edit')} : {reason(err)}")
        return
    flash("success", t("zones_imported", count=1, name=name))


def clear_zones() -> None:
    set_zones([], redraw=True)


def take_drawings(drawings: list | None) -> bool:
    """The map's drawings as the plan's zones, when they changed (True then). Called by the
    map's change callback, so the run that follows already plans the new zones (one run per
    drawing, not two), and by the run itself for a value the callback did not see."""
    state = st.session_state
    if drawings is None or not actor().can_edit_plan():
        return False
    drawn = json.dumps(drawings, sort_keys=True)
    if drawn == state.get("last_drawn"):
        return False
    state.last_drawn = drawn
    try:
        set_zones(zones_from_drawings(scenario().zones, drawings, state.draw_role), redraw=False)
    except ValueError as err:
        flash("error", f"{t('invalid_edit')} : {reason(err)}")
    return True


# --- Sidebar ---------------------------------------------------------------------------------
with st.sidebar:
    st.radio(t("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang", horizontal=True)
    account_box(who)
    localized_choice(st.radio, t("view"), VIEWS, "view", lambda v: t("view_" + v))
if st.session_state.view == "season":
    season_page(who)
    end_of_run()
    st.stop()
with st.sidebar:
    scenario_panel()
    if who.can_edit_plan():
        area_panel()
        st.header(t("perimeter_header"))
        localized_choice(
            st.radio, t("draw_role"), ZONE_ROLES, "draw_role", lambda r: label("role_" + r, lang())
        )
        st.file_uploader(
            t("zones_import"), type=["geojson", "json"], key="zones_upload", on_change=import_zones
        )
        st.button(t("zones_clear"), on_click=clear_zones, key="zones_clear")
    else:
        st.caption(t("area_read_only", name=st.session_state.area_source.name))
    state = st.session_state
    state.setdefault("route_layers", ["emergency", "evacuation"])
    state.route_layers = st.multiselect(
        t("route_layers"),
        LAYERS,
        default=state.route_layers,
        key=f"route_layers-{lang()}",
        format_func=lambda k: t("layer_" + k),
    )
    online_tiles = st.toggle(t("online_tiles"), value=False, help=t("online_tiles_help"))
    st.caption(t("attribution"))

# --- Area ------------------------------------------------------------------------------------
st.title(t("title"))
st.caption(f"**{markdown_text(scenario().title)}** — {t('subtitle')}")
# This run's messages go in one container: whatever it holds, the elements after it keep their
# place in the page, so the map's component is not re-mounted (its iframe reloaded) by a message.
notes = st.container()
with notes:
    if not who.can_edit_plan():
        st.info(t("lead_only_note" if who.can_edit_exercise() else "read_only_note"))
    show_flash()
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
    if who.can_edit_plan() and scenario().area.crs != area.crs and scenario().area.kind != "online":
        edit_scenario(area=AreaRef(**(scenario().area.model_dump() | {"crs": area.crs})))


# --- Plan ------------------------------------------------------------------------------------
planned = compute_plan(area, scenario(), st.session_state.route_layers)
if planned.error is not None:
    notes.error(f"{t('perimeter_error')} : {said(planned.error)}")
plan: CheckpointPlan | None = planned.checkpoints
computed = planned.plan
access = computed.access if computed else None
checkpoints = list(plan.checkpoints) if plan else []
with st.container():  # the replay's controls (or its error), in one place before the map
    exercise, frame = replay_frame(area, scenario(), planned)
shown = access  # on the map, during a replay: the routes at the replayed time
if frame is not None and access is not None:
    shown = replace(access, emergency=frame.emergency, evacuation=frame.evacuation)
overlay = plan_overlay(plan, lang(), computed.roles if computed else None)
materials_overlay(overlay, computed, area.crs, lang())
routes_overlay(overlay, shown, st.session_state.route_layers, area.crs, lang())
sector_overlay(overlay, computed, area.crs, lang())
replayed = replay_layer(overlay, area.crs)
video = compute_video(area, scenario(), planned)
camera_overlay(overlay, video if not isinstance(video, PlannerError) else None, area.crs, lang())
if frame is not None:
    add_exercise(overlay, frame, area, checkpoints, lang())

# The map's editable layer is rebuilt from the plan's zones only when the map is re-mounted
# (other area, language, tiles, or zones replaced): in between, the browser holds the drawings.
state = st.session_state
identity = (area.id, lang(), online_tiles, state.zones_epoch)
if state.get("map_identity") != identity:
    state.map_identity = identity
    state.zones_snapshot = [z.model_dump(mode="json") for z in scenario().zones]
    state.last_drawn = None

map_column, table_column = st.columns([3, 2], gap="medium")
with map_column:
    fmap = make_map(
        area,
        base,
        lang(),
        online_tiles=online_tiles,
        draw=who.can_edit_plan(),
        zones=state.zones_snapshot,
        points=[p.model_dump(mode="json") for p in scenario().points],
        focus=[(h.location.lon, h.location.lat) for h in scenario().hazards],
    )
    map_key = "map-" + "-".join(str(part) for part in identity)
    result = st_folium(
        fmap,
        key=map_key,
        on_change=lambda: take_drawings((st.session_state.get(map_key) or {}).get("all_drawings")),
        height=640,
        use_container_width=True,
        returned_objects=["all_drawings", "last_object_clicked"],
        feature_group_to_add=overlay,
    )
    if replayed:
        st.caption(replayed)
    if take_drawings((result or {}).get("all_drawings")):  # not taken by the callback yet
        st.rerun()
    access_control(
        computed, scenario(), (result or {}).get("last_object_clicked"), who.can_edit_plan()
    )
    roles = Counter(label("role_" + z.properties.role, lang()) for z in scenario().zones)
    if roles:
        st.caption(
            t(
                "zones_summary",
                summary=", ".join(
                    [f"{n} × {r}" for r, n in roles.items()]
                    + [
                        zone_caption(z.properties.model_dump(), lang())
                        for z in scenario().zones_with_role("sector")
                    ]
                ),
            )
        )

with table_column:
    st.subheader(t("checkpoints_header"))
    if plan is None:
        st.info(t("no_perimeter"))
    else:
        for notice in plan.notices:
            st.warning(said(notice))
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
                lambda: json.dumps(plan.to_geojson(), ensure_ascii=False),  # on click
                file_name=f"checkpoints-{area.id}.geojson",
                mime="application/geo+json",
            )

access_roles_panel(computed, scenario(), editable=who.can_edit_plan())
exercise_panel(area, scenario(), planned, exercise, frame)
export_panel(area, scenario(), planned)
staffing_panel(
    computed, scenario(), area, editable=who.can_edit_plan(), key=planned.key, planned=planned
)
access_panel(access)
cameras_panel(video, area, scenario(), who.can_edit_plan())
plan_editors(who, scenario())
end_of_run()
keep_playing(exercise)
