"""Crowd simulation in a sector's sheet: run it in the background, then replay and compare.

"Simuler l'évacuation" starts the server's one simulation worker (:data:`planner.sim_jobs.JOBS`,
a low-priority process); a fragment polls it every second (progress bar, cancel button), so the
page never waits on it. The figures come back into the scenario (saved with its next version);
the trajectories stay in the cache, and a time slider replays the agents on the main map
(:func:`replay_layer`, called before the map is drawn) beside the people-left curve with the
hand method's figure.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from layers.simulation import agents_layer
from planner.pipeline import Planning
from planner.sector_simulation import CASES
from planner.sim_files import read_trajectories, trajectory_path
from planner.sim_jobs import JOBS, SimulationRequest
from planner.staffing import SectorSheet
from planner.walkable import SimulationError
from scenarios import convert
from scenarios.model import Scenario, SimulationFigure
from ui.i18n import said, t
from ui.session import edit_scenario

REPLAY = "sim_replay"  # session key: {"sector", "case", "path"} of the run replayed on the map
REPLAY_TIME = "sim_replay_t"  # the slider's key
REPLAY_DRAWN = "sim_replay_drawn"  # the slider's time the map was last drawn at
#: Agents drawn on the map at one time, at most (a sample beyond, said in the caption).
MAX_DRAWN = 4000


def simulation_panel(
    scenario: Scenario, planned: Planning, sheet: SectorSheet, editable: bool
) -> None:
    """The simulation part of one sector's sheet."""
    name = sheet.name
    st.markdown(f"**{t('sim_header')}**")
    case = st.radio(
        t("sim_case"),
        CASES,
        format_func=lambda c: t("sim_case_" + c),
        horizontal=True,
        key=f"sim-case-{name}",
    )
    if editable:
        _run_controls(scenario, planned, sheet, case)
    figure = next((f for f in scenario.simulations if f.sector == name and f.case == case), None)
    if figure is not None:
        _figure(figure, planned.inputs.plan_key())
    elif not editable:
        st.caption(t("sim_none"))


def _run_controls(scenario: Scenario, planned: Planning, sheet: SectorSheet, case: str) -> None:
    name = sheet.name
    job = JOBS.current()
    busy = job is not None and not job.finished
    left, right = st.columns([1, 1])
    people = left.number_input(
        t("sim_people"),
        min_value=1,
        max_value=200_000,
        value=max(1, sheet.public),
        step=100,
        key=f"sim-people-{name}",
    )
    if right.button(t("sim_run"), key=f"sim-run-{name}", disabled=busy, type="primary"):
        request = SimulationRequest(
            convert.area_source(scenario),
            planned.inputs,
            name,
            case,
            0,
            None if int(people) == sheet.public else int(people),
        )
        try:
            st.session_state.sim_job = id(JOBS.start(request))
        except SimulationError as err:
            st.error(said(err))
    job = JOBS.current()
    mine = job is not None and st.session_state.get("sim_job") == id(job)
    if job is not None and not job.finished and not mine:
        st.info(said(SimulationError("simulation_busy")))
    if mine and job.request.sector == name:
        _job_status(name)  # polls every second, only while this session's job is there


@st.fragment(run_every=1.0)
def _job_status(name: str) -> None:
    """The running job of this session for ``name``: progress and cancel; its outcome."""
    job = JOBS.current()
    if job is None or job.request.sector != name or st.session_state.get("sim_job") != id(job):
        return
    if job.status == "running":
        agents = job.request.public or st.session_state.get(f"sim-people-{name}") or 1
        out = 0.0 if job.inside is None else max(0.0, 1 - job.inside / agents)
        st.progress(
            out, text=t("sim_progress", seconds=round(job.simulated_s), inside=job.inside or 0)
        )
        if st.button(t("sim_cancel"), key=f"sim-cancel-{name}"):
            job.cancel()
            JOBS.forget()
            st.session_state.pop("sim_job", None)
            st.rerun(scope="app")
        return
    JOBS.forget()
    st.session_state.pop("sim_job", None)
    if job.status == "done" and job.record is not None:
        _save(job.record)
        st.session_state[REPLAY] = {
            "sector": name,
            "case": job.request.case,
            "path": job.trajectories,
        }
        st.rerun(scope="app")
    elif job.status == "failed" and job.error is not None:
        key, params = job.error
        st.error(said(SimulationError(key, **params)))
    else:
        st.info(t("sim_cancelled"))


def _save(record: dict) -> None:
    """The run's figures into the scenario, replacing the same sector and case."""
    figure = SimulationFigure.model_validate(record)
    kept = [
        f
        for f in st.session_state.scenario.simulations
        if (f.sector, f.case) != (figure.sector, figure.case)
    ]
    edit_scenario(simulations=[*kept, figure])


def _figure(figure: SimulationFigure, plan_key: str) -> None:
    """Side by side with the hand figure, the people-left curve, the replay controls."""
    if figure.plan_key != plan_key:
        st.warning(t("sim_stale"))
    hand = figure.hand_evacuation_s
    rows = [
        (t("sim_t50"), figure.t50_s, None),
        (t("sim_t95"), figure.t95_s, None),
        (t("sim_t100"), figure.t100_s, hand),
    ]
    table = pd.DataFrame(
        [
            {"": label, t("sim_col_sim"): _clock(v), t("sim_col_hand"): _clock(h)}
            for label, v, h in rows
        ]
    )
    st.dataframe(table, hide_index=True)
    notes = t(
        "sim_summary",
        agents=figure.agents,
        density=figure.max_density_p_m2,
        over4=sum(c[2] > 4 for c in figure.cells),
        over5=sum(c[2] > 5 for c in figure.cells),
    )
    if figure.blocked_exit:
        notes += " " + t("sim_blocked", exit=figure.blocked_exit)
    if figure.trapped:
        notes += " " + t("sim_trapped", n=figure.trapped)
    st.caption(notes)
    if figure.curve:
        st.altair_chart(_curve(figure), width="stretch")
    path = trajectory_path(figure.plan_key, figure.sector, figure.case, figure.seed)
    if not path.exists():
        st.caption(t("sim_no_trajectories"))
        return
    if st.button(t("sim_replay"), key=f"sim-replay-{figure.sector}-{figure.case}"):
        st.session_state[REPLAY] = {"sector": figure.sector, "case": figure.case, "path": str(path)}
        st.rerun()
    replay = st.session_state.get(REPLAY)
    if replay and (replay["sector"], replay["case"]) == (figure.sector, figure.case):
        end = int(figure.curve[-1][0]) if figure.curve else 0
        at = st.slider(t("sim_time"), 0, max(1, end), 0, 1, key=REPLAY_TIME)
        drawn = st.session_state.get(REPLAY_DRAWN)
        if drawn is not None and drawn != at:
            # the slider lives in the staffing fragment, the replay on the map: redraw the page
            st.rerun(scope="app")


def _curve(figure: SimulationFigure) -> alt.LayerChart:
    data = pd.DataFrame(figure.curve, columns=["s", "left"])
    line = (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=alt.X("s:Q", title=t("sim_axis_time")), y=alt.Y("left:Q", title=t("sim_axis_left"))
        )
    )
    layers = [line]
    if figure.hand_evacuation_s:
        hand = pd.DataFrame({"s": [figure.hand_evacuation_s], "label": [t("sim_col_hand")]})
        layers.append(alt.Chart(hand).mark_rule(color="#c0392b", strokeDash=[6, 3]).encode(x="s:Q"))
        layers.append(
            alt.Chart(hand)
            .mark_text(align="left", dx=4, dy=-60, color="#c0392b")
            .encode(x="s:Q", text="label:N")
        )
    return alt.layer(*layers).properties(height=200)


def replay_layer(overlay, crs: str) -> str | None:
    """The replayed agents at the slider's time on the map's overlay; a caption, or None."""
    replay = st.session_state.get(REPLAY)
    if not replay or not replay.get("path") or not Path(replay["path"]).exists():
        return None
    trajectories, _ = _trajectories(replay["path"])
    at = float(st.session_state.get(REPLAY_TIME, 0))
    st.session_state[REPLAY_DRAWN] = int(at)
    times = np.unique(trajectories.time_s)
    if not len(times):
        return None
    now = times[np.abs(times - at).argmin()]
    mine = trajectories.time_s == now
    xy = np.column_stack([trajectories.x[mine], trajectories.y[mine]])
    if len(xy) > MAX_DRAWN:
        xy = xy[np.random.default_rng(0).choice(len(xy), MAX_DRAWN, replace=False)]
    agents_layer(overlay, xy, crs, t("sim_agents_layer"))
    return t(
        "sim_replay_caption",
        sector=replay["sector"],
        case=t("sim_case_" + replay["case"]),
        seconds=int(now),
        inside=int(mine.sum()),
    )


@st.cache_data(max_entries=4, show_spinner=False)
def _trajectories(path: str):
    return read_trajectories(Path(path))


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"
