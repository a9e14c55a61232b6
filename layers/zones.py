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
from planner.markup import html_text

ZONE_STYLES: dict[str, dict[str, Any]] = {
    "perimeter": {"color": "#d7263d", "weight": 3, "fill_opacity": 0.04, "dash_array": "8 6"},
    "sector": {"color": "#1f6fb2", "weight": 2, "fill_opacity": 0.10},
    "no_go": {"color": "#222222", "weight": 2, "fill_opacity": 0.35},
    "inner_zone": {"color": "#e67e22", "weight": 2, "fill_opacity": 0.20},
    "emergency_lane": {"color": "#27ae60", "weight": 2, "fill_opacity": 0.35},
}
#: Sector colours, by the sector's order in the plan (the map and the staffing labels agree).
SECTOR_COLOURS: tuple[str, ...] = (
    "#1f6fb2",
    "#8e44ad",
    "#16a085",
    "#d35400",
    "#2c3e50",
    "#c0392b",
    "#7f8c8d",
    "#b7950b",
)
POINT_COLOURS = {
    "command_post": "#6c3483",
    "first_aid_post": "#c0392b",
    "assembly_point": "#27ae60",
}


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
            style = style | {"color": sector_colour(sectors)}
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


def sector_colour(index: int) -> str:
    """The colour of the plan's ``index``-th sector."""
    return SECTOR_COLOURS[index % len(SECTOR_COLOURS)]


def points_layer(points: list[dict[str, Any]], lang: str) -> folium.FeatureGroup:
    """Command post, first-aid posts and assembly points."""
    group = folium.FeatureGroup(name=label("points", lang))
    for point in points:
        lon, lat = point["geometry"]["coordinates"]
        properties = point["properties"]
        caption = label("point_" + properties["role"], lang)
        if properties.get("name"):
            caption += f" — {properties['name']}"
        folium.CircleMarker(
            [lat, lon],
            radius=8,
            color="white",
            weight=2,
            fill=True,
            fill_opacity=1,
            fill_color=POINT_COLOURS[properties["role"]],
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
