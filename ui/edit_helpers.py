"""Applying an editor's rows to the plan: validated by the model, errors said, a rerun after."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.errors import PlannerError
from planner.markup import markdown_text
from ui.i18n import said, t
from ui.session import edit_scenario, flash


def apply(**changes: Any) -> None:
    try:
        if not edit_scenario(**changes):  # refused for this role: said by edit_scenario
            return
    except (ValidationError, ValueError) as err:
        st.error(f"{t('invalid_edit')} : {reason(err)}")
        return
    flash("success", t("applied"))
    st.rerun()  # the map and the staffing above are recomputed with the change at once


def apply_built(field: str, build) -> None:
    """Build a part of the plan from the editor's rows, then apply it; say what is wrong."""
    try:
        value = build()
    except (ValidationError, TypeError, ValueError, PlannerError) as err:
        st.error(f"{t('invalid_edit')} : {reason(err)}")
        return
    apply(**{field: value})


def table_editor(
    field: str, frame: pd.DataFrame, config: dict[str, Any], epoch: str = ""
) -> pd.DataFrame:
    """An editable table of a part of the plan (rows can be added and removed), mounted anew
    when the plan's zones are replaced (and when ``epoch`` changes)."""
    return st.data_editor(
        frame,
        column_config=config,
        num_rows="dynamic",
        hide_index=True,
        key=f"{field}-{st.session_state.zones_epoch}{epoch}",
        width="stretch",
    )


def apply_button(field: str, build: Callable[[], Any], text: str = "apply") -> None:
    """The table's "apply" button (labelled by the text ``text``): builds ``field`` from the
    edited rows and applies it."""
    if st.button(t(text), key=f"apply-{field}"):
        apply_built(field, build)


def reason(err: Exception) -> str:
    """Why an edit was refused, as Streamlit shows it (the text may quote what was typed)."""
    if isinstance(err, PlannerError):
        return said(err)
    if isinstance(err, ValidationError):
        first = err.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        return markdown_text(f"{where} — {message}" if where else first["msg"])
    return markdown_text(str(err))


def filled(value: Any) -> bool:
    return value is not None and value == value and str(value).strip() != ""
