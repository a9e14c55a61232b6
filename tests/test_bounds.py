"""Bounds where a number drives work, and inputs that must fail fast with one clear line.

Exercise times (at most 7 days), every inject parameter, the vertices of a perimeter before its
repair, a perimeter covering the world, files read at most limit + 1 bytes (a link to /dev/zero),
read-only commands that never create a store, NaN parameters, and the store's size round trip:
what the store accepts it can always reopen, and a scenario exported by the app re-imports.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import shapely

from planner import pipeline
from planner.errors import PerimeterError, ReplayError
from planner.perimeter import (
    MAX_REPAIR_POINTS,
    make_perimeter,
    parse_perimeter,
    place_on_area,
    read_perimeter,
)
from planner.replay import MAX_EXERCISE_S, check_exercise, parse_clock
from scenarios import convert
from scenarios.accounts import Actor, Role
from scenarios.document import MAX_DOCUMENT_BYTES, dump_scenario, load_scenario
from scenarios.errors import ScenarioError
from scenarios.examples import load_example
from scenarios.model import Inject
from tests.conftest import example_data, run_cli
from tests.test_replay import _gas_with

# --- exercise times ------------------------------------------------------------------------


def test_an_exercise_time_is_at_most_seven_days():
    assert parse_clock("10080:00") == MAX_EXERCISE_S == 7 * 24 * 3600
    for text in ("100000000:00", "10080:01", "9" * 5000 + ":00"):
        with pytest.raises(ReplayError) as err:
            parse_clock(text)
        assert "\n" not in err.value.message("fr")


def test_a_stored_inject_after_seven_days_is_refused(tmp_path):
    path = _gas_with(tmp_path, lambda d: d["injects"][-1].update(at_s=100_000_000 * 60))
    with pytest.raises(ScenarioError, match="at most 7 days"):
        load_scenario(Path(path))
    done = run_cli("replay", path, "--at", "10:00")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "7 days" in done.stderr and "Traceback" not in done.stderr


def test_check_exercise_bounds_times_built_outside_the_model(monaco):
    doc = load_example("monaco-gas-leak-port")
    exercise = pipeline.exercise(monaco, convert.planning(doc, monaco))
    late = replace(exercise.injects[0], at_s=MAX_EXERCISE_S + 60)
    with pytest.raises(ReplayError, match="more than 7 days"):
        check_exercise(monaco, replace(exercise, injects=(late, *exercise.injects[1:])))


# --- inject parameters ---------------------------------------------------------------------


def _move(parameters: dict):
    def change(doc: dict) -> None:
        doc["injects"].append(
            {
                "at_s": 600,
                "message": "Élargir le périmètre",
                "from": "PC",
                "to": "Police",
                "effect": {"action": "move_perimeter", "parameters": parameters},
            }
        )

    return change


@pytest.mark.parametrize(
    "parameters",
    [{"dx_m": "10,5"}, {"dx_m": "ten"}, {"dx_m": "NaN"}, {"buffer_m": 1e9}, {"radius": 5}],
)
def test_every_move_perimeter_parameter_is_checked(monaco, tmp_path, parameters):
    done = run_cli("replay", _gas_with(tmp_path, _move(parameters)), "--at", "20:00")
    assert done.returncode == 2, done.stdout
    (line,) = done.stderr.strip().splitlines()
    assert "move_perimeter" in line and "Traceback" not in done.stderr


def test_a_nan_parameter_is_never_stored(tmp_path):
    path = tmp_path / "nan.vigie.json"
    data = json.dumps(example_data("monaco-gas-leak-port")).replace(
        '"wind_speed_m_s": 3', '"wind_speed_m_s": NaN'
    )
    path.write_text(data)
    with pytest.raises(ScenarioError, match="NaN is not a JSON number"):
        load_scenario(path)
    doc = load_example("monaco-gas-leak-port")
    hazard = doc.hazards[0].model_copy(update={"parameters": {"wind_speed_m_s": math.nan}})
    with pytest.raises(ValueError, match="finite"):
        type(doc).model_validate({**doc.to_json_dict(), "hazards": [hazard.model_dump()]})
    move = Inject.model_validate(
        {"at_s": 0, "message": "m", "from": "a", "to": "b", "effect": {"action": "move_perimeter"}}
    )
    assert move.effect is not None


def test_the_app_says_a_bad_inject_parameter_in_one_message(fake_map, monaco):
    from tests.test_app_scenarios import new_app, open_choice
    from ui.session import scenario_store

    data = example_data("monaco-gas-leak-port")
    _move({"dx_m": "ten"})(data)
    stored = scenario_store().create(
        load_scenario(data), Actor("planificateur", Role.PLANNER, demo=True)
    )
    at = open_choice(new_app(), stored.scenario_id)
    assert not at.exception
    assert any("move\\_perimeter" in e.value and "dx\\_m" in e.value for e in at.error)


# --- perimeters ----------------------------------------------------------------------------


def _random_outline(points: int) -> shapely.Polygon:
    rng = np.random.default_rng(0)
    return shapely.Polygon(
        np.column_stack([7.42 + rng.random(points) * 0.01, 43.73 + rng.random(points) * 0.01])
    )


def test_a_crossing_outline_is_repaired_up_to_the_bound():
    """The worst case at the bound (random points, ~60,000 crossings) is repaired: 0.5-0.7 s on
    this machine, measured by bench/bench_perimeter_repair.py."""
    perimeter = make_perimeter([_random_outline(MAX_REPAIR_POINTS - 1)])  # closed: 500 points
    assert perimeter.notices and perimeter.polygon.is_valid


def test_a_crossing_outline_over_the_bound_is_refused_before_any_repair():
    started = time.perf_counter()
    with pytest.raises(PerimeterError, match="crosses itself and has 5,001 points"):
        make_perimeter([_random_outline(5_000)])  # make_valid would take minutes
    assert time.perf_counter() - started < 1.0
    valid = shapely.Point(7.42, 43.73).buffer(0.01, quad_segs=5_000)  # 20,000 points, valid
    assert make_perimeter([valid]).polygon.is_valid


def test_a_stored_crossing_zone_over_the_bound_is_refused(tmp_path):
    data = example_data("monaco-new-year-concert")
    ring = list(_random_outline(MAX_REPAIR_POINTS + 100).exterior.coords)
    data["zones"][0]["geometry"]["coordinates"] = [ring]
    with pytest.raises(ScenarioError, match="crosses itself"):
        load_scenario(data)


def test_a_world_covering_perimeter_says_what_is_wrong(monaco):
    world = parse_perimeter(
        json.dumps(
            {
                "type": "Polygon",
                "coordinates": [[[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]]],
            }
        )
    )
    with pytest.raises(PerimeterError) as err:
        place_on_area(world, monaco)
    message = err.value.message("en")
    assert "360° of longitude" in message and "outside the loaded area" not in message


# --- files and stores ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "checkpoints"])
def test_a_link_to_dev_zero_fails_fast(tmp_path, command):
    link = tmp_path / "zero.json"
    os.symlink("/dev/zero", link)
    args = (
        ["validate", str(link)]
        if command == "validate"
        else ["checkpoints", "--area", "monaco", "--perimeter", str(link)]
    )
    started = time.perf_counter()
    done = run_cli(*args)
    assert time.perf_counter() - started < 20  # the interpreter's start, not a read to OOM
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "not a regular file" in line


def test_a_file_over_the_limit_is_read_no_further(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(8 * 2**30)  # 8 GB, sparse: reading it whole would exhaust the memory
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match="larger than 5 MB"):
        load_scenario(big)
    with pytest.raises(PerimeterError, match="larger than 5 MB"):
        read_perimeter(big)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    "args",
    [["scenarios"], ["accounts", "list"], ["accounts", "role", "alice", "planner"]],
)
def test_read_only_commands_never_create_a_store(tmp_path, args):
    typo = tmp_path / "typo" / "scenarois.sqlite3"
    done = run_cli(*args, "--store", str(typo))
    assert done.returncode == 2
    assert "No scenario store at" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not typo.exists() and not typo.parent.exists()


def _sized(target: int):
    """The concert plan grown with injects to exactly ``target`` bytes of stored form."""
    doc = load_example("monaco-new-year-concert")
    base = len(dump_scenario(doc).encode())
    inject = {"at_s": 0, "message": "", "from": "PC", "to": "Police"}
    empty = len(json.dumps(inject, separators=(",", ":")))
    injects, room = [], target - base
    while room > 0:
        cost = empty + (1 if injects else 0)  # a comma between array items
        length = min(4000, room - cost)
        injects.append(Inject.model_validate({**inject, "message": "x" * length}))
        room -= cost + length
    sized = doc.model_copy(update={"injects": injects})
    assert len(dump_scenario(sized).encode()) == target
    return sized


def test_what_the_store_accepts_it_reopens_and_an_export_reimports(store):
    store.add_account("alice", "planner", sso=True)
    alice = Actor("alice", Role.PLANNER)
    at_limit = _sized(MAX_DOCUMENT_BYTES - 300)  # the authorship stamp adds a little
    sid = store.create(at_limit, alice).scenario_id
    reopened, _ = store.open(sid)
    assert reopened.injects == at_limit.injects
    exported = dump_scenario(reopened)  # the app's export button
    assert load_scenario(exported.encode()).injects == at_limit.injects  # the app's import
    store.save(sid, reopened, alice, base_version=1)
    assert store.open(sid)[0].injects == at_limit.injects
    with pytest.raises(ScenarioError, match="larger than 5 MB"):
        store.create(_sized(MAX_DOCUMENT_BYTES + 1), alice)
    assert [s.scenario_id for s in store.list()] == [sid]  # nothing half-stored


def test_documents_are_stored_compact(store):
    doc = load_example("monaco-new-year-concert")
    text = dump_scenario(doc)
    assert "\n  " not in text and ", " not in text.split('"title"')[0]
    assert len(text) < len(json.dumps(doc.to_json_dict(), ensure_ascii=False, indent=2))


def test_a_version_stored_indented_by_an_earlier_vigie_still_opens(tmp_path):
    """The hole of finding 3: 2.3 MB of plan stored indented as 7.7 MB, then refused on open."""
    import sqlite3

    from scenarios.store import open_store

    path = tmp_path / "old.sqlite3"
    store = open_store(path)
    store.add_account("alice", "planner", sso=True)
    plan = load_example("monaco-new-year-concert")
    circles = [
        {
            "type": "Feature",
            "geometry": shapely.geometry.mapping(
                shapely.Point(7.42 + i * 1e-3, 43.73).buffer(4e-4, quad_segs=1250)
            ),
            "properties": {"role": "no_go", "id": f"circle-{i}"},
        }
        for i in range(12)
    ]
    plan = type(plan).model_validate({**plan.to_json_dict(), "zones": circles})
    assert len(dump_scenario(plan)) < MAX_DOCUMENT_BYTES * 0.7
    sid = store.create(plan, Actor("alice", Role.PLANNER)).scenario_id
    indented = json.dumps(json.loads(dump_scenario(store.open(sid)[0])), indent=2)
    assert len(indented) > MAX_DOCUMENT_BYTES  # as an earlier Vigie stored it
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE versions SET document = ? WHERE scenario_id = ?", (indented, sid))
    zones = [z.model_dump_json() for z in plan.zones]
    assert [z.model_dump_json() for z in store.open(sid)[0].zones] == zones
    assert store.save(sid, plan, Actor("alice", Role.PLANNER), base_version=1).version == 2


def test_a_street_closure_names_a_street_of_the_area(monaco, tmp_path):
    def typo(doc: dict) -> None:
        doc["injects"][3]["effect"]["target"] = "Boulevard Albert 1e"

    done = run_cli("replay", _gas_with(tmp_path, typo), "--at", "20:00")
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "'Boulevard Albert 1e'" in line and "Monaco" in line
