"""Folium renders each element's finished HTML and JavaScript without compiling it again.

When a folium map renders, every element (a marker, its icon, tooltip, popup, a line…) adds its
rendered script to the page as ``branca.element.Element(text)``, and branca compiles that
finished text as a Jinja template — only to render it back to itself. On the app's map that is
several hundred compilations per rerun, about half of the server's time of a rerun (measured
with cProfile in the Streamlit server: 11 s of 52 s over one browser bench flow).

:func:`install` makes branca build such an element from a :class:`LiteralTemplate` when its
text holds no Jinja syntax at all (no ``{{``, ``{%`` or ``{#``): it renders exactly what Jinja
renders for such a text (line ends as ``\\n``, one trailing line end dropped), without the
compilation. Any text with Jinja syntax is compiled by Jinja as before. Folium's own class
templates are not touched.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import branca.element
from jinja2 import Template

#: What starts a Jinja construct with the default delimiters.
_JINJA = re.compile(r"\{[{%#]")
_LINE_END = re.compile(r"\r\n|\r")


class LiteralTemplate:
    """A template whose text has no Jinja syntax: it renders as Jinja renders it."""

    def __init__(self, source: str) -> None:
        text = _LINE_END.sub("\n", source)  # Jinja's newline_sequence
        self._text = text[:-1] if text.endswith("\n") else text  # keep_trailing_newline=False
        self.module = SimpleNamespace()  # no macro, as the module of a Jinja text without any

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self._text


def template(source: str) -> Template | LiteralTemplate:
    """Jinja's Template of ``source``, or a LiteralTemplate when it has no Jinja syntax."""
    if isinstance(source, str) and not _JINJA.search(source):
        return LiteralTemplate(source)
    return Template(source)


def install() -> None:
    """Make branca's elements built from a text use :func:`template` (idempotent)."""
    branca.element.Template = template  # the name Element.__init__ looks up when it runs
