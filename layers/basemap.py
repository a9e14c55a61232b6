"""The base map of an area, readable without any tile server.

Streets (by class) and buildings are drawn from the area's OSM vectors, with emergency services
and transit stops on top; online OSM tiles are an option. The GeoJSON of the vectors is built once
per area (:func:`base_geojson`) and reused for every map; a map gets the Leaflet.draw toolbar
(French or English), the OSM attribution, and locally served assets.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement
from folium.plugins import Draw
from jinja2 import Template
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from layers import literal_templates
from layers.assets import LeafletImagePath, localize_assets
from layers.labels import label
from layers.style import leaflet
from layers.tooltips import TextTooltip
from layers.zones import editable_zones, points_layer
from planner.area import Area
from planner.crs import WGS84
from planner.osm_io import POI_CATEGORIES
from planner.style import (
    BACKGROUND,
    BUILDING,
    LANDCOVER,
    OPEN_SPACE,
    POIS,
    STREETS,
    UNKNOWN,
    ZONES,
    street_class,
)

# every folium map (the app, the standalone export) renders without recompiling its text
literal_templates.install()

ATTRIBUTION = "© OpenStreetMap contributors, ODbL"

#: Street classes drawn on the base map, bottom to top: (key, Leaflet style).
STREET_STYLES: dict[str, dict[str, Any]] = {k: leaflet(s, camel=True) for k, s in STREETS.items()}
BUILDING_STYLE = leaflet(BUILDING, camel=True)
#: Water, sea, parks and grass, then open spaces: drawn under the buildings, as on the sheet.
LANDCOVER_STYLES: dict[str, dict[str, Any]] = {
    k: leaflet(s, camel=True) for k, s in {**LANDCOVER, "open_space": OPEN_SPACE}.items()
}
#: Marker colour of each point-of-interest category (transit and cameras smaller).
POI_COLOURS: dict[str, str] = {category: s.fill for category, s in POIS.items()}
SIMPLIFY_M = 0.5


def base_geojson(area: Area, within: BaseGeometry | None = None) -> dict[str, dict[str, Any]]:
    """GeoJSON FeatureCollections (WGS84) of the area's street classes and buildings (only
    those meeting ``within``, projected, when given: a standalone export keeps its size)."""
    streets = area.streets if within is None else _meeting(area.streets, within)
    streets = streets.copy()
    streets["style"] = [
        street_class(h, k, t)
        for h, k, t in zip(streets["highway"], streets["kind"], streets["tunnel"], strict=True)
    ]
    streets["name"] = streets["name"].where(streets["name"].notna(), "")
    merged = streets.dissolve(by=["style", "name"], as_index=False)[["style", "name", "geometry"]]
    merged["geometry"] = shapely.line_merge(merged.geometry.values)
    layers = {key: _collection(merged[merged["style"] == key], ["name"]) for key in STREET_STYLES}
    buildings = area.buildings if within is None else _meeting(area.buildings, within)
    layers["buildings"] = _collection(buildings[["geometry"]].copy(), [])
    for key, frame in _landcover(area):
        frame = frame if within is None else _meeting(frame, within)
        if len(frame):
            layers[key] = _collection(frame[["geometry"]].copy(), [])
    pois = _drawn_pois(area)
    pois = pois if within is None else _meeting(pois, within)
    named = pois[["category", "geometry"]].copy()
    named["name"] = pois["name"].where(pois["name"].notna(), "")
    layers["pois"] = _collection(named, ["category", "name"])
    return layers


def _landcover(area: Area) -> list[tuple[str, gpd.GeoDataFrame]]:
    """(style key, polygons) of the area's landcover by kind, then its open spaces."""
    cover = area.landcover  # None in an Area built before landcover existed
    kinds = [(k, cover[cover["kind"] == k]) for k in LANDCOVER] if cover is not None else []
    return [*kinds, ("open_space", area.open_spaces)]


def _meeting(frame: gpd.GeoDataFrame, within: BaseGeometry) -> gpd.GeoDataFrame:
    return frame.iloc[frame.sindex.query(within, predicate="intersects")]


def _collection(frame: gpd.GeoDataFrame, properties: list[str]) -> dict[str, Any]:
    frame = frame.copy()
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_M)
    frame = frame.to_crs(WGS84)
    frame["geometry"] = shapely.set_precision(
        frame.geometry.values, 1e-6, mode="pointwise"
    )  # ~0.1 m
    return frame[[*properties, "geometry"]].__geo_interface__


#: Where the app's static serving publishes the base maps (``/app/static/generated/``); public
#: OSM vectors only, never anything of a plan: static files are served without sign-in.
GENERATED_DIR = Path(__file__).resolve().parents[1] / "static" / "generated"
#: The same directory as the map's component iframe reaches it (relative to the iframe's URL).
GENERATED_URL = "../../app/static/generated/"


def publish_base(base: dict[str, dict[str, Any]], directory: Path = GENERATED_DIR) -> str:
    """Write the base map's vectors (public OSM data) once under a content-hashed name for
    Streamlit's static serving; the URL the map's iframe loads them from (browsers cache it)."""
    text = json.dumps(base, separators=(",", ":"), ensure_ascii=False)
    name = f"base-{hashlib.sha256(text.encode()).hexdigest()[:20]}.json"
    target = directory / name
    if not target.exists():
        directory.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)  # atomic: a browser never reads half a file
    return GENERATED_URL + name


class StaticVectors(MacroElement):
    """The base map's landcover, buildings, streets and points of interest fetched from a static
    file, drawn in panes under the overlays; street names and the points' captions (category in
    the map's language, OSM name) as tooltips, set as text (never parsed as HTML)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(map) {"
        " var pane = map.createPane('vigieBase'); pane.style.zIndex = 350;"
        " var renderer = L.canvas({pane: 'vigieBase'});"
        " var styles = {{ this.styles|tojson }}; var named = {{ this.named|tojson }};"
        " fetch({{ this.url|tojson }}).then(function(r) { return r.json(); })"
        " .then(function(base) {"
        "  styles.forEach(function(pair) {"  # [key, style], bottom to top (tojson sorts objects)
        "   var key = pair[0], style = pair[1];"
        "   if (!base[key] || !base[key].features.length) { return; }"
        "   var layer = L.geoJSON(base[key], {pane: 'vigieBase', renderer: renderer,"
        "    interactive: named.indexOf(key) >= 0,"
        "    style: function() { return style; }}).addTo(map);"
        "   if (named.indexOf(key) >= 0) {"
        "    layer.eachLayer(function(l) {"
        "     var name = l.feature.properties.name;"
        "     if (name) { l.bindTooltip(function() {"
        "      var span = document.createElement('span'); span.textContent = name; return span;"
        "     }); }"
        "    });"
        "   }"
        "  });"
        "  var poiPane = map.createPane('vigiePois'); poiPane.style.zIndex = 390;"
        "  var poiStyles = {{ this.poi_styles|tojson }}, poiLabels = {{ this.poi_labels|tojson }};"
        "  L.geoJSON(base.pois || {type: 'FeatureCollection', features: []}, {pane: 'vigiePois',"
        "   pointToLayer: function(feature, latlng) {"
        "    var p = feature.properties;"
        "    var marker = L.circleMarker(latlng, Object.assign({pane: 'vigiePois'},"
        "     poiStyles[p.category] || poiStyles['']));"
        "    var caption = (poiLabels[p.category] || p.category) + (p.name ? ' — ' + p.name : '');"
        "    marker.bindTooltip(function() {"
        "     var span = document.createElement('span'); span.textContent = caption; return span;"
        "    });"
        "    return marker;"
        "   }}).addTo(map);"
        " });"
        "})({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, url: str, lang: str) -> None:
        super().__init__()
        self._name = "StaticVectors"
        self.url = url
        self.poi_styles = {c: _poi_style_of(c) for c in [*POI_COLOURS, ""]}
        self.poi_labels = {c: label(c, lang) for c in POI_CATEGORIES}
        # drawn bottom to top as the sheet: water and parks, buildings, streets (named)
        drawn = {**LANDCOVER_STYLES, "buildings": BUILDING_STYLE, **STREET_STYLES}
        self.styles = [[key, style] for key, style in drawn.items()]
        self.named = list(STREET_STYLES)


def make_map(
    area: Area,
    base: dict[str, dict[str, Any]] | str,
    lang: str,
    online_tiles: bool = False,
    draw: bool = True,
    zones: list[dict[str, Any]] | None = None,
    points: list[dict[str, Any]] | None = None,
    focus: list[tuple[float, float]] | None = None,
) -> folium.Map:
    """A folium map of the area: vector base, optional tiles, POIs, the plan's points, and the
    draw toolbar editing the plan's zones (GeoJSON features with role/id/name properties). The
    map opens on the zones and the ``focus`` positions (lon, lat: an exercise's hazards).

    ``base``: the vectors inline (a standalone file), or the URL :func:`publish_base` gave (the
    app: the browser fetches them once and caches them, reruns do not resend them)."""
    lat, lon = area.center_wgs84()
    fmap = folium.Map(
        location=[lat, lon],
        zoom_start=16,
        tiles=None,
        prefer_canvas=True,
        max_zoom=20,
    )
    fmap.add_child(MetricScale())
    fmap.get_root().header.add_child(
        Element(f"<style>.leaflet-container {{ background: {BACKGROUND}; }}</style>")
    )
    if online_tiles:
        folium.TileLayer(
            "OpenStreetMap", name=label("tiles", lang), max_zoom=20, max_native_zoom=19
        ).add_to(fmap)
    if isinstance(base, str):
        fmap.add_child(StaticVectors(base, lang))
    else:
        _inline_base(fmap, base, lang)
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


def _inline_base(fmap: folium.Map, base: dict[str, dict[str, Any]], lang: str) -> None:
    """The base vectors inline (a standalone file): landcover, buildings, streets."""
    landcover = folium.FeatureGroup(name=label("landcover", lang))
    for key, style in LANDCOVER_STYLES.items():
        if base.get(key, {}).get("features"):
            folium.GeoJson(
                base[key], style_function=lambda _, s=style: s, interactive=False
            ).add_to(landcover)
    landcover.add_to(fmap)
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


#: The points of interest of each (area id, language) as GeoJSON in WGS84, reprojected once.
_POI_GEOJSON: dict[tuple[str, str], dict[str, Any]] = {}
_POI_LOCK = threading.Lock()


def _poi_layer(area: Area, lang: str) -> folium.FeatureGroup:
    """Emergency services and transit as one GeoJSON layer of circle markers."""
    group = folium.FeatureGroup(name=label("pois", lang))
    pois = _drawn_pois(area)
    if len(pois) == 0:
        return group
    folium.GeoJson(
        _poi_geojson(area, lang),
        marker=folium.CircleMarker(radius=6, weight=1.5, fill=True, fill_opacity=0.95),
        style_function=_poi_style,
    ).add_child(TextTooltip("label")).add_to(group)
    return group


def _drawn_pois(area: Area) -> gpd.GeoDataFrame:
    """The points of interest the map draws: the categories with a style."""
    return area.pois[area.pois["category"].isin(POI_COLOURS)]


def _poi_geojson(area: Area, lang: str) -> dict[str, Any]:
    key = (area.id, lang)
    with _POI_LOCK:
        cached = _POI_GEOJSON.get(key)
    if cached is not None:
        return cached
    pois = _drawn_pois(area).to_crs(WGS84)
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
    geojson = frame.__geo_interface__
    with _POI_LOCK:
        if len(_POI_GEOJSON) > 32:  # a few areas × languages
            _POI_GEOJSON.clear()
        _POI_GEOJSON[key] = geojson
    return geojson


def _poi_style(feature: dict[str, Any]) -> dict[str, Any]:
    return _poi_style_of(feature["properties"]["category"])


def _poi_style_of(category: str) -> dict[str, Any]:
    style = POIS.get(category, UNKNOWN)
    return {
        "radius": style.size / 2,
        "color": style.stroke,
        "weight": style.width,
        "fillColor": style.fill,
        "fillOpacity": 0.95,
    }


def _draw_control(lang: str, zone_group: folium.FeatureGroup) -> Draw:
    shape = {"color": ZONES["perimeter"].stroke, "weight": ZONES["perimeter"].width,
             "fillOpacity": 0.08}  # fmt: skip
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


class MetricScale(MacroElement):
    """A metric-only scale bar: French services read metres, and Leaflet's default adds feet."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.scale({imperial: false, metric: true}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"
