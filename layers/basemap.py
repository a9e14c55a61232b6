"""The base map of an area, readable without any tile server.

Streets (by class) and buildings are drawn from the area's OSM vectors, with emergency services
and transit stops on top; online OSM tiles are an option. The GeoJSON of the vectors is built once
per area (:func:`base_geojson`) and reused for every map; a map gets the Leaflet.draw toolbar
(French or English), the OSM attribution, and locally served assets.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement
from folium.plugins import Draw
from jinja2 import Template
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from layers.assets import LeafletImagePath, localize_assets
from layers.labels import label
from layers.tooltips import TextTooltip
from layers.zones import editable_zones, points_layer
from planner.area import Area
from planner.crs import WGS84
from planner.roads import VEHICLE_HIGHWAYS

ATTRIBUTION = "© OpenStreetMap contributors, ODbL"
BACKGROUND = "#f2efe9"
MAJOR = set(VEHICLE_HIGHWAYS[:10])  # motorway … tertiary_link

#: Street classes drawn on the base map, bottom to top: (key, style).
STREET_STYLES: dict[str, dict[str, Any]] = {
    "pedestrian": {"color": "#7d93ad", "weight": 1.4, "dashArray": "3 3", "opacity": 0.9},
    "minor": {"color": "#9c9c9c", "weight": 2.6, "opacity": 0.9},
    "major": {"color": "#e39b2d", "weight": 4.5, "opacity": 0.95},
    "tunnel": {"color": "#6f6f6f", "weight": 2.5, "dashArray": "6 4", "opacity": 0.55},
}
BUILDING_STYLE = {"color": "#b9aea4", "weight": 0.6, "fillColor": "#d9d0c9", "fillOpacity": 0.9}

#: Marker colour of each point-of-interest category (transit and cameras smaller).
POI_COLOURS: dict[str, str] = {
    "fire_station": "#c0392b",
    "hospital": "#2e86c1",
    "police": "#1b2631",
    "assembly_point": "#27ae60",
    "defibrillator": "#16a085",
    "transit": "#8e44ad",
    "camera": "#7f8c8d",
}
SIMPLIFY_M = 0.5


def base_geojson(area: Area, within: BaseGeometry | None = None) -> dict[str, dict[str, Any]]:
    """GeoJSON FeatureCollections (WGS84) of the area's street classes and buildings (only
    those meeting ``within``, projected, when given: a standalone export keeps its size)."""
    streets = area.streets if within is None else _meeting(area.streets, within)
    streets = streets.copy()
    streets["style"] = [
        _street_style(h, k, t)
        for h, k, t in zip(streets["highway"], streets["kind"], streets["tunnel"], strict=True)
    ]
    streets["name"] = streets["name"].where(streets["name"].notna(), "")
    merged = streets.dissolve(by=["style", "name"], as_index=False)[["style", "name", "geometry"]]
    merged["geometry"] = shapely.line_merge(merged.geometry.values)
    layers = {key: _collection(merged[merged["style"] == key], ["name"]) for key in STREET_STYLES}
    buildings = area.buildings if within is None else _meeting(area.buildings, within)
    layers["buildings"] = _collection(buildings[["geometry"]].copy(), [])
    return layers


def _meeting(frame: gpd.GeoDataFrame, within: BaseGeometry) -> gpd.GeoDataFrame:
    return frame.iloc[frame.sindex.query(within, predicate="intersects")]


def _street_style(highway: str, kind: str, tunnel: Any) -> str:
    if isinstance(tunnel, str) and tunnel not in ("no", ""):
        return "tunnel"
    if kind == "pedestrian":
        return "pedestrian"
    return "major" if highway in MAJOR else "minor"


def _collection(frame: gpd.GeoDataFrame, properties: list[str]) -> dict[str, Any]:
    frame = frame.copy()
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_M)
    frame = frame.to_crs(WGS84)
    frame["geometry"] = shapely.set_precision(
        frame.geometry.values, 1e-6, mode="pointwise"
    )  # ~0.1 m
    return frame[[*properties, "geometry"]].__geo_interface__


def make_map(
    area: Area,
    base: dict[str, dict[str, Any]],
    lang: str,
    online_tiles: bool = False,
    draw: bool = True,
    zones: list[dict[str, Any]] | None = None,
    points: list[dict[str, Any]] | None = None,
    focus: list[tuple[float, float]] | None = None,
) -> folium.Map:
    """A folium map of the area: vector base, optional tiles, POIs, the plan's points, and the
    draw toolbar editing the plan's zones (GeoJSON features with role/id/name properties). The
    map opens on the zones and the ``focus`` positions (lon, lat: an exercise's hazards)."""
    lat, lon = area.center_wgs84()
    fmap = folium.Map(
        location=[lat, lon],
        zoom_start=16,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,
        max_zoom=20,
    )
    fmap.get_root().header.add_child(
        Element(f"<style>.leaflet-container {{ background: {BACKGROUND}; }}</style>")
    )
    if online_tiles:
        folium.TileLayer(
            "OpenStreetMap", name=label("tiles", lang), max_zoom=20, max_native_zoom=19
        ).add_to(fmap)
    buildings = folium.FeatureGroup(name=label("buildings", lang))
    folium.GeoJson(
        base["buildings"], style_function=lambda _: BUILDING_STYLE, smooth_factor=1.0
    ).add_to(buildings)
    buildings.add_to(fmap)
    streets = folium.FeatureGroup(name=label("streets", lang))
    for key, style in STREET_STYLES.items():
        if base[key]["features"]:
            folium.GeoJson(base[key], style_function=lambda _, s=style: s).add_child(
                TextTooltip("name")
            ).add_to(streets)
    streets.add_to(fmap)
    _poi_layer(area, lang).add_to(fmap)
    points_layer(points or [], lang).add_to(fmap)
    zone_group = editable_zones(zones or [], lang)
    zone_group.add_to(fmap)
    shown = [shape(z["geometry"]) for z in zones or []]
    shown += [shapely.Point(lon, lat).buffer(0.0008) for lon, lat in focus or []]
    if shown:  # open on the plan rather than on the middle of the area
        west, south, east, north = shapely.total_bounds(shown)
        fmap.fit_bounds([[south, west], [north, east]], padding=(20, 20))
    if draw:
        _draw_control(lang, zone_group).add_to(fmap)
    fmap.add_child(Attribution())
    fmap.add_child(LeafletImagePath())
    return localize_assets(fmap)


def _poi_layer(area: Area, lang: str) -> folium.FeatureGroup:
    """Emergency services and transit as one GeoJSON layer of circle markers."""
    group = folium.FeatureGroup(name=label("pois", lang))
    pois = area.pois[area.pois["category"].isin(POI_COLOURS)].to_crs(WGS84)
    if len(pois) == 0:
        return group
    names = pois["name"].where(pois["name"].notna(), "")
    frame = gpd.GeoDataFrame(
        {
            "category": pois["category"].values,
            "label": [
                label(c, lang) + (f" — {n}" if n else "")
                for c, n in zip(pois["category"], names, strict=True)
            ],
        },
        geometry=pois.geometry.values,
        crs=WGS84,
    )
    folium.GeoJson(
        frame.__geo_interface__,
        marker=folium.CircleMarker(radius=6, weight=1.5, fill=True, fill_opacity=0.95),
        style_function=_poi_style,
    ).add_child(TextTooltip("label")).add_to(group)
    return group


def _poi_style(feature: dict[str, Any]) -> dict[str, Any]:
    category = feature["properties"]["category"]
    small = category in ("transit", "camera")
    return {
        "radius": 3 if small else 7,
        "color": "white",
        "weight": 1.5 if not small else 1,
        "fillColor": POI_COLOURS.get(category, "#555555"),
        "fillOpacity": 0.95,
    }


def _draw_control(lang: str, zone_group: folium.FeatureGroup) -> Draw:
    shape = {"color": "#d7263d", "weight": 3, "fillOpacity": 0.08}
    control = Draw(
        export=False,
        position="topleft",
        draw_options={
            "polyline": False,
            "circle": False,
            "circlemarker": False,
            "marker": False,
            "polygon": {"allowIntersection": False, "showArea": False, "shapeOptions": shape},
            "rectangle": {"shapeOptions": shape},
        },
        edit_options={"edit": True, "remove": True},
        feature_group=zone_group,
    )
    control.add_child(DrawLocale(lang))
    return control


class DrawLocale(MacroElement):
    """Leaflet.draw's buttons and hints in the user's language."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.L && L.drawLocal) {"
        " L.drawLocal.draw.toolbar.buttons.polygon = {{ this.t.draw_polygon|tojson }};"
        " L.drawLocal.draw.toolbar.buttons.rectangle = {{ this.t.draw_rectangle|tojson }};"
        " L.drawLocal.draw.toolbar.actions.text = {{ this.t.draw_cancel|tojson }};"
        " L.drawLocal.draw.toolbar.finish.text = {{ this.t.draw_finish|tojson }};"
        " L.drawLocal.draw.toolbar.undo.text = {{ this.t.draw_undo|tojson }};"
        " L.drawLocal.draw.handlers.polygon.tooltip.start = {{ this.t.draw_start|tojson }};"
        " L.drawLocal.draw.handlers.polygon.tooltip.cont = {{ this.t.draw_cont|tojson }};"
        " L.drawLocal.draw.handlers.polygon.tooltip.end = {{ this.t.draw_end|tojson }};"
        " L.drawLocal.edit.toolbar.actions.save.text = {{ this.t.edit_save|tojson }};"
        " L.drawLocal.edit.toolbar.actions.cancel.text = {{ this.t.draw_cancel|tojson }};"
        " L.drawLocal.edit.toolbar.actions.clearAll.text = {{ this.t.edit_clear_all|tojson }};"
        " L.drawLocal.edit.toolbar.buttons.edit = {{ this.t.edit_button|tojson }};"
        " L.drawLocal.edit.toolbar.buttons.remove = {{ this.t.remove_button|tojson }};"
        "}"
        "{% endmacro %}"
    )

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "DrawLocale"
        keys = [
            "draw_polygon",
            "draw_rectangle",
            "draw_cancel",
            "draw_finish",
            "draw_undo",
            "draw_start",
            "draw_cont",
            "draw_end",
            "edit_save",
            "edit_clear_all",
            "edit_button",
            "remove_button",
        ]
        self.t = {k: label(k, lang) for k in keys}


class Attribution(MacroElement):
    """The OpenStreetMap attribution, shown even when no tile layer is."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, text: str = ATTRIBUTION) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text
