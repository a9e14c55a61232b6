"""Scenario work in the app (AppTest): open, save, conflict, history and restore, uploads."""

from __future__ import annotations

import json

import folium
import pytest
from streamlit.testing.v1 import AppTest

from scenarios.accounts import Actor, Role
from scenarios.examples import EXAMPLES_DIR
from tests.conftest import ROOT, FakeMap, square


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def open_choice(at: AppTest, value: str) -> AppTest:
    at.selectbox(key="open_choice").set_value(value).run()
    at.button(key="open_button").click().run()
    assert not at.exception, at.exception
    return at


def editable_polygons(fake_map: FakeMap) -> list[folium.Polygon]:
    fmap = fake_map.calls[-1]["map"]
    from layers.assets import walk

    return [e for e in walk(fmap) if isinstance(e, folium.Polygon)]


def successes(at: AppTest) -> str:
    return " ".join(s.value for s in at.success)


def errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_opening_an_example_shows_its_zones_as_editable_shapes(fake_map, monaco):
    at = open_choice(new_app(), "example:monaco-new-year-concert")
    assert "Ouvert" in successes(at)
    polygons = editable_polygons(fake_map)
    assert len(polygons) == 7  # perimeter, 3 sectors, stage, casino forecourt, lane
    html = fake_map.calls[-1]["map"].get_root().render()
    assert 'feature = {type: \'Feature\', properties: {"id": "sector-A"' in html.replace(
        '{"role": "sector", ', "{"
    )
    assert len(at.table[0].value) >= 20  # its perimeter's checkpoints


def test_a_choice_made_with_the_click_opens_that_choice(fake_map, monaco):
    """Choosing and clicking "Ouvrir" in one rerun (a busy server merges them) opens the choice,
    not what was selected when the button was last drawn (found by bench/load_sessions.py)."""
    at = new_app()
    # whatever is selected when the button is drawn (a stored scenario or the first example)…
    assert at.selectbox(key="open_choice").value != "example:monaco-new-year-concert"
    at.selectbox(key="open_choice").set_value("example:monaco-new-year-concert")
    at.button(key="open_button").click().run()
    assert successes(at) == "Ouvert : « Concert du Nouvel An — Place du Casino »."


def test_a_version_chosen_with_the_click_is_the_one_restored(fake_map, monaco):
    at = open_choice(new_app(), "example:helsinki-senate-square")
    for title in ("v1", "v2", "v3"):
        at.text_input(key=f"title-{at.session_state['zones_epoch']}").input(title).run()
        at.button(key="save").click().run()
    shown = at.selectbox(key="restore_choice").value
    chosen = 2 if shown == 1 else 1
    at.selectbox(key="restore_choice").set_value(chosen)
    at.button(key="restore_button").click().run()
    assert f"Version {chosen} restaurée comme version 4" in successes(at)
    assert at.session_state["scenario"].title == f"v{chosen}"


def test_save_edit_save_history_restore(fake_map, monaco):
    at = open_choice(new_app(), "example:helsinki-senate-square")
    at.text_input(key="author").input("alice").run()
    at.button(key="save").click().run()  # not stored yet: saved as a new scenario
    assert "version 1" in successes(at)
    scenario_id = at.session_state["scenario_id"]
    # draw a no-go zone: the plan changes, then save version 2
    at.radio(key="draw_role-fr").set_value("no_go").run()
    fake_map.drawings = [
        z
        for z in json.loads(
            json.dumps([z.model_dump(mode="json") for z in at.session_state["scenario"].zones])
        )
    ]
    fake_map.draw(square(24.9520, 60.1695, 20, crs="EPSG:32635"))
    at.run()
    assert [z.properties.role for z in at.session_state["scenario"].zones].count("no_go") == 1
    assert at.session_state["dirty"]
    at.text_input(key="save_comment").input("zone interdite").run()
    at.button(key="save").click().run()
    assert "version 2" in successes(at)
    # history lists both; restore version 1
    history = next(d.value for d in at.dataframe if "Version" in d.value.columns)
    assert list(history["Version"]) == [2, 1]
    assert list(history["Commentaire"])[0] == "zone interdite"
    at.selectbox(key="restore_choice").set_value(1).run()
    at.button(key="restore_button").click().run()
    assert "Version 1 restaurée comme version 3" in successes(at)
    assert at.session_state["scenario_id"] == scenario_id
    zones = at.session_state["scenario"].zones
    assert [z.properties.role for z in zones].count("no_go") == 0


def test_a_conflicting_save_is_refused_and_the_edits_are_kept(fake_map, monaco):
    first = open_choice(new_app(), "example:monaco-new-year-concert")
    first.button(key="save_as").click().run()
    scenario_id = first.session_state["scenario_id"]
    second = open_choice(new_app(), scenario_id)  # a second planner opens version 1
    assert second.session_state["base_version"] == 1
    # the first planner renames and saves version 2
    first.text_input(key=f"title-{first.session_state['zones_epoch']}").input("Plan A").run()
    first.button(key="save").click().run()
    assert "version 2" in successes(first)
    # the second planner edits the title and saves: refused, edits kept
    second.text_input(key=f"title-{second.session_state['zones_epoch']}").input("Plan B").run()
    second.button(key="save").click().run()
    assert "Non enregistré" in errors(second) and "Vos modifications sont conservées" in errors(
        second
    )
    assert second.session_state["scenario"].title == "Plan B"
    assert second.session_state["dirty"] and second.session_state["base_version"] == 1
    # … and can keep them as a new scenario
    second.button(key="save_as").click().run()
    assert second.session_state["scenario_id"] != scenario_id


def test_importing_and_exporting_a_scenario_file(fake_map, monaco):
    at = new_app()
    content = (EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json").read_bytes()
    at.file_uploader(key="scenario_upload").upload(
        "exercise.json", content, "application/json"
    ).run()
    assert "Importé" in successes(at)
    assert at.session_state["scenario"].kind == "exercise"
    exported = at.get("download_button")
    assert exported, "an export button"


@pytest.mark.parametrize(
    "content, expected",
    [
        (b'{"format": "vigie.scenario", "version": 2, "kind": "ev', "tronqué"),
        (b'{"format": "vigie.scenario", "version": 9}', "version plus récente"),
        (b"\x89PNG\r\n\x1a\n", "tronqué"),
    ],
)
def test_bad_scenario_files_are_refused_and_the_plan_kept(fake_map, monaco, content, expected):
    at = open_choice(new_app(), "example:monaco-new-year-concert")
    before = at.session_state["scenario"]
    at.file_uploader(key="scenario_upload").upload("bad.json", content, "application/json").run()
    assert expected in errors(at)
    assert at.session_state["scenario"] == before


def test_bad_osm_upload_is_a_clear_message(fake_map, monaco):
    at = new_app()
    at.radio(key="source_kind-fr").set_value("file").run()
    at.file_uploader(key="osm_upload").upload("carte.osm", b"<html>not a map</html>").run()
    assert "pas une donnée OpenStreetMap" in errors(at)
    assert not at.exception


def test_importing_zones_from_geojson(fake_map, monaco):
    at = new_app()
    at.radio(key="draw_role-fr").set_value("perimeter").run()
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": square(7.4283, 43.7393, 100)}
        ],
    }
    at.file_uploader(key="zones_upload").upload(
        "perimetre.geojson", json.dumps(collection).encode()
    ).run()
    assert "importée" in successes(at)
    assert len(editable_polygons(fake_map)) == 1
    assert len(at.table[0].value) > 10
    at.file_uploader(key="zones_upload").upload("broken.geojson", b'{"type": "Feat').run()
    assert "GeoJSON valide" in errors(at)


def test_an_uploaded_osm_file_becomes_the_plans_area(fake_map, monaco_xml):
    at = new_app()
    at.radio(key="source_kind-fr").set_value("file").run()
    at.file_uploader(key="osm_upload").upload("monaco.osm", monaco_xml.read_bytes()).run()
    assert not at.exception and not at.error
    assert fake_map.calls[-1]["key"].startswith("map-file-")
    area = at.session_state["scenario"].area
    assert area.kind == "file" and area.file_name == "monaco.osm" and len(area.file_sha256) == 64
    # saved and reopened, the plan finds its file again by content
    at.button(key="save_as").click().run()
    again = open_choice(new_app(), at.session_state["scenario_id"])
    assert fake_map.calls[-1]["key"].startswith("map-file-")
    assert not again.warning


def test_a_plan_whose_osm_file_is_missing_says_so(fake_map, monaco):
    from scenarios.examples import load_example
    from scenarios.model import AreaRef
    from ui.session import scenario_store

    plan = load_example("monaco-new-year-concert")
    plan = plan.model_copy(
        update={"area": AreaRef(kind="file", file_name="lille.osm.pbf", file_sha256="ab" * 32)}
    )
    stored = scenario_store().create(plan, Actor("alice", Role.PLANNER, demo=True))
    at = open_choice(new_app(), stored.scenario_id)
    assert "Fichier OSM introuvable" in " ".join(w.value for w in at.warning)
    assert fake_map.calls[-1]["key"].startswith("map-monaco")


def event_form_button(at):
    return next(b for b in at.form_submit_button if b.label == "Appliquer")


def test_event_form_edits_the_plan_and_refuses_an_end_before_the_start(fake_map, monaco):
    at = open_choice(new_app(), "example:monaco-new-year-concert")
    attendance = next(n for n in at.number_input if "Affluence" in n.label)
    attendance.set_value(15000)
    event_form_button(at).click().run()
    assert at.session_state["scenario"].event.peak_attendance == 15000
    assert at.session_state["dirty"]
    end_date = next(d for d in at.date_input if d.label == "Fin (date)")
    end_date.set_value(at.session_state["scenario"].event.start.date().replace(year=2020))
    event_form_button(at).click().run()
    assert "Modification refusée" in errors(at)
    assert at.session_state["scenario"].event.end.year == 2027  # the plan kept its valid end


def _retitle(at, title: str):
    at.text_input(key=f"title-{at.session_state.zones_epoch}").input(title).run()
    assert at.session_state["dirty"]
    return at


def _asked(at) -> bool:
    return any("modifications non enregistrées" in w.value for w in at.warning)


@pytest.mark.parametrize("action", ["new", "open", "import", "restore"])
def test_unsaved_edits_are_never_replaced_without_asking(fake_map, monaco, action):
    """New, Open, Import and Restore on a modified plan ask first: keeping the edits drops the
    action, going on replaces the plan."""
    at = open_choice(new_app(), "example:monaco-new-year-concert")
    if action == "restore":  # a stored plan with two versions, then an edit
        at.button(key="save").click().run()
        _retitle(at, "version 2")
        at.button(key="save").click().run()
        at.selectbox(key="restore_choice").set_value(1)
    _retitle(at, "mes modifications")

    def act(at):
        if action == "new":
            at.button(key="new").click().run()
        elif action == "open":
            at.selectbox(key="open_choice").set_value("example:helsinki-senate-square")
            at.button(key="open_button").click().run()
        elif action == "import":
            content = (EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json").read_bytes()
            at.file_uploader(key="scenario_upload").upload("x.json", content, "application/json")
            at.run()
        else:
            at.button(key="restore_button").click().run()
        return at

    act(at)
    assert _asked(at) and at.session_state["scenario"].title == "mes modifications"
    at.button(key="unsaved_keep").click().run()
    assert not _asked(at) and at.session_state["scenario"].title == "mes modifications"
    if action == "import":  # the same file again: a new upload event
        at.file_uploader(key="scenario_upload").clear().run()
    act(at)
    assert _asked(at)
    at.button(key="unsaved_replace").click().run()
    assert not _asked(at) and not at.exception
    assert at.session_state["scenario"].title != "mes modifications"
    assert not at.session_state["dirty"]
