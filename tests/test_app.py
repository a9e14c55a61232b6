"""The Streamlit flow through AppTest, with st_folium's browser side replaced by a drawing.

AppTest runs the widgets but no JavaScript: the fake ``st_folium`` returns what Leaflet.draw
would (the drawn polygons) and records the map it was given. Drawing itself is tested in the
real browser (tests/browser).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import BOWTIE_GEOJSON, CASINO, ROOT, square


@pytest.fixture
def app(fake_map, monaco) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += (
        [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    )
    parts += [s.value for s in at.subheader] + [s.value for s in at.title]
    return "\n".join(str(p) for p in parts)


def test_opens_in_french_on_monaco(app, fake_map):
    assert "Vigie" in app.title[0].value
    assert app.subheader[0].value == "Points de filtrage"
    assert "Aucun périmètre" in texts(app)
    assert fake_map.calls[-1]["key"].startswith("map-monaco-fr")
    assert fake_map.checkpoints() == []


def test_drawing_a_perimeter_lists_its_checkpoints(app, fake_map):
    fake_map.draw(square(*CASINO, 120))
    app.run()
    assert not app.exception
    table = app.table[0].value
    assert len(table) >= 20
    assert "Avenue de Monte-Carlo" in set(table["Rue"])
    assert set(table["Type"]) == {"véhicule", "piéton"}
    assert "points de filtrage" in texts(app)
    assert len(fake_map.checkpoints()) == len(table)  # one marker per row on the map


def test_english_switch(app, fake_map):
    fake_map.draw(square(*CASINO, 120))
    app.run()
    app.radio(key="lang").set_value("en").run()
    assert app.subheader[0].value == "Checkpoints"
    assert "Street" in app.table[0].value.columns
    assert set(app.table[0].value["Kind"]) == {"vehicle", "pedestrian"}
    assert "1 × Perimeter" in texts(app)
    assert app.radio(key="source_kind-en").value == "demo"  # the choice survives the switch


def test_self_intersecting_drawing_is_repaired_and_said(app, fake_map):
    import json

    fake_map.draw(json.loads(BOWTIE_GEOJSON))
    app.run()
    assert "réparé" in " ".join(w.value for w in app.warning)
    assert len(app.table[0].value) > 0


def test_perimeter_outside_the_area_is_an_error_not_a_traceback(app, fake_map):
    fake_map.draw(square(2.35, 48.85, 200))  # Paris, while Monaco is loaded
    app.run()
    assert not app.exception
    assert "en dehors de la zone chargée" in " ".join(e.value for e in app.error)


def test_clearing_the_perimeter(app, fake_map):
    fake_map.draw(square(*CASINO, 120))
    app.run()
    fake_map.drawings.clear()
    app.button(key="zones_clear").click().run()
    assert "Aucun périmètre" in texts(app)


def test_online_area_without_network_keeps_the_current_area(app, fake_map, monkeypatch):
    import osmnx as ox

    monkeypatch.setattr(ox.settings, "nominatim_url", "http://127.0.0.1:9/")
    app.radio(key="source_kind-fr").set_value("online").run()
    app.text_input(key="online_place").input("Vieux Lyon, Lyon").run()
    app.button(key="online_load").click().run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "Pas de réseau" in errors
    assert "La zone précédente reste affichée" in texts(app)
    assert fake_map.calls[-1]["key"].startswith("map-monaco")


def test_first_load_shows_its_steps_and_loads_once(fake_map, monkeypatch, tmp_path):
    """A cold start (empty disk cache): the status steps run, no error, one load per server."""
    from ui.resources import area_registry

    monkeypatch.setenv("VIGIE_CACHE_DIR", str(tmp_path))
    area_registry.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert not at.error
    status = at.get("status")[0]
    assert "Zone : Monaco" in status.label
    steps = [child.value for child in status.children.values()]
    assert steps[0] == "Lecture des données OSM" and len(steps) == 4
    at.run()
    assert area_registry().loads == 1


def test_helsinki_demo(app, fake_map):
    app.selectbox(key="demo_id-fr").set_value("helsinki").run()
    assert not app.exception
    assert fake_map.calls[-1]["key"].startswith("map-helsinki")
