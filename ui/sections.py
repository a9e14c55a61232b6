"""Sections under the map whose content is drawn only while they are open.

A closed ``st.expander`` still costs its whole content on every run: the server builds and
sends every widget and table in it, and the browser mounts them hidden (the staffing
assumptions alone are 81 inputs and a table). A :func:`section` is an expander that reruns
when it is opened or closed (its panel alone, inside a fragment) and draws its content only
while open; its open state is the session's, under ``key``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st


@contextmanager
def section(label: str, key: str, expanded: bool = False) -> Iterator[bool]:
    """An expander that yields whether its content is to be drawn (it is open)."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    with box:
        yield bool(box.open)
