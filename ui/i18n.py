"""Texts of the app's interface, French by default with an English switch.

The texts are the ``ui`` context of the one catalogue (:mod:`planner.i18n`, gettext ``.po``
files read with Babel).
"""

from __future__ import annotations

import streamlit as st

from planner import i18n

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANG = "fr"


def lang() -> str:
    """The current session's language code."""
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **params: object) -> str:
    """Interface text ``key`` in the current language (numbers, plurals by Babel)."""
    return i18n.text("ui", key, lang(), **params)
