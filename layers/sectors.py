"""Sector labels on the map: name, capacity and planned public, shortfalls in red.

Drawn in the plan's dynamic group (not the editable layer), in the same colour as the sector's
outline, at a point inside the sector.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd

from layers.labels import label
from layers.zones import sector_colour
from planner.crs import WGS84
from planner.plan import Plan

SHORTFALL_COLOUR = "#d7263d"


def sector_overlay(group: folium.FeatureGroup, plan: Plan | None, crs: str, lang: str) -> None:
    """Add a label per sector (with its staffing when computed) to ``group``."""
    if plan is None or not plan.zones.sectors:
        return
    names = list(plan.zones.sectors)
    inside = gpd.GeoSeries(
        [plan.zones.sectors[n].representative_point() for n in names], crs=crs
    ).to_crs(WGS84)
    sheets = {s.name: s for s in plan.staffing.sectors} if plan.staffing else {}
    shortfall = plan.pooling.shortfall if plan.pooling else {}
    for i, (name, point) in enumerate(zip(names, inside.values, strict=True)):
        sheet = sheets.get(name)
        missing = sum(shortfall.get(name, {}).values())
        lines = [f"<b>{label('role_sector', lang)} {html.escape(name)}</b>"]
        if sheet is not None:
            lines.append(f"{label('capacity', lang)} {sheet.capacity:,}".replace(",", " "))
            lines.append(f"{label('planned_public', lang)} {sheet.public:,}".replace(",", " "))
        if missing:
            lines.append(f"<b>{label('shortfall', lang)} {missing}</b>")
        border = SHORTFALL_COLOUR if missing else sector_colour(i)
        body = (
            f'<div class="vigie-sector" data-sector="{html.escape(name)}" '
            f'data-shortfall="{missing}" style="background:rgba(255,255,255,.92);'
            f"border:2px solid {border};border-left:8px solid {sector_colour(i)};"
            f"border-radius:4px;padding:2px 6px;font:11px sans-serif;white-space:nowrap;"
            f'box-shadow:0 0 3px rgba(0,0,0,.4)">{"<br>".join(lines)}</div>'
        )
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=body, icon_size=(150, 48), icon_anchor=(75, 24)),
        ).add_to(group)
