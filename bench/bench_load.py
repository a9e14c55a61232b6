"""Benchmark: N concurrent planners on one Streamlit server (target: < 50 MB per extra session).

Run by hand (``make bench``). Each session opens the Monaco New Year concert example in its own
Chromium context, changes the attendance (the plan is recomputed) and saves a copy; see
``bench/load_sessions.py``. Prints the server's memory (idle, 1 session, N sessions, peak), the
memory per extra session, the wall time per step (median and max across sessions), the errors
and the number of area loads (expected: 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_sessions import STEP_BUDGET_S, run_load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="browser sessions (default 20)")
    parser.add_argument(
        "--step-budget",
        type=float,
        default=STEP_BUDGET_S,
        help="seconds a step may take per session at once",
    )
    args = parser.parse_args()
    report = run_load(args.sessions, args.step_budget)
    print("\n".join(report.lines()))
    if report.errors or len(report.area_loads) != 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
