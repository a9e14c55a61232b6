"""The scenario's zones as Leaflet.draw's editable layer, and its designated points.

Each zone becomes one Leaflet polygon inside the FeatureGroup that the Draw control edits, with
the zone's properties attached as ``layer.feature`` so that Leaflet's ``toGeoJSON`` sends them
back: an edited or deleted zone is recognised by its id. (streamlit-folium cannot reload drawings
as editable shapes by itself; a GeoJSON layer inside the group would not be editable.)
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from layers.labels import label
from layers.style import leaflet
from planner.markup import html_text
from planner.style import PLAN_POINTS, POIS, ZONES, zone_style

ZONE_STYLES: dict[str, dict[str, Any]] = {role: leaflet(s) for role, s in ZONES.items()}
POINT_COLOURS = {role: POIS[role].fill for role in PLAN_POINTS}


def zone_caption(properties: dict[str, Any], lang: str) -> str:
    """``Secteur A`` / ``Zone interdite — Parvis du Casino``."""
    role = label("role_" + properties["role"], lang)
    name = properties.get("name")
    if properties["role"] == "sector" and name and len(name) <= 2:
        return f"{role} {name}"
    return f"{role} — {name}" if name else role


def editable_zones(zones: list[dict[str, Any]], lang: str) -> folium.FeatureGroup:
    """The Draw control's layer, holding the zones (GeoJSON features with properties)."""
    group = folium.FeatureGroup(name=label("zones", lang))
    sectors = 0
    for zone in zones:
        properties = zone["properties"]
        style = ZONE_STYLES[properties["role"]]
        if properties["role"] == "sector":
            style = leaflet(zone_style("sector", sectors))
            sectors += 1
        polygon = folium.Polygon(
            _latlngs(zone["geometry"]),
            fill=True,
            tooltip=html_text(zone_caption(properties, lang)),
            **style,
        )
        polygon.add_child(FeatureProperties(properties))
        polygon.add_to(group)
    return group


def points_layer(points: list[dict[str, Any]], lang: str) -> folium.FeatureGroup:
    """Command post, first-aid posts and assembly points."""
    group = folium.FeatureGroup(name=label("points", lang))
    for point in points:
        lon, lat = point["geometry"]["coordinates"]
        properties = point["properties"]
        caption = label("point_" + properties["role"], lang)
        if properties.get("name"):
            caption += f" — {properties['name']}"
        style = POIS[properties["role"]]
        folium.CircleMarker(
            [lat, lon],
            radius=style.size / 2,
            color=style.stroke,
            weight=style.width,
            fill=True,
            fill_opacity=1,
            fill_color=style.fill,
            tooltip=html_text(caption),
        ).add_to(group)
    return group


def _latlngs(geometry: dict[str, Any]) -> list:
    def ring(coords: list) -> list:
        return [[lat, lon] for lon, lat in coords]

    if geometry["type"] == "Polygon":
        return [ring(r) for r in geometry["coordinates"]]
    return [[ring(r) for r in polygon] for polygon in geometry["coordinates"]]


class FeatureProperties(MacroElement):
    """Attach GeoJSON properties to the parent Leaflet layer (kept by ``toGeoJSON``)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.feature = "
        "{type: 'Feature', properties: {{ this.properties|tojson }}};"
        "{% endmacro %}"
    )

    def __init__(self, properties: dict[str, Any]) -> None:
        super().__init__()
        self._name = "FeatureProperties"
        self.properties = properties
