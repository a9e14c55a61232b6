"""Texts of the app's interface, French by default with an English switch.

The texts are the ``ui`` context of the one catalogue (:mod:`planner.i18n`, gettext ``.po``
files read with Babel).
"""

from __future__ import annotations

import streamlit as st

from planner import i18n
from planner.errors import Notice, PlannerError
from planner.markup import markdown_text

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANG = "fr"


def lang() -> str:
    """The current session's language code."""
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **params: object) -> str:
    """Interface text ``key`` in the current language (numbers, plurals by Babel). The texts are
    Markdown (Streamlit renders messages and labels as Markdown); their string parameters are
    data, escaped as plain text here."""
    safe = {k: markdown_text(v) if isinstance(v, str) else v for k, v in params.items()}
    return i18n.text("ui", key, lang(), **safe)


def said(err: PlannerError | Notice) -> str:
    """A core message (plain text, which may quote names) as Streamlit shows it: escaped."""
    return markdown_text(err.message(lang()))
