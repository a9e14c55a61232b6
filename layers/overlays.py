"""Plan overlays: the perimeter's checkpoints, as a folium FeatureGroup.

The group is handed to streamlit-folium's ``feature_group_to_add``: it is redrawn on every change
without reloading the base map, so the user's drawing and the map's view stay where they were.
"""

from __future__ import annotations

import folium

from layers.labels import label
from planner.checkpoints import Checkpoint, CheckpointPlan
from planner.markup import html_text

CHECKPOINT_COLOURS = {"vehicle": "#d7263d", "pedestrian": "#1f6fb2"}


def plan_overlay(plan: CheckpointPlan | None, lang: str) -> folium.FeatureGroup:
    """Numbered checkpoint markers (an empty group when there is no plan)."""
    group = folium.FeatureGroup(name=label("checkpoints", lang))
    if plan is None:
        return group
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
        f"{html_text(checkpoint.id)}</div>"
    )
    return folium.Marker(
        [checkpoint.lat, checkpoint.lon],
        icon=folium.DivIcon(html=html, icon_size=(size, size), icon_anchor=(size // 2, size // 2)),
        tooltip=html_text(checkpoint_caption(checkpoint, lang)),
    )
