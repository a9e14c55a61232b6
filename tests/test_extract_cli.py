"""The CLI's regional extracts, run as automation runs them (a subprocess): ``extract`` and
``--osm-file … --commune|--bbox``; progress lines on stderr, one error line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CASINO, run_cli, square, write_geojson
from tests.synthetic_osm import copy_offset
from tests.test_extracts import BOX3_TEXT

#: Place du Casino in copy 3 (shifted by copy 3's cell).
CASINO3 = (CASINO[0] + copy_offset(3, 2)[0], CASINO[1] + copy_offset(3, 2)[1])


def errors_and_progress(stderr: str) -> tuple[list[str], list[str]]:
    lines = stderr.splitlines()
    return [line for line in lines if not line.startswith("progress: ")], [
        line for line in lines if line.startswith("progress: ")
    ]


def test_extract_prints_the_area_then_names_it_by_id(regional_pbf, tmp_path):
    # a cache of its own: the clip is made here, whatever other tests clipped before
    cache = {"VIGIE_CACHE_DIR": str(tmp_path / "cache")}
    result = run_cli("extract", str(regional_pbf), "--bbox", BOX3_TEXT, env=cache)
    assert result.returncode == 0, result.stderr
    area_id, name, streets, clip = result.stdout.strip().split("\t")
    assert area_id.startswith("file-") and name.endswith("(copies-maritimes.osm.pbf)")
    assert int(streets) > 500 and Path(clip).name.startswith(area_id.removeprefix("file-"))
    others, progress = errors_and_progress(result.stderr)
    assert others == []
    steps = [line.split()[1] for line in progress]
    assert steps.index("clipping") < steps.index("reading")  # the clip, then the usual load
    assert "progress: clipping 100%" in progress
    listed = run_cli("areas", env=cache)
    assert area_id in listed.stdout


def test_checkpoints_on_a_commune_of_a_regional_extract(regional_pbf, tmp_path):
    perimeter = write_geojson(tmp_path / "casino3.geojson", square(*CASINO3, 120))
    result = run_cli(
        "checkpoints",
        "--osm-file",
        str(regional_pbf),
        "--commune",
        "06903",
        "--perimeter",
        str(perimeter),
    )
    assert result.returncode == 0, result.stderr
    streets = {f["properties"]["street"] for f in json.loads(result.stdout)["features"]}
    assert "Avenue de Monte-Carlo" in streets


def test_list_communes(regional_pbf):
    result = run_cli("extract", str(regional_pbf), "--list-communes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Beaulieu-les-Copies\t06904",
        "Saint-Martin\t06902",
        "Saint-Martin\t06903",
        "Sainte-Agnès-sur-Grille\t06901",
    ]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--commune", "Sainte Agnes"], "close names: Sainte-Agnès-sur-Grille"),
        (["--bbox", "2.30,48.85,2.31,48.86"], "lies outside this file's data"),
        (["--bbox", "7.4200,43.7220,7.4210,43.7225"], "No street of this file lies in"),
        (["--bbox", "7.42,43.72"], "A bounding box is four numbers"),
    ],
)
def test_a_bad_clip_is_one_error_line_and_exit_2(regional_pbf, args, expected):
    result = run_cli("extract", str(regional_pbf), *args)
    assert result.returncode == 2
    others, _ = errors_and_progress(result.stderr)
    assert len(others) == 1 and others[0].startswith("error: ") and expected in others[0]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_broken_pbf_and_clip_options_without_a_file(regional_pbf, tmp_path):
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(regional_pbf.read_bytes()[:100_000])
    result = run_cli("extract", str(broken), "--bbox", BOX3_TEXT)
    assert result.returncode == 2
    others, _ = errors_and_progress(result.stderr)
    assert others == [others[0]] and "not readable OpenStreetMap data (PBF" in others[0]
    perimeter = write_geojson(tmp_path / "p.geojson", square(*CASINO3, 120))
    result = run_cli(
        "checkpoints", "--area", "monaco", "--commune", "Nice", "--perimeter", str(perimeter)
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --commune and --bbox clip a regional extract: give it with --osm-file."
    ]
