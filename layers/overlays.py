"""Plan overlays: the perimeter's checkpoints, as a folium FeatureGroup.

The group is handed to streamlit-folium's ``feature_group_to_add``: it is redrawn on every change
without reloading the base map, so the user's drawing and the map's view stay where they were.
The checkpoints are one GeoJSON layer (:class:`CheckpointLayer`), not a marker, an icon and a
tooltip per access: one element to render per rerun. Their labels and tooltips are set as text
(``textContent``) in the browser, so OSM names are never parsed as HTML.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from layers.labels import label
from planner.access_roles import AccessRoles
from planner.checkpoints import Checkpoint, CheckpointPlan
from planner.style import CHECKPOINTS, checkpoint_key, checkpoint_size

#: Marker colours by kind (before the access plan) and by access role (filtering, closed,
#: emergency): the style specification's, which the exports share.
CHECKPOINT_COLOURS = {key: style.colour for key, style in CHECKPOINTS.items()}


def plan_overlay(
    plan: CheckpointPlan | None, lang: str, roles: AccessRoles | None = None
) -> folium.FeatureGroup:
    """Numbered access markers, coloured by role when ``roles`` is given (an empty group when
    there is no plan). Clicking one selects it (the app reads st_folium's last click)."""
    group = folium.FeatureGroup(name=label("checkpoints", lang))
    if plan is None or not plan.checkpoints:
        return group
    role_of = {a.id: a.role for a in roles.accesses} if roles else {}
    features = [_feature(c, lang, role_of.get(c.id)) for c in plan.checkpoints]
    CheckpointLayer(features).add_to(group)
    return group


class CheckpointLayer(MacroElement):
    """The checkpoints as one Leaflet GeoJSON layer of round numbered ``vigie-checkpoint`` div
    icons (``data-kind``, ``data-role``, ``data-id``) with a sticky tooltip; every text from the
    features' properties is set with ``textContent``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {"
        " pointToLayer: function (feature, latlng) {"
        "  const p = feature.properties;"
        "  const div = document.createElement('div');"
        "  div.className = 'vigie-checkpoint';"
        "  div.dataset.kind = p.kind; div.dataset.role = p.role; div.dataset.id = p.id;"
        "  div.setAttribute('style', p.style);"
        "  div.textContent = p.id;"
        "  const tip = document.createElement('div');"
        "  tip.textContent = p.tooltip;"
        "  const half = Math.floor(p.size / 2);"
        "  return L.marker(latlng, {icon: L.divIcon({html: div, className: 'empty',"
        "   iconSize: [p.size, p.size], iconAnchor: [half, half]})})"
        "   .bindTooltip(tip, {sticky: true});"
        " }"
        "}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, features: list[dict]) -> None:
        super().__init__()
        self._name = "CheckpointLayer"
        self.data = {"type": "FeatureCollection", "features": features}

    @property
    def features(self) -> list[dict]:
        """The layer's GeoJSON features (WGS84), one per checkpoint."""
        return self.data["features"]


def checkpoint_caption(checkpoint: Checkpoint, lang: str) -> str:
    """``P3 · Avenue d'Ostende · secondary · vehicles`` (tooltip and sheet text)."""
    parts = [
        checkpoint.id,
        checkpoint.street or label("unnamed", lang),
        checkpoint.highway,
        label(checkpoint.kind, lang),
    ]
    if checkpoint.tunnel:
        parts.append(label("tunnel", lang))
    if checkpoint.bridge:
        parts.append(label("bridge", lang))
    return " · ".join(parts)


def _feature(checkpoint: Checkpoint, lang: str, role: str | None) -> dict:
    """A checkpoint as a GeoJSON point: its id, kind, role, caption and icon style (plain text:
    the browser sets it as text)."""
    style = CHECKPOINTS[checkpoint_key(checkpoint.kind, role)]
    colour, size = style.colour, int(checkpoint_size(checkpoint.kind))
    tooltip = checkpoint_caption(checkpoint, lang)
    if role:
        tooltip += " · " + label("access_" + role, lang)
    css = (
        f"width:{size}px;height:{size}px;line-height:{size - 4}px;border-radius:50%;"
        f"background:{colour};color:#fff;border:{style.width:g}px solid {style.stroke};"
        "text-align:center;font:bold 10px sans-serif;box-shadow:0 0 3px rgba(0,0,0,.6)"
    )
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [checkpoint.lon, checkpoint.lat]},
        "properties": {
            "id": checkpoint.id,
            "kind": checkpoint.kind,
            "role": role or "",
            "tooltip": tooltip,
            "size": size,
            "style": css,
        },
    }
