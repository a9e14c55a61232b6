"""Benchmark: video-protection coverage (views through buildings, figures, blind spots) and
greedy proposals, on the concert perimeter and on synthetic blocks.

Run by hand (``.venv/bin/python bench/bench_cameras.py``); prints a table. Target (issue 19):
coverage of a perimeter with 100 cameras and 2,000 buildings under 1 s. The synthetic town is a
grid of 20 × 20 m blocks with 10 m streets; cameras stand in the streets (half domes counted all
round, half fixed cameras looking one of four ways).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import box

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VIGIE_CACHE_DIR"] = tempfile.mkdtemp(prefix="vigie-bench-")

from planner.area import load_area  # noqa: E402
from planner.cameras import Camera  # noqa: E402
from planner.checkpoints import find_checkpoints  # noqa: E402
from planner.coverage import Scene, coverage  # noqa: E402
from planner.video import VideoSettings, checkpoint_targets, video_plan  # noqa: E402
from planner.visibility import Obstacles  # noqa: E402
from scenarios import convert  # noqa: E402
from scenarios.examples import load_example  # noqa: E402

REPEATS = 5
BLOCK_M, STREET_M = 20.0, 10.0


def timed(fn, repeats: int = REPEATS) -> tuple[float, float]:
    """(first, median of the rest) wall times in seconds, and the last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:] or times), result


def synthetic(buildings: int, cameras: int, seed: int = 19) -> tuple[Scene, list[Camera]]:
    """A square grid of about ``buildings`` blocks, its streets as public ground, and
    ``cameras`` cameras at random street positions."""
    side = int(np.ceil(np.sqrt(buildings)))
    pitch = BLOCK_M + STREET_M
    blocks = [
        box(i * pitch, j * pitch, i * pitch + BLOCK_M, j * pitch + BLOCK_M)
        for i in range(side)
        for j in range(side)
    ][:buildings]
    extent = box(-STREET_M, -STREET_M, side * pitch, side * pitch)
    ground = shapely.difference(extent, shapely.union_all(blocks))
    rng = np.random.default_rng(seed)
    placed: list[Camera] = []
    while len(placed) < cameras:
        x, y = rng.uniform(-STREET_M, side * pitch, 2)
        if not shapely.contains_xy(ground, x, y):
            continue
        n = len(placed)
        kind, directions = ("dome", ()) if n % 2 else ("fixed", (float(90 * (n % 4)),))
        placed.append(Camera(f"c{n}", "osm", kind, x, y, 0.0, 0.0, directions))
    scene = Scene(
        extent,
        {"A": ground},
        ground,
        ground,
        shapely.intersection(extent.boundary, ground.buffer(0.5)),
        Obstacles.from_footprints(blocks),
        {"A": extent},
    )
    return scene, placed


def main() -> None:
    print("case\tcameras\tbuildings\tfirst_s\tmedian_s\tseen_share")
    scenario = load_example("monaco-new-year-concert")
    area = load_area(convert.area_source(scenario))
    zones = convert.plan_zones(scenario, area.crs)
    targets = checkpoint_targets(find_checkpoints(area, convert.perimeter(scenario)).checkpoints)
    first, median, plan = timed(lambda: video_plan(area, zones.perimeter, zones.sectors, targets))
    print(
        f"concert (scene + coverage)\t{len(plan.final.cameras)}\t"
        f"{len(Scene.of(area, zones.perimeter, zones.sectors).obstacles.footprints)}\t"
        f"{first:.3f}\t{median:.3f}\t{plan.final.outline_seen:.3f}"
    )
    for count in (4, 10):
        settings = VideoSettings(propose=count)
        first, median, plan = timed(
            lambda s=settings: video_plan(area, zones.perimeter, zones.sectors, targets, (), s),
            repeats=3,
        )
        print(
            f"concert + propose {count}\t{len(plan.final.cameras)}\t-\t{first:.3f}\t{median:.3f}"
            f"\t{plan.final.outline_seen:.3f}"
        )
    for buildings, cameras in ((2000, 100), (2000, 500), (5000, 1000)):
        scene, placed = synthetic(buildings, cameras)
        first, median, result = timed(lambda s=scene, p=placed: coverage(s, p), repeats=3)
        share = result.sectors["A"]
        print(
            f"synthetic\t{cameras}\t{len(scene.obstacles.footprints)}\t{first:.3f}\t"
            f"{median:.3f}\t{share:.3f}"
        )


if __name__ == "__main__":
    main()
