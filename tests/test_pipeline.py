"""The one plan pipeline: cached by content, and the app, CLI, replay and exports agree."""

from __future__ import annotations

import json

import pytest

from planner import PlanInputs, pipeline
from planner.exercise_report import frame_state
from planner.inputs import canonical
from planner.perimeter import perimeter_polygons
from scenarios import convert
from scenarios.examples import EXAMPLES_DIR, load_example

from .conftest import CASINO, run_cli, square


@pytest.fixture
def gas():
    return load_example("monaco-gas-leak-port")


def test_equal_inputs_share_a_key_and_any_change_makes_another(gas):
    inputs = convert.plan_inputs(gas)
    assert convert.plan_inputs(load_example("monaco-gas-leak-port")).key() == inputs.key()
    gas.event.peak_attendance += 1
    assert convert.plan_inputs(gas).plan_key() != inputs.plan_key()
    assert canonical({"b": 1, "a": (1.5, b"\x01")}) == {"a": [1.5, "01"], "b": 1}


def test_a_rerun_computes_nothing_and_an_inject_edit_keeps_the_plan(monaco, gas):
    first = convert.planning(gas, monaco)
    plans = pipeline._PLANS.computed
    again = convert.planning(load_example("monaco-gas-leak-port"), monaco)
    assert again.plan is first.plan and pipeline._PLANS.computed == plans
    gas.injects[0].message = "Autre message"
    edited = convert.planning(gas, monaco)
    assert edited.key != first.key and edited.plan is first.plan
    assert pipeline._PLANS.computed == plans
    # a replay step between two injects reuses the frame computed for the first time
    pipeline.frame(monaco, edited, 300)
    frames = pipeline._FRAMES.computed
    assert pipeline.frame(monaco, edited, 360).situation.at_s == 360
    assert pipeline._FRAMES.computed == frames


def test_the_replay_builds_on_the_plans_own_routes(monaco, gas):
    planned = convert.planning(gas, monaco)
    frame = pipeline.frame(monaco, planned, 0)
    assert frame.baseline is planned.plan.access.emergency
    # the summary reads the replay's cached frames: no frame computed twice
    pipeline.frame(monaco, planned, 1200)
    computed = pipeline._FRAMES.computed
    pipeline.after_action(monaco, planned, gas.title, "en")
    assert pipeline._FRAMES.computed <= computed + len(planned.inputs.injects) + 1
    before = pipeline._FRAMES.computed
    pipeline.after_action(monaco, planned, gas.title, "fr")
    assert pipeline._FRAMES.computed == before


def test_without_drawn_sectors_replay_and_exports_agree_with_the_plan(monaco):
    """The plan treats the perimeter as sector A: so do the replay and the exports (the replay
    used to see no sector: no route times, and no spectators exposed)."""
    casino = load_example("monaco-suspicious-package-casino")
    casino.zones = [z for z in casino.zones if z.properties.role != "sector"]
    casino.injects = [
        i for i in casino.injects if not (i.effect and i.effect.action == "evacuate_sector")
    ]
    planned = convert.planning(casino, monaco)
    assert [s.name for s in planned.plan.staffing.sectors] == ["A"]
    frame = pipeline.frame(monaco, planned, 420)  # 07:00: the package is being dealt with
    assert set(frame.route_times()) == {"A"}
    (hazard,) = frame.hazards
    view = pipeline.exercise_view(monaco, planned)
    (drawn,) = view.hazards
    assert hazard.exposure.public_estimate == drawn.exposure.public_estimate > 0


def test_the_cli_routes_of_a_perimeter_go_to_the_sector_the_app_shows(monaco, tmp_path):
    perimeter = tmp_path / "p.geojson"
    perimeter.write_text(json.dumps(square(*CASINO, 120)))
    done = run_cli(
        "routes", "--area", "monaco", "--perimeter", str(perimeter), "--kind", "emergency"
    )
    assert done.returncode == 0, done.stderr
    destinations = {f["properties"]["to"] for f in json.loads(done.stdout)["features"]}
    inputs = PlanInputs.of_perimeter(perimeter_polygons(perimeter.read_bytes()))
    planned = pipeline.planning(monaco, inputs)
    assert destinations == {"A"} == {s.sector for s in planned.plan.access.emergency.sectors}


def test_the_cli_replay_is_the_apps_frame(monaco):
    scenario = load_example("monaco-gas-leak-port")
    done = run_cli("replay", str(EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json"), "--at", "20:00")
    assert done.returncode == 0, done.stderr
    planned = convert.planning(scenario, monaco)
    app = frame_state(pipeline.frame(monaco, planned, 1200), monaco.crs)
    assert json.loads(done.stdout) == json.loads(json.dumps(app))


def test_an_attendance_edit_reuses_the_routing_and_gives_the_uncached_plan(monaco):
    from planner import access_ground, evacuation, plan_stages
    from planner.memo import content_key

    concert = load_example("monaco-new-year-concert")
    first = convert.planning(concert, monaco)
    counts = [m.computed for m in (plan_stages._ROUTING, evacuation._GROUND, access_ground._GROUND)]
    concert.event.peak_attendance += 4000
    concert.staffing.density_p_m2 = 1.5
    edited = convert.planning(concert, monaco)
    assert edited.plan is not first.plan
    assert edited.plan.staffing.capacity != first.plan.staffing.capacity
    # the routing, the sectors' ground and the accesses' ground are the first plan's
    assert edited.plan.access.emergency is first.plan.access.emergency
    assert edited.plan.access.evacuation == first.plan.access.evacuation
    assert counts == [
        m.computed for m in (plan_stages._ROUTING, evacuation._GROUND, access_ground._GROUND)
    ]

    def content(planning):
        made = planning.plan
        return content_key(
            made.staffing, made.pooling, made.roles.accesses, made.access.approach, ordered=True
        )

    cached = content(edited)
    pipeline.clear_caches()
    assert content(convert.planning(concert, monaco)) == cached  # as computed from nothing


def test_video_coverage_is_a_pipeline_step_the_app_cli_and_exports_share(monaco):
    concert = load_example("monaco-new-year-concert")
    planned = convert.planning(concert, monaco)
    first = convert.video(concert, monaco, planned)
    scenes, videos = pipeline._SCENES.computed, pipeline._VIDEO.computed
    assert convert.video(load_example("monaco-new-year-concert"), monaco, planned) is first
    assert (pipeline._SCENES.computed, pipeline._VIDEO.computed) == (scenes, videos)
    # an attendance edit moves the queues (new coverage) but keeps the perimeter's scene
    concert.event.peak_attendance += 4000
    bigger = convert.planning(concert, monaco)
    again = convert.video(concert, monaco, bigger)
    assert pipeline._SCENES.computed == scenes
    # ... and what the cameras see: only the targets' figures are new
    assert again.final.views is first.final.views
    assert again.final.views_on_ground() == first.final.views_on_ground()
    assert again.existing.summary()["usable_m2"] == first.existing.summary()["usable_m2"]
    # the exports draw the same coverage
    layers = convert.export_layers(concert, monaco, bigger)
    assert layers.cameras["cameras"].equals(again.export_frames(monaco.crs)["cameras"])
