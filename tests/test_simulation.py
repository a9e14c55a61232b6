"""Crowd simulation (JuPedSim): a known answer, seeds, a blocked exit, real sectors, bad input."""

from __future__ import annotations

import json

import numpy as np
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import MultiPolygon, box

from planner import doctrine
from planner.exit_choice import exit_fields
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


def weidmann_speed(density: float) -> float:
    """Weidmann's (1993) walking speed (m/s) at ``density`` (persons/m²)."""
    inverse = 1 / density - 1 / doctrine.WEIDMANN_JAM_DENSITY_P_M2
    return doctrine.WEIDMANN_FREE_SPEED_M_S * (1 - np.exp(-doctrine.WEIDMANN_GAMMA_P_M2 * inverse))


def test_weidmann_reference_figures():
    assert weidmann_speed(1.8) == pytest.approx(0.68, abs=0.005)
    assert 1.8 * weidmann_speed(1.8) == pytest.approx(1.22, abs=0.005)


def test_corridor_flow_follows_weidmann_fundamental_diagram():
    # a 4 m corridor, 40 m long, open at its end; 260 people packed (2.5 p/m²) in its first
    # 26 m walk out; in the 4 × 4 m measurement area just ahead of the crowd the flow is
    # steady (the crowd's capacity) from 10 s to 35 s: density, mean speed over 1 s
    width, start, ahead = 4.0, 26.0, 4.0
    ground = walkable(box(0, 0, 40, width), [ExitSpec("end", 40, width / 2, width)], RADIUS,
                      standing=box(0, 0, start, width))  # fmt: skip
    result, traj = run_evacuation(ground, int(2.5 * start * width), seed=0)
    assert result.t100_s is not None
    densities, speeds = [], []
    for t in np.arange(10.0, 36.0):
        now, then = traj.time_s == t, traj.time_s == t + 1
        x_then = dict(zip(traj.agent[then], traj.x[then], strict=True))
        here = (traj.x[now] >= start) & (traj.x[now] < start + ahead)
        densities.append(here.sum() / (ahead * width))
        speeds += [x_then[a] - x for a, x in zip(traj.agent[now][here], traj.x[now][here],
                                                 strict=True) if a in x_then]  # fmt: skip
    density, speed = float(np.mean(densities)), float(np.mean(speeds))
    assert 1.2 <= density <= 2.2  # near the diagram's maximum, not free walking
    flow, expected = density * speed, density * weidmann_speed(density)
    assert abs(flow / expected - 1) <= doctrine.WEIDMANN_TOLERANCE, (density, speed, flow)


#: Sector B's pocket (the concert, 24 × 24 m around it, metres): a dead end off a street with a
#: 1.5 m neck, where 2–6 agents stayed held at the corners at the end of every run before.
POCKET = shapely.from_wkt(
    "POLYGON ((12.6 13.4, 20.2 24, 23.2 24, 13.9 11, 12.9 11.8, 13.6 7.8, 10 7.1, 5.6 0,"
    " 0 0, 0 20.2, 8.1 14.9, 12.1 15.7, 12.6 13.4))"
)


def test_nobody_stays_held_at_a_corner():
    ground = walkable(POCKET, [ExitSpec("N", 21.7, 24, 3.0)], RADIUS)
    fields = exit_fields(ground.geometry, [e.polygon for e in ground.exits])
    aims = shapely.linestrings(
        np.stack([fields.centres, fields.targets(np.arange(len(fields.centres)), 0)], axis=1)
    )
    assert shapely.covers(ground.geometry, aims).all()  # every aim in sight, none round a corner
    # with the steering of before (aim 2 m on, in sight or not; no squeezing), this run ended
    # with 2 agents held at the pocket's upper corner until the stall rule stopped it
    result, _ = run_evacuation(ground, 350, seed=2)
    assert not result.timed_out and result.t100_s is not None
    assert sum(e.agents for e in result.exits) == 350


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
