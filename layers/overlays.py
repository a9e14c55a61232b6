"""Plan overlays: the perimeter's checkpoints, as a folium FeatureGroup.

The group is handed to streamlit-folium's ``feature_group_to_add``: it is redrawn on every change
without reloading the base map, so the user's drawing and the map's view stay where they were.
"""

from __future__ import annotations

import folium

from layers.labels import label
from planner.access_roles import AccessRoles
from planner.checkpoints import Checkpoint, CheckpointPlan
from planner.markup import html_text
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
    if plan is None:
        return group
    role_of = {a.id: a.role for a in roles.accesses} if roles else {}
    for checkpoint in plan.checkpoints:
        _checkpoint_marker(checkpoint, lang, role_of.get(checkpoint.id)).add_to(group)
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


def _checkpoint_marker(checkpoint: Checkpoint, lang: str, role: str | None) -> folium.Marker:
    style = CHECKPOINTS[checkpoint_key(checkpoint.kind, role)]
    colour, size = style.colour, int(checkpoint_size(checkpoint.kind))
    tooltip = checkpoint_caption(checkpoint, lang)
    if role:
        tooltip += " · " + label("access_" + role, lang)
    html = (
        f'<div class="vigie-checkpoint" data-kind="{checkpoint.kind}" '
        f'data-role="{html_text(role or "")}" data-id="{html_text(checkpoint.id)}" style="'
        f"width:{size}px;height:{size}px;line-height:{size - 4}px;border-radius:50%;"
        f"background:{colour};color:#fff;border:{style.width:g}px solid {style.stroke};"
        "text-align:center;"
        f'font:bold 10px sans-serif;box-shadow:0 0 3px rgba(0,0,0,.6)">'
        f"{html_text(checkpoint.id)}</div>"
    )
    return folium.Marker(
        [checkpoint.lat, checkpoint.lon],
        icon=folium.DivIcon(html=html, icon_size=(size, size), icon_anchor=(size // 2, size // 2)),
        tooltip=html_text(tooltip),
    )
