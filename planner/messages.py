"""User-facing messages of the core, in English and French.

Errors and notices carry a key and parameters; the UI shows them in the user's language, the CLI
in English. The texts are the ``messages`` context of the one catalogue (:mod:`planner.i18n`,
gettext ``.po`` files read with Babel), so the core stays free of any UI code.
"""

from __future__ import annotations

from planner import i18n

Lang = str  # "fr" or "en"


def register(messages: dict[str, dict[Lang, str]]) -> None:
    """Add messages at run time (code not yet ported to the catalogue); a key already used is
    refused."""
    i18n.register("messages", messages)


def text(key: str, lang: Lang = "en", **params: object) -> str:
    """The message ``key`` in ``lang`` (English if missing), formatted with ``params``."""
    return i18n.text("messages", key, lang, **params)
