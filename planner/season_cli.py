"""The ``season`` command of the CLI (part of :mod:`planner.__main__`, wiring core and scenarios).

``python -m planner season SCENARIO... [--offers FILE.csv] [--priority EVENT=N]... --out DIR``
allocates the communes' agents over every shift of the given events and writes
``DIR/season.json`` (:mod:`planner.season_report`). A SCENARIO is a scenario file (its id: the
file's stem), ``example:NAME``, ``store:ID`` (its id: the store id) or a season document
(``.season.json``: its events, priorities, offers and rules). Without ``--offers`` the offers
are the scenarios' communes. One line on stdout: the path and the figures; problems as
``warning:`` lines on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.errors import SeasonError


def add_season_command(commands, store_help: str) -> None:
    season = commands.add_parser("season", help="allocate the communes' agents over a season")
    season.add_argument("scenarios", nargs="+", help="scenario files, example:NAME, store:ID")
    season.add_argument("--offers", type=Path, help="CSV of offers with availability windows")
    season.add_argument(
        "--priority",
        action="append",
        default=[],
        metavar="EVENT=N",
        help="an event's priority, 1 (default) to 5 (served first)",
    )
    season.add_argument("--rest-h", type=float, help="daily rest between shifts (hours)")
    season.add_argument("--max-shift-h", type=float, help="longest shift (hours)")
    season.add_argument("--kept-share", type=float, help="share each commune keeps (0–1)")
    season.add_argument("--out", type=Path, required=True, help="output directory")
    season.add_argument("--store", help=store_help)
    season.set_defaults(run=_season)


def parse_priorities(values: list[str]) -> dict[str, int]:
    """``EVENT=N`` arguments as a dict; SeasonError on a malformed one."""
    out = {}
    for value in values:
        name, sep, number = value.rpartition("=")
        if not sep or not name or not number.strip().isdigit():
            raise SeasonError("season_bad_priority_arg", value=value[:60])
        out[name] = int(number)
    return out


def _season(args: argparse.Namespace) -> int:
    from planner.season_report import season_json
    from scenarios.season_document import load_season, resolve_event
    from scenarios.season_inputs import season_plan
    from scenarios.season_model import SeasonRules
    from scenarios.season_offers_csv import read_season_offers
    from scenarios.store import open_store

    store = open_store(args.store, create=False) if _needs_store(args) else None
    priorities = parse_priorities(args.priority)
    chosen = {
        k: v
        for k, v in (
            ("rest_h", args.rest_h),
            ("max_shift_h", args.max_shift_h),
            ("kept_share", args.kept_share),
        )
        if v is not None
    }
    offers = None
    if args.offers is not None:
        offers = read_season_offers(_read(args.offers))
    documents = [s for s in args.scenarios if s.endswith(".season.json")]
    if documents:
        if len(args.scenarios) > 1:
            raise SeasonError(
                "season_invalid", path="(command line)", detail="a season document is given alone"
            )
        document = load_season(Path(documents[0]))
        rules = document.rules.model_copy(update=chosen)
        events = [resolve_event(e.scenario, store) for e in document.events]
        listed = {s.id: e.priority for s, e in zip(events, document.events, strict=True)}
        offers = offers if offers is not None else (document.offers or None)
        planned = season_plan(events, offers, listed | priorities, rules, document.period)
    else:
        rules = SeasonRules(**chosen) if chosen else None
        events = [resolve_event(ref, store) for ref in args.scenarios]
        planned = season_plan(events, offers, priorities, rules)
    report = season_json(planned.season, planned.titles)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "season.json"
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    for problem in report["problems"]:
        print(f"warning: {problem['message']}", file=sys.stderr)
    booked = sum(a["agents"] for a in report["assignments"])
    short = sum(s["agents"] for s in report["shortfall"])
    print(
        f"{target}\t{len(report['events'])} events, "
        f"{sum(len(e['shifts']) for e in report['events'])} shifts, "
        f"{len(report['assignments'])} assignments ({booked} agent-shifts), "
        f"shortfall {short}, {len(report['conflicts'])} conflicts"
    )
    return 0


def _needs_store(args: argparse.Namespace) -> bool:
    return args.store is not None or any(
        s.startswith("store:") or not (s.startswith("example:") or s.endswith(".json"))
        for s in args.scenarios
    )


def _read(path: Path) -> bytes:
    from planner.limits import read_limited
    from scenarios.errors import ScenarioError
    from scenarios.offers_csv import MAX_CSV_BYTES

    return read_limited(
        path,
        MAX_CSV_BYTES,
        lambda: ScenarioError("offers_csv_too_large", limit_mb=MAX_CSV_BYTES // 2**20),
    )
