"""The area panel's regional-extract path (AppTest): a file offered on the server
(VIGIE_EXTRACTS_DIR) or uploaded, clipped to a commune or a box, becomes the plan's area; a bad
clip is one message and the plan stays where it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.extracts import EXTRACTS_ENV
from tests.test_app_scenarios import errors, new_app, successes
from tests.test_extracts import BOX3_TEXT


@pytest.fixture
def offered(tmp_path: Path, monkeypatch, regional_pbf: Path) -> Path:
    """A directory of server extracts holding the regional file, named in VIGIE_EXTRACTS_DIR."""
    folder = tmp_path / "extracts"
    folder.mkdir()
    shutil.copyfile(regional_pbf, folder / "copies-maritimes.osm.pbf")
    monkeypatch.setenv(EXTRACTS_ENV, str(folder))
    return folder


def extract_panel(at: AppTest) -> AppTest:
    return at.radio(key="source_kind-fr").set_value("extract").run()


def clip(at: AppTest, commune: str = "", bbox: str = "") -> AppTest:
    at.text_input(key="extract_commune").input(commune)
    at.text_input(key="extract_bbox").input(bbox)
    return at.button(key="extract_load").click().run()


def test_a_server_extract_clipped_to_a_commune_becomes_the_plans_area(fake_map, monaco, offered):
    at = extract_panel(new_app())
    assert at.selectbox(key="extract_file-fr").value == "copies-maritimes.osm.pbf"
    clip(at, commune="sainte agnès sur grille")
    assert not at.exception and not at.error
    assert "Extrait découpé : Sainte-Agnès-sur-Grille (copies-maritimes.osm.pbf)" in successes(at)
    assert fake_map.calls[-1]["key"].startswith("map-file-")
    area = at.session_state["scenario"].area
    source = at.session_state["area_source"]
    assert area.kind == "file" and area.file_sha256 == Path(source.ref).name
    assert area.file_name == "Sainte-Agnès-sur-Grille (copies-maritimes.osm.pbf)"
    status = at.get("status")[-1]  # the main area's load of the clip, as for any area
    assert "Zone : Sainte-Agnès-sur-Grille" in status.label


def test_an_uploaded_extract_clipped_to_a_box(fake_map, monaco, regional_pbf, monkeypatch):
    monkeypatch.delenv(EXTRACTS_ENV, raising=False)
    at = extract_panel(new_app())
    assert "extract_file-fr" not in [s.key for s in at.selectbox]  # no server file: upload only
    clip(at, bbox=BOX3_TEXT)
    assert "Choisissez d'abord le fichier de l'extrait" in errors(at)
    at.file_uploader(key="extract_upload-0").upload("dept.osm.pbf", regional_pbf.read_bytes())
    clip(at, bbox=BOX3_TEXT)
    assert not at.exception and not at.error, errors(at)
    assert fake_map.calls[-1]["key"].startswith("map-file-")
    assert at.session_state["scenario"].area.file_name.endswith("(dept.osm.pbf)")
    # once stored and clipped, the upload is let go (a fresh, empty uploader)
    assert at.file_uploader(key="extract_upload-1").value is None


def test_an_unknown_commune_is_one_message_with_close_names(
    fake_map, monaco, offered, tmp_path, monkeypatch
):
    monkeypatch.setenv("VIGIE_CACHE_DIR", str(tmp_path / "cache"))  # the boundaries read anew
    at = extract_panel(new_app())
    before = at.session_state["scenario"].area
    clip(at, commune="Sainte-Agnes")
    assert not at.exception
    assert errors(at) == (
        "Aucune commune nommée 'Sainte-Agnes' dans ce fichier ; noms proches : "
        "Sainte-Agnès-sur-Grille."
    )
    assert at.session_state["scenario"].area == before
    assert fake_map.calls[-1]["key"].startswith("map-monaco")
    # the clip's status box: failed, with the steps it went through
    (status,) = [s for s in at.get("status") if s.label == "Le découpage a échoué"]
    steps = [child.value for child in status.children.values() if hasattr(child, "value")]
    assert steps[-2:] == ["Identification du fichier", "Lecture des limites communales"]


def test_a_withdrawn_server_file_is_no_longer_offered(fake_map, monaco, offered):
    shutil.copyfile(offered / "copies-maritimes.osm.pbf", offered / "rhone.osm.pbf")
    at = extract_panel(new_app())
    at.selectbox(key="extract_file-fr").set_value("rhone.osm.pbf").run()
    (offered / "rhone.osm.pbf").unlink()  # the administrator takes it away
    at.run()
    assert not at.exception
    box = at.selectbox(key="extract_file-fr")
    assert box.options == ["copies-maritimes.osm.pbf", "Téléverser un fichier…"]
    assert box.value == "copies-maritimes.osm.pbf"
