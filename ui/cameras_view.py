"""The video-protection panel: what the cameras see of the perimeter, and where to add some.

Its settings (level, night, proposals, the mobile camera's type and field) live in the session
state, read before the map is drawn (:func:`compute_video`) and set by the panel under it. The
plan is computed once per content (zones, placed cameras, settings).
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from planner.area import Area
from planner.cameras import CAMERA_TYPES, Camera
from planner.checkpoints import CheckpointPlan
from planner.coverage import Target
from planner.doctrine import DORI_LEVELS, NIGHT_RANGE_FACTOR, PROPOSAL_WEIGHTS
from planner.errors import PlannerError
from planner.markup import markdown_text
from planner.plan import Plan
from planner.video import VideoPlan, VideoSettings, checkpoint_targets, plan_targets, video_plan
from scenarios import convert
from scenarios.model import MobileCamera, Scenario
from ui.edit_helpers import apply_built, apply_button, filled, table_editor
from ui.i18n import lang, t

#: Most mobile cameras the panel proposes at once.
MAX_PROPOSALS = 30
DEFAULTS: dict[str, object] = {
    "cam_level": "observation",
    "cam_night": False,
    "cam_night_factor": NIGHT_RANGE_FACTOR,
    "cam_propose": 0,
    "cam_type": "fixed",
    "cam_fov": 90,
    **{f"cam_w_{k}": v for k, v in PROPOSAL_WEIGHTS.items()},
}


def video_settings() -> VideoSettings:
    """The panel's settings as the session holds them."""
    state = st.session_state
    for key, value in DEFAULTS.items():
        state.setdefault(key, value)
    return VideoSettings(
        level=state.cam_level,
        night=state.cam_night,
        night_factor=state.cam_night_factor,
        propose=int(state.cam_propose),
        mobile_type=state.cam_type,
        mobile_fov_deg=float(state.cam_fov),
        weights={k: float(state[f"cam_w_{k}"]) for k in PROPOSAL_WEIGHTS},
    )


@st.cache_resource(show_spinner=False, max_entries=16)
def _compute(
    area_id: str,
    key: str,
    _area: Area,
    _scenario: Scenario,
    _targets: tuple[Target, ...],
    _s: VideoSettings,
) -> VideoPlan | PlannerError:
    zones = convert.plan_zones(_scenario, _area.crs)
    try:
        planned = convert.planned_cameras(_scenario, _area)
        return video_plan(_area, zones.perimeter, zones.sectors, _targets, planned, _s)
    except PlannerError as err:
        return err


def compute_video(
    area: Area, scenario: Scenario, checkpoints: CheckpointPlan | None, plan: Plan | None
) -> VideoPlan | PlannerError | None:
    """The video plan of the scenario's perimeter (None while there is none): its filtering
    points and their queues when the plan has access roles, else every checkpoint."""
    if checkpoints is None:
        return None
    settings = video_settings()
    targets = (
        plan_targets(plan) if plan is not None else checkpoint_targets(checkpoints.checkpoints)
    )
    content = scenario.model_dump(mode="json", exclude={"authorship", "hazards", "injects"})
    key = json.dumps([content, repr(settings)], sort_keys=True, default=str)
    return _compute(area.id, key, area, scenario, tuple(targets), settings)


def cameras_panel(
    video: VideoPlan | PlannerError | None, area: Area, scenario: Scenario, editable: bool
) -> None:
    """Figures, tables and settings of the video protection, under the map (placing cameras
    only for who may edit the plan)."""
    st.subheader(t("cameras_header"))
    if video is None:
        st.info(t("cameras_needs_perimeter"))
        return
    if isinstance(video, PlannerError):
        st.error(video.message(lang()))
        _settings()
        return
    for notice in video.notices:
        st.warning(markdown_text(notice.message(lang())))
    _metrics(video)
    _sectors(video)
    _checkpoints(video)
    _cameras(video)
    if editable:
        _placed(video, scenario)
    st.download_button(
        t("cameras_download"),
        json.dumps(video.to_geojson(area.crs), ensure_ascii=False),
        file_name=f"cameras-{area.id}.geojson",
        mime="application/geo+json",
        key="cameras_download",
    )
    _settings()
    st.caption(t("cameras_sources"))


def _share(value: float) -> str:
    return f"{100 * value:.0f} %"


def _metrics(video: VideoPlan) -> None:
    final, before = video.final, video.existing
    cols = st.columns(4)
    cols[0].metric(t("metric_cameras"), len(final.cameras))
    cols[1].metric(
        t("metric_checkpoints_seen"),
        _share(final.checkpoints_seen),
        help=t("cameras_before", value=_share(before.checkpoints_seen)),
    )
    cols[2].metric(
        t("metric_outline_seen"),
        _share(final.outline_seen),
        help=t("cameras_before", value=_share(before.outline_seen)),
    )
    blind = sum(b.area for b in final.blind_spots)
    cols[3].metric(t("metric_blind_spots"), f"{len(final.blind_spots)} · {blind:,.0f} m²")


def _sectors(video: VideoPlan) -> None:
    st.markdown(f"**{t('cameras_sectors')}**")
    rows = [
        {
            t("col_camera_sector"): name,
            t("col_usable_m2"): round(video.final.sector_usable_m2[name]),
            t("col_seen_share"): _share(share),
        }
        for name, share in video.final.sectors.items()
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _level(level: str | None) -> str:
    return t("not_seen") if level is None else t(f"level_{level}")


def _checkpoints(video: VideoPlan) -> None:
    if not video.final.targets:
        return
    st.markdown(f"**{t('cameras_checkpoints')}**")
    rows = [
        {
            t("col_camera_checkpoint"): target.id,
            t("col_best_level"): _level(target.best_level),
            t("col_queue_seen"): _share(target.queue_seen[video.final.level])
            if target.queue_m2
            else "—",
        }
        for target in video.final.targets
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=240)


def _direction(camera: Camera) -> str:
    if camera.all_round:
        return t("direction_all_round")
    if not camera.directions:
        return t("direction_unknown")
    return ", ".join(f"{d:.0f}°" for d in camera.directions)


def _cameras(video: VideoPlan) -> None:
    st.markdown(f"**{t('cameras_table')}**")
    adds = {p.camera.id: p for p in video.proposals}
    rows = []
    for camera in video.final.cameras:
        row = {
            t("col_camera"): camera.id,
            t("col_camera_source"): t(f"source_{camera.source}"),
            t("col_camera_type"): t(f"camera_type_{camera.camera_type}"),
            t("col_direction"): _direction(camera),
        }
        for level in DORI_LEVELS[:3]:
            row[t("col_range", level=t(f"level_{level}"))] = video.ranges[camera.id][level]
        proposal = adds.get(camera.id)
        row[t("col_mount")] = proposal.mount if proposal else (camera.mount or "")
        row[t("col_adds")] = (
            t(
                "adds_text",
                checkpoints=", ".join(proposal.checkpoints) + " · " if proposal.checkpoints else "",
                crowd=f"{proposal.crowd_m2:.0f}",
            )
            if proposal
            else ""
        )
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _settings() -> None:
    cols = st.columns(3)
    cols[0].selectbox(
        t("cameras_level"),
        list(DORI_LEVELS),
        key="cam_level",
        format_func=_level,
        help=t("cameras_level_help"),
    )
    cols[1].toggle(t("cameras_night"), key="cam_night", help=t("cameras_night_help"))
    cols[1].number_input(
        t("cameras_night_factor"), min_value=0.05, max_value=1.0, step=0.05, key="cam_night_factor"
    )
    cols[2].number_input(
        t("cameras_propose"), min_value=0, max_value=MAX_PROPOSALS, step=1, key="cam_propose"
    )
    cols[2].selectbox(
        t("cameras_mobile_type"),
        list(CAMERA_TYPES),
        key="cam_type",
        format_func=lambda k: t(f"camera_type_{k}"),
    )
    cols[2].number_input(
        t("cameras_mobile_fov"), min_value=10, max_value=170, step=5, key="cam_fov"
    )
    with st.expander(t("cameras_weights")):
        for name in PROPOSAL_WEIGHTS:
            st.number_input(t(f"weight_{name}"), min_value=0.0, step=1.0, key=f"cam_w_{name}")


def _placed(video: VideoPlan, scenario: Scenario) -> None:
    """The mobile cameras the plan places: kept proposals, removable from the table."""
    st.markdown(f"**{t('cameras_mobile_header')}**")
    lent = convert.camera_offers(scenario)
    st.caption(t("cameras_lent", lent=sum(lent.values()), placed=len(scenario.cameras)))
    if video.proposals and st.button(t("cameras_keep_proposals"), key="cameras_keep"):
        apply_built("cameras", lambda: [*scenario.cameras, *kept(video, scenario)])
    if not scenario.cameras:
        return
    frame = pd.DataFrame(
        [
            {
                "id": c.id,
                "commune": c.commune or "",
                "camera_type": c.camera_type,
                "lon": c.location.lon,
                "lat": c.location.lat,
                "directions": ";".join(f"{d:g}" for d in c.directions),
                "fov_deg": c.fov_deg,
                "height_m": c.height_m,
            }
            for c in scenario.cameras
        ]
    )
    config = {
        "commune": st.column_config.SelectboxColumn(options=["", *lent]),
        "camera_type": st.column_config.SelectboxColumn(options=list(CAMERA_TYPES)),
    }
    edited = table_editor("cameras", frame, config)
    # Named, as the other panels outside the editors' tabs: a plain "Appliquer" here would be
    # the page's first, above the event form's.
    apply_button(
        "cameras",
        lambda: [_camera_row(row) for row in edited.to_dict("records")],
        "cameras_apply",
    )


def kept(video: VideoPlan, scenario: Scenario) -> list[MobileCamera]:
    """The proposals as placed cameras, each lent by a commune that still has one to lend (in
    the order of the offers), else by none (the organiser's own)."""
    spare = convert.camera_offers(scenario)
    for camera in scenario.cameras:
        if camera.commune in spare:
            spare[camera.commune] -= 1
    taken = {c.id for c in scenario.cameras}
    out = []
    number = 1
    for proposal in video.proposals:
        while f"M{number}" in taken:
            number += 1
        taken.add(f"M{number}")
        commune = next((name for name, left in spare.items() if left > 0), None)
        if commune is not None:
            spare[commune] -= 1
        c = proposal.camera
        out.append(
            MobileCamera(
                id=f"M{number}",
                commune=commune,
                camera_type=c.camera_type,
                location={"lon": round(c.lon, 7), "lat": round(c.lat, 7)},
                directions=list(c.directions),
                fov_deg=c.fov_deg,
                height_m=c.height_m,
            )
        )
    return out


def _camera_row(row: dict) -> MobileCamera:
    directions = [float(d) for d in str(row.get("directions") or "").split(";") if d.strip()]
    return MobileCamera(
        id=str(row["id"]),
        commune=row.get("commune") or None,
        camera_type=row.get("camera_type") or "fixed",
        location={"lon": row["lon"], "lat": row["lat"]},
        directions=directions,
        fov_deg=row["fov_deg"] if filled(row.get("fov_deg")) else None,
        height_m=row["height_m"] if filled(row.get("height_m")) else 5.0,
    )
