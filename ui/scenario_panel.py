"""Sidebar panel: new / open / save / save as / history with restore / import and export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.errors import PlannerError
from scenarios.document import dump_scenario, export_filename, load_scenario
from scenarios.editing import new_scenario
from scenarios.errors import ConflictError
from scenarios.examples import example_names, example_title, load_example
from scenarios.model import Scenario
from ui.edit_helpers import reason
from ui.i18n import said, t
from ui.session import (
    actor,
    edit_scenario,
    flash,
    mark_saved,
    parsed_upload,
    replace_scenario,
    scenario,
    scenario_store,
)
from ui.unsaved import confirmation, replace_or_ask, replacing_action

EXAMPLE_PREFIX = "example:"


def scenario_panel() -> None:
    """The scenario section of the sidebar."""
    state = st.session_state
    st.header(t("scenario_header"))
    confirmation()
    who = actor()
    if state.get("demo"):
        st.text_input(t("author"), key="author")
    st.text_input(
        t("scenario_title"),
        value=scenario().title,
        key=f"title-{state.zones_epoch}",
        on_change=_retitle,
        args=(f"title-{state.zones_epoch}",),
        disabled=not who.can_edit_plan(),
    )
    st.caption(_status())
    if who.can_create():  # a liaison reads and exports: no save control at all
        st.text_input(t("save_comment"), key="save_comment")
        save_col, save_as_col = st.columns(2)
        save_col.button(
            t("save"),
            on_click=_save,
            type="primary",
            width="stretch",
            key="save",
            disabled=state.scenario_id is not None and not state.dirty,
        )
        save_as_col.button(t("save_as"), on_click=_save_as, width="stretch", key="save_as")
    if who.can_edit_plan():
        st.button(t("new"), on_click=_new, width="stretch", key="new")
    with st.expander(t("open_header")):
        _open_section(state.zones_epoch, state.get("pending_replace"))
    with st.expander(t("history_header")):
        _history_section()
    with st.expander(t("import_export_header")):
        st.file_uploader(t("import_file"), type=["json"], key="scenario_upload", on_change=_import)
        try:
            exported = dump_scenario(scenario())
        except PlannerError as err:  # over the size limit: said, nothing to download
            st.caption(said(err))
        else:
            st.download_button(
                t("export_file"),
                exported,
                file_name=export_filename(scenario()),
                mime="application/json",
            )


def _status() -> str:
    state = st.session_state
    status = (
        t("scenario_status_new")
        if state.scenario_id is None
        else t("scenario_status_saved", version=state.base_version)
    )
    return t("scenario_status_dirty", status=status) if state.dirty else status


def _retitle(key: str) -> None:
    title = (st.session_state.get(key) or "").strip()
    if title and title != scenario().title:
        try:
            edit_scenario(title=title)
        except ValueError as err:
            flash("error", f"{t('invalid_edit')} : {reason(err)}")


def _new() -> None:
    replace_or_ask("new")


@replacing_action("new")
def _apply_new(_: None) -> None:
    replace_scenario(
        new_scenario(scenario().area, actor().username), scenario_id=None, version=None
    )


def _save() -> None:
    state = st.session_state
    if state.scenario_id is None:
        _save_as()
        return
    try:
        info = scenario_store().save(
            state.scenario_id,
            scenario(),
            actor(),
            base_version=state.base_version,
            comment=state.get("save_comment", ""),
        )
    except ConflictError as err:  # the edits stay in the session, untouched
        flash("error", said(err))
        return
    except PlannerError as err:
        flash("error", f"{t('save_failed')} — {said(err)}")
        return
    mark_saved(info.scenario_id, info.version)
    flash("success", t("saved", version=info.version, title=scenario().title))


def _save_as() -> None:
    doc = scenario()
    if not actor().can_edit_plan() and doc.kind != "exercise":
        doc = doc.model_copy(update={"kind": "exercise"})  # an exercise lead's copy of a plan
    try:
        info = scenario_store().create(doc, actor(), st.session_state.get("save_comment", ""))
    except PlannerError as err:
        flash("error", f"{t('save_failed')} — {said(err)}")
        return
    st.session_state.scenario = doc
    mark_saved(info.scenario_id, info.version)
    flash("success", t("saved", version=info.version, title=scenario().title))


@st.fragment
def _open_section(epoch: int, held: tuple | None) -> None:
    """The choice of a scenario to open and its button: picking one reruns this section alone
    (the map and the plan do not change); once the button's callback replaced the scenario
    (``zones_epoch`` is no longer ``epoch``, the one of the page's last full run) or held it
    behind the unsaved-edits question (``held``: the question of that run), the whole page
    reruns."""
    state = st.session_state
    if state.zones_epoch != epoch or state.get("pending_replace") is not held:
        st.rerun()
    stored = {
        item.scenario_id: f"{item.title} (v{item.head_version}, {item.updated_by})"
        for item in scenario_store().list()
    }
    examples = {
        EXAMPLE_PREFIX + name: f"{example_title(name)} ({t('example')})" for name in example_names()
    }
    choices = stored | examples
    choice = st.selectbox(
        t("open_choice"), list(choices), format_func=choices.get, key="open_choice"
    )
    st.button(t("open"), on_click=_open, disabled=choice is None, key="open_button")


def _open() -> None:
    # The choice is read from the widget's state, not bound as the button's argument: a choice
    # made just before the click (in the same rerun) is not in the arguments of the last run.
    replace_or_ask("open", st.session_state.open_choice)


@replacing_action("open")
def _apply_open(choice: str) -> None:
    try:
        if choice.startswith(EXAMPLE_PREFIX):
            opened = load_example(choice.removeprefix(EXAMPLE_PREFIX))
            replace_scenario(opened, scenario_id=None, version=None)
        else:
            opened, info = scenario_store().open(choice)
            replace_scenario(opened, scenario_id=info.scenario_id, version=info.version)
    except PlannerError as err:
        flash("error", said(err))
        return
    flash("success", t("opened", title=opened.title))


def _history_section() -> None:
    state = st.session_state
    if state.scenario_id is None:
        st.caption(t("history_empty"))
        return
    versions = scenario_store().history(state.scenario_id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col_version"): v.version,
                    t("col_author"): v.author,
                    t("col_role"): t("account_role_" + v.role),
                    t("col_saved_at"): v.saved_at.strftime("%Y-%m-%d %H:%M:%S"),
                    t("col_comment"): v.comment,
                }
                for v in versions
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    older = [v.version for v in versions[1:]]
    if older and actor().can_edit_plan():
        st.selectbox(t("restore_choice"), older, key="restore_choice")
        st.button(t("restore"), on_click=_restore, key="restore_button")


def _restore() -> None:
    state = st.session_state
    replace_or_ask("restore", state.restore_choice)  # read now, like the choice to open


@replacing_action("restore")
def _apply_restore(version: int) -> None:
    state = st.session_state
    try:
        info = scenario_store().restore(
            state.scenario_id, version, actor(), base_version=state.base_version
        )
        restored, _ = scenario_store().open(state.scenario_id, info.version)
    except PlannerError as err:
        flash("error", f"{t('save_failed')} — {said(err)}")
        return
    replace_scenario(restored, scenario_id=info.scenario_id, version=info.version)
    flash("success", t("restored", old=version, new=info.version))


def _import() -> None:
    upload = parsed_upload("scenario_upload", load_scenario)
    if upload is None:
        return
    replace_or_ask("import", upload[1])


@replacing_action("import")
def _apply_import(imported: Scenario) -> None:
    replace_scenario(imported, scenario_id=None, version=None)
    flash("success", t("imported", title=imported.title))
