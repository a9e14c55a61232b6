"""The "Saison métropolitaine" view: every event of a season sharing the communes' agents.

The coordination picks a season (bundled or stored), its events (bundled examples or stored
scenarios) and their priorities, may import the communes' offers over time (CSV) and change the
rules; the view shows the allocation (:mod:`ui.season_results`): the calendar, the map of every
perimeter, the conflicts and the roster per commune. Planners edit and save the season (a new
version each time); liaisons read it.
"""

from __future__ import annotations

import streamlit as st

from planner import doctrine
from planner.errors import PlannerError
from scenarios.accounts import Actor
from scenarios.examples import example_names, load_example
from scenarios.season_document import (
    document_plan,
    dump_season,
    example_seasons,
    load_example_season,
    load_season,
    now,
)
from scenarios.season_inputs import SeasonPlan
from scenarios.season_model import SeasonDocument, SeasonEventRef, SeasonRules
from scenarios.season_offers_csv import read_season_offers
from scenarios.season_store import create_season, list_seasons, open_season, save_season
from ui.i18n import said, t
from ui.season_results import season_results
from ui.session import flash, parsed_upload, scenario_store, show_flash

DOC, ID, VERSION = "season_doc", "season_id", "season_version"


def season_page(who: Actor) -> None:
    """The whole view (the app shows it instead of the plan when chosen)."""
    st.title(t("season_title"))
    st.caption(t("season_subtitle"))
    state = st.session_state
    if DOC not in state:
        _open_source(f"example:{example_seasons()[0]}")
    show_flash()
    _source_picker()
    editable = who.can_edit_plan()
    with st.expander(t("season_settings"), expanded=editable):
        _events_editor(editable)
        _offers_editor(editable)
        _rules_editor(editable)
        if editable:
            st.button(t("season_save"), key="season_save", on_click=_save, args=(who,))
    doc: SeasonDocument = state[DOC]
    try:
        with st.spinner(t("season_computing")):
            planned = _plan(dump_season(doc), scenario_store().url)
    except PlannerError as err:
        st.error(f"{t('season_error')} : {said(err)}")
        return
    season_results(planned, doc)


@st.cache_resource(max_entries=8, show_spinner=False)
def _plan(text: str, store_url: str) -> SeasonPlan:
    """The allocation of a season document's text (cached by content, for every session)."""
    return document_plan(load_season(text), scenario_store())


def _options() -> dict[str, str]:
    """Sources of a season: the bundled ones, then the stored ones (value → label)."""
    out = {
        f"example:{n}": t("season_bundled", title=load_example_season(n).title)
        for n in example_seasons()
    }
    for item in list_seasons(scenario_store()):
        out[f"store:{item.scenario_id}"] = t(
            "season_stored", title=item.title, version=item.head_version, ref=item.scenario_id
        )
    return out


def _source_picker() -> None:
    options = _options()
    state = st.session_state
    current = state.get("season_source", next(iter(options)))
    st.selectbox(
        t("season_source"),
        list(options),
        index=list(options).index(current) if current in options else 0,
        format_func=options.get,
        key="season_source_pick",
        on_change=lambda: _open_source(state.season_source_pick),
    )


def _open_source(source: str) -> None:
    state = st.session_state
    state.season_source = source
    if source.startswith("store:"):
        doc, info = open_season(scenario_store(), source.removeprefix("store:"))
        state[DOC], state[ID], state[VERSION] = doc, info.scenario_id, info.version
    else:
        state[DOC] = load_example_season(source.removeprefix("example:"))
        state[ID] = state[VERSION] = None
    for key in [k for k in state if str(k).startswith("season_priority_")]:
        del state[key]


def _event_options() -> dict[str, str]:
    """Events and exercises (an exercise occupies agents too): bundled, then stored."""
    out = {}
    for name in example_names():
        out[f"example:{name}"] = t("season_bundled", title=load_example(name).title)
    for item in scenario_store().list():
        out[item.scenario_id] = t(
            "season_stored", title=item.title, version=item.head_version, ref=item.scenario_id
        )
    return out


def _update(**changes) -> None:
    state = st.session_state
    state[DOC] = state[DOC].model_copy(update=changes)


def _events_editor(editable: bool) -> None:
    doc: SeasonDocument = st.session_state[DOC]
    options = _event_options()
    for ref in doc.events:
        options.setdefault(ref.scenario, ref.scenario)
    chosen = st.multiselect(
        t("season_events"),
        list(options),
        default=[e.scenario for e in doc.events],
        format_func=options.get,
        disabled=not editable,
        key=f"season_events_{st.session_state.get('season_source')}",
    )
    priorities = {e.scenario: e.priority for e in doc.events}
    columns = st.columns(max(len(chosen), 1))
    refs = []
    for column, ref in zip(columns, chosen, strict=False):
        with column:
            priority = st.number_input(
                t("season_priority", event=options.get(ref, ref)),
                min_value=1,
                max_value=doctrine.MAX_PRIORITY,
                value=priorities.get(ref, 1),
                step=1,
                disabled=not editable,
                help=t("season_priority_help"),
                key=f"season_priority_{ref}",
            )
        refs.append(SeasonEventRef(scenario=ref, priority=int(priority)))
    if chosen and refs != doc.events:
        _update(events=refs)
    elif not chosen:
        st.warning(t("season_no_events"))


def _offers_editor(editable: bool) -> None:
    doc: SeasonDocument = st.session_state[DOC]
    if doc.offers:
        st.caption(t("season_offers_listed", count=len(doc.offers)))
    else:
        st.caption(t("season_offers_from_scenarios"))
    if not editable:
        return
    st.file_uploader(
        t("season_offers_csv"),
        type=["csv", "txt"],
        key="season_offers_upload",
        help=t("season_offers_help"),
        on_change=_import_offers,
    )
    if doc.offers:
        st.button(
            t("season_offers_clear"), key="season_offers_clear", on_click=lambda: _update(offers=[])
        )


def _import_offers() -> None:
    upload = parsed_upload("season_offers_upload", read_season_offers)  # flashes a refusal
    if upload is not None:
        name, offers = upload
        _update(offers=offers)
        flash("success", t("season_offers_imported", count=len(offers), name=name))


def _rules_editor(editable: bool) -> None:
    doc: SeasonDocument = st.session_state[DOC]
    rules = doc.rules
    left, middle, right = st.columns(3)
    rest = left.number_input(
        t("season_rest_h"),
        0.0,
        48.0,
        rules.rest_h or doctrine.DAILY_REST_H,
        0.5,
        disabled=not editable,
        help=t("season_rest_help"),
    )
    longest = middle.number_input(
        t("season_max_shift_h"),
        1.0,
        doctrine.MAX_SHIFT_LIMIT_H,
        rules.max_shift_h or doctrine.MAX_SHIFT_H,
        0.5,
        disabled=not editable,
        help=t("season_max_shift_help"),
    )
    kept = right.number_input(
        t("season_kept_share"),
        0.0,
        0.95,
        doctrine.KEPT_SHARE if rules.kept_share is None else rules.kept_share,
        0.05,
        disabled=not editable,
        help=t("season_kept_help"),
    )
    new = SeasonRules(
        rest_h=None if rest == doctrine.DAILY_REST_H else rest,
        max_shift_h=None if longest == doctrine.MAX_SHIFT_H else longest,
        kept_share=None if kept == doctrine.KEPT_SHARE else kept,
        kept_by_commune=rules.kept_by_commune,
    )
    if new != rules:
        _update(rules=new)


def _save(who: Actor) -> None:
    state = st.session_state
    doc: SeasonDocument = state[DOC]
    doc = doc.model_copy(
        update={
            "authorship": doc.authorship.model_copy(
                update={"updated_by": who.username, "updated_at": now()}
            )
        }
    )
    store = scenario_store()
    try:
        if state.get(ID):
            info = save_season(store, state[ID], doc, who, state[VERSION])
        else:
            info = create_season(store, doc, who)
    except PlannerError as err:
        flash("error", f"{t('season_save_error')} : {said(err)}")
        return
    state[ID], state[VERSION] = info.scenario_id, info.version
    state.season_source = f"store:{info.scenario_id}"
    flash("success", t("season_saved", version=info.version))
