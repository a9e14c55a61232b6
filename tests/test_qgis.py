"""Each bundled example's GeoPackage opened in QGIS 3.22 (Debian's python3-qgis), headless.

The check runs as a subprocess of ``/usr/bin/python3`` (QGIS's bindings are built for Debian's
Python, not the venv) with ``QT_QPA_PLATFORM=offscreen``: GDAL 3.6 opens the file without a
warning, the stored project loads with every layer valid in the plan's CRS and in the sheet's
order, each renderer category has the style specification's colour, a layer added by hand takes
its default style from ``layer_styles``, and the PNG rendered from the project is not blank and
shows the perimeter's colour along the perimeter. The PNGs are kept in tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from pyproj import CRS

from layers.export_files import gis_text, write_export
from planner.qgis_project import BASE_ORDER, PLAN_ORDER
from planner.qgis_style import category_colours
from planner.style import CAMERA_VIEWS, CAMERAS, HAZARDS, ROUTES, ZONES
from scenarios.examples import EXAMPLES_DIR

from .conftest import ARTIFACTS, example_layers

CHECK = Path(__file__).parent / "qgis" / "check_gpkg.py"
QGIS_PYTHON = "/usr/bin/python3"
EXAMPLES = sorted(p.name.removesuffix(".vigie.json") for p in EXAMPLES_DIR.glob("*.vigie.json"))


def qgis_check(gpkg: Path, png: Path) -> dict:
    """What QGIS reports on ``gpkg`` (see tests/qgis/check_gpkg.py)."""
    probe = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True)
    if probe.returncode:
        pytest.fail("Debian's python3-qgis is not installed: run `make test` (it installs it).")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([QGIS_PYTHON, str(CHECK), str(gpkg), str(png)], capture_output=True,
                          text=True, env=env, timeout=180)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def reports(request, tmp_path_factory) -> dict[str, tuple[object, dict]]:
    """(export layers, QGIS's report) of each bundled example's GeoPackage."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in EXAMPLES:
        area = request.getfixturevalue("helsinki" if "helsinki" in name else "monaco")
        layers = example_layers(area, name)
        gpkg = tmp_path_factory.mktemp("gpkg") / f"{name}.gpkg"
        write_export(area, layers, "gpkg", gpkg, lang="fr")
        out[name] = (area, layers, qgis_check(gpkg, ARTIFACTS / f"qgis-{name}.png"))
    return out


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_stored_project_opens_styled(reports, name):
    area, layers, report = reports[name]
    assert report["gdal_warnings"] == []  # a GeoPackage 1.2: no "partially supported"
    assert report["project_read"]
    assert report["title"] == report["metadata"]["title"] == layers.meta.title
    assert layers.meta.version_label() in report["metadata"]["abstract"]
    assert report["metadata"]["author"] == layers.meta.author
    crs = ":".join(CRS(area.crs).to_authority())
    assert crs == ("EPSG:2154" if "monaco" in name else "EPSG:32635")
    assert report["crs"] == crs
    expected = [n for n in (*PLAN_ORDER, *BASE_ORDER) if n in {**layers.layers(), **layers.base}]
    assert [entry["source"].rsplit("layername=", 1)[1] for entry in report["layers"]] == expected
    assert {"base_streets", "base_buildings"} <= set(expected)
    text = gis_text("fr")
    frames = {**layers.layers(), **layers.base}
    for entry in report["layers"]:
        layer = entry["source"].rsplit("layername=", 1)[1]
        assert entry["valid"], layer
        assert entry["crs"] == crs, layer
        assert entry["features"] == len(frames[layer]), layer
        assert entry["name"] == text("layer_" + layer)
        if entry["renderer"] == "categorizedSymbol":
            colours = {value: c["colour"] for value, c in entry["categories"].items()}
            assert colours == category_colours(layer, frames[layer]), layer
    assert report["default_style_renderer"] == "categorizedSymbol"


def test_renderers_follow_the_specification_by_role_and_kind(reports):
    """Spot checks against the specification itself (not only against the generator)."""
    _, _, report = reports["monaco-gas-leak-port"]
    by_layer = {e["source"].rsplit("layername=", 1)[1]: e for e in report["layers"]}
    zones = by_layer["zones"]["categories"]
    assert zones["perimeter"]["colour"] == ZONES["perimeter"].fill == "#d7263d"
    assert zones["sector:A"]["colour"] == "#1f6fb2" and zones["sector:B"]["colour"] == "#8e44ad"
    assert zones["no_go"]["layers"] == ["SimpleFill", "LinePatternFill", "SimpleLine"]  # hatched
    assert zones["perimeter"]["label"] == "Périmètre"
    hazards = by_layer["hazard_zones"]["categories"]
    assert {k: v["colour"] for k, v in hazards.items()} == {k: s.fill for k, s in HAZARDS.items()}
    routes = by_layer["routes"]["categories"]
    assert routes["fire_station"]["colour"] == ROUTES["fire_station"].stroke
    assert routes["evacuation"]["layers"] == ["SimpleLine", "MarkerLine"]  # direction arrows
    checkpoints = by_layer["checkpoints"]
    assert checkpoints["labels"] and checkpoints["categories"]["vehicle"]["colour"] == "#d7263d"
    assert by_layer["points_of_interest"]["categories"]["hospital"]["colour"] == "#2e86c1"
    assert by_layer["base_buildings"]["colour"] == "#d9d0c9"


def test_camera_layers_follow_the_specification(reports):
    """The concert's video protection in QGIS: cameras by source, views by DORI level, blind
    spots hatched, each named in French."""
    _, _, report = reports["monaco-new-year-concert"]
    by_layer = {e["source"].rsplit("layername=", 1)[1]: e for e in report["layers"]}
    cameras = by_layer["cameras"]["categories"]
    assert {k: v["colour"] for k, v in cameras.items()} == {k: s.fill for k, s in CAMERAS.items()}
    views = by_layer["camera_views"]["categories"]
    assert views["detection"]["colour"] == CAMERA_VIEWS["detection"].fill
    assert views["identification"]["label"] == "identification"
    assert by_layer["blind_spots"]["name"] == "Angles morts"


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_rendered_project_shows_the_perimeter(reports, name):
    _, layers, report = reports[name]
    assert report["png_saved"] and report["png_size"] == [1400, 1000]
    assert report["png_colours"] > 200  # base map, plan and labels: far from blank
    if (layers.zones["role"] == "perimeter").any():
        seen = report["perimeter_seen"]
        assert seen["colour"] == ZONES["perimeter"].stroke
        assert seen["samples"] > 100 and seen["share"] > 0.5, seen
