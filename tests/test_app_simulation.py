"""Crowd simulation in the app (AppTest): run in the worker, figures saved, replay on the map."""

from __future__ import annotations

import time

import folium

from planner.sim_jobs import JOBS
from tests.test_app_scenarios import new_app, open_choice


def concert(fake_map):
    at = open_choice(new_app(), "example:monaco-new-year-concert")
    for i in range(3):  # the sector sheets (A, B, C) are drawn once opened
        at.session_state[f"sector-sheet-{i}"] = True
    return at.run()


def wait_for(at, done, timeout_s: float = 300.0):
    """Rerun the page (as the fragment's polling does) until ``done(at)`` or the timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        at.run()
        assert not at.exception
        if done(at):
            return at
        time.sleep(1.0)
    raise AssertionError("the simulation did not finish in time")


def agents_on_map(fake_map) -> int:
    overlay = fake_map.calls[-1]["overlay"]
    layers = [
        c
        for c in overlay._children.values()
        if isinstance(c, folium.GeoJson)
        and c.data.get("properties", {}).get("layer") == "simulation_agents"
    ]
    return sum(len(layer.data["geometry"]["coordinates"]) for layer in layers)


def test_a_small_simulation_runs_in_the_background_and_replays(fake_map, monaco):
    at = concert(fake_map)
    at.number_input(key="sim-people-C").set_value(25).run()
    at.button(key="sim-run-C").click().run()
    assert not at.exception
    job = JOBS.current()
    assert job is not None and job.request.sector == "C" and job.request.public == 25
    assert job.process.pid != __import__("os").getpid()  # never in the page's process
    wait_for(at, lambda a: a.session_state["scenario"].simulations)
    (figure,) = at.session_state["scenario"].simulations
    assert (figure.sector, figure.case, figure.agents) == ("C", "all_exits", 25)
    assert figure.t100_s and figure.hand_evacuation_s and at.session_state["dirty"]
    table = next(d.value for d in at.dataframe if "Simulation" in d.value.columns)
    assert list(table[""]) == ["50 % sortis", "95 % sortis", "Tous sortis"]
    assert "Méthode manuelle (marche + débit)" in table.columns
    # the run is replayed at once: the agents at 0 s on the map, fewer later
    assert agents_on_map(fake_map) == 25
    at.slider(key="sim_replay_t").set_value(int(figure.t50_s) + 1).run()
    assert 0 < agents_on_map(fake_map) < 25
    assert any("Simulation rejouée : secteur C" in c.value for c in at.caption)


def test_a_running_simulation_can_be_cancelled(fake_map, monaco):
    at = concert(fake_map)
    at.button(key="sim-run-A").click().run()  # the sector's whole public: minutes of work
    job = JOBS.current()
    assert job is not None and not job.finished
    at.run()
    assert any(b.label == "Annuler la simulation" for b in at.button)
    at.button(key="sim-cancel-A").click().run()
    assert job.finished and not job.process.is_alive()
    assert JOBS.current() is None and not at.session_state["scenario"].simulations
