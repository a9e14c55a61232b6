"""Panels that rerun alone (``st.fragment``) until they edit the plan.

A panel under the map (the access table, staffing, the routes' tables) reruns by itself when
one of its widgets changes — a cell of the access table, a sector count typed before its button
— so the map, the plan and the other panels are not recomputed nor redrawn. When such a rerun
edits the plan (the session's scenario is replaced by any edit, see :mod:`ui.session`), the
whole page reruns at once, so the map and every panel show the edit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st

from scenarios.model import Scenario

P = ParamSpec("P")


def plan_panel(panel: Callable[P, None]) -> Callable[P, None]:
    """``panel`` as a fragment that hands over to a full rerun once the plan it was drawn for
    (its :class:`Scenario` argument, the one of the page's last full run) has been edited."""

    def drawn_for(args: tuple, kwargs: dict) -> Scenario | None:
        given = [a for a in (*args, *kwargs.values()) if isinstance(a, Scenario)]
        return given[0] if given else None

    def edited(args: tuple, kwargs: dict) -> bool:
        shown = drawn_for(args, kwargs)
        return shown is not None and st.session_state.get("scenario") is not shown

    @st.fragment
    @functools.wraps(panel)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        if edited(args, kwargs):  # a callback of this panel edited the plan
            st.rerun()
        panel(*args, **kwargs)
        if edited(args, kwargs):  # the panel's own code edited it (a button's branch)
            st.rerun()

    return run
