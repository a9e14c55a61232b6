"""Bench: a season of 30 events × 4 shifts against 60 communes × 4 roles, solved at once.

Synthetic data built here (no file): 30 events over a fortnight around a metropolis of about
40 × 40 km (Lambert-93 metres), each with 3 sectors and 4 shifts of 6 h (set-up, opening, peak,
closing) over two days, needs of 5–40 agents per sector and role; 60 communes spread over the
area, each offering 4–30 agents of each of the 4 roles over the whole period. Target: under 5 s
for the whole allocation (season solve, each event alone for the conflicts, groups, conflicts),
wall-clock; the CPU time is printed too (on a shared, loaded machine the two differ).

    .venv/bin/python bench/bench_season.py
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.season import AGENT_ROLES, PARIS, Availability, SeasonEvent, Shift  # noqa: E402
from planner.season_allocation import allocate  # noqa: E402

TARGET_S = 5.0


def synthetic(events: int = 30, communes: int = 60, seed: int = 18):
    rng = np.random.default_rng(seed)
    day0 = datetime(2027, 6, 1, 8, 0, tzinfo=PARIS)
    centre = np.array([1_045_000.0, 6_300_000.0])
    out = []
    for e in range(events):
        first = day0 + timedelta(days=int(rng.integers(0, 14)))
        where = centre + rng.uniform(-20_000, 20_000, 2)
        sectors = {f"S{k}": tuple(where + rng.uniform(-500, 500, 2)) for k in range(3)}
        shifts = []
        for s, (name, at) in enumerate(
            [("montage", 0), ("ouverture", 8), ("pic", 24), ("fermeture", 32)]
        ):
            start = first + timedelta(hours=at + int(rng.integers(0, 2)))
            needs = {
                sector: {r: int(rng.integers(5, 40)) for r in AGENT_ROLES} for sector in sectors
            }
            shifts.append(Shift(f"{name}-{s}", start, start + timedelta(hours=6), needs))
        out.append(SeasonEvent(f"event-{e:02d}", f"Event {e}", tuple(shifts), sectors,
                               priority=int(rng.integers(1, 4))))  # fmt: skip
    offers = []
    for c in range(communes):
        base = centre + rng.uniform(-25_000, 25_000, 2)
        for role in AGENT_ROLES:
            offers.append(
                Availability(f"commune-{c:02d}", role, int(rng.integers(4, 30)), day0,
                             day0 + timedelta(days=17), float(base[0]), float(base[1]))
            )  # fmt: skip
    return out, offers


def main() -> int:
    events, offers = synthetic()
    began, cpu = time.perf_counter(), time.process_time()
    season = allocate(events, offers)
    took, cpu = time.perf_counter() - began, time.process_time() - cpu
    needed = sum(n for e in events for s in e.shifts for r in s.needs.values() for n in r.values())
    booked = sum(a.agents for a in season.assignments)
    print(
        f"season: {len(events)} events × 4 shifts, {len(offers)} offers "
        f"(60 communes × 4 roles): {took:.2f} s ({cpu:.2f} s of CPU) — "
        f"needs {needed}, booked {booked}, "
        f"shortfall {sum(s.agents for s in season.shortfall)}, "
        f"{len(season.assignments)} assignments, {len(season.conflicts)} conflicts, "
        f"{len(season.spare)} spare; target < {TARGET_S:g} s: "
        f"{'met' if took < TARGET_S else 'MISSED'}"
    )
    return 0 if took < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
