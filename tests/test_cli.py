"""The CLI contracts, run as automation runs them: a subprocess, stdout, stderr, exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BOWTIE_GEOJSON, CASINO, run_cli, square, write_geojson


@pytest.fixture(scope="module")
def casino_file(tmp_path_factory) -> Path:
    return write_geojson(tmp_path_factory.mktemp("cli") / "casino.geojson", square(*CASINO, 120))


def test_areas_lists_ids_first():
    result = run_cli("areas")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines[:2]] == ["monaco", "helsinki"]


def test_checkpoints_prints_a_feature_collection(monaco, casino_file):
    result = run_cli("checkpoints", "--area", "monaco", "--perimeter", str(casino_file))
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) >= 20
    for feature in features:
        assert feature["geometry"]["type"] == "Point"
        props = feature["properties"]
        assert set(props) >= {"street", "highway", "kind"}
        assert props["kind"] in ("vehicle", "pedestrian")
        assert props["street"] is None or isinstance(props["street"], str)
    assert "Avenue de Monte-Carlo" in {f["properties"]["street"] for f in features}


def test_checkpoints_from_an_osm_file(monaco_xml, casino_file):
    by_file = run_cli("checkpoints", "--osm-file", str(monaco_xml), "--perimeter", str(casino_file))
    by_area = run_cli("checkpoints", "--area", "monaco", "--perimeter", str(casino_file))
    assert by_file.returncode == 0, by_file.stderr
    assert json.loads(by_file.stdout) == json.loads(by_area.stdout)


def test_self_intersecting_perimeter_is_repaired_with_a_note(tmp_path):
    path = tmp_path / "bowtie.geojson"
    path.write_text(BOWTIE_GEOJSON)
    result = run_cli("checkpoints", "--area", "monaco", "--perimeter", str(path))
    assert result.returncode == 0
    assert "repaired" in result.stderr
    assert json.loads(result.stdout)["features"]


@pytest.mark.parametrize(
    "case, expected",
    [
        ("not_osm", "not OpenStreetMap data"),
        ("empty_geojson", "no polygon"),
        ("broken_geojson", "not valid GeoJSON"),
        ("outside", "outside the loaded area"),
        ("unknown_area", "Unknown area"),
        ("missing_perimeter", "No such file"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(tmp_path, casino_file, case, expected):
    perimeter, source = str(casino_file), ["--area", "monaco"]
    if case == "not_osm":
        bad = tmp_path / "photo.osm.pbf"
        bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
        source = ["--osm-file", str(bad)]
    elif case == "empty_geojson":
        perimeter = str(tmp_path / "empty.geojson")
        Path(perimeter).write_text('{"type": "FeatureCollection", "features": []}')
    elif case == "broken_geojson":
        perimeter = str(tmp_path / "broken.geojson")
        Path(perimeter).write_text('{"type": "Feature", "geometry": {')
    elif case == "outside":
        perimeter = str(write_geojson(tmp_path / "paris.geojson", square(2.35, 48.85, 200)))
    elif case == "unknown_area":
        source = ["--area", "atlantis"]
    elif case == "missing_perimeter":
        perimeter = str(tmp_path / "nope.geojson")
    result = run_cli("checkpoints", *source, "--perimeter", perimeter)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_validate_prints_one_summary_line():
    from scenarios.examples import EXAMPLES_DIR

    result = run_cli("validate", str(EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ok: Concert du Nouvel An")
    assert "3 sectors" in lines[0] and "5 communes" in lines[0]


def test_validate_locates_the_first_problem(tmp_path):
    from scenarios.examples import EXAMPLES_DIR

    data = json.loads((EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json").read_text())
    data["injects"][3]["at_s"] = "soon"
    path = tmp_path / "broken.vigie.json"
    path.write_text(json.dumps(data))
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: Invalid scenario at injects[3].at_s: Input should be a valid integer, unable to "
        "parse string as an integer."
    ]


def test_scenarios_lists_the_store_and_the_examples(tmp_path):
    from scenarios.accounts import Actor, Role
    from scenarios.examples import load_example
    from scenarios.store import open_store

    store = open_store(tmp_path / "s.sqlite3")
    stored = store.create(
        load_example("helsinki-senate-square"), Actor("matti", Role.PLANNER, demo=True)
    )
    result = run_cli("scenarios", "--store", str(tmp_path / "s.sqlite3"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{stored.scenario_id}\tv1\tevent\tConcert on Senate Square")
    assert "example:monaco-gas-leak-port\tbundled\texercise" in result.stdout
