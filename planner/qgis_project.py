"""A QGIS project stored in the plan's GeoPackage, and the layers' default styles.

QGIS (3.22 and later) lists the projects of a GeoPackage's ``qgis_projects`` table (Project ›
Open From › GeoPackage) and applies the default style of a layer's ``layer_styles`` row when the
layer is added by hand. Both are generated here from :mod:`planner.qgis_style` — the project is
a ``.qgs`` document written element by element, zipped as QGIS stores it (``.qgz``, hex text).
Layers are listed in the sheet's order (checkpoints on top, the OSM base map in a group at the
bottom), the map opens on the plan, and the title block is the project's metadata. Data sources
are relative to the GeoPackage (``./NAME.gpkg|layername=…``): keep the file's name.
"""

from __future__ import annotations

import io
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pyproj

from planner.export_layers import ExportMeta
from planner.qgis_style import QGIS_VERSION, Text, layer_style, qml
from planner.style import BACKGROUND

#: The stored project's name (``geopackage:FILE?projectName=plan``).
PROJECT_NAME = "plan"
#: Layer tree order, top to bottom (the sheet draws in the reverse order).
PLAN_ORDER = (
    "checkpoints",
    "cameras",
    "points_of_interest",
    "routes",
    "blind_spots",
    "camera_views",
    "hazard_zones",
    "zones",
)
BASE_ORDER = ("base_streets", "base_buildings", "base_landcover")
GEOMETRY_COLUMN = "geom"  # GDAL's GeoPackage default


def layer_styles_table(frames: Mapping[str, gpd.GeoDataFrame], text: Text) -> pd.DataFrame:
    """The ``layer_styles`` rows (QGIS's and GDAL's schema): one default style per layer."""
    now = datetime.now().astimezone().replace(microsecond=0)
    return pd.DataFrame(
        [
            {
                "f_table_catalog": "",
                "f_table_schema": "",
                "f_table_name": name,
                "f_geometry_column": GEOMETRY_COLUMN,
                "styleName": name,
                "styleQML": qml(name, frame, text),
                "styleSLD": "",
                "useAsDefault": True,
                "description": "Vigie",
                "owner": "",
                "ui": "",
                "update_time": pd.Timestamp(now),
            }
            for name, frame in frames.items()
        ]
    )


def project_document(
    frames: Mapping[str, gpd.GeoDataFrame],
    crs: str,
    meta: ExportMeta,
    info: Mapping[str, str],
    extent: tuple[float, float, float, float],
    file_name: str,
    text: Text,
    lang: str,
) -> str:
    """The ``.qgs`` XML of the project over ``frames`` (the GeoPackage's layers)."""
    root = ET.Element("qgis", version=QGIS_VERSION, projectname=meta.title)
    ET.SubElement(root, "homePath", path="")
    ET.SubElement(root, "title").text = meta.title
    ET.SubElement(root, "projectCrs").append(_srs(crs))
    plan = [n for n in PLAN_ORDER if n in frames]
    base = [n for n in BASE_ORDER if n in frames]
    tree = ET.SubElement(root, "layer-tree-group")
    ET.SubElement(tree, "customproperties")
    for name in plan:
        _tree_layer(tree, name, file_name, text)
    if base:
        group = ET.SubElement(tree, "layer-tree-group", name=text("layer_base"),
                              checked="Qt::Checked", expanded="0")  # fmt: skip
        ET.SubElement(group, "customproperties")
        for name in base:
            _tree_layer(group, name, file_name, text)
    canvas = ET.SubElement(root, "mapcanvas", name="theMapCanvas", annotationsVisible="1")
    ET.SubElement(canvas, "units").text = "meters"
    pad = max(extent[2] - extent[0], extent[3] - extent[1]) * 0.08
    x0, y0, x1, y1 = extent
    view = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    canvas.append(_extent(view))
    ET.SubElement(canvas, "rotation").text = "0"
    ET.SubElement(canvas, "destinationsrs").append(_srs(crs))
    layers = ET.SubElement(root, "projectlayers")
    for name in [*plan, *base]:
        layers.append(_map_layer(name, frames[name], crs, file_name, text))
    order = ET.SubElement(root, "layerorder")
    for name in [*plan, *base]:
        ET.SubElement(order, "layer", id=_layer_id(name))
    settings = ET.SubElement(root, "ProjectViewSettings", UseProjectScales="0")
    default = ET.SubElement(settings, "DefaultViewExtent", **dict(zip(
        ("xmin", "ymin", "xmax", "ymax"), (f"{v:.3f}" for v in view), strict=True)))  # fmt: skip
    default.append(_srs(crs))
    root.append(_properties(crs))
    root.append(_metadata(meta, info, lang))
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        root, encoding="unicode"
    )


def store_project(path: Path, document: str, name: str = PROJECT_NAME) -> None:
    """Store ``document`` in the GeoPackage's ``qgis_projects`` table, as QGIS does: the
    ``.qgz`` zip (one ``.qgs`` entry) as hex text, and a JSON line of metadata."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.qgs", document)
    stamp = {"last_modified_time": datetime.now().replace(microsecond=0).isoformat(),
             "last_modified_user": "vigie"}  # fmt: skip
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS qgis_projects"
            "(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)"
        )
        db.execute(
            "INSERT OR REPLACE INTO qgis_projects VALUES (?, ?, ?)",
            (name, json.dumps(stamp), buffer.getvalue().hex()),
        )
    db.close()


def write_styles(path: Path, frames: Mapping[str, gpd.GeoDataFrame], text: Text) -> None:
    """Add the ``layer_styles`` table (registered as an attribute table, as QGIS makes it)."""
    pyogrio.write_dataframe(
        layer_styles_table(frames, text), path, layer="layer_styles", driver="GPKG"
    )


def _layer_id(name: str) -> str:
    return f"vigie_{name}"


def _source(name: str, file_name: str) -> str:
    return f"./{file_name}|layername={name}"


def _tree_layer(parent: ET.Element, name: str, file_name: str, text: Text) -> None:
    node = ET.SubElement(parent, "layer-tree-layer", id=_layer_id(name), name=text("layer_" + name),
                         source=_source(name, file_name), providerKey="ogr",
                         checked="Qt::Checked", expanded="1")  # fmt: skip
    ET.SubElement(node, "customproperties")


def _map_layer(
    name: str, frame: gpd.GeoDataFrame, crs: str, file_name: str, text: Text
) -> ET.Element:
    kinds = set(frame.geom_type)
    geometry = ("Polygon" if kinds & {"Polygon", "MultiPolygon"}
                else "Line" if kinds & {"LineString", "MultiLineString"} else "Point")  # fmt: skip
    styles = layer_style(name, frame, text)
    layer = ET.Element("maplayer", type="vector", geometry=geometry,
                       labelsEnabled="1" if len(styles) > 1 else "0",
                       styleCategories="AllStyleCategories", hasScaleBasedVisibilityFlag="0",
                       readOnly="0", autoRefreshEnabled="0", autoRefreshTime="0",
                       simplifyDrawingHints="1", simplifyDrawingTol="1",
                       simplifyAlgorithm="0", simplifyLocal="1", simplifyMaxScale="1",
                       minScale="100000000", maxScale="0")  # fmt: skip
    layer.append(_extent(tuple(frame.total_bounds)))
    ET.SubElement(layer, "id").text = _layer_id(name)
    ET.SubElement(layer, "datasource").text = _source(name, file_name)
    ET.SubElement(layer, "layername").text = text("layer_" + name)
    ET.SubElement(layer, "srs").append(_srs(crs))
    ET.SubElement(layer, "provider", encoding="UTF-8").text = "ogr"
    layer.extend(styles)
    ET.SubElement(layer, "blendMode").text = "0"
    ET.SubElement(layer, "featureBlendMode").text = "0"
    ET.SubElement(layer, "layerOpacity").text = "1"
    return layer


def _srs(crs: str) -> ET.Element:
    """A ``spatialrefsys`` element: the authority code and its WKT (QGIS reads either)."""
    definition = pyproj.CRS(crs)
    authority = definition.to_authority() or ("EPSG", "")
    srs = ET.Element("spatialrefsys", nativeFormat="Wkt")
    ET.SubElement(srs, "wkt").text = definition.to_wkt("WKT2_2019")
    ET.SubElement(srs, "proj4")
    ET.SubElement(srs, "srid").text = authority[1]
    ET.SubElement(srs, "authid").text = ":".join(authority)
    ET.SubElement(srs, "description").text = definition.name
    ET.SubElement(srs, "projectionacronym").text = ""
    ET.SubElement(srs, "ellipsoidacronym").text = ""
    ET.SubElement(srs, "geographicflag").text = "false" if definition.is_projected else "true"
    return srs


def _extent(bounds: tuple[float, ...]) -> ET.Element:
    extent = ET.Element("extent")
    for key, value in zip(("xmin", "ymin", "xmax", "ymax"), bounds, strict=True):
        ET.SubElement(extent, key).text = f"{value:.3f}"
    return extent


def _properties(crs: str) -> ET.Element:
    """The project's CRS, relative paths, metres, and the base map's background colour."""
    properties = ET.Element("properties")
    srs = ET.SubElement(properties, "SpatialRefSys")
    ET.SubElement(srs, "ProjectionsEnabled", type="int").text = "1"
    ET.SubElement(srs, "ProjectCrs", type="QString").text = ":".join(
        pyproj.CRS(crs).to_authority() or ("", "")
    )
    paths = ET.SubElement(properties, "Paths")
    ET.SubElement(paths, "Absolute", type="bool").text = "false"
    gui = ET.SubElement(properties, "Gui")
    colour = BACKGROUND.lstrip("#")
    for part, i in (("Red", 0), ("Green", 2), ("Blue", 4)):
        ET.SubElement(gui, f"CanvasColor{part}Part", type="int").text = str(
            int(colour[i : i + 2], 16)
        )
    measure = ET.SubElement(properties, "Measurement")
    ET.SubElement(measure, "DistanceUnits", type="QString").text = "meters"
    ET.SubElement(measure, "AreaUnits", type="QString").text = "m2"
    return properties


def _metadata(meta: ExportMeta, info: Mapping[str, str], lang: str) -> ET.Element:
    """The title block as the project's metadata (Project › Properties › Metadata)."""
    node = ET.Element("projectMetadata")
    ET.SubElement(node, "identifier").text = meta.scenario_id or ""
    ET.SubElement(node, "parentidentifier")
    ET.SubElement(node, "language").text = "fre" if lang == "fr" else "eng"
    ET.SubElement(node, "type").text = "dataset"
    ET.SubElement(node, "title").text = meta.title
    ET.SubElement(node, "abstract").text = "\n".join(f"{k}: {v}" for k, v in info.items() if v)
    keywords = ET.SubElement(node, "keywords", vocabulary="vigie")
    for word in (meta.kind, meta.event_name, meta.area_name, info.get("scenario_version", "")):
        if word:
            ET.SubElement(keywords, "keyword").text = word
    for right in (meta.marking, info.get("attribution", "")):
        if right:
            ET.SubElement(node, "rights").text = right
    ET.SubElement(node, "encoding")
    ET.SubElement(node, "crs")
    ET.SubElement(node, "author").text = meta.author or "Vigie"
    ET.SubElement(node, "creation").text = datetime.now().replace(microsecond=0).isoformat()
    return node
