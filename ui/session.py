"""The session's working scenario: what the planner is editing, where it is stored, if saved.

The scenario held here is the only copy of unsaved edits: a refused save (conflict) never
touches it. Replacing it (new, open, import, restore) bumps ``zones_epoch`` so that the map is
rebuilt with the new zones as editable shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import streamlit as st

from planner.area import AreaSource
from planner.errors import PlannerError
from planner.markup import markdown_text
from scenarios.accounts import Actor, Role
from scenarios.editing import new_scenario
from scenarios.errors import AccessDenied
from scenarios.model import AreaRef, Scenario
from scenarios.store import ScenarioStore, open_store
from ui.i18n import said, t

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def scenario_store() -> ScenarioStore:
    """The server's scenario store: ``VIGIE_STORE`` (a SQLite path or a PostgreSQL URL), else
    the data directory's SQLite file. One per server process (PostgreSQL: one pool)."""
    return open_store()


def init_session(actor: Actor) -> None:
    """Defaults of a new browser session: a blank plan on the Monaco demo."""
    state = st.session_state
    state.current_actor = actor
    state.setdefault("flash", [])
    if "scenario" not in state:
        blank = new_scenario(AreaRef(kind="demo", id="monaco"), actor.username)
        replace_scenario(blank, scenario_id=None, version=None)


def scenario() -> Scenario:
    return st.session_state.scenario


def actor() -> Actor:
    """Who acts in this session, as its account is now: re-read at each call, so that a
    callback or a fragment's rerun (which do not run the page's top) sees a demotion at once. A
    disabled account acts as a reader until the next run signs it out."""
    state = st.session_state
    try:
        live = scenario_store().live_actor(state.current_actor)
    except AccessDenied as err:
        state.pop("actor", None)  # the next run of the page shows the sign-in page
        flash("error", said(err))
        return replace(state.current_actor, role=Role.LIAISON)
    state.current_actor = live
    return live


def replace_scenario(new: Scenario, scenario_id: str | None, version: int | None) -> None:
    """Work on another scenario (opened, imported, restored or new)."""
    state = st.session_state
    state.scenario = new
    state.scenario_id = scenario_id
    state.base_version = version
    state.dirty = False
    state.zones_epoch = state.get("zones_epoch", 0) + 1
    state.area_source = area_source_of(new)
    from ui.area_panel import sync_area_widgets

    sync_area_widgets(new.area)


def set_zones(zones: list, redraw: bool) -> None:
    """New zones for the plan; ``redraw`` rebuilds the map's editable layer with them."""
    edit_scenario(zones=zones)
    if redraw:
        st.session_state.zones_epoch += 1


def edit_scenario(**changes) -> bool:
    """Apply edits (validated by the model) and mark the scenario as changed; an edit the
    session's role may not make is refused with a message (the store would refuse its save)."""
    state = st.session_state
    refused = set(changes) - actor().editable_fields(set(changes))
    if refused:
        role = t("account_role_" + actor().role.value)
        flash("error", t("edit_refused", role=role, fields=", ".join(sorted(refused))))
        return False
    edited = state.scenario.model_copy(update=changes)
    Scenario.model_validate(edited.model_dump())  # an invalid combination raises, plan kept
    state.scenario = edited
    state.dirty = True
    return True


def mark_saved(scenario_id: str, version: int) -> None:
    state = st.session_state
    state.scenario_id, state.base_version, state.dirty = scenario_id, version, False


def area_source_of(doc: Scenario) -> AreaSource:
    """The scenario's area; if its OSM file is not on this server, the current area, said."""
    from scenarios.convert import area_source

    try:
        return area_source(doc)
    except PlannerError as err:
        fallback = st.session_state.get("area_source") or AreaSource.demo("monaco")
        flash("warning", f"{said(err)} ({markdown_text(fallback.name)})")
        return fallback


def parsed_upload(key: str, parse: Callable[[bytes], T]) -> tuple[str, T] | None:
    """(file name, parsed content) of the file uploader ``key``; None when there is no file or
    it is refused (the reason is flashed, the plan left as it was)."""
    upload = st.session_state.get(key)
    if upload is None:
        return None
    try:
        return display_name(upload.name), parse(upload.getvalue())
    except PlannerError as err:
        flash("error", said(err))
        return None


def display_name(name: str) -> str:
    """An uploaded file's name as kept and shown: one line, at most 100 characters (a label,
    never used as a path)."""
    return " ".join(name.split())[:100]


def flash(kind: str, message: str) -> None:
    """A message shown once at the top of the next run (success, error, warning, info)."""
    st.session_state.flash.append((kind, message))


def show_flash() -> None:
    """Show the pending messages (they are cleared by :func:`end_of_run`, so a rerun midway
    does not lose them)."""
    for kind, message in st.session_state.flash:
        getattr(st, kind)(message)


def end_of_run() -> None:
    st.session_state.flash = []
