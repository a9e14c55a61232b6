"""A GeoJSON layer's tooltip that shows one property as text (never parsed as HTML).

folium's ``GeoJsonTooltip`` writes the property into ``innerHTML``: a street named
``<img src=x onerror=…>`` in an OSM file would run. This tooltip sets ``textContent`` instead, so
OSM and user names stay plain text without any escaping of the data (see :mod:`planner.markup`).
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class TextTooltip(MacroElement):
    """Bind to the parent GeoJSON layer a sticky tooltip showing ``properties[field]`` as text."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindTooltip(function (layer) {"
        " const div = L.DomUtil.create('div');"
        " const value = layer.feature.properties[{{ this.field|tojson }}];"
        " div.textContent = value == null ? '' : String(value);"
        " return div;"
        "}, {sticky: true, className: 'vigie-text-tooltip'});"
        "{% endmacro %}"
    )

    def __init__(self, field: str) -> None:
        super().__init__()
        self._name = "TextTooltip"
        self.field = field
