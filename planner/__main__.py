"""Command line of the planner: ``python -m planner COMMAND``.

Stable contracts (automation relies on them):

- ``areas``: the available areas, one per line, id first (tab-separated: id, name, kind).
- ``checkpoints --area ID --perimeter FILE.geojson`` (or ``--osm-file PATH``): a GeoJSON
  FeatureCollection of the checkpoints on stdout, each with ``street``, ``highway``, ``kind``.
  ``--osm-file`` with ``--commune NAME|INSEE`` or ``--bbox W,S,E,N`` clips a regional extract
  first (also on ``routes``), with ``progress:`` lines on stderr.
- ``extract FILE --commune NAME|--bbox W,S,E,N``: clips and loads a regional extract; one line:
  area id, name, street segments, clip path (``--area ID`` then names it);
  ``--list-communes``: the file's communes, name and INSEE code, one per line.
- ``routes FILE --kind emergency|evacuation|approach`` (a scenario), or
  ``routes --area ID --perimeter FILE.geojson --kind …``: a GeoJSON FeatureCollection of
  LineStrings with ``kind``, ``from``, ``to``, ``length_m``, ``duration_s``; problems (an
  unreachable sector, a station off the graph) as ``warning:`` lines on stderr.
- ``cameras FILE`` (a scenario), or ``cameras --area ID|--osm-file PATH --perimeter FILE``,
  ``[--propose N] [--level LEVEL] [--night]``: a GeoJSON FeatureCollection of the cameras
  (Points: ``id``, ``source`` osm|planned|proposed, ``camera_type``, ``direction_deg``, a list,
  empty when unknown, ``ranges_m`` by DORI level), their views (Polygons: ``camera``, ``level``)
  and the blind spots, with a top-level ``summary``: ``coverage_checkpoints`` and
  ``coverage_perimeter`` (shares 0–1), ``coverage_sectors`` (sector → share), ``checkpoints``
  (id → best level or null); notices as ``warning:`` lines on stderr.
- ``plan FILE --out DIR``: writes ``DIR/report.json`` for a scenario: ``sectors`` (each
  ``name``, ``area_m2``, ``capacity``, ``evacuation_min``, ``staff`` by role), ``checkpoints``
  (each ``lon``, ``lat``, ``street``, ``kind``, ``sector``, ``lanes``, ``expected_wait_min``),
  ``dps`` (``ris``, ``category``, ``first_aiders``), ``roster`` (commune → role → sector →
  agents), ``shortfall`` (sector → role → agents), routes, isochrones and problems,
  ``cameras`` (``summary`` as in the ``cameras`` command, and each camera in reach),
  ``peak_shift`` (the shift these figures are of: the event's with the most public),
  ``shifts`` (every shift: ``name``, ``start``, ``end``, ``attendance``) and
  ``simulation`` (the crowd simulations saved with the scenario for this plan).
- ``replay FILE --at MM:SS``: the state of an exercise at that time as JSON on stdout:
  ``injects`` (fired so far), ``hazards`` (each ``kind``, ``radius_m``, ``area_m2``,
  ``buildings``, ``people_estimate``…), ``closed_streets``, ``route_times`` (before/now) and
  ``routes`` (emergency, recomputed; evacuation of the sectors being evacuated);
  ``--summary FILE.md`` also writes the after-action summary.
- ``export FILE --format pdf|png|gpkg|geojson|kml|html --out PATH [--paper A3]
  [--orientation portrait] [--marking TEXT] [--lang en]``: the plan as a printable map sheet
  (PDF, or PNG of the map page), a GeoPackage (area's projected CRS), GeoJSON or KML (WGS84), or
  a standalone offline HTML map; FILE may be ``store:ID[@VERSION]`` to export a stored version.
  One line on stdout: path, format, version, and what was written.
- ``season SCENARIO... [--offers FILE.csv] [--priority EVENT=N]... --out DIR``: allocates the
  communes' agents over every shift of the events (a SCENARIO: a file, ``example:NAME``,
  ``store:ID``, or one ``.season.json`` document) and writes ``DIR/season.json``: ``events``
  (``id``, ``title``, ``shifts``: ``name``, ``start``, ``end``), ``offers`` (``commune``,
  ``role``, ``agents``, ``from``, ``to``), ``assignments`` (``group``, ``commune``, ``role``,
  ``event``, ``sector``, ``shift``, ``start``, ``end``, ``agents``), ``shortfall`` (``event``,
  ``shift``, ``role``, ``agents``), ``conflicts`` (``commune``, ``role``, ``from``, ``to``,
  ``available``, ``requested`` and ``granted`` by event id) and ``spare``; times ISO 8601 with
  their offset.
- ``simulate FILE [--sector A] [--case all_exits|widest_blocked] [--seed N] --out DIR``: the
  sectors' evacuation simulated with JuPedSim: ``DIR/simulation.json`` (``simulation``, the
  list ``report.json`` has) and ``DIR/trajectories-<sector>-<case>.parquet``
  (:mod:`planner.simulate_cli`).
- ``dps --public N --p2 X --e1 X --e2 X``: the French DPS rule: RIS, category, first-aiders
  and first-aid posts, one tab-separated pair per line.
- ``validate FILE``: checks a scenario file; one summary line (exit 0), or the first problem
  located by its path in the document (exit 2).
- ``scenarios``: the stored scenarios (id, version, title) and the bundled examples.
- ``accounts add NAME --role planner|exercise_lead|liaison [--sso] [--password-stdin]``,
  ``accounts list|passwd|role|disable|enable``: the administrator's account commands; ``list``
  prints one account per line: name, role, local|sso, active|disabled, display name.
  Every command that reads the store takes ``--store URL`` (a SQLite path or
  ``postgresql://…``; default: ``VIGIE_STORE``).
- ``fetch-demo-data``: the set-up step that fetches and verifies the Monaco extract.

This module is the one place that wires the core (planner/) and the scenario package
(scenarios/). A user error exits with status 2 and one line on stderr; notices go to stderr,
results to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.cameras_cli import CamerasUsageError, add_cameras_command
from planner.errors import PlannerError

EXIT_USER_ERROR = 2


class UsageError(Exception):
    """Arguments that argparse alone cannot check."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PlannerError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USER_ERROR
    except (UsageError, CamerasUsageError) as err:
        parser.error(str(err))
    except BrokenPipeError:  # output piped into `head`: not an error
        return 0
    except OSError as err:
        print(f"error: {err.strerror or err}: {Path(err.filename or '').name}", file=sys.stderr)
        return EXIT_USER_ERROR


def _parser() -> argparse.ArgumentParser:
    from planner.extract_cli import add_clip_options, add_extract_command
    from planner.season_cli import add_season_command
    from planner.simulate_cli import add_simulate_command
    from scenarios.admin_cli import STORE_HELP, add_accounts_command

    parser = argparse.ArgumentParser(prog="python -m planner", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    areas = commands.add_parser("areas", help="list the available areas, id first")
    areas.set_defaults(run=_areas)

    checkpoints = commands.add_parser(
        "checkpoints", help="checkpoints where a perimeter cuts the streets, as GeoJSON"
    )
    source = checkpoints.add_mutually_exclusive_group(required=True)
    source.add_argument("--area", help="area id (see `areas`)")
    source.add_argument("--osm-file", type=Path, help="local .osm or .osm.pbf file")
    checkpoints.add_argument(
        "--perimeter",
        type=Path,
        required=True,
        help="GeoJSON file with the perimeter polygon (WGS84)",
    )
    add_clip_options(checkpoints)
    checkpoints.set_defaults(run=_checkpoints)

    add_cameras_command(commands)

    routes = commands.add_parser("routes", help="emergency, evacuation or approach routes")
    routes.add_argument("scenario", nargs="?", type=Path, help="scenario file (.vigie.json)")
    routes_source = routes.add_mutually_exclusive_group()
    routes_source.add_argument("--area", help="area id (with --perimeter)")
    routes_source.add_argument("--osm-file", type=Path, help="local OSM file (with --perimeter)")
    routes.add_argument("--perimeter", type=Path, help="GeoJSON perimeter (without a scenario)")
    routes.add_argument("--kind", required=True, choices=["emergency", "evacuation", "approach"])
    add_clip_options(routes)
    routes.set_defaults(run=_routes)

    plan = commands.add_parser("plan", help="write the plan report of a scenario")
    plan.add_argument("scenario", type=Path)
    plan.add_argument("--out", type=Path, required=True, help="output directory")
    plan.set_defaults(run=_plan)

    replay = commands.add_parser("replay", help="the state of an exercise at a time, as JSON")
    replay.add_argument("scenario", type=Path)
    replay.add_argument("--at", required=True, help="time from the exercise start, MM:SS")
    replay.add_argument("--summary", type=Path, help="also write the after-action summary (.md)")
    replay.add_argument("--lang", choices=["fr", "en"], default="fr", help="summary language")
    replay.set_defaults(run=_replay)

    export = commands.add_parser("export", help="export a plan: sheet, GIS layers, web map")
    export.add_argument("scenario", help="a scenario file, or store:ID[@VERSION]")
    export.add_argument(
        "--format", required=True, choices=["pdf", "png", "gpkg", "geojson", "kml", "html"]
    )
    export.add_argument("--out", type=Path, required=True, help="file to write")
    export.add_argument("--paper", choices=["A4", "A3"], default="A4")
    export.add_argument("--orientation", choices=["landscape", "portrait"], default="landscape")
    export.add_argument("--marking", default="", help='e.g. "Diffusion restreinte"')
    export.add_argument("--lang", choices=["fr", "en"], default="fr")
    export.add_argument("--store", help=STORE_HELP)
    export.set_defaults(run=_export)

    add_simulate_command(commands, _titled_planning)

    rule = commands.add_parser("dps", help="the French DPS rule: RIS and category")
    rule.add_argument("--public", type=int, required=True, help="maximum public at once (P1)")
    for name, help_text in (
        ("--p2", "public's activity: 0.25, 0.30, 0.35 or 0.40"),
        ("--e1", "site and access: 0.25, 0.30, 0.35 or 0.40"),
        ("--e2", "public emergency response time: 0.25, 0.30, 0.35 or 0.40"),
    ):
        rule.add_argument(name, type=float, required=True, help=help_text)
    rule.set_defaults(run=_dps)

    validate = commands.add_parser("validate", help="check a scenario file")
    validate.add_argument("file", type=Path)
    validate.set_defaults(run=_validate)

    scenarios = commands.add_parser("scenarios", help="stored scenarios and bundled examples")
    scenarios.add_argument("--store", help=STORE_HELP)
    scenarios.set_defaults(run=_scenarios)
    add_accounts_command(commands)

    add_extract_command(commands)
    add_season_command(commands, STORE_HELP)

    fetch = commands.add_parser("fetch-demo-data", help="fetch and verify the demo extracts")
    fetch.set_defaults(run=_fetch)
    return parser


def _areas(args: argparse.Namespace) -> int:
    from planner.area import list_areas

    for area_id, name, kind in list_areas():
        print(f"{area_id}\t{name}\t{kind}")
    return 0


def _checkpoints(args: argparse.Namespace) -> int:
    from planner import pipeline
    from planner.extract_cli import command_area
    from planner.inputs import PlanInputs
    from planner.perimeter import read_perimeter_polygons

    inputs = PlanInputs.of_perimeter(read_perimeter_polygons(args.perimeter))
    plan = pipeline.plan_checkpoints(command_area(args), inputs)
    for notice in plan.notices:
        print(f"note: {notice.message()}", file=sys.stderr)
    json.dump(plan.to_geojson(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _routes(args: argparse.Namespace) -> int:
    from planner import pipeline
    from planner.extract_cli import command_area
    from planner.inputs import PlanInputs
    from planner.perimeter import read_perimeter_polygons

    if args.scenario is not None:
        area, planned = _scenario_planning(_load(args.scenario))
    else:
        if args.perimeter is None or (args.area is None and args.osm_file is None):
            raise UsageError("routes needs a scenario FILE, or --area/--osm-file and --perimeter")
        inputs = PlanInputs.of_perimeter(read_perimeter_polygons(args.perimeter))
        area = command_area(args)
        planned = pipeline.planning(area, inputs)
    routed = planned.required().access
    if args.kind == "emergency":
        routes, problems = routed.emergency.routes(), routed.emergency.problems
    else:
        routes = routed.evacuation if args.kind == "evacuation" else routed.approach
        problems = tuple(p for p in routed.problems if p not in routed.emergency.problems)
    for problem in problems:
        print(f"warning: {problem.message()}", file=sys.stderr)
    features = [route.to_feature(area.crs) for route in routes]
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _load(path: Path):
    from scenarios.document import load_scenario

    return load_scenario(path)


def _scenario_planning(scenario, with_isochrones: bool = False):
    """(area, planning) of a scenario: its area loaded, its plan through the one pipeline; a
    perimeter that cannot be placed on the area is the command's error."""
    from planner.area import load_area
    from scenarios import convert

    area = load_area(convert.area_source(scenario))
    planned = convert.planning(scenario, area, with_isochrones=with_isochrones)
    if planned.error is not None:
        raise planned.error
    return area, planned


def _titled_planning(path: Path):
    """(area, planning, title) of a scenario file (the ``simulate`` command's input)."""
    scenario = _load(path)
    area, planned = _scenario_planning(scenario)
    return area, planned, scenario.title


def _plan(args: argparse.Namespace) -> int:
    from planner.report import plan_report
    from scenarios import convert

    scenario = _load(args.scenario)
    area, planned = _scenario_planning(scenario, with_isochrones=True)
    plan = planned.required()
    if plan.staffing_error is not None:
        raise plan.staffing_error
    video = convert.video(scenario, area, planned)
    for notice in video.notices if video else ():
        print(f"warning: {notice.message()}", file=sys.stderr)
    saved = scenario.simulations_of(planned.inputs.plan_key())
    report = plan_report(
        area,
        plan,
        scenario.title,
        video=video,
        shifts=_shifts(scenario),
        simulation=[f.entry() for f in saved],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "report.json"
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    for problem in report["problems"]:
        print(f"warning: {problem['message']}", file=sys.stderr)
    short = sum(sum(roles.values()) for roles in report["shortfall"].values())
    print(
        f"{target}\t{len(report['sectors'])} sectors, {len(report['checkpoints'])} "
        f"checkpoints, {len(report['routes']['features'])} routes, "
        f"{report['dps']['category']} ({report['dps']['first_aiders']} first-aiders), "
        f"shortfall {short}"
    )
    return 0


def _shifts(scenario) -> list[dict]:
    """The event's shifts as report.json lists them, the peak (the plan's) first."""
    from scenarios.model import paris

    event = scenario.event
    peak = event.peak_shift()
    rows = [
        {
            "name": s.name,
            "start": paris(s.start).isoformat(),
            "end": paris(s.end).isoformat(),
            "attendance": event.peak_attendance if s.attendance is None else s.attendance,
        }
        for s in [peak, *(s for s in event.season_shifts() if s is not peak)]
    ]
    return rows


def _replay(args: argparse.Namespace) -> int:
    from planner import pipeline
    from planner.exercise_report import frame_state
    from planner.replay import parse_clock

    at_s = parse_clock(args.at)
    scenario = _load(args.scenario)
    area, planned = _scenario_planning(scenario)
    state = frame_state(pipeline.frame(area, planned, at_s), area.crs)
    json.dump(state, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    for problem in state["problems"]:
        print(f"warning: {problem['message']}", file=sys.stderr)
    if args.summary:
        summary = pipeline.after_action(area, planned, scenario.title, args.lang)
        args.summary.write_text(summary)
    return 0


def _export(args: argparse.Namespace) -> int:
    from layers.export_files import write_export
    from scenarios import convert

    scenario, scenario_id, version = _scenario_source(args.scenario, args.store)
    area, planned = _scenario_planning(scenario)
    layers = convert.export_layers(scenario, area, planned, scenario_id, version, args.marking)
    summary = write_export(
        area, layers, args.format, args.out, args.paper, args.orientation, args.lang
    )
    print(f"{args.out}\t{args.format}\t{layers.meta.version_label()}\t{summary}")
    return 0


def _scenario_source(ref: str, store_url: str | None):
    """(scenario, stored id, stored version) of a file path or ``store:ID[@VERSION]``."""
    from scenarios.document import load_scenario

    if not ref.startswith("store:"):
        return load_scenario(Path(ref)), None, None
    from scenarios.store import open_store

    scenario_id, _, version = ref.removeprefix("store:").partition("@")
    scenario, info = open_store(store_url, create=store_url is None).open(
        scenario_id, int(version.lstrip("v")) if version.lstrip("v").isdigit() else None
    )
    return scenario, scenario_id, info.version


def _dps(args: argparse.Namespace) -> int:
    from planner.dps import dps

    result = dps(args.public, args.p2, args.e1, args.e2)
    print(f"RIS\t{result.ris:g}")
    print(f"category\t{result.category}")
    print(f"first_aiders\t{result.first_aiders}")
    print(f"posts\t{result.posts}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from scenarios.document import load_scenario
    from scenarios.summary import summary_line

    print(summary_line(load_scenario(args.file)))
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    from scenarios.examples import example_names, load_example
    from scenarios.store import open_store

    for item in open_store(args.store, create=args.store is None).list():
        saved = item.updated_at.strftime("%Y-%m-%d %H:%M")
        print(
            f"{item.scenario_id}\tv{item.head_version}\t{item.kind}\t{item.title}"
            f"\t{item.updated_by}\t{saved}"
        )
    for name in example_names():
        example = load_example(name)
        print(f"example:{name}\tbundled\t{example.kind}\t{example.title}")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from planner.demo_data import fetch_demo_data

    print(f"monaco\t{fetch_demo_data(quiet=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
