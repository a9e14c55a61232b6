"""The video-protection panel: what the cameras see of the perimeter, and where to add some.

Its settings (level, night, proposals, the mobile camera's type and field) live in the session
state, read before the map is drawn (:func:`compute_video`) and set by the panel under it. The
plan is computed once per content (zones, placed cameras, settings).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pandas as pd
import streamlit as st

from planner.area import Area
from planner.cameras import CAMERA_TYPES, Camera, CameraError
from planner.doctrine import DORI_LEVELS, NIGHT_RANGE_FACTOR, PROPOSAL_WEIGHTS
from planner.errors import PlannerError
from planner.markup import markdown_text
from planner.osm_cameras import parse_directions
from planner.pipeline import Planning
from planner.video import VideoPlan, VideoSettings
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


def compute_video(
    area: Area, scenario: Scenario, planned: Planning
) -> VideoPlan | PlannerError | None:
    """The video plan of the scenario's perimeter with the panel's settings (None while there is
    none), through the plan pipeline: its filtering points and their queues."""
    try:
        return convert.video(scenario, area, planned, video_settings())
    except PlannerError as err:
        return err


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
        lambda: json.dumps(video.to_geojson(area.crs), ensure_ascii=False),  # on click
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


#: The placed cameras' table: its columns, as the scenario's fields.
PLACED_COLUMNS = [
    "id", "commune", "camera_type", "lon", "lat", "directions", "fov_deg", "range_m", "height_m",
]  # fmt: skip


def _placed(video: VideoPlan, scenario: Scenario) -> None:
    """The mobile cameras the plan places: kept proposals or typed rows, edited or removed in
    the table."""
    st.markdown(f"**{t('cameras_mobile_header')}**")
    lent = convert.camera_offers(scenario)
    st.caption(t("cameras_lent", lent=sum(lent.values()), placed=len(scenario.cameras)))
    if video.proposals and st.button(t("cameras_keep_proposals"), key="cameras_keep"):
        apply_built("cameras", lambda: [*scenario.cameras, *kept(video, scenario)])
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
                "range_m": c.range_m,
                "height_m": c.height_m,
            }
            for c in scenario.cameras
        ],
        columns=PLACED_COLUMNS,
    )
    config = {
        "id": st.column_config.TextColumn(t("col_camera"), help=t("col_camera_id_help")),
        "commune": st.column_config.SelectboxColumn(
            t("col_commune"), options=["", *lent], help=t("col_camera_commune_help")
        ),
        "camera_type": st.column_config.SelectboxColumn(
            t("col_camera_type"),
            options=list(CAMERA_TYPES),
            format_func=lambda k: t(f"camera_type_{k}"),
        ),
        "lon": st.column_config.NumberColumn(
            t("col_lon"), min_value=-180, max_value=180, format="%.6f", required=True
        ),
        "lat": st.column_config.NumberColumn(
            t("col_lat"), min_value=-90, max_value=90, format="%.6f", required=True
        ),
        "directions": st.column_config.TextColumn(
            t("col_directions"), help=t("col_directions_help")
        ),
        "fov_deg": st.column_config.NumberColumn(t("col_fov"), min_value=1, max_value=179),
        "range_m": st.column_config.NumberColumn(
            t("col_maker_range"), min_value=1, max_value=1000, help=t("col_maker_range_help")
        ),
        "height_m": st.column_config.NumberColumn(t("col_height"), min_value=0.5, max_value=100),
    }
    edited = table_editor("cameras", frame, config)
    apply_button("cameras", lambda: camera_rows(edited.to_dict("records")), "cameras_apply")


def kept(video: VideoPlan, scenario: Scenario) -> list[MobileCamera]:
    """The proposals as placed cameras, each lent by a commune that still has one to lend (in
    the order of the offers), else by none (the organiser's own)."""
    spare = convert.camera_offers(scenario)
    for camera in scenario.cameras:
        if camera.commune in spare:
            spare[camera.commune] -= 1
    ids = _free_ids({c.id for c in scenario.cameras})
    out = []
    for proposal in video.proposals:
        commune = next((name for name, left in spare.items() if left > 0), None)
        if commune is not None:
            spare[commune] -= 1
        c = proposal.camera
        out.append(
            MobileCamera(
                id=next(ids),
                commune=commune,
                camera_type=c.camera_type,
                location={"lon": round(c.lon, 7), "lat": round(c.lat, 7)},
                directions=list(c.directions),
                fov_deg=c.fov_deg,
                height_m=c.height_m,
            )
        )
    return out


def _free_ids(taken: set[str]) -> Iterator[str]:
    """M1, M2, … leaving out the ids already ``taken``."""
    return (f"M{n}" for n in itertools.count(1) if f"M{n}" not in taken)


def camera_rows(rows: list[dict]) -> list[MobileCamera]:
    """The placed cameras' table as the scenario's cameras: a row left without an id gets the
    next free M-number; directions are read as OSM's (degrees, N/NE/…, ``;`` between values,
    ``45-135`` a view 90° wide), one clear error naming the camera otherwise."""
    ids = _free_ids({str(r["id"]).strip() for r in rows if filled(r.get("id"))})
    return [_camera_row(row, ids) for row in rows]


def _camera_row(row: dict, ids: Iterator[str]) -> MobileCamera:
    camera_id = str(row["id"]).strip() if filled(row.get("id")) else next(ids)
    typed = row.get("directions")
    parsed = parse_directions(str(typed) if filled(typed) else None)
    if parsed is None:
        raise CameraError("camera_bad_directions", camera=camera_id, value=str(typed))
    directions, widths = parsed
    fov = row["fov_deg"] if filled(row.get("fov_deg")) else max(widths, default=0.0) or None
    return MobileCamera(
        id=camera_id,
        commune=row["commune"] if filled(row.get("commune")) else None,
        camera_type=row["camera_type"] if filled(row.get("camera_type")) else "fixed",
        location={"lon": row["lon"], "lat": row["lat"]},
        directions=[round(d, 1) % 360 for d in directions],
        fov_deg=fov,
        range_m=row["range_m"] if filled(row.get("range_m")) else None,
        height_m=row["height_m"] if filled(row.get("height_m")) else 5.0,
    )
