"""Scenario documents: examples, round-trip, migration, validation messages, bad files."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scenarios.convert import area_source, perimeter
from scenarios.document import (
    MAX_DOCUMENT_BYTES,
    dump_scenario,
    export_filename,
    file_stem,
    load_scenario,
)
from scenarios.errors import ScenarioError
from scenarios.examples import EXAMPLES_DIR, example_names, load_example
from scenarios.model import CURRENT_VERSION

from .conftest import example_data, version_1_document


def test_bundled_examples_cover_the_issue():
    assert set(example_names()) >= {
        "monaco-new-year-concert",
        "monaco-gas-leak-port",
        "helsinki-senate-square",
    }
    concert = load_example("monaco-new-year-concert")
    assert len(concert.zones_with_role("sector")) >= 3
    assert len({offer.commune for offer in concert.resources}) >= 3
    gas = load_example("monaco-gas-leak-port")
    assert gas.kind == "exercise" and gas.hazards[0].kind == "gas_leak" and gas.injects


@pytest.mark.parametrize("name", example_names())
def test_examples_round_trip(name):
    scenario = load_example(name)
    text = dump_scenario(scenario)
    again = load_scenario(text)
    assert again == scenario
    assert json.loads(text) == json.loads(dump_scenario(again))
    assert load_scenario(EXAMPLES_DIR / f"{name}.vigie.json") == scenario


@pytest.mark.parametrize("name", example_names())
def test_examples_become_core_objects_on_their_demo_area(name, monaco, helsinki):
    scenario = load_example(name)
    area = {"monaco": monaco, "helsinki": helsinki}[area_source(scenario).ref]
    from planner.checkpoints import find_checkpoints

    plan = find_checkpoints(area, perimeter(scenario))
    assert plan.checkpoints, "each example's perimeter cuts streets of its area"
    assert scenario.area.crs == area.crs


def test_version_1_documents_are_migrated():
    v2 = example_data()
    v1 = version_1_document(v2["zones"][0]["geometry"], v2["zones"][1]["geometry"])
    scenario = load_scenario(json.dumps(v1))
    assert scenario.version == CURRENT_VERSION and scenario.title == "Braderie 2019"
    assert [z.properties.role for z in scenario.zones] == ["perimeter", "sector"]
    assert scenario.event.peak_attendance == 5000
    assert scenario.area.crs == "EPSG:2154"


def problem(data) -> str:
    with pytest.raises(ScenarioError) as err:
        load_scenario(data if isinstance(data, (str, bytes)) else json.dumps(data))
    message = str(err.value)
    assert "\n" not in message
    return message


def test_unknown_future_field_is_refused_with_its_path():
    data = example_data()
    data["zones"][2]["properties"]["colour"] = "red"
    assert problem(data) == (
        "Invalid scenario at zones[2].properties.colour: unknown field "
        "(the file may come from a newer Vigie)."
    )


def test_newer_format_version_is_refused():
    newer = CURRENT_VERSION + 1
    data = example_data() | {"version": newer}
    assert f"newer Vigie (format version {newer})" in problem(data)


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d["event"].update(peak_attendance="many"), "event.peak_attendance"),
        (lambda d: d["event"].update(end="2020-01-01T00:00:00+01:00"), "event"),
        (lambda d: d["event"].update(end="2027-01-01T01:30:00"), "event"),
        (
            lambda d: d["zones"][1]["geometry"].update(coordinates=[[[7.42, 43.7]]]),
            "zones[1].geometry",
        ),
        (lambda d: d["zones"][0]["geometry"].update(type="Circle"), "zones[0].geometry.type"),
        (
            lambda d: d["points"][0]["geometry"].update(coordinates=[7.42, 143.7]),
            "points[0].geometry",
        ),
        (
            lambda d: d["resources"][1]["agents"].update(municipal_police=-3),
            "resources[1].agents.municipal_police",
        ),
        (lambda d: d["zones"][3]["properties"].update(role="vip"), "zones[3].properties.role"),
        (lambda d: d.pop("authorship"), "authorship"),
        (lambda d: d["zones"][4]["properties"].update(id="sector-A"), "(document)"),
    ],
)
def test_wrong_values_are_located(mutate, where):
    data = example_data()
    mutate(data)
    assert f"Invalid scenario at {where}:" in problem(data)


def test_out_of_range_coordinates_are_named():
    data = example_data()
    data["zones"][0]["geometry"]["coordinates"][0][1] = [7.43, 95.0]
    assert "coordinates out of range" in problem(data)


def test_truncated_file():
    text = (EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json").read_text()
    assert "truncated or is not JSON" in problem(text[: len(text) // 2])


def test_not_a_vigie_document():
    assert "not a Vigie scenario" in problem({"type": "FeatureCollection", "features": []})
    assert "not a JSON object" in problem("[1, 2, 3]")


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.vigie.json"
    path.write_text(" " * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ScenarioError, match="larger than"):
        load_scenario(path)


def test_example_names_are_not_paths():
    with pytest.raises(ScenarioError, match="No bundled example"):
        load_example("../../etc/passwd")


def test_export_file_name_is_safe():
    scenario = load_example("monaco-new-year-concert")
    assert export_filename(scenario) == "concert-du-nouvel-an-place-du-casino.vigie.json"
    tricky = scenario.model_copy(update={"title": "../../etc/passwd"})
    assert "/" not in export_filename(tricky) and ".." not in export_filename(tricky)[:-11]


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_any_title_gives_a_safe_download_name(title):
    """Downloads (scenario, exports, after-action report) are named after the plan's title."""
    stem = file_stem(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) and len(stem) <= 60


def test_the_documented_example_is_a_valid_document():
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / "scenario-format.md").read_text()
    [block] = re.findall(r"```json\n(.*?)```", text, re.S)
    assert load_scenario(block).title == "Concert du Nouvel An — Place du Casino"
