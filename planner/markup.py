"""Text is data until the edge: one escape helper per kind of markup a name can meet.

Any name a user types (zones, sectors, points, routes, injects, titles) or an OSM file carries
(streets, stations) is plain text everywhere in the core. It is escaped exactly where it meets
markup, through the helper for that markup, and nowhere else (so it is never escaped twice):

- :func:`html_text` — HTML built by folium (tooltips, popups, DivIcons), the standalone HTML, the
  after-action summary. Folium places tooltip and popup HTML inside JavaScript template literals
  and DivIcon HTML inside JSON strings in a ``<script>``: entities for ``$``, backtick and
  backslash keep ``${…}`` and escapes inert there too, and ``<`` never reaches the script block.
- :func:`markdown_text` — Streamlit's ``st.markdown`` / messages (no image, link or HTML renders).

Every renderer added later uses these helpers and joins the hostile-names tests.
"""

from __future__ import annotations

import html

_TEMPLATE_LITERAL = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#!|~$+-.:=")


def html_text(text: object) -> str:
    """``text`` as inert HTML content or attribute value, also safe inside a JavaScript
    template literal or JSON string that is later set as HTML (folium's tooltips and popups)."""
    return html.escape(str(text), quote=True).translate(_TEMPLATE_LITERAL)


def markdown_text(text: object) -> str:
    """``text`` with Markdown's (and Streamlit's ``$…$`` LaTeX's) special characters
    backslash-escaped, so it shows literally in ``st.markdown`` and messages."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in str(text))
