"""Benchmark: repairing a self-crossing perimeter, by its number of points (issue 15).

Run by hand (``.venv/bin/python bench/bench_perimeter_repair.py``); prints a table. Random
outlines are the worst case (crossings grow with the square of the points); a figure-eight with
one crossing is the common case of a hand-edited boundary. Shows why
:data:`planner.perimeter.MAX_REPAIR_POINTS` is 500 and the repair is GEOS's "structure" method:
"linework" (shapely's default) takes 4.5 s at 200 random points and 120 s at 500.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.perimeter import MAX_REPAIR_POINTS  # noqa: E402


def random_outline(points: int) -> shapely.Polygon:
    rng = np.random.default_rng(0)
    return shapely.Polygon(rng.random((points, 2)))


def figure_eight(points: int) -> shapely.Polygon:
    angle = np.linspace(0, 2 * np.pi, points, endpoint=False)
    return shapely.Polygon(np.column_stack([np.cos(angle), np.sin(2 * angle) * 0.5]))


def timed(polygon: shapely.Polygon, method: str) -> float:
    started = time.perf_counter()
    shapely.make_valid(polygon, method=method)
    return time.perf_counter() - started


def main() -> None:
    print(f"MAX_REPAIR_POINTS = {MAX_REPAIR_POINTS}")
    print("outline        points  structure (s)")
    for points in (100, 250, MAX_REPAIR_POINTS, 750, 1000):
        print(f"random       {points:>8}  {timed(random_outline(points), 'structure'):.3f}")
    for points in (5_000, 20_000, 100_000):
        print(f"figure-eight {points:>8}  {timed(figure_eight(points), 'structure'):.3f}")


if __name__ == "__main__":
    main()
