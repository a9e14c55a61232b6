"""Text is data until the edge: one escape helper per kind of markup a name can meet.

Any name a user types (zones, sectors, points, routes, injects, titles) or an OSM file carries
(streets, stations) is plain text everywhere in the core. It is escaped exactly where it meets
markup, through the helper for that markup, and nowhere else (so it is never escaped twice):

- :func:`html_text` — HTML built by folium (tooltips, popups, DivIcons), the standalone HTML, the
  KML descriptions (HTML in every KML reader). Folium 0.20 places ``Tooltip`` text and ``Popup``
  HTML raw inside JavaScript template literals (`` `…` ``) and DivIcon HTML inside JSON in a
  ``<script>``: entities for ``$``, backtick and backslash keep ``${…}`` and escapes inert there
  too, and ``<`` never reaches the script block (no ``</script>``).
- :func:`xml_text` — text content of an XML element (KML ``<name>``, and the already-escaped HTML
  of a KML ``<description>``), with the characters XML 1.0 cannot hold replaced.
- :func:`markdown_text` — Streamlit's ``st.markdown`` / messages / expander labels and the
  after-action summary (no image, link, HTML or ``$…$`` LaTeX renders).

Renderers that take text rather than markup need no helper: GeoJSON properties shown by the map's
``TextTooltip`` (``textContent``), matplotlib text drawn with ``text.parse_math`` off (the sheet),
GeoJSON/GeoPackage attributes (data). Every renderer added later uses these helpers and joins the
hostile-names tests (``tests/test_hostile_names.py``: ``RENDERERS``).
"""

from __future__ import annotations

import html
import re

_TEMPLATE_LITERAL = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})
#: Markdown's inline markup, Streamlit's ``$…$`` LaTeX and ``:red[…]`` directives, HTML, entities
#: (``(``, ``)`` and ``!`` only mean something after a ``[``, which is always escaped).
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~$&")
#: What makes a block at a line's start (heading, list, quote, rule, setext underline, table).
_MARKDOWN_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
#: ``:shortcode:`` emoji and ``:red[…]`` directives (a colon before a letter, ``_``, ``+``, ``-``;
#: not a clock's ``12:30``).
_MARKDOWN_COLON = re.compile(r":(?=[^\W\d]|[_+-])")
#: Characters XML 1.0 cannot hold at all (even as references): C0 controls but tab, LF and CR,
#: lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_text(text: object) -> str:
    """``text`` as inert HTML content or attribute value, also safe inside a JavaScript
    template literal or JSON string that is later set as HTML (folium's tooltips and popups)."""
    return html.escape(str(text), quote=True).translate(_TEMPLATE_LITERAL)


def xml_text(text: object) -> str:
    """``text`` as XML character data or attribute value (``&``, ``<``, ``>``, quotes as
    entities; characters XML 1.0 forbids as U+FFFD). No CDATA section can start in it."""
    return html.escape(_NOT_XML.sub("\ufffd", str(text)), quote=True)


def markdown_text(text: object) -> str:
    """``text`` with Markdown's (and Streamlit's ``$…$`` LaTeX's) special characters
    backslash-escaped, so it shows literally in ``st.markdown``, messages and labels; line
    breaks become spaces (a name is one line: no heading, list or table row can start)."""
    one_line = " ".join(str(text).splitlines())
    inline = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in one_line)
    inline = _MARKDOWN_COLON.sub(r"\:", inline)
    return _MARKDOWN_BLOCK_START.sub(_escape_block_start, inline, count=1)


def _escape_block_start(match: re.Match) -> str:
    space, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1." or "1)": an ordered list; escape the punctuation after it
        return space + marker + "\\"
    return space + "\\" + marker
