"""Exercise replay in the app: a time slider with step and play buttons, the map's state at that
time, the log of injects fired so far, what the hazards expose, and the after-action summary.

Frames come from the plan pipeline (:func:`planner.pipeline.frame`), cached by what decides
them (the plan's content and which injects have fired) and built on the plan's own baseline
routes, so moving the slider between two injects costs nothing and a step that fires one
recomputes once; the after-action summary reads the same cached frames.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from planner import pipeline
from planner.area import Area
from planner.errors import PlannerError
from planner.markup import markdown_text
from planner.pipeline import Planning
from planner.replay import MAX_EXERCISE_S, Exercise, Frame, clock
from scenarios.document import file_stem
from scenarios.model import Scenario
from ui.i18n import lang, said, t

STEP_S = 60
PLAY_PAUSE_S = 1.0


def has_exercise(doc: Scenario) -> bool:
    """Whether the plan has a timeline to replay."""
    return bool(doc.injects or doc.hazards)


def replay_frame(
    area: Area, doc: Scenario, planned: Planning
) -> tuple[Exercise | None, Frame | None]:
    """The exercise and its frame at the slider's time (None, None without a timeline)."""
    if not has_exercise(doc):
        return None, None
    try:
        exercise = pipeline.exercise(area, planned)
    except PlannerError as err:
        st.error(f"{t('replay_error')} : {said(err)}")
        return None, None
    return exercise, pipeline.frame(area, planned, _controls(exercise))


def _controls(exercise: Exercise) -> int:
    state = st.session_state
    end = min(exercise.duration_s, MAX_EXERCISE_S) + STEP_S  # checked already: never more
    options = sorted({*range(0, end + 1, STEP_S), *(i.at_s for i in exercise.injects)})
    if state.get("replay_slider") not in options:
        state.replay_slider = 0
    st.subheader(t("replay_header"))
    st.select_slider(t("replay_time"), options=options, key="replay_slider", format_func=clock)
    cols = st.columns(5)
    times = [i.at_s for i in exercise.injects]
    cols[0].button(t("replay_prev"), key="replay_prev", on_click=_jump, args=(times, -1))
    cols[1].button(t("replay_back"), key="replay_back", on_click=_step, args=(options, -1))
    playing = state.get("replay_playing", False)
    cols[2].button(
        t("replay_pause" if playing else "replay_play"), key="replay_play", on_click=_toggle
    )
    cols[3].button(t("replay_forward"), key="replay_forward", on_click=_step, args=(options, 1))
    cols[4].button(t("replay_next"), key="replay_next", on_click=_jump, args=(times, 1))
    return int(state.replay_slider)


def _step(options: list[int], direction: int) -> None:
    state = st.session_state
    index = options.index(state.replay_slider) + direction
    state.replay_slider = options[max(0, min(index, len(options) - 1))]


def _jump(times: list[int], direction: int) -> None:
    state = st.session_state
    now = state.replay_slider
    later = [x for x in times if (x > now if direction > 0 else x < now)]
    if later:
        state.replay_slider = min(later) if direction > 0 else max(later)


def _toggle() -> None:
    st.session_state.replay_playing = not st.session_state.get("replay_playing", False)


def keep_playing(exercise: Exercise | None) -> None:
    """At the end of a run: while playing, wait, step one minute and run again."""
    state = st.session_state
    if exercise is None or not state.get("replay_playing"):
        return
    if state.replay_slider >= exercise.duration_s:
        state.replay_playing = False
        return
    time.sleep(PLAY_PAUSE_S)
    end = min(exercise.duration_s, MAX_EXERCISE_S) + STEP_S  # checked already: never more
    options = sorted({*range(0, end + 1, STEP_S), *(i.at_s for i in exercise.injects)})
    _step(options, 1)
    st.rerun()


def exercise_panel(
    area: Area, doc: Scenario, planned: Planning, exercise: Exercise | None, frame: Frame | None
):
    """The log, the hazards' exposure, route times before/now, the after-action summary."""
    if exercise is None or frame is None:
        return
    situation = frame.situation
    st.markdown(f"**{t('replay_state', at=clock(situation.at_s))}**")
    for problem in frame.problems:
        st.warning(said(problem))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"*{t('replay_log')}*")
        log = pd.DataFrame(
            [
                {
                    t("col_time"): clock(i.at_s),
                    t("col_from_to"): f"{i.sender} → {i.recipient}",
                    t("col_message"): i.message,
                    t("col_effect"): f"{i.effect.action} {i.effect.target or ''}"
                    if i.effect
                    else "",
                }
                for i in reversed(situation.fired)
            ],
            columns=[t("col_time"), t("col_from_to"), t("col_message"), t("col_effect")],
        )
        st.dataframe(log, hide_index=True, width="stretch")
    with right:
        closed = sorted(
            {
                *situation.closed_streets,
                *(s for h in frame.hazards for s in h.exposure.closed_streets),
            }
        )
        st.markdown(f"*{t('replay_closed_streets')}* : {_names(closed)}")
        names = {z.id: z.name or z.id for z in exercise.zones}
        evacuating = _names(names.get(z, z) for z in situation.evacuating)
        st.markdown(f"*{t('replay_evacuating')}* : {evacuating}")
        if situation.closed_checkpoints:
            st.markdown(
                f"*{t('replay_closed_checkpoints')}* : {_names(situation.closed_checkpoints)}"
            )
    if frame.hazards:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col_hazard"): h.zones.id,
                        t("col_kind"): t("hazard_" + h.zones.kind),
                        t("col_radius"): round(h.zones.radius_m),
                        t("col_zone_area"): round(h.zones.footprint.area),
                        t("col_buildings"): h.exposure.buildings,
                        t("col_people"): h.exposure.people_estimate,
                        t("col_sectors"): ", ".join(h.exposure.sectors),
                    }
                    for h in frame.hazards
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        if any(h.zones.screening_estimate for h in frame.hazards):
            st.caption(t("plume_note"))
    rows = [
        {
            t("col_sector"): sector,
            **{
                t("col_" + kind): _before_now(*kinds[kind]) for kind in ("fire_station", "hospital")
            },
        }
        for sector, kinds in frame.route_times().items()
    ]
    st.markdown(f"*{t('replay_route_times')}*")
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    summary = pipeline.after_action(area, planned, doc.title, lang())
    st.download_button(
        t("after_action_download"),
        summary,
        file_name=f"retex-{file_stem(doc.title, 'exercice')}.md",
        mime="text/markdown",
        key="after_action",
    )


def _before_now(before: float | None, now: float | None) -> str:
    def shown(value: float | None) -> str:
        return t("unreachable") if value is None else f"{value / 60:.1f}"

    return f"{shown(before)} → {shown(now)} min"


def _names(names) -> str:
    """Names (streets, zones, checkpoints) as one Markdown line, each shown as typed."""
    return ", ".join(markdown_text(n) for n in names) or "—"
