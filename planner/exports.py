"""Exports of a plan for partner services: GeoPackage for QGIS, GeoJSON and KML.

All three are written from the same :class:`~planner.export_layers.PlanLayers`. The GeoPackage
keeps the area's projected CRS (Lambert-93, EPSG:2154, for French areas) with one layer per kind,
the staffing and inject tables as attribute tables, and the scenario's title and version in the
dataset and layer metadata. GeoJSON and KML are in WGS84, as their readers expect; every
feature says its layer, and the document carries the scenario's version.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import shapely
import simplekml

from planner.crs import WGS84
from planner.export_layers import ExportMeta, PlanLayers
from planner.markup import html_text, xml_text
from planner.qgis_project import project_document, store_project, write_styles
from planner.qgis_style import Text
from planner.style import (
    ROLE_ATTRIBUTE,
    Style,
    checkpoint_key,
    feature_style,
    queue_key,
    route_key,
)

FORMATS = ("pdf", "png", "gpkg", "geojson", "kml", "html")
GPKG_VERSION = "1.2"

#: Google Earth's standard icons of the specification's point shapes (tinted by the KML style).
KML_ICONS = {
    "circle": "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png",
    "square": "http://maps.google.com/mapfiles/kml/shapes/placemark_square.png",
    "diamond": "http://maps.google.com/mapfiles/kml/shapes/open-diamond.png",
    "cross": "http://maps.google.com/mapfiles/kml/shapes/forbidden.png",
}


def metadata(meta: ExportMeta) -> dict[str, str]:
    """The title block as flat text (GeoPackage metadata, GeoJSON and KML documents)."""
    return {
        "title": meta.title,
        "event": meta.event_name,
        "start": meta.event_start,
        "end": meta.event_end,
        "area": meta.area_name,
        "scenario_id": meta.scenario_id or "",
        "scenario_version": meta.version_label(),
        "author": meta.author or "",
        "marking": meta.marking,
        "attribution": "© OpenStreetMap contributors, ODbL",
    }


def write_gpkg(layers: PlanLayers, path: Path, text: Text = str, lang: str = "fr") -> list[str]:
    """One layer per kind in the plan's projected CRS, the OSM base layers clipped around the
    plan, the attribute tables, a default QGIS style per layer and a stored QGIS project
    (legend and layer names from ``text``, a catalogue lookup in ``lang``); the layer names.

    The file is a GeoPackage 1.2 (what GDAL 3.6 and QGIS 3.22 read without a warning)."""
    path.unlink(missing_ok=True)
    info = metadata(layers.meta)
    written: dict[str, gpd.GeoDataFrame] = {}
    for name, frame in {**layers.layers(), **layers.base}.items():
        plain = _plain(frame)
        kind = _geometry_type(plain)
        pyogrio.write_dataframe(
            plain,
            path,
            layer=name,
            driver="GPKG",
            geometry_type=kind,
            promote_to_multi=kind.startswith("Multi"),
            dataset_metadata=info if not written else None,
            layer_metadata={"scenario_version": info["scenario_version"]},
            **({} if written else {"VERSION": GPKG_VERSION}),
        )
        written[name] = plain
    tables = [name for name, table in (("staffing", layers.staffing),
              ("injects", layers.injects)) if len(table)]  # fmt: skip
    for name in tables:
        pyogrio.write_dataframe(getattr(layers, name), path, layer=name, driver="GPKG")
    if written:
        write_styles(path, written, text)
        document = project_document(written, layers.crs, layers.meta, info, layers.extent(),
                                    path.name, text, lang)  # fmt: skip
        store_project(path, document)
    return [*written, *tables]


def write_geojson(layers: PlanLayers, path: Path) -> int:
    """One FeatureCollection (WGS84), each feature with its ``layer`` and its style as
    simplestyle properties (uMap, geojson.io, GitHub draw them); the feature count."""
    features = []
    for name, frame in layers.layers().items():
        wgs84 = _plain(frame).to_crs(WGS84)
        for feature in json.loads(wgs84.to_json(drop_id=True))["features"]:
            properties = feature["properties"]
            style = feature_style(name, properties)
            kind = feature["geometry"]["type"] if feature["geometry"] else "Point"
            feature["properties"] = {"layer": name, **properties, **simplestyle(style, kind)}
            features.append(feature)
    document = {
        "type": "FeatureCollection",
        "name": layers.meta.title,
        "metadata": metadata(layers.meta),
        "features": features,
    }
    path.write_text(json.dumps(document, ensure_ascii=False))
    return len(features)


def write_kml(layers: PlanLayers, path: Path) -> int:
    """A KML document (WGS84): a folder per layer, named and styled placemarks; the count."""
    meta = metadata(layers.meta)
    kml = simplekml.Kml(name=xml_text(f"{meta['title']} — {meta['scenario_version']}"))
    kml.parsetext(False)  # every text is escaped here (simplekml would pass CDATA through)
    kml.document.description = _kml_description(meta)
    count = 0
    styles: dict[tuple[str, str], simplekml.Style] = {}
    for name, frame in layers.layers().items():
        folder = kml.newfolder(name=xml_text(name))
        wgs84 = _plain(frame).to_crs(WGS84)
        records = wgs84.drop(columns="geometry").to_dict("records")
        for record, shape in zip(records, wgs84.geometry.values, strict=True):
            style = feature_style(name, record)
            key = (name, style_key(name, record))
            if key not in styles:
                styles[key] = kml_style(style)
            _placemark(folder, name, record, shape, styles[key])
            count += 1
    path.write_text(kml.kml(format=True))
    return count


def style_key(layer: str, record: dict[str, Any]) -> str:
    """The role, level or kind a feature is styled by (one KML style each)."""
    if layer in ("checkpoints", "materials"):
        return checkpoint_key(record.get("kind", ""), record.get(ROLE_ATTRIBUTE))
    if layer == "queue_areas":
        return queue_key(record.get("fits"))
    if layer == "routes":
        return route_key(record.get("kind", ""), record.get("station_kind"))
    field = {"zones": "role", "hazard_zones": "zone", "points_of_interest": "category"}
    return str(record.get(field.get(layer, ""), ""))


def kml_style(style: Style) -> simplekml.Style:
    """A shared KML style (``<Style id=…>``): icon, line and area from the specification."""
    out = simplekml.Style()
    out.iconstyle.color = _kml_colour(style.colour)
    out.iconstyle.scale = round(max(style.size, 8) / 16, 2)
    out.iconstyle.icon.href = KML_ICONS[style.marker]
    out.linestyle.color = _kml_colour(style.stroke, style.opacity)
    out.linestyle.width = style.width
    out.polystyle.color = _kml_colour(style.fill or style.stroke, style.fill_opacity)
    out.polystyle.fill = 1 if style.fill else 0
    return out


def _kml_colour(colour: str, opacity: float = 1.0) -> str:
    """``#rrggbb`` and an opacity as KML's ``aabbggrr``."""
    return simplekml.Color.changealphaint(round(opacity * 255), simplekml.Color.hex(colour[1:]))


def simplestyle(style: Style, geometry: str) -> dict[str, Any]:
    """A feature's simplestyle-spec 1.1 properties (``stroke``, ``fill``, ``marker-color``…)."""
    if geometry in ("Point", "MultiPoint"):
        size = "small" if style.size < 10 else "large" if style.size >= 20 else "medium"
        return {"marker-color": style.colour, "marker-size": size}
    line = {"stroke": style.stroke, "stroke-width": style.width, "stroke-opacity": style.opacity}
    if geometry in ("LineString", "MultiLineString"):
        return line
    return line | {"fill": style.fill or style.stroke, "fill-opacity": style.fill_opacity}


def _placemark(
    folder: simplekml.Folder, layer: str, record: dict[str, Any], shape, style: simplekml.Style
) -> None:
    title = xml_text(_title(layer, record))
    description = _kml_description({k: v for k, v in record.items() if _shown(v)})
    for part in _simple_parts(shape):
        if part.geom_type == "Point":
            item = folder.newpoint(name=title, coords=[(part.x, part.y)])
        elif part.geom_type == "LineString":
            item = folder.newlinestring(name=title, coords=list(part.coords))
        else:
            item = folder.newpolygon(
                name=title,
                outerboundaryis=list(part.exterior.coords),
                innerboundaryis=[list(r.coords) for r in part.interiors],
            )
        item.style = style
        item.description = description


def _kml_description(fields: dict[str, Any]) -> str:
    """A placemark's description: HTML for every KML reader (a bold name, its value, one
    per line), each name and value escaped as HTML text, the whole escaped as XML text."""
    rows = (f"<b>{html_text(k)}</b>: {html_text(v)}" for k, v in fields.items() if v != "")
    return xml_text("<br>".join(rows))


def _simple_parts(shape) -> list:
    """Points, lines and polygons of a geometry, collections and multi-parts flattened."""
    parts = list(shapely.get_parts(shape))
    while any(hasattr(p, "geoms") for p in parts):
        parts = [q for p in parts for q in shapely.get_parts(p)]
    return [p for p in parts if not p.is_empty]


def _title(layer: str, record: dict[str, Any]) -> str:
    if layer == "checkpoints":
        return f"{record['id']} — {record.get('street') or record['highway']}"
    if layer == "routes":
        return f"{record['kind']}: {record['origin']} → {record['destination']}"
    if layer == "hazard_zones":
        return f"{record['id']} ({record['zone']})"
    name = record.get("name") or ""
    kind = record.get("role") or record.get("category") or layer
    return f"{kind} — {name}" if name else str(kind)


def _shown(value: Any) -> bool:
    return value is not None and value == value and value != ""


def _plain(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with plain column types (GDAL drivers refuse object columns of mixed types)."""
    out = frame.copy()
    for column in out.columns:
        if column != "geometry" and out[column].dtype == object:
            out[column] = out[column].map(lambda v: "" if v is None else str(v))
    polygons = out.geom_type.isin(["Polygon", "MultiPolygon"]) & ~out.geometry.is_valid
    if polygons.any():  # drawn by hand: repaired as polygons, never collections of lines
        out.loc[polygons, "geometry"] = shapely.make_valid(
            out.geometry.values[polygons], method="structure", keep_collapsed=False
        )
    return out


def _geometry_type(frame: gpd.GeoDataFrame) -> str:
    """The layer's one geometry type for GDAL (QGIS styles a layer by its type)."""
    kinds = set(frame.geom_type)
    for dimension in ("Polygon", "LineString", "Point"):
        if kinds <= {dimension, "Multi" + dimension}:
            return "Multi" + dimension if dimension != "Point" or len(kinds) > 1 else "Point"
    return "Unknown"


def layer_counts(path: Path) -> dict[str, int]:
    """Features per layer of a written GeoPackage (as QGIS would list them)."""
    return {
        str(name): int(pyogrio.read_info(path, layer=str(name))["features"])
        for name, _ in pyogrio.list_layers(path)
    }
