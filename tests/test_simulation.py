"""Crowd simulation (JuPedSim): a known answer, seeds, a blocked exit, real sectors, bad input."""

from __future__ import annotations

import json

import numpy as np
import pyarrow.parquet as pq
import pytest
from shapely.geometry import MultiPolygon, box

from planner import doctrine
from planner.sector_simulation import blocked_exit, sector_walkable, simulate_sector
from planner.simulation import SimulationCancelled, _simulation, run_evacuation
from planner.walkable import ExitSpec, SimulationError, walkable
from scenarios import convert
from scenarios.examples import load_example
from tests.conftest import run_cli

RADIUS = doctrine.SIM_AGENT_RADIUS_M


def room(door_m: float = 1.0, doors: int = 1) -> tuple:
    """An 8 × 8 m room with doors 2 m deep on its top (and right) wall, and their exits."""
    shape = box(0, 0, 8, 8).union(box(4 - door_m / 2, 8, 4 + door_m / 2, 10))
    exits = [ExitSpec("D1", 4, 10, door_m)]
    if doors == 2:
        shape = shape.union(box(8, 4 - door_m / 2, 10, 4 + door_m / 2))
        exits.append(ExitSpec("D2", 10, 4, door_m))
    return shape, exits


def test_bottleneck_specific_flow_is_in_the_measured_range():
    # Seyfried et al. 2009 (Transportation Science 43(3)): 1.2–2 persons/m/s through a door
    shape, exits = room(door_m=1.0)
    result, _ = run_evacuation(walkable(shape, exits, RADIUS), 100, seed=3)
    low, high = doctrine.SIM_BOTTLENECK_FLOW_P_M_S
    (door,) = result.exits
    assert door.agents == 100 and result.t100_s is not None and not result.timed_out
    assert low <= door.specific_flow_p_m_s <= high
    assert result.t50_s < result.t95_s <= result.t100_s


def test_same_seed_same_run_other_seed_other_run():
    shape, exits = room()
    ground = walkable(shape, exits, RADIUS)
    first, traj = run_evacuation(ground, 40, seed=7)
    again, traj_again = run_evacuation(ground, 40, seed=7)
    other, _ = run_evacuation(ground, 40, seed=8)
    assert first == again
    assert np.array_equal(traj.x, traj_again.x)
    assert other.t100_s != first.t100_s or other.left != first.left


def test_a_blocked_exit_makes_it_slower():
    shape, exits = room(doors=2)
    ground = walkable(shape, exits, RADIUS)
    both, _ = run_evacuation(ground, 80, seed=1)
    one, _ = run_evacuation(ground, 80, seed=1, blocked=frozenset({"D2"}))
    assert {e.id: e.agents > 0 for e in both.exits} == {"D1": True, "D2": True}
    assert one.t100_s > both.t100_s * 1.3
    assert [e.id for e in one.exits] == ["D1"]


def test_cleaning_drops_narrow_passages_and_parts_with_no_exit():
    shape, exits = room()
    slit = box(8, 2, 12, 2 + RADIUS)  # narrower than a person: removed
    island = box(20, 0, 30, 10)  # no exit: dropped, said
    ground = walkable(
        MultiPolygon([*shape.geoms] if hasattr(shape, "geoms") else [shape])
        .union(slit)
        .union(island),
        exits,
        RADIUS,
    )
    assert ground.unreachable_m2 == pytest.approx(100, abs=1)
    assert ground.narrow_m2 > 0.4
    assert not ground.geometry.intersects(box(20, 0, 30, 10))


def test_no_exit_and_refused_geometry_are_clear_errors():
    shape, _ = room()
    with pytest.raises(SimulationError) as no_exit:
        walkable(shape, [ExitSpec("far", 100, 100, 2)], RADIUS)
    assert no_exit.value.key == "simulation_no_exit"
    assert "exit" in str(no_exit.value)
    with pytest.raises(SimulationError) as refused:
        _simulation(MultiPolygon([box(0, 0, 1, 1), box(5, 5, 6, 6)]))
    assert refused.value.key == "simulation_geometry" and "not connected" in str(refused.value)


def test_cancel_stops_the_run():
    shape, exits = room()
    with pytest.raises(SimulationCancelled):
        run_evacuation(walkable(shape, exits, RADIUS), 30, progress=lambda t, n: t < 3)


@pytest.fixture(scope="module")
def concert(monaco):
    scenario = load_example("monaco-new-year-concert")
    return convert.planning(scenario, monaco).plan


def test_real_sector_walkable_keeps_the_exits_of_the_hand_method(monaco, concert):
    sheet = {s.name: s for s in concert.staffing.sectors}["B"]
    ground = sector_walkable(monaco, concert, "B")
    kept = {e.id for e in ground.exits} | set(ground.exits_dropped)
    assert kept == {e.id for e in sheet.exits}
    assert ground.area_m2 > 0.8 * sheet.usable_m2
    assert ground.standing.area <= ground.area_m2 + 1
    assert blocked_exit(sheet, concert.staffing.parameters) == "E1"  # the 9 m avenue


def test_real_sector_small_run_beside_the_hand_figure(monaco, concert):
    run, traj = simulate_sector(monaco, concert, "B", "widest_blocked", seed=0, public=60)
    entry = run.entry()
    assert entry["agents"] == 60 and entry["blocked_exit"] == "E1"
    assert "E1" not in {e["id"] for e in entry["exits"]}
    assert entry["hand_evacuation_s"] > 0 and entry["t100_s"] > 0
    assert sum(e["agents"] for e in entry["exits"]) + entry["trapped"] == 60
    assert set(np.unique(traj.agent)) <= set(range(60))


def test_public_over_the_densest_crowd_is_refused(monaco, concert):
    with pytest.raises(SimulationError) as err:
        simulate_sector(monaco, concert, "C", public=10**6)
    assert err.value.key == "simulation_over_density" and err.value.params["sector"] == "C"


def test_cli_simulate_writes_the_list_and_trajectories(tmp_path):
    from scenarios.examples import EXAMPLES_DIR

    scenario = EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"
    out = tmp_path / "sim"
    done = run_cli(
        "simulate", str(scenario), "--sector", "C", "--case", "all_exits",
        "--public", "40", "--seed", "2", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads((out / "simulation.json").read_text())
    (entry,) = document["simulation"]
    assert {"sector", "case", "agents", "t50_s", "t95_s", "t100_s", "max_density_p_m2",
            "hand_evacuation_s"} <= set(entry)  # fmt: skip
    assert (entry["sector"], entry["case"], entry["agents"]) == ("C", "all_exits", 40)
    assert "queues" not in document  # only with --queues
    table = pq.read_table(out / "trajectories-C-all_exits.parquet")
    assert table.column_names == ["time_s", "agent", "x", "y"]
    assert table.schema.metadata[b"crs"] == b"EPSG:2154"
    unknown = run_cli("simulate", str(scenario), "--sector", "Z", "--out", str(out))
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert "Unknown sector: Z" in unknown.stderr


def test_the_hand_figure_is_for_the_people_simulated(concert):
    from planner.sector_simulation import hand_minutes, sector_sheet

    sheet = sector_sheet(concert, "B")
    assert hand_minutes(sheet, "all_exits", sheet.public) == pytest.approx(sheet.evacuation_min)
    few = hand_minutes(sheet, "widest_blocked", 10)
    assert sheet.evacuation.walk_blocked_min < few < sheet.evacuation_widest_blocked_min


def test_a_filtering_point_queue_beside_erlang_c():
    from planner.sim_queue import simulate_queue

    stable = simulate_queue(5.0, 7.0, 1, width_m=3.0, minutes=8, seed=1)
    assert stable == simulate_queue(5.0, 7.0, 1, width_m=3.0, minutes=8, seed=1)
    assert stable.arrived > 20 and stable.screened >= stable.arrived - 8
    assert stable.mean_wait_min is not None and stable.erlang_queue_95 is not None
    # from an empty street, the peak's first minutes queue less than Erlang's steady state
    assert stable.mean_wait_min <= stable.erlang_mean_wait_min + 0.5
    jammed = simulate_queue(12.0, 7.0, 1, width_m=3.0, minutes=8, seed=1)
    assert jammed.erlang_queue_95 is None  # the lanes cannot keep up: no steady state
    assert jammed.queue_max > 2 * stable.queue_max and jammed.queue_length_m > stable.queue_length_m


def test_saved_figures_reach_the_report_and_the_sheet(monaco, concert, tmp_path):
    from layers.export_files import write_export
    from planner.report import plan_report
    from scenarios.model import CURRENT_VERSION, SimulationFigure

    scenario = load_example("monaco-new-year-concert")  # an older file, migrated
    assert scenario.version == CURRENT_VERSION and scenario.simulations == []
    planned = convert.planning(scenario, monaco)
    run, _ = simulate_sector(monaco, concert, "C", public=30)
    figure = SimulationFigure.model_validate(run.record(planned.inputs.plan_key(), monaco.crs))
    saved = scenario.model_copy(update={"simulations": [figure]})
    assert saved.simulations_of(planned.inputs.plan_key()) == [figure]
    assert saved.simulations_of("0" * 64) == []  # another plan's figures are stale
    report = plan_report(monaco, concert, simulation=[figure.entry()])
    (entry,) = report["simulation"]
    assert entry["sector"] == "C" and entry["agents"] == 30 and entry["t100_s"] > 0
    plain = write_export(
        monaco, convert.export_layers(scenario, monaco, planned), "pdf", tmp_path / "a.pdf"
    )
    with_sim = write_export(
        monaco, convert.export_layers(saved, monaco, planned), "pdf", tmp_path / "b.pdf"
    )
    assert int(with_sim.split()[0]) == int(plain.split()[0]) + 2  # the table, the density map
