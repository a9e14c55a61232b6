"""Benchmark: sectors and staffing on the demo extracts.

Run by hand (``make bench``); prints a table of first-call and median wall times. Measures the
pieces a planner waits for when a plan changes: usable surface and exits of a sector, the
automatic split, the whole staffing of the bundled concert (routing + staffing + pooling), and
the min-cost-flow pooling at metropolis scale (60 communes × 12 sectors × 4 roles).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VIGIE_CACHE_DIR"] = tempfile.mkdtemp(prefix="vigie-bench-")

import geopandas as gpd  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from bench.bench_area import timed  # noqa: E402
from planner.area import AreaSource, load_area  # noqa: E402
from planner.checkpoints import find_checkpoints  # noqa: E402
from planner.pipeline import project  # noqa: E402
from planner.plan import make_plan  # noqa: E402
from planner.pooling import Offer, pool  # noqa: E402
from planner.sectors import split_sectors  # noqa: E402
from planner.staffing import ROLES  # noqa: E402
from planner.surface import sector_exits, usable_surface  # noqa: E402
from scenarios import convert  # noqa: E402
from scenarios.examples import load_example  # noqa: E402
from tests.conftest import CASINO, square  # noqa: E402


def projected_square(area, centre, half_m):
    return gpd.GeoSeries([shape(square(*centre, half_m))], crs=4326).to_crs(area.crs).iloc[0]


def main() -> None:
    monaco = load_area(AreaSource.demo("monaco"))
    helsinki = load_area(AreaSource.demo("helsinki"))
    rows = []
    sector = projected_square(monaco, CASINO, 125)
    rows.append(
        ("usable surface, Monaco 250 m square", *timed(lambda: usable_surface(monaco, sector)))
    )
    rows.append(("exits, Monaco 250 m square", *timed(lambda: sector_exits(monaco, sector))))
    big = projected_square(monaco, CASINO, 500)
    rows.append(("split into 4, Monaco 1 km square", *timed(lambda: split_sectors(monaco, big, 4))))
    rows.append(
        (
            "split into 4, Helsinki extract hull",
            *timed(lambda: split_sectors(helsinki, helsinki.extent, 4), repeats=3),
        )
    )
    concert = load_example("monaco-new-year-concert")
    inputs = convert.plan_inputs(concert)
    projected = project(monaco.crs, inputs)
    checkpoints = list(find_checkpoints(monaco, convert.perimeter(concert)).checkpoints)

    def whole_plan():  # make_plan itself, uncached (the pipeline would cache it)
        return make_plan(
            monaco,
            projected.plan_zones(),
            checkpoints,
            inputs.public,
            inputs.parameters,
            list(projected.offers),
        )

    rows.append(("concert: routes + staffing + pooling", *timed(whole_plan)))
    rng = random.Random(7)
    sectors = [f"S{i}" for i in range(12)]
    needs = {s: {r: rng.randint(0, 80) for r in ROLES} for s in sectors}
    offers = [Offer(f"C{i}", 0, 0, {r: rng.randint(0, 40) for r in ROLES}) for i in range(60)]
    distances = {
        (o.commune, s): (rng.uniform(500, 40_000), "road") for o in offers for s in sectors
    }
    rows.append(
        (
            "pooling 60 communes × 12 sectors × 4 roles",
            *timed(lambda: pool(needs, offers, distances)),
        )
    )
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  first (ms)  median (ms)")
    for name, first, median in rows:
        print(f"{name:<{width}}  {first * 1000:10.1f}  {median * 1000:11.1f}")


if __name__ == "__main__":
    main()
