"""The video-protection panel through AppTest: figures on a drawn perimeter, proposals asked
for from the panel, and the cameras layer on the map."""

from __future__ import annotations

import math

import folium
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CASINO, ROOT, square


@pytest.fixture
def app(fake_map, monaco) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    return at


def camera_markers(fake_map, source: str) -> list[folium.CircleMarker]:
    """The overlay's camera markers of one source (osm, planned, proposed)."""
    found = []
    stack = list(fake_map.calls[-1]["overlay"]._children.values())
    while stack:
        child = stack.pop()
        stack.extend(child._children.values())
        if isinstance(child, folium.CircleMarker) and f"vigie-camera-{source}" in str(
            child.options.get("className", "")
        ):
            found.append(child)
    return found


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_cameras_panel_without_perimeter(app):
    assert "Tracez le périmètre pour mesurer ce que voient les caméras." in [
        i.value for i in app.info
    ]


def test_cameras_panel_figures_and_proposals(app, fake_map):
    fake_map.draw(square(*CASINO, 120))
    app.run()
    assert not app.exception, app.exception
    assert "Vidéoprotection" in [s.value for s in app.subheader]
    before = metric(app, "Points de filtrage vus")
    assert before.endswith("%")
    assert camera_markers(fake_map, "osm")  # the casino's domes are in reach
    assert camera_markers(fake_map, "proposed") == []
    app.number_input(key="cam_propose").set_value(3).run()
    assert not app.exception, app.exception
    assert len(camera_markers(fake_map, "proposed")) == 3
    cameras = next(d.value for d in app.dataframe if "Caméra" in d.value.columns)
    proposed = cameras[cameras["Origine"] == "proposée"]
    assert list(proposed["Caméra"]) == ["X1", "X2", "X3"]
    assert all("m² de foule" in a for a in proposed["Apporte"])
    assert int(metric(app, "Points de filtrage vus").rstrip(" %")) > int(before.rstrip(" %"))
    # A stricter level sees less of the outline.
    outline = int(metric(app, "Contour vu").rstrip(" %"))
    app.selectbox(key="cam_level").set_value("identification").run()
    assert int(metric(app, "Contour vu").rstrip(" %")) <= outline


def test_cameras_panel_in_english(app, fake_map):
    fake_map.draw(square(*CASINO, 120))
    app.run()
    app.radio(key="lang").set_value("en").run()
    assert "Video protection" in [s.value for s in app.subheader]
    assert any(m.label == "Checkpoints seen" for m in app.metric)


def test_proposed_cameras_are_placed_in_the_scenario(app, fake_map):
    fake_map.draw(square(*CASINO, 120))
    app.run()
    app.number_input(key="cam_propose").set_value(2).run()
    app.button(key="cameras_keep").click().run()
    assert not app.exception, app.exception
    placed = app.session_state["scenario"].cameras
    assert [c.id for c in placed] == ["M1", "M2"]
    assert all(c.commune is None for c in placed)  # no commune lends any in this plan
    assert len(placed[0].directions) == 1
    # The placed cameras now count as the plan's (blue markers), and new proposals add to them.
    assert len(camera_markers(fake_map, "planned")) == 2
    cameras = next(d.value for d in app.dataframe if "Caméra" in d.value.columns)
    assert {"M1", "M2"} <= set(cameras["Caméra"])
    # The placed cameras' table applies with a button of its own name (the page's plain
    # "Appliquer" buttons are the editors', under the map).
    apply = app.button(key="apply-cameras")
    assert apply.label == "Appliquer les caméras"
    apply.click().run()
    assert not app.exception, app.exception
    assert app.session_state["scenario"].cameras == placed


def row(**values) -> dict:
    """A row of the placed cameras' table (as st.data_editor returns it)."""
    blank = {"id": None, "commune": None, "camera_type": None, "directions": None}
    blank |= {"fov_deg": math.nan, "range_m": math.nan, "height_m": math.nan}
    return blank | {"lon": 7.4276, "lat": 43.7393} | values


def test_placed_cameras_table_reads_directions_as_osm_does():
    from ui.cameras_view import camera_rows

    cameras = camera_rows(
        [
            row(id="M2", directions="NE;90", fov_deg=60.0),
            row(directions="45-135"),  # no id: the next free one; a 90° view
            row(camera_type="dome", range_m=40.0, height_m=3.0),
        ]
    )
    assert [c.id for c in cameras] == ["M2", "M1", "M3"]
    assert cameras[0].directions == [45.0, 90.0] and cameras[0].fov_deg == 60.0
    assert cameras[1].directions == [90.0] and cameras[1].fov_deg == 90.0
    assert cameras[1].camera_type == "fixed" and cameras[1].height_m == 5.0
    assert cameras[2].directions == [] and cameras[2].range_m == 40.0
    assert all(c.commune is None for c in cameras)


def test_placed_cameras_table_bad_direction_is_one_clear_error():
    from planner.cameras import CameraError
    from ui.cameras_view import camera_rows

    with pytest.raises(CameraError) as caught:
        camera_rows([row(id="M4", directions="north-east")])
    assert caught.value.message("fr") == (
        "Caméra M4 : directions 'north-east' incomprises ; saisissez des degrés (0 à 360) ou des "
        "lettres (N, NE, …), séparés par « ; »."
    )


def test_offers_table_keeps_the_communes_cameras(fake_map, monaco):
    from tests.test_app_staffing import concert

    at = concert(fake_map)
    before = at.session_state["scenario"]
    at.button(key="apply-resources").click().run()
    assert not at.exception, at.exception
    after = at.session_state["scenario"]
    assert after.resources == before.resources  # Monaco still lends 4, Beausoleil 2
    assert [o.equipment for o in after.resources][:2] == [{"camera": 4}, {"camera": 2}]
    assert after.cameras == before.cameras
