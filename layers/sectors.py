"""Sector badges on the map: name and capacity in the sector's colour, shortfalls ringed in red.

Drawn in the plan's dynamic group (not the editable layer), at a point inside the sector; small
enough not to hide narrow sectors, with the planned public and the shortfall in the tooltip.
"""

from __future__ import annotations

import folium

from layers.labels import label, thousands
from planner.crs import WGS84, reproject
from planner.markup import html_text
from planner.plan import Plan
from planner.style import SHORTFALL_COLOUR, sector_colour


def sector_overlay(group: folium.FeatureGroup, plan: Plan | None, crs: str, lang: str) -> None:
    """Add a label per sector (with its staffing when computed) to ``group``."""
    if plan is None or not plan.zones.sectors:
        return
    names = list(plan.zones.sectors)
    inside = reproject([plan.zones.sectors[n].representative_point() for n in names], crs, WGS84)
    sheets = {s.name: s for s in plan.staffing.sectors} if plan.staffing else {}
    shortfall = plan.pooling.shortfall if plan.pooling else {}
    for i, (name, point) in enumerate(zip(names, inside, strict=True)):
        sheet = sheets.get(name)
        missing = sum(shortfall.get(name, {}).values())
        badge = name
        details = [f"{label('role_sector', lang)} {name}"]
        if sheet is not None:
            badge += f" · {thousands(sheet.capacity)}"
            details.append(f"{label('capacity', lang)} {thousands(sheet.capacity)}")
            details.append(f"{label('planned_public', lang)} {thousands(sheet.public)}")
        if missing:
            badge += " ⚠"
            details.append(f"{label('shortfall', lang)} {missing}")
        colour = sector_colour(i)
        border = SHORTFALL_COLOUR if missing else colour
        body = (
            f'<div class="vigie-sector" data-sector="{html_text(name)}" '
            f'data-shortfall="{missing}" title="{html_text(" · ".join(details))}" '
            'style="display:inline-block;'
            f"background:{colour};color:#fff;border:2px solid {border};border-radius:10px;"
            f"padding:0 6px;font:bold 11px/16px sans-serif;white-space:nowrap;"
            'transform:translate(-50%,-50%);box-shadow:0 0 3px rgba(0,0,0,.5)">'
            f"{html_text(badge)}</div>"
        )
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=body, icon_size=(0, 0), icon_anchor=(0, 0)),
            tooltip=html_text(" · ".join(details)),
        ).add_to(group)
