"""The materials layer (plan de barriérage): barrier lines across closed and emergency accesses,
anti-ram protection at vehicle accesses, each filtering point's queue area, and the detours a
closed access sends people on. The captions are set as text (:class:`TextTooltip`); the anti-ram
markers' texts are escaped where they meet folium's HTML."""

from __future__ import annotations

import folium
import shapely
from shapely.ops import substring

from layers.geometry import on_map
from layers.labels import label
from layers.style import leaflet
from layers.tooltips import TextTooltip
from planner.access_roles import AccessRole
from planner.markup import html_text
from planner.plan import Plan
from planner.style import BARRIER, DETOUR, QUEUE_AREAS, queue_key

#: The specification's styles as ``folium.GeoJson`` style options.
BARRIER_STYLE = leaflet(BARRIER, camel=True)
QUEUE_STYLES = {key: leaflet(style, camel=True) for key, style in QUEUE_AREAS.items()}
DETOUR_STYLE = leaflet(DETOUR, camel=True)
_STYLES = QUEUE_STYLES | {"barrier": BARRIER_STYLE, "detour": DETOUR_STYLE}


def materials_overlay(group: folium.FeatureGroup, plan: Plan | None, crs: str, lang: str) -> None:
    """Add the access plan's material to the map's dynamic group: the barriers, queue areas and
    detours as one GeoJSON layer (styled by kind, captions shown as text), then the anti-ram
    markers."""
    if plan is None or plan.roles is None or plan.zones.perimeter is None:
        return
    outline = plan.zones.perimeter.boundary
    by_id = {c.id: c for c in plan.checkpoints}
    shapes, styles, captions = [], [], []
    for a in plan.roles.accesses:
        c = by_id[a.id]
        if a.role != "filtering" and a.barrier_units:
            shapes.append(_across(outline, c.x, c.y, a.frontage_m))
            styles.append("barrier")
            captions.append(_caption(a, c.street, lang))
        if a.queue_area is not None:
            shapes.append(a.queue_area)
            styles.append(queue_key(a.queue_fits))
            spill = "" if a.queue_fits else f" · {label('queue_spills', lang)}"
            size = f"{a.queue_m2:.0f} m²" if a.queue_m2 < float("inf") else "∞"
            captions.append(f"{a.id} · {label('queue_area', lang)} {size}{spill}")
    for route in plan.roles.detours:
        shapes.append(route.line)
        styles.append("detour")
        captions.append(
            f"{label('route_detour', lang)} : {route.origin} → {route.destination}"
            f" · {route.length_m:.0f} m"
        )
    if not shapes:
        return
    projected = on_map(shapes, crs)
    features = [
        {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(shape),
            "properties": {"caption": caption, "style": style},
        }
        for shape, style, caption in zip(projected, styles, captions, strict=True)
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda feature: _STYLES[feature["properties"]["style"]],
    ).add_child(TextTooltip("caption")).add_to(group)
    _anti_ram_markers(group, plan, lang)


def _anti_ram_markers(group: folium.FeatureGroup, plan: Plan, lang: str) -> None:
    by_id = {c.id: c for c in plan.checkpoints}
    for a in plan.roles.accesses:
        if not a.anti_ram:
            continue
        c = by_id[a.id]
        text = html_text(f"{a.id} · {label('anti_ram_' + a.anti_ram_means, lang)}")
        glyph = "⛟" if a.anti_ram_means == "vehicle" else "▦"
        html = (
            f'<div class="vigie-anti-ram" data-id="{html_text(a.id)}" title="{text}" '
            'style="font:bold 12px sans-serif;color:#212f3d;text-shadow:0 0 2px #fff">'
            f"{glyph}</div>"
        )
        folium.Marker(
            [c.lat, c.lon],
            icon=folium.DivIcon(html=html, icon_size=(14, 14), icon_anchor=(-8, 14)),
            interactive=False,
        ).add_to(group)


def _across(outline, x: float, y: float, width: float):
    """The stretch of the perimeter's outline closed by barriers at an access (its frontage)."""
    point = shapely.Point(x, y)
    parts = list(getattr(outline, "geoms", [outline]))
    ring = min(parts, key=point.distance)
    at = ring.project(point)
    half = max(width, 1.0) / 2
    return substring(ring, max(at - half, 0.0), min(at + half, ring.length))


def _caption(a: AccessRole, street: str | None, lang: str) -> str:
    parts = [a.id, street or label("unnamed", lang), label("access_" + a.role, lang)]
    parts.append(f"{a.barrier_units} {label('barrier_units', lang)}")
    if a.anti_ram_means:
        parts.append(label("anti_ram_" + a.anti_ram_means, lang))
    return " · ".join(parts)
