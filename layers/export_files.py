"""Write a plan's export in one of the formats: the one entry point of the CLI and the app.

The map sheet (PDF, PNG) is drawn by :mod:`layers.sheet` (matplotlib), the standalone HTML map
by :mod:`layers.standalone` (folium), the GIS layers written by :mod:`planner.exports`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from layers.labels import label
from layers.sheet import sheet_pdf, sheet_png
from layers.standalone import standalone_html
from planner import i18n
from planner.area import Area
from planner.errors import ExportError
from planner.export_layers import PlanLayers
from planner.exports import FORMATS, write_geojson, write_gpkg, write_kml


def gis_text(lang: str) -> Callable[[str], str]:
    """The text of the GIS styles' legends and layer names (map labels, then the sheet's
    legend entries), in ``lang``."""

    def text(key: str) -> str:
        if i18n.has("map", key):
            return label(key, lang)
        return i18n.text("legend", key, lang) if i18n.has("legend", key) else key

    return text


def write_export(
    area: Area,
    layers: PlanLayers,
    fmt: str,
    path: Path,
    paper: str = "A4",
    orientation: str = "landscape",
    lang: str = "fr",
) -> str:
    """Write ``layers`` as ``fmt`` to ``path``; a short summary of what was written."""
    if fmt not in FORMATS:
        raise ExportError("export_format", fmt=fmt, formats=", ".join(FORMATS))
    if not path.parent.is_dir():
        raise ExportError("export_no_dir", path=str(path.parent))
    if fmt == "gpkg":
        return f"{len(write_gpkg(layers, path, gis_text(lang), lang))} layers"
    if fmt == "geojson":
        return f"{write_geojson(layers, path)} features"
    if fmt == "kml":
        return f"{write_kml(layers, path)} placemarks"
    if fmt == "html":
        path.write_text(standalone_html(area, layers, lang), encoding="utf-8")
        return f"{path.stat().st_size // 1024} KB"
    if fmt == "pdf":
        return f"{sheet_pdf(area, layers, path, paper, orientation, lang)} pages"
    width, height = sheet_png(area, layers, path, paper, orientation, lang=lang)
    return f"{width}×{height} px"
