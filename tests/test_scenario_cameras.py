"""Scenario format version 5: placed mobile cameras and the communes' pooled cameras."""

from __future__ import annotations

import json

import pytest

from scenarios import convert
from scenarios.document import dump_scenario, load_scenario
from scenarios.errors import ScenarioError
from scenarios.model import CURRENT_VERSION

from .conftest import example_data


def version_4_document() -> dict:
    """The concert as a version-4 document (before cameras and equipment)."""
    data = example_data()
    data["version"] = 4
    data.pop("cameras")
    for offer in data["resources"]:
        offer.pop("equipment", None)
    return data


def problem(data: dict) -> str:
    with pytest.raises(ScenarioError) as err:
        load_scenario(json.dumps(data))
    return str(err.value)


def test_version_4_documents_are_migrated_with_no_camera():
    scenario = load_scenario(json.dumps(version_4_document()))
    assert scenario.version == CURRENT_VERSION
    assert scenario.cameras == []
    assert all(o.equipment == {} for o in scenario.resources)


def test_concert_places_a_commune_camera(monaco):
    scenario = load_scenario(json.dumps(example_data()))
    assert convert.camera_offers(scenario) == {
        "Monaco": 4,
        "Beausoleil": 2,
        "Cap-d'Ail": 0,
        "Roquebrune-Cap-Martin": 0,
        "La Turbie": 0,
    }
    (camera,) = convert.planned_cameras(scenario, monaco)
    assert (camera.id, camera.source, camera.commune, camera.directions) == (
        "M1",
        "planned",
        "Monaco",
        (60.0,),
    )
    assert load_scenario(dump_scenario(scenario)) == scenario


def test_a_commune_places_no_more_cameras_than_it_lends():
    data = example_data()
    base = data["cameras"][0]
    data["cameras"] = [base | {"id": f"M{i}", "commune": "Beausoleil"} for i in range(1, 4)]
    assert "3 cameras of 'Beausoleil' placed, but it lends 2" in problem(data)


def test_camera_of_an_unknown_commune_or_duplicate_ids_refused():
    data = example_data()
    data["cameras"][0]["commune"] = "Nice"
    assert "camera of 'Nice', which offers nothing" in problem(data)
    data = example_data()
    data["cameras"] = data["cameras"] * 2
    assert "duplicate camera ids: M1" in problem(data)


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("directions", [400], "cameras[0].directions[0]"),
        ("fov_deg", 0, "cameras[0].fov_deg"),
        ("camera_type", "drone", "cameras[0].camera_type"),
        ("id", "M 1<script>", "cameras[0].id"),
        ("height_m", 1000, "cameras[0].height_m"),
    ],
)
def test_bad_camera_values_are_located(field, value, where):
    data = example_data()
    data["cameras"][0][field] = value
    message = problem(data)
    assert where in message and "\n" not in message
