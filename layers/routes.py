"""Route layers: emergency access (with time labels), evacuation, approach, isochrones."""

from __future__ import annotations

import folium
import geopandas as gpd
import shapely

from layers.labels import label
from planner.access import Route
from planner.crs import WGS84
from planner.markup import html_text

ROUTE_STYLES = {
    "fire_station": {"color": "#c0392b", "weight": 5, "opacity": 0.85},
    "hospital": {"color": "#2e86c1", "weight": 5, "opacity": 0.85},
    "police": {"color": "#1b2631", "weight": 4, "opacity": 0.8},
    "evacuation": {"color": "#1e8449", "weight": 4, "opacity": 0.85, "dash_array": "6 4"},
    "approach": {"color": "#8e44ad", "weight": 2, "opacity": 0.6},
}
ISOCHRONE_COLOURS = {5: "#1e8449", 10: "#f1c40f", 15: "#e67e22"}


def add_routes(group: folium.FeatureGroup, routes: list[Route], crs: str, lang: str) -> None:
    """Draw routes in ``group``; emergency and evacuation ones get a time label."""
    for route in routes:
        style_key = route.properties.get("station_kind", route.kind)
        line = gpd.GeoSeries([route.line], crs=crs).to_crs(WGS84).iloc[0]
        latlngs = [[y, x] for x, y in shapely.get_coordinates(line)]
        minutes = route.duration_s / 60
        caption = (
            f"{label('route_' + route.kind, lang)} : {route.origin} → {route.destination}"
            f" · {route.length_m:.0f} m · {minutes:.1f} min"
        )
        folium.PolyLine(latlngs, tooltip=html_text(caption), **ROUTE_STYLES[style_key]).add_to(
            group
        )
        if route.kind in ("emergency", "evacuation") and latlngs:
            end = latlngs[-1]
            html = (
                f'<div class="vigie-route-time" style="font:bold 10px sans-serif;'
                f"background:#fff;border:1px solid {ROUTE_STYLES[style_key]['color']};"
                f'border-radius:3px;padding:0 3px;white-space:nowrap">{minutes:.1f} min</div>'
            )
            folium.Marker(end, icon=folium.DivIcon(html=html, icon_anchor=(-6, 8))).add_to(group)


def add_isochrones(group: folium.FeatureGroup, isochrones: dict, crs: str, lang: str) -> None:
    """The 15-, 10- then 5-minute areas (largest first, so the smallest stays on top)."""
    for minutes in sorted(isochrones, reverse=True):
        area = isochrones[minutes]
        if area.is_empty:
            continue
        shape = gpd.GeoSeries([area], crs=crs).to_crs(WGS84)
        colour = ISOCHRONE_COLOURS.get(minutes, "#999999")
        folium.GeoJson(
            shape.__geo_interface__,
            interactive=False,
            style_function=lambda _, c=colour: {
                "color": c,
                "weight": 1,
                "fillColor": c,
                "fillOpacity": 0.12,
            },
            tooltip=html_text(label("isochrone", lang).format(minutes=minutes)),
        ).add_to(group)
