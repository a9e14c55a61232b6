"""Unsaved edits are never dropped silently: Open, Import, New and Restore ask first.

An action that would replace a modified plan is held (:func:`replace_or_ask`) and the sidebar
asks (:func:`confirmation`): replace and lose the edits, or keep editing (the action is then
dropped and the plan stays as it was). An unmodified plan is replaced at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.i18n import t

#: The replacing actions, by kind (registered by the scenario panel).
_ACTIONS: dict[str, Callable[[Any], None]] = {}


def replacing_action(kind: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
    """Register ``apply(argument)`` as the action ``kind`` (open, import, new, restore)."""

    def register(apply: Callable[[Any], None]) -> Callable[[Any], None]:
        _ACTIONS[kind] = apply
        return apply

    return register


def replace_or_ask(kind: str, argument: Any = None) -> None:
    """Run the action now if the plan has no unsaved edit, else hold it for confirmation."""
    if st.session_state.get("dirty"):
        st.session_state.pending_replace = (kind, argument)
        return
    _ACTIONS[kind](argument)


def confirmation() -> None:
    """The question for a held action, with its two answers (nothing when none is held)."""
    pending = st.session_state.get("pending_replace")
    if pending is None:
        return
    st.warning(t("unsaved_question", action=t("unsaved_action_" + pending[0])))
    replace_col, keep_col = st.columns(2)
    replace_col.button(t("unsaved_replace"), on_click=_confirmed, key="unsaved_replace")
    keep_col.button(t("unsaved_keep"), on_click=_cancelled, key="unsaved_keep", type="primary")


def _confirmed() -> None:
    kind, argument = st.session_state.pop("pending_replace")
    _ACTIONS[kind](argument)


def _cancelled() -> None:
    st.session_state.pop("pending_replace", None)
