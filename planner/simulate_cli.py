"""``python -m planner simulate``: the sectors' evacuation simulated with JuPedSim.

``simulate SCENARIO [--sector A] [--case all_exits|widest_blocked] [--seed N] [--capacity |
--public N] --out DIR`` (defaults: every sector, both cases, seed 0) writes
``DIR/simulation.json`` (the ``simulation`` list of ``report.json``: ``sector``, ``case``,
``agents``, ``t50_s``, ``t95_s``, ``t100_s``, ``max_density_p_m2``, ``hand_evacuation_s``, then
details) and one
``DIR/trajectories-<sector>-<case>.parquet`` per run. A sector that cannot be simulated (no
exit, a geometry refused, more people than its surface holds) gets one ``error:`` line on
stderr and the others are still simulated; exit status 2 when none could be. ``--queues`` adds
``queues``: each filtering point's peak quarter-hour simulated (:mod:`planner.sim_queue`)
beside its Erlang C mean wait and 95th-percentile queue.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from planner.errors import PlannerError
from planner.sector_simulation import CASES, sector_sheet, simulate_sector
from planner.sim_files import (
    file_stem,
    simulation_document,
    write_simulation_json,
    write_trajectories,
)
from planner.sim_queue import simulate_queue
from planner.walkable import SimulationError

EXIT_USER_ERROR = 2


def add_simulate_command(commands, scenario_planning: Callable) -> None:
    """The ``simulate`` sub-command; ``scenario_planning(path)`` gives (area, planning, title)."""
    simulate = commands.add_parser("simulate", help="simulate the sectors' evacuation (JuPedSim)")
    simulate.add_argument("scenario", type=Path)
    simulate.add_argument("--sector", action="append", help="a sector's name (repeatable)")
    simulate.add_argument("--case", choices=CASES, action="append", help="default: both")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument(
        "--capacity", action="store_true", help="simulate each sector's capacity, not its public"
    )
    simulate.add_argument(
        "--public", type=int, help="simulate this many people in each sector (a quick look)"
    )
    simulate.add_argument(
        "--queues",
        action="store_true",
        help="also simulate the peak queue at each filtering point (beside Erlang C)",
    )
    simulate.add_argument("--out", type=Path, required=True, help="output directory")
    simulate.set_defaults(run=lambda args: _simulate(args, scenario_planning))


def _simulate(args: argparse.Namespace, scenario_planning: Callable) -> int:
    area, planned, title = scenario_planning(args.scenario)
    plan = planned.required()
    if plan.staffing is None:
        raise plan.staffing_error or SimulationError("simulation_no_public")
    names = args.sector or [s.name for s in plan.staffing.sectors]
    for name in names:
        sector_sheet(plan, name)  # an unknown sector is the command's error
    entries, problems = [], []
    target = args.out / "simulation.json"
    for name in names:
        for case in args.case or CASES:
            try:
                run, trajectories = simulate_sector(
                    area, plan, name, case, args.seed, args.capacity, public=args.public
                )
            except PlannerError as err:
                problems.append({"sector": name, "case": case, "message": err.message()})
                print(f"error: sector {name} ({case}): {err}", file=sys.stderr)
                continue
            entries.append(run.entry())
            path = args.out / f"{file_stem(name, case)}.parquet"
            write_trajectories(path, trajectories, area.crs)
            # written after each run: a long command's finished runs are kept
            write_simulation_json(target, simulation_document(entries, problems, title))
    document = simulation_document(entries, problems, title)
    if args.queues:
        document["queues"] = [
            {
                "checkpoint": q.checkpoint,
                **simulate_queue(
                    q.arrivals_per_min, q.lane_rate_per_min, q.lanes, seed=args.seed
                ).entry(),
            }
            for q in plan.staffing.screening
            if q.lanes > 0 and q.arrivals_per_min > 0
        ]
    write_simulation_json(target, document)
    summary = ", ".join(
        f"{e['sector']}/{e['case']} t95 {e['t95_s']} s (hand {e['hand_evacuation_s']} s)"
        for e in entries
    )
    print(f"{target}\t{len(entries)} runs\t{summary}")
    return 0 if entries else EXIT_USER_ERROR
