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

FORMATS = ("pdf", "png", "gpkg", "geojson", "kml", "html")

#: KML colours (aabbggrr is simplekml's job: give them as #rrggbb) by layer and kind.
KML_COLOURS: dict[str, str] = {
    "perimeter": "#d7263d",
    "sector": "#1f6fb2",
    "no_go": "#222222",
    "inner_zone": "#e67e22",
    "emergency_lane": "#27ae60",
    "isolation": "#e74c3c",
    "lel_10": "#f4d03f",
    "lel_60": "#e67e22",
    "vehicle": "#d7263d",
    "pedestrian": "#1f6fb2",
    "fire_station": "#c0392b",
    "hospital": "#2e86c1",
    "police": "#1b2631",
    "evacuation": "#1e8449",
    "transit": "#7d3c98",
    "command_post": "#6c3483",
    "first_aid_post": "#c0392b",
    "assembly_point": "#27ae60",
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


def write_gpkg(layers: PlanLayers, path: Path) -> list[str]:
    """One layer per kind in the plan's projected CRS, plus attribute tables; the layer names."""
    path.unlink(missing_ok=True)
    info = metadata(layers.meta)
    written = []
    for name, frame in layers.layers().items():
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
        )
        written.append(name)
    for name, table in (("staffing", layers.staffing), ("injects", layers.injects)):
        if len(table):
            pyogrio.write_dataframe(table, path, layer=name, driver="GPKG")
            written.append(name)
    return written


def write_geojson(layers: PlanLayers, path: Path) -> int:
    """One FeatureCollection (WGS84), each feature with its ``layer``; the feature count."""
    features = []
    for name, frame in layers.layers().items():
        wgs84 = _plain(frame).to_crs(WGS84)
        for feature in json.loads(wgs84.to_json(drop_id=True))["features"]:
            feature["properties"] = {"layer": name, **feature["properties"]}
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
    for name, frame in layers.layers().items():
        folder = kml.newfolder(name=xml_text(name))
        wgs84 = _plain(frame).to_crs(WGS84)
        records = wgs84.drop(columns="geometry").to_dict("records")
        for record, shape in zip(records, wgs84.geometry.values, strict=True):
            _placemark(folder, name, record, shape)
            count += 1
    path.write_text(kml.kml(format=True))
    return count


def _placemark(folder: simplekml.Folder, layer: str, record: dict[str, Any], shape) -> None:
    title = xml_text(_title(layer, record))
    description = _kml_description({k: v for k, v in record.items() if _shown(v)})
    colour = KML_COLOURS.get(
        record.get("role")
        or record.get("zone")
        or record.get("station_kind")
        or record.get("kind")
        or record.get("category")
        or "",
        "#555555",
    )
    for part in _simple_parts(shape):
        if part.geom_type == "Point":
            item = folder.newpoint(name=title, coords=[(part.x, part.y)])
            item.style.iconstyle.color = simplekml.Color.hex(colour.lstrip("#"))
            item.style.iconstyle.scale = 0.9
        elif part.geom_type == "LineString":
            item = folder.newlinestring(name=title, coords=list(part.coords))
            item.style.linestyle.color = simplekml.Color.hex(colour.lstrip("#"))
            item.style.linestyle.width = 4
        else:
            item = folder.newpolygon(
                name=title,
                outerboundaryis=list(part.exterior.coords),
                innerboundaryis=[list(r.coords) for r in part.interiors],
            )
            item.style.linestyle.color = simplekml.Color.hex(colour.lstrip("#"))
            item.style.linestyle.width = 2
            item.style.polystyle.color = simplekml.Color.changealphaint(
                70, simplekml.Color.hex(colour.lstrip("#"))
            )
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
