"""Benchmark: area load (cold and cached) and perimeter -> checkpoints, on the demo extracts.

Run by hand (``make bench``); prints a table. Targets (issue 3): cold load < 3 s, cached load
< 0.5 s, checkpoints < 100 ms on Monaco. "cold" processes the OSM file with a warm interpreter;
"cold, new process" also pays the imports, as a first `streamlit run` does.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VIGIE_CACHE_DIR"] = tempfile.mkdtemp(prefix="vigie-bench-")

from planner.area import AreaSource, load_area  # noqa: E402
from planner.checkpoints import find_checkpoints  # noqa: E402
from planner.perimeter import parse_perimeter  # noqa: E402
from tests.conftest import CASINO, square  # noqa: E402

REPEATS = 5
PERIMETERS = {"monaco": (CASINO, 120), "helsinki": ((24.9520, 60.1695), 100)}
NEW_PROCESS = (
    "import time; t = time.perf_counter(); "
    "from planner.area import AreaSource, load_area; "
    "load_area(AreaSource.demo('{area}'), use_cache={cache}); "
    "print(time.perf_counter() - t)"
)


def timed(fn, repeats: int = REPEATS) -> tuple[float, float]:
    """(first, median of the rest) wall times in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:] or times)


def in_new_process(area: str, cache: bool) -> float:
    code = NEW_PROCESS.format(area=area, cache=cache)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    rows = []
    for area_id, (centre, half_side) in PERIMETERS.items():
        source = AreaSource.demo(area_id)
        load_area(source)  # warm imports and the disk cache
        cold_first, cold = timed(lambda s=source: load_area(s, use_cache=False), 3)
        cold_process = in_new_process(area_id, cache=False)
        cached_first, cached = timed(lambda s=source: load_area(s))
        cached_process = in_new_process(area_id, cache=True)
        area = load_area(source)
        perimeter = parse_perimeter(square(*centre, half_side, crs=area.crs))
        plan = find_checkpoints(area, perimeter)
        tree_first, checkpoints = timed(lambda a=area, p=perimeter: find_checkpoints(a, p), 20)
        rows += [
            (area_id, "cold load (processing)", cold, 3.0),
            (area_id, "cold load, new process (with imports)", cold_process, None),
            (area_id, "cached load (disk)", cached, 0.5),
            (area_id, "cached load, new process (with imports)", cached_process, None),
            (
                area_id,
                f"checkpoints ({len(plan.checkpoints)} found), 1st incl. index",
                tree_first,
                None,
            ),
            (area_id, "checkpoints, median", checkpoints, 0.1),
        ]
        print(
            f"{area_id}: {len(area.streets)} street segments, "
            f"{area.walk.number_of_edges()} walk edges, {len(area.buildings)} buildings",
            file=sys.stderr,
        )
    print(f"{'area':<9} {'measure':<52} {'seconds':>8}  target")
    for area_id, name, seconds, target in rows:
        verdict = ""
        if target is not None:
            verdict = ("ok" if seconds < target else "MISSED") + f" < {target}"
        print(f"{area_id:<9} {name:<52} {seconds:8.3f}  {verdict}")


if __name__ == "__main__":
    main()
