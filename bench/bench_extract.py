"""Benchmark: a regional extract of over a million ways clipped to a 2 km × 2 km box (and to a
commune) and loaded, then reloaded from the cache.

The large file is synthetic (tests/synthetic_osm.py): the Monaco extract replicated on a 15 × 14
grid with shifted coordinates and offset ids (1.02 M ways, 6.4 M nodes), with a few synthetic
communes. It is built once by streaming with pyosmium and kept in bench/results/. Each
measurement runs in a fresh process with a fresh cache, so its peak RSS (its own and its
children's, osmium included: getrusage RUSAGE_SELF / RUSAGE_CHILDREN) is that of one load.
Targets (issue 16): clipped and loaded in under 60 s, peak RSS under 3 GB, cached reload under
2 s.

Run by hand (``make bench``), or ``bench/bench_extract.py --cols 4 --rows 4`` for a quick look.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

from tests.synthetic_osm import copy_centre, replicated_monaco  # noqa: E402

#: Bump when the synthetic file's recipe changes (the cached copy is rebuilt).
BUILD_VERSION = 2
TARGET_LOAD_S = 60.0
TARGET_RSS_GB = 3.0
TARGET_RELOAD_S = 2.0
BOX_SIDE_M = 2000.0
#: Cached reloads measured (each in a fresh process); the median is reported.
RELOADS = 3


def synthetic_file(cols: int, rows: int) -> Path:
    """The cached synthetic extract (built if missing, with its build time printed)."""
    from planner.demo_data import DEMO_AREAS

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"synthetic-monaco-{cols}x{rows}-v{BUILD_VERSION}.osm.pbf"
    if not path.exists():
        print(f"building {path.name} ({cols * rows} copies of Monaco)…", file=sys.stderr)
        start = time.perf_counter()
        replicated_monaco(DEMO_AREAS["monaco"].path(), path, cols, rows)
        print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return path


def centre_box(cols: int, rows: int) -> str:
    """A BOX_SIDE_M square box on the middle copy's Monaco centre, as ``W,S,E,N``."""
    lon, lat = copy_centre((rows // 2) * cols + cols // 2, cols)
    half_lat = BOX_SIDE_M / 2 / 110_574
    half_lon = BOX_SIDE_M / 2 / (111_320 * math.cos(math.radians(lat)))
    return f"{lon - half_lon},{lat - half_lat},{lon + half_lon},{lat + half_lat}"


def measure(path: Path, commune: str | None, bbox: str | None) -> dict:
    """Clip and load in this process (its cache is VIGIE_CACHE_DIR): wall times per step, the
    whole call, peak RSS of this process and of its children (MB)."""
    start = time.perf_counter()
    from planner.area import load_area
    from planner.extracts import Clip, clipped_source

    imported = time.perf_counter()
    steps: dict[str, float] = {}
    last = [imported]

    def progress(step: str, share: float | None = None) -> None:
        now = time.perf_counter()
        steps[step] = steps.get(step, 0.0) + now - last[0]
        last[0] = now

    source = clipped_source(path, Clip.parse(commune=commune, bbox=bbox), progress=progress)
    clipped = time.perf_counter()
    area = load_area(source, progress=progress)
    done = time.perf_counter()
    progress("loading")
    return {
        "imports_s": imported - start,
        "clip_s": clipped - imported,
        "load_s": done - clipped,
        "total_s": done - imported,
        "steps_s": steps,
        "clip_mb": Path(source.ref).stat().st_size / 2**20,
        "streets": len(area.streets),
        "buildings": len(area.buildings),
        "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def in_child(path: Path, cache: Path, commune: str | None, bbox: str | None) -> dict:
    """:func:`measure` in a fresh process with ``cache`` as its cache directory."""
    args = [sys.executable, __file__, "--measure", str(path)]
    args += ["--commune", commune] if commune else ["--bbox", bbox]
    env = os.environ | {"VIGIE_CACHE_DIR": str(cache)}
    out = subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def count_ways(path: Path) -> tuple[int, int]:
    """(ways, nodes) of a PBF (osmium fileinfo reads it whole, in C++)."""
    out = subprocess.run(
        ["osmium", "fileinfo", "-e", "-j", str(path)], check=True, capture_output=True, text=True
    ).stdout
    counts = json.loads(out)["data"]["count"]
    return counts["ways"], counts["nodes"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cols", type=int, default=15)
    parser.add_argument("--rows", type=int, default=14)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--commune", help=argparse.SUPPRESS)
    parser.add_argument("--bbox", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.commune, args.bbox)))
        return 0
    path = synthetic_file(args.cols, args.rows)
    ways, nodes = count_ways(path)
    print(
        f"synthetic extract: {path.name}, {path.stat().st_size / 2**20:.0f} MB, "
        f"{ways:,} ways, {nodes:,} nodes"
    )
    box_text = centre_box(args.cols, args.rows)
    rows = []
    for label, commune, bbox in (
        ("2 km box", None, box_text),
        ("commune", "Sainte-Agnès-sur-Grille", None),
    ):
        cache = Path(tempfile.mkdtemp(prefix="vigie-bench-extract-"))
        cold = in_child(path, cache, commune, bbox)
        reloads = [in_child(path, cache, commune, bbox) for _ in range(RELOADS)]
        warm = sorted(reloads, key=lambda r: r["total_s"])[RELOADS // 2]  # the median reload
        rows.append((label, cold, warm))
    print(
        f"{'clip':10} {'clip s':>7} {'load s':>7} {'total s':>8} {'peak RSS MB':>12} "
        f"{'reload s':>9} {'streets':>8} {'clip MB':>8}"
    )
    for label, cold, warm in rows:
        rss = max(cold["rss_self_mb"], cold["rss_children_mb"])
        print(
            f"{label:10} {cold['clip_s']:7.1f} {cold['load_s']:7.1f} {cold['total_s']:8.1f} "
            f"{rss:12.0f} {warm['total_s']:9.2f} {cold['streets']:8} {cold['clip_mb']:8.1f}"
        )
        for kind, run in (("cold", cold), ("reload", warm)):
            steps = ", ".join(f"{k} {v:.2f} s" for k, v in run["steps_s"].items())
            print(f"  {kind} steps: {steps}; imports {run['imports_s']:.1f} s (not counted)")
        print(
            f"  peak RSS: Python {cold['rss_self_mb']:.0f} MB, largest child (osmium) "
            f"{cold['rss_children_mb']:.0f} MB; reload peak {warm['rss_self_mb']:.0f} MB"
        )
    box_cold, box_warm = rows[0][1], rows[0][2]
    peak_gb = max(box_cold["rss_self_mb"], box_cold["rss_children_mb"]) / 1024
    for what, value, target, unit in (
        ("clip + load", box_cold["total_s"], TARGET_LOAD_S, "s"),
        ("peak RSS", peak_gb, TARGET_RSS_GB, "GB"),
        ("cached reload", box_warm["total_s"], TARGET_RELOAD_S, "s"),
    ):
        verdict = "ok" if value < target else "MISSED"
        print(f"target {what}: {value:.2f} {unit} (< {target:g} {unit}) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
