"""Route layers: emergency access (with time labels), evacuation, approach, isochrones."""

from __future__ import annotations

import folium
import shapely
from shapely.geometry import mapping

from layers.geometry import on_map, one_on_map
from layers.labels import label
from layers.style import leaflet
from layers.tooltips import TextTooltip
from planner.access import Route
from planner.markup import html_text
from planner.style import ISOCHRONES, ROUTES, UNKNOWN, route_key

ROUTE_STYLES = {key: leaflet(style) for key, style in ROUTES.items()}
_GEOJSON_STYLES = {key: leaflet(style, camel=True) for key, style in ROUTES.items()}
ISOCHRONE_COLOURS = {minutes: style.stroke for minutes, style in ISOCHRONES.items()}


def add_routes(group: folium.FeatureGroup, routes: list[Route], crs: str, lang: str) -> None:
    """Draw routes in ``group`` as one GeoJSON layer (styled by kind, captions shown as text);
    emergency and evacuation ones get a time label. The lines are reprojected to WGS84 as one
    frame (one transformation, not one per route)."""
    if not routes:
        return
    lines = on_map([r.line for r in routes], crs)
    features = []
    for route, line in zip(routes, lines, strict=True):
        style_key = route_key(route.kind, route.properties.get("station_kind"))
        minutes = route.duration_s / 60
        caption = (
            f"{label('route_' + route.kind, lang)} : {route.origin} → {route.destination}"
            f" · {route.length_m:.0f} m · {minutes:.1f} min"
        )
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(line),
                "properties": {"caption": caption, "style": style_key},
            }
        )
        coordinates = shapely.get_coordinates(line)
        if route.kind in ("emergency", "evacuation") and len(coordinates):
            x, y = coordinates[-1]
            html = (
                f'<div class="vigie-route-time" style="font:bold 10px sans-serif;'
                f"background:#fff;border:1px solid {ROUTE_STYLES[style_key]['color']};"
                f'border-radius:3px;padding:0 3px;white-space:nowrap">{minutes:.1f} min</div>'
            )
            folium.Marker(
                [float(y), float(x)], icon=folium.DivIcon(html=html, icon_anchor=(-6, 8))
            ).add_to(group)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda feature: _GEOJSON_STYLES[feature["properties"]["style"]],
    ).add_child(TextTooltip("caption")).add_to(group)


def add_isochrones(group: folium.FeatureGroup, isochrones: dict, crs: str, lang: str) -> None:
    """The 15-, 10- then 5-minute areas (largest first, so the smallest stays on top)."""
    for minutes in sorted(isochrones, reverse=True):
        area = isochrones[minutes]
        if area.is_empty:
            continue
        shape = one_on_map(area, crs)
        style = leaflet(ISOCHRONES.get(minutes, UNKNOWN), camel=True)
        folium.GeoJson(
            mapping(shape),
            interactive=False,
            style_function=lambda _, s=style: s,
            tooltip=html_text(label("isochrone", lang).format(minutes=minutes)),
        ).add_to(group)
