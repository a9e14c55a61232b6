"""Names shown on the map (layer names, tooltips, legend), in French and English: the ``map``
context of the one catalogue (:mod:`planner.i18n`)."""

from __future__ import annotations

from planner import i18n


def label(key: str, lang: str) -> str:
    """A map label in ``lang``."""
    return i18n.text("map", key, lang)


def thousands(value: int, lang: str = "fr") -> str:
    """12163 → ``12 163`` (French: a narrow no-break space) or ``12,163``, by Babel."""
    return i18n.format_number(value, lang)
