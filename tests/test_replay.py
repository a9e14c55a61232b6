"""Exercise replay on the bundled Monaco examples: state from injects, rerouting, CLI, errors."""

from __future__ import annotations

import json

import pytest

from planner import pipeline
from planner.errors import HazardError, ReplayError
from planner.replay import check_exercise, clock, frame_at, parse_clock, situation_at
from scenarios import convert
from scenarios.examples import EXAMPLES_DIR, load_example

from .conftest import example_data, run_cli

GAS = EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json"


@pytest.fixture(scope="module")
def gas(monaco):
    planned = convert.planning(load_example("monaco-gas-leak-port"), monaco)
    return pipeline.exercise(monaco, planned), pipeline.frame(monaco, planned, 0)


def test_the_state_follows_the_injects(gas):
    exercise, _ = gas
    assert situation_at(exercise, 299).active_hazards == ()  # added by the 05:00 inject
    at_5 = situation_at(exercise, 300)
    assert at_5.active_hazards == ("gas-1",) and len(at_5.fired) == 2
    assert situation_at(exercise, 900).closed_streets == ("Boulevard Albert 1er",)
    assert situation_at(exercise, 1200).evacuating == ("sector-A",)
    assert situation_at(exercise, 5400).active_hazards == ()  # cleared
    assert situation_at(exercise, 5700).closed_streets == ()  # reopened


def test_rerouted_emergency_routes_avoid_the_hazard(monaco, gas):
    exercise, start = gas
    frame = frame_at(monaco, exercise, 1200, start.baseline)
    (hazard,) = frame.hazards
    footprint = hazard.zones.footprint
    # the plan alone sends the Condamine fire engines through the leak's zone …
    before = [r for s in start.emergency.sectors for r in s.routes]
    assert any(r.line.intersects(footprint.buffer(-1)) for r in before)
    # … during the leak no emergency route enters it, and the detour costs time
    after = [r for s in frame.emergency.sectors for r in s.routes]
    assert after and not any(r.line.intersects(footprint.buffer(-1)) for r in after)
    times = frame.route_times()
    fire_a_before, fire_a_now = times["A"]["fire_station"]
    assert fire_a_now > fire_a_before + 60
    # the evacuation of sector A is routed, on foot, around the zone too
    (evacuation,) = frame.evacuation
    assert evacuation.origin == "A" and not evacuation.line.intersects(footprint.buffer(-1))


def test_a_closed_street_is_closed_by_name(monaco, gas):
    exercise, start = gas
    frame = frame_at(monaco, exercise, 900, start.baseline)
    drive = monaco.routing("drive")
    on_albert = {i for i, n in enumerate(drive.name) if n == "Boulevard Albert 1er"}
    used = {e for s in frame.emergency.sectors for r in s.routes for e in r.edges}
    assert on_albert and not (used & on_albert)


def test_exposure_of_the_leak(monaco, gas):
    exercise, start = gas
    frame = frame_at(monaco, exercise, 300, start.baseline)
    (hazard,) = frame.hazards
    assert hazard.zones.radius_m == 50
    assert hazard.zones.screening_estimate and hazard.zones.plume["lel_10"].area > 0
    assert hazard.exposure.buildings > 0 and hazard.exposure.people_estimate > 0
    assert "Avenue du Port" in hazard.exposure.closed_streets


@pytest.mark.parametrize(
    ("text", "seconds"), [("00:00", 0), ("20:00", 1200), ("95:30", 5730), ("1:35:00", 5700)]
)
def test_clock_round_trip(text, seconds):
    assert parse_clock(text) == seconds
    assert parse_clock(clock(seconds)) == seconds


@pytest.mark.parametrize("text", ["20", "20:61", "-1:00", "abc", "1:2:3:4", ""])
def test_bad_times_are_refused(text):
    with pytest.raises(ReplayError, match="MM:SS"):
        parse_clock(text)


def test_replay_cli_prints_the_state(monaco, tmp_path):
    summary = tmp_path / "retex.md"
    done = run_cli("replay", str(GAS), "--at", "20:00", "--summary", str(summary))
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout)
    assert state["at"] == "20:00" and len(state["injects"]) == 5
    (hazard,) = state["hazards"]
    assert hazard["kind"] == "gas_leak" and hazard["radius_m"] == 50
    assert hazard["buildings"] > 0 and hazard["people_estimate"] > 0
    assert "Boulevard Albert 1er" in state["closed_streets"]
    kinds = {f["properties"]["kind"] for f in state["routes"]["features"]}
    assert kinds == {"emergency", "evacuation"}
    text = summary.read_text()
    assert "# Retour d'expérience" in text and "| 15:00 |" in text and "→" in text


def test_replay_cli_before_and_after(monaco):
    before = json.loads(run_cli("replay", str(GAS), "--at", "04:59").stdout)
    assert before["hazards"] == [] and before["closed_streets"] == []
    after = json.loads(run_cli("replay", str(GAS), "--at", "95:00").stdout)
    assert after["hazards"] == [] and after["closed_streets"] == []
    assert len(after["injects"]) == 8


def test_the_second_example_secures_a_building(monaco):
    done = run_cli(
        "replay", str(EXAMPLES_DIR / "monaco-suspicious-package-casino.vigie.json"), "--at", "07:00"
    )
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout)
    (hazard,) = state["hazards"]
    assert hazard["kind"] == "security_perimeter" and hazard["radius_source"] == "building"
    assert hazard["public_estimate"] > 0 and "C" in hazard["sectors"]
    assert state["closed_checkpoints"] == ["P8", "P7"] and state["evacuating"] == ["sector-C"]


def _gas_with(tmp_path, change) -> str:
    doc = example_data("monaco-gas-leak-port")
    change(doc)
    path = tmp_path / "exercise.vigie.json"
    path.write_text(json.dumps(doc))
    return str(path)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["hazards"][0]["parameters"].update(wind_speed_m_s=0), "wind speed"),
        (lambda d: d["hazards"][0]["parameters"].update(stability_class="G"), "G"),
        (lambda d: d["hazards"][0].update(location={"lon": 24.95, "lat": 60.17}), "outside"),
        (lambda d: d["injects"][1]["effect"].update(target="gas-9"), "gas-9"),
        (lambda d: d["injects"][0].update(at_s=-60), "before the exercise start"),
    ],
)
def test_bad_exercises_get_one_clear_line(monaco, tmp_path, change, expected):
    done = run_cli("replay", _gas_with(tmp_path, change), "--at", "10:00")
    assert done.returncode == 2, done.stdout
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_after_action_summary_in_english(monaco, gas):
    planned = convert.planning(load_example("monaco-gas-leak-port"), monaco)
    text = pipeline.after_action(monaco, planned, "Gas leak", "en")
    assert text.startswith("# After-action summary — Gas leak")
    assert "Emergency response times" in text and "Sector A: evacuation ordered at 20:00" in text


def test_hazard_errors_are_planner_errors(monaco, gas):
    from dataclasses import replace

    exercise, _ = gas
    (timed,) = exercise.hazards
    spec = replace(timed.spec, parameters={**timed.spec.parameters, "wind_speed_m_s": 0})
    broken = replace(exercise, hazards=(replace(timed, spec=spec),))
    with pytest.raises(HazardError):
        check_exercise(monaco, broken)
