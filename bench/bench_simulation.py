"""Benchmark: seconds of computing per simulated second of a crowd evacuation (JuPedSim).

Run by hand with ``nice`` (``nice -n 10 .venv/bin/python bench/bench_simulation.py``). The
walkable area is the Monaco concert's sector A (its real streets, about 6,000 m², 14 exits),
filled with 1,000, 5,000 and 12,000 agents (about 0.2, 0.8 and 2 persons/m²); each run is
timed over its first ``--seconds`` simulated seconds (the crowd is at its densest then), after
the placement and the exit choice, which are timed apart.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("VIGIE_CACHE_DIR", tempfile.mkdtemp(prefix="vigie-bench-"))

from planner.area import load_area  # noqa: E402
from planner.sector_simulation import sector_walkable  # noqa: E402
from planner.simulation import SimulationCancelled, place_agents, run_evacuation  # noqa: E402
from scenarios import convert  # noqa: E402
from scenarios.examples import load_example  # noqa: E402


def bench(agents: int, seconds: float, walkable) -> tuple[float, float]:
    """(set-up seconds, computing seconds per simulated second) for ``agents``."""
    started = time.perf_counter()
    place_agents(walkable, agents, 0)
    setup = time.perf_counter() - started
    marks: dict[str, float] = {}

    def progress(now: float, inside: int) -> bool:
        if now == 0:
            marks["start"] = time.perf_counter()
        marks["now"], marks["at"] = time.perf_counter(), now
        return now < seconds

    with contextlib.suppress(SimulationCancelled):
        run_evacuation(walkable, agents, 0, progress=progress)
    per_second = (marks["now"] - marks["start"]) / max(marks["at"], 1e-9)
    return setup, per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, nargs="+", default=[1000, 5000, 12000])
    parser.add_argument("--seconds", type=float, default=5.0, help="simulated seconds timed")
    args = parser.parse_args()
    scenario = load_example("monaco-new-year-concert")
    area = load_area(convert.area_source(scenario))
    plan = convert.planning(scenario, area).plan
    ground = sector_walkable(area, plan, "A")
    print(f"sector A: {ground.area_m2:,.0f} m² walkable, {len(ground.exits)} exits")
    print(f"{'agents':>7}  {'placement (s)':>13}  {'compute s / simulated s':>23}")
    for agents in args.agents:
        setup, per_second = bench(agents, args.seconds, ground)
        print(f"{agents:>7}  {setup:13.1f}  {per_second:23.2f}", flush=True)


if __name__ == "__main__":
    main()
