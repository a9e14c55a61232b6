"""Open a Vigie GeoPackage with QGIS's Python API, headless; print what a GIS officer would get.

Run by Debian's ``/usr/bin/python3`` (QGIS's bindings are built for it, not for the project's
venv), with ``QT_QPA_PLATFORM=offscreen``: ``check_gpkg.py FILE.gpkg OUT.png``. Prints one JSON
object: GDAL's warnings on opening the file, the stored project's layers (validity, CRS, feature
count, renderer type and each category's value and colour), the project's title and metadata,
and the size of the PNG rendered from the project's layers at the project's extent.
"""

import json
import sys

from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize


def gdal_warnings(path):
    """GDAL's own messages on opening the file (GDAL 3.6 warns on GeoPackage 1.4)."""
    messages = []
    gdal.PushErrorHandler(lambda level, number, text: messages.append(text))
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR)
        for i in range(dataset.GetLayerCount()):
            dataset.GetLayer(i).GetFeatureCount()
        dataset = None
    finally:
        gdal.PopErrorHandler()
    return messages


def describe(layer):
    renderer = layer.renderer()
    out = {
        "name": layer.name(),
        "valid": layer.isValid(),
        "crs": layer.crs().authid(),
        "features": layer.featureCount(),
        "renderer": renderer.type() if renderer else None,
        "labels": layer.labelsEnabled(),
        "source": layer.source(),
    }
    if renderer and renderer.type() == "categorizedSymbol":
        out["attribute"] = renderer.classAttribute()
        out["categories"] = {
            str(c.value()): {
                "colour": c.symbol().color().name(),
                "label": c.label(),
                "layers": [s.layerType() for s in c.symbol().symbolLayers()],
            }
            for c in renderer.categories()
        }
    elif renderer and renderer.type() == "singleSymbol":
        out["colour"] = renderer.symbol().color().name()
    return out


def perimeter_seen(zones, settings, image):
    """Share of points along the perimeter's outline where the rendered image shows the
    perimeter's colour (as the layer's renderer gives it) within 2 pixels."""
    colour = next(
        c.symbol().symbolLayers()[-1].color()
        for c in zones.renderer().categories()
        if c.value() == "perimeter"
    )
    to_pixel = settings.mapToPixel()
    samples = hits = 0
    for feature in zones.getFeatures():
        if feature["role"] != "perimeter":
            continue
        outline = feature.geometry().convertToType(1)  # its boundary, as lines
        length = outline.length()
        for i in range(400):
            point = to_pixel.transform(outline.interpolate(length * i / 400).asPoint())
            x, y = int(point.x()), int(point.y())
            if not (2 <= x < image.width() - 2 and 2 <= y < image.height() - 2):
                continue
            samples += 1
            hits += any(
                close(image.pixelColor(x + dx, y + dy), colour)
                for dx in range(-2, 3)
                for dy in range(-2, 3)
            )
    return {"colour": colour.name(), "samples": samples, "share": hits / max(samples, 1)}


def close(a, b, tolerance=40):
    return (
        abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance
    )


def main(path, png):
    report = {"gdal_warnings": gdal_warnings(path)}
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    report["project_read"] = project.read(f"geopackage:{path}?projectName=plan")
    report["title"] = project.title()
    meta = project.metadata()
    report["metadata"] = {
        "title": meta.title(),
        "abstract": meta.abstract(),
        "author": meta.author(),
        "rights": meta.rights() if hasattr(meta, "rights") else None,
        "language": meta.language(),
    }
    root = project.layerTreeRoot()
    ordered = [n.layer() for n in root.findLayers()]
    report["layers"] = [describe(layer) for layer in ordered]
    report["crs"] = project.crs().authid()
    # A layer added by hand takes its default style from layer_styles.
    plain = QgsVectorLayer(f"{path}|layername=zones", "zones", "ogr")
    report["default_style_renderer"] = plain.renderer().type() if plain.isValid() else None
    settings = QgsMapSettings()
    settings.setLayers(ordered)
    settings.setDestinationCrs(project.crs())
    settings.setBackgroundColor(project.backgroundColor())
    extent = project.viewSettings().defaultViewExtent()
    settings.setExtent(extent if not extent.isEmpty() else ordered[-1].extent())
    settings.setOutputSize(QSize(1400, 1000))
    settings.setOutputDpi(96)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    report["png_saved"] = image.save(png, "png")
    report["png_size"] = [image.width(), image.height()]
    report["png_colours"] = len(
        {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    )
    zones = next((layer for layer in ordered if layer.source().endswith("layername=zones")), None)
    if zones is not None:
        report["perimeter_seen"] = perimeter_seen(zones, settings, image)
    print(json.dumps(report, ensure_ascii=False))
    sys.stdout.flush()
    del job, plain, ordered, root, zones
    project.clear()
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
