"""Plan overlays: the perimeter and its checkpoints, as a folium FeatureGroup.

The group is handed to streamlit-folium's ``feature_group_to_add``: it is redrawn on every change
without reloading the base map, so the user's drawing and the map's view stay where they were.
"""

from __future__ import annotations

import folium
import geopandas as gpd

from layers.labels import label
from planner.checkpoints import Checkpoint, CheckpointPlan
from planner.crs import WGS84

PERIMETER_STYLE = {"color": "#d7263d", "weight": 3, "dashArray": "8 6", "fillOpacity": 0.0}
CHECKPOINT_COLOURS = {"vehicle": "#d7263d", "pedestrian": "#1f6fb2"}


def plan_overlay(plan: CheckpointPlan | None, crs: str, lang: str) -> folium.FeatureGroup:
    """Perimeter outline and numbered checkpoint markers (empty group when no plan)."""
    group = folium.FeatureGroup(name=label("checkpoints", lang))
    if plan is None:
        return group
    outline = gpd.GeoSeries([plan.perimeter], crs=crs).to_crs(WGS84)
    folium.GeoJson(
        outline.__geo_interface__,
        style_function=lambda _: PERIMETER_STYLE,
        interactive=False,
        name=label("perimeter", lang),
    ).add_to(group)
    for checkpoint in plan.checkpoints:
        _checkpoint_marker(checkpoint, lang).add_to(group)
    return group


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


def _checkpoint_marker(checkpoint: Checkpoint, lang: str) -> folium.Marker:
    colour = CHECKPOINT_COLOURS[checkpoint.kind]
    size = 24 if checkpoint.kind == "vehicle" else 20
    html = (
        f'<div class="vigie-checkpoint" data-kind="{checkpoint.kind}" style="'
        f"width:{size}px;height:{size}px;line-height:{size - 4}px;border-radius:50%;"
        f"background:{colour};color:#fff;border:2px solid #fff;text-align:center;"
        f'font:bold 10px sans-serif;box-shadow:0 0 3px rgba(0,0,0,.6)">'
        f"{checkpoint.id}</div>"
    )
    return folium.Marker(
        [checkpoint.lat, checkpoint.lon],
        icon=folium.DivIcon(html=html, icon_size=(size, size), icon_anchor=(size // 2, size // 2)),
        tooltip=checkpoint_caption(checkpoint, lang),
    )
