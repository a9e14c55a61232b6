"""Exports of the bundled examples: GeoPackage (pyogrio), GeoJSON, KML, standalone HTML, CLI."""

from __future__ import annotations

import io
import json
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

import pyogrio
import pytest

from layers.standalone import assets_missing, standalone_html
from planner.export_layers import BASE_MARGIN_M
from planner.exports import layer_counts, write_geojson, write_gpkg, write_kml
from planner.style import CHECKPOINTS, HAZARDS, ROUTES, ZONES
from scenarios.examples import EXAMPLES_DIR, load_example

from .conftest import example_layers, run_cli

KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def gas_layers(monaco):
    return example_layers(monaco, "monaco-gas-leak-port")


@pytest.fixture(scope="module")
def concert_layers(monaco):
    return example_layers(monaco, "monaco-new-year-concert")


def test_geopackage_layers_crs_and_attributes(tmp_path, gas_layers):
    path = tmp_path / "plan.gpkg"
    written = write_gpkg(gas_layers, path)
    assert written == [
        "zones",
        "hazard_zones",
        "checkpoints",
        "materials",
        "queue_areas",
        "routes",
        "points_of_interest",
        "cameras",
        "camera_views",
        "blind_spots",
        "base_streets",
        "base_buildings",
        "base_landcover",
        "staffing",
        "injects",
    ]  # fmt: skip (materials and queue areas: issue 14's plan de barriérage; cameras: issue 19)
    materials = pyogrio.read_dataframe(path, layer="materials")
    assert len(materials) == len(gas_layers.checkpoints)
    assert {"role", "frontage_m", "barrier_units", "anti_ram", "queue_m2"} <= set(materials)
    assert set(materials["role"]) <= {"filtering", "closed", "emergency"}
    counts = layer_counts(path)
    assert counts["zones"] == 4 and counts["hazard_zones"] == 3  # isolation, 10 %, 60 % LEL
    assert counts["checkpoints"] == len(gas_layers.checkpoints) >= 10
    assert counts["injects"] == 8 and counts["staffing"] == 2
    info = pyogrio.read_info(path, layer="checkpoints")
    assert info["crs"] == "EPSG:2154"  # Lambert-93 for QGIS users in France
    assert {"id", "street", "kind", "sector", "lanes", "expected_wait_min"} <= set(info["fields"])
    assert pyogrio.read_info(path, layer="zones")["geometry_type"] == "MultiPolygon"
    assert info["layer_metadata"]["scenario_version"].startswith("v3 · ")
    assert pyogrio.read_info(path, layer="zones")["dataset_metadata"]["marking"] == (
        "Diffusion restreinte"
    )
    frame = pyogrio.read_dataframe(path, layer="hazard_zones")
    assert set(frame["zone"]) == {"isolation", "lel_10", "lel_60"}
    assert (frame["people_estimate"] > 0).all()


def test_geopackage_is_1_2_with_base_layers_styles_and_a_project(tmp_path, gas_layers):
    """GDAL 3.6 (QGIS 3.22) reads GeoPackage 1.2 without a warning; the base map is clipped
    to the plan's bounds plus the margin; every map layer has one default style; the project is
    stored as QGIS stores it (a zipped .qgs, hex text)."""
    path = tmp_path / "plan.gpkg"
    write_gpkg(gas_layers, path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200
        styles = db.execute("SELECT f_table_name, useAsDefault, styleQML FROM layer_styles")
        styles = {name: (default, qml) for name, default, qml in styles}
        (content,) = db.execute("SELECT content FROM qgis_projects WHERE name = 'plan'").fetchone()
    db.close()
    maps = [*gas_layers.layers(), *gas_layers.base]
    assert sorted(styles) == sorted(maps) and all(d for d, _ in styles.values())
    assert 'attr="zone"' in styles["hazard_zones"][1] and "LinePatternFill" in styles["zones"][1]
    archive = zipfile.ZipFile(io.BytesIO(bytes.fromhex(content)))
    document = archive.read("plan.qgs").decode()
    assert "./plan.gpkg|layername=checkpoints" in document
    west, south, east, north = gas_layers.extent()
    margin = BASE_MARGIN_M + 1e-6
    for name in ("base_streets", "base_buildings", "base_landcover"):
        x0, y0, x1, y1 = pyogrio.read_dataframe(path, layer=name).total_bounds
        assert x0 >= west - margin and y0 >= south - margin, name
        assert x1 <= east + margin and y1 <= north + margin, name
    streets = pyogrio.read_dataframe(path, layer="base_streets")
    assert set(streets["class"]) <= {"major", "minor", "pedestrian", "tunnel"}
    assert {"major", "minor"} <= set(streets["class"])


def test_helsinki_exports_keep_its_utm_crs(tmp_path, helsinki):
    layers = example_layers(helsinki, "helsinki-senate-square")
    path = tmp_path / "helsinki.gpkg"
    write_gpkg(layers, path)
    assert pyogrio.read_info(path, layer="zones")["crs"] == helsinki.crs != "EPSG:2154"


def test_geojson_is_wgs84_with_layers_and_version(tmp_path, gas_layers):
    path = tmp_path / "plan.geojson"
    count = write_geojson(gas_layers, path)
    document = json.loads(path.read_text())
    assert len(document["features"]) == count
    assert document["metadata"]["scenario_version"].startswith("v3")
    layers = {f["properties"]["layer"] for f in document["features"]}
    assert layers == {
        "zones", "hazard_zones", "checkpoints", "materials", "queue_areas", "routes",
        "points_of_interest", "cameras", "camera_views", "blind_spots",
    }  # fmt: skip
    lon, lat = next(
        f["geometry"]["coordinates"]
        for f in document["features"]
        if f["properties"]["layer"] == "checkpoints"
    )
    assert 7.40 < lon < 7.44 and 43.72 < lat < 43.76  # degrees, Monaco


def test_kml_has_folders_names_descriptions_and_styles(tmp_path, concert_layers):
    path = tmp_path / "plan.kml"
    count = write_kml(concert_layers, path)
    root = ET.parse(path).getroot()
    document = root.find(f"{KML}Document")
    assert document.find(f"{KML}name").text.startswith("Concert du Nouvel An — Place du Casino")
    assert "<b>scenario_version</b>: v3" in document.find(f"{KML}description").text
    folders = {f.find(f"{KML}name").text for f in document.iter(f"{KML}Folder")}
    assert {"zones", "checkpoints", "routes", "points_of_interest"} <= folders
    placemarks = list(document.iter(f"{KML}Placemark"))
    assert len(placemarks) >= count
    names = [p.find(f"{KML}name").text for p in placemarks]
    assert any(n.startswith("P1 — ") for n in names)
    assert any("Avenue des Spélugues" in n for n in names)
    assert all(p.find(f"{KML}description") is not None for p in placemarks)
    assert len(list(document.iter(f"{KML}PolyStyle"))) >= 7


def test_geojson_carries_simplestyle_from_the_specification(tmp_path, gas_layers):
    """uMap / geojson.io draw each feature in its role's, level's or kind's colour."""
    path = tmp_path / "plan.geojson"
    write_geojson(gas_layers, path)
    features = json.loads(path.read_text())["features"]
    by = {}
    for f in features:
        p = f["properties"]
        by.setdefault((p["layer"], p.get("role") or p.get("zone") or p.get("kind")), p)
    perimeter = by[("zones", "perimeter")]
    assert perimeter["stroke"] == perimeter["fill"] == ZONES["perimeter"].stroke
    assert perimeter["fill-opacity"] == ZONES["perimeter"].fill_opacity
    assert by[("hazard_zones", "lel_60")]["fill"] == HAZARDS["lel_60"].fill
    roles = {role for layer, role in by if layer == "checkpoints"}
    assert roles and roles <= {"filtering", "closed", "emergency"}  # issue 14's access plan
    for role in roles:
        assert by[("checkpoints", role)]["marker-color"] == CHECKPOINTS[role].colour
    evacuation = by[("routes", "evacuation")]
    assert evacuation["stroke"] == ROUTES["evacuation"].stroke and "fill" not in evacuation
    assert all("stroke" in f["properties"] or "marker-color" in f["properties"] for f in features)


def test_kml_has_one_shared_style_per_role_and_kind(tmp_path, gas_layers):
    path = tmp_path / "plan.kml"
    write_kml(gas_layers, path)
    document = ET.parse(path).getroot().find(f"{KML}Document")
    styles = {s.get("id"): s for s in document.iter(f"{KML}Style")}
    used = {}
    for folder in document.iter(f"{KML}Folder"):
        layer = folder.find(f"{KML}name").text
        for placemark in folder.iter(f"{KML}Placemark"):
            used.setdefault(layer, set()).add(placemark.find(f"{KML}styleUrl").text.lstrip("#"))
    roles = set(gas_layers.checkpoints["role"])  # issue 14's access plan: one style a role
    assert len(used["checkpoints"]) == len(roles) >= 2
    assert len(used["hazard_zones"]) == 3  # isolation, 10 % and 60 % of the LEL

    def colour(style_id: str, kind: str) -> str:  # KML's aabbggrr back to #rrggbb
        value = styles[style_id].find(f"{KML}{kind}/{KML}color").text
        return "#" + value[6:8] + value[4:6] + value[2:4]

    zone_colours = {colour(s, "LineStyle") for s in used["zones"]}
    assert ZONES["perimeter"].stroke in zone_colours and "#27ae60" in zone_colours
    assert {colour(s, "IconStyle") for s in used["checkpoints"]} == {
        CHECKPOINTS[r].colour for r in roles
    }
    assert {colour(s, "PolyStyle") for s in used["hazard_zones"]} == {
        s.fill for s in HAZARDS.values()
    }


def test_standalone_html_needs_no_network(gas_layers, monaco):
    page = standalone_html(monaco, gas_layers)
    assert assets_missing(page) == []
    assert "L.map(" in page and "leaflet-draw" not in page.lower().split("<body")[1][:200]
    assert "Diffusion restreinte" in page and "v3 · " in page
    assert page.count("vigie-checkpoint") == len(gas_layers.checkpoints)


def test_export_cli_writes_each_format(tmp_path, monaco):
    source = str(EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json")
    for fmt in ("gpkg", "geojson", "kml", "html"):
        out = tmp_path / f"plan.{fmt}"
        done = run_cli("export", source, "--format", fmt, "--out", str(out), "--marking", "DR")
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 1000
        path, written_fmt, version, _ = done.stdout.strip().split("\t")
        assert written_fmt == fmt and version.startswith("draft · ")


def test_export_cli_of_a_stored_version(tmp_path, monaco):
    from scenarios.accounts import Actor, Role
    from scenarios.store import open_store

    store = open_store(tmp_path / "store.sqlite3")
    stored = store.create(
        load_example("monaco-new-year-concert"), Actor("alice", Role.PLANNER, demo=True)
    )
    out = tmp_path / "plan.geojson"
    ref = f"store:{stored.scenario_id}@1"
    done = run_cli("export", ref, "--format", "geojson", "--out", str(out), "--store",
                   str(tmp_path / "store.sqlite3"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["metadata"]["scenario_version"].startswith("v1 · ")


def test_export_cli_errors_are_one_line(tmp_path, monaco):
    source = str(EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json")
    done = run_cli("export", source, "--format", "gpkg", "--out", "/nonexistent/x.gpkg")
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert "Traceback" not in done.stderr


def test_geopackage_cameras_layers(tmp_path, concert_layers):
    """The concert's video protection in the GeoPackage: the cameras in reach (the commune's
    placed M1 among them) with a range column per DORI level, their views by level, blind spots."""
    path = tmp_path / "plan.gpkg"
    write_gpkg(concert_layers, path)
    cameras = pyogrio.read_dataframe(path, layer="cameras")
    assert cameras.crs.to_epsg() == 2154
    m1 = cameras[cameras["id"] == "M1"].iloc[0]
    assert (m1["source"], m1["commune"], m1["directions"]) == ("planned", "Monaco", "60")
    assert m1["range_detection_m"] > m1["range_observation_m"] > m1["range_identification_m"]
    views = pyogrio.read_dataframe(path, layer="camera_views")
    assert set(views["camera"]) <= set(cameras["id"])
    assert set(views["level"]) <= {"detection", "observation", "recognition", "identification"}
    blind = pyogrio.read_dataframe(path, layer="blind_spots")
    assert len(blind) and (blind["area_m2"] >= 5).all()
