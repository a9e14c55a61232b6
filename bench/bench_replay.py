"""Benchmark: one replay step of the Monaco gas-leak exercise (target: < 300 ms a step).

Run by hand (``make bench``). A step is :func:`planner.replay.frame_at` at an inject's time:
hazard zones and plume, exposure, closures, emergency routes recomputed for every sector, the
evacuation of the sectors being evacuated. The baseline (the plan alone) is computed once per
exercise, as the app does.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VIGIE_CACHE_DIR"] = tempfile.mkdtemp(prefix="vigie-bench-")

from bench.bench_area import timed  # noqa: E402
from planner import pipeline  # noqa: E402
from planner.area import load_area  # noqa: E402
from planner.replay import clock, frame_at  # noqa: E402
from scenarios import convert  # noqa: E402
from scenarios.examples import load_example  # noqa: E402


def bench_exercise(name: str) -> None:
    scenario = load_example(name)
    area = load_area(convert.area_source(scenario))
    planned = convert.planning(scenario, area)
    exercise = pipeline.exercise(area, planned)
    baseline = pipeline.frame(area, planned, 0).baseline  # the plan's own emergency routes
    first, _ = timed(lambda: frame_at(area, exercise, 0, baseline), repeats=1)
    print(f"{name}: first frame on the plan's baseline {first * 1000:.0f} ms")
    print(f"{'time':>6}  first (ms)  median (ms)")
    for at_s in sorted({i.at_s for i in exercise.injects}):
        one, median = timed(lambda t=at_s: frame_at(area, exercise, t, baseline))
        print(f"{clock(at_s):>6}  {one * 1000:10.1f}  {median * 1000:11.1f}")


def main() -> None:
    for name in ("monaco-gas-leak-port", "monaco-suspicious-package-casino"):
        bench_exercise(name)


if __name__ == "__main__":
    main()
