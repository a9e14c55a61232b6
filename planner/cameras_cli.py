"""The command line's ``cameras`` command: video-protection coverage of a perimeter as GeoJSON.

``python -m planner cameras (SCENARIO | --area ID --perimeter FILE | --osm-file PATH
--perimeter FILE) [--propose N] [--level LEVEL] [--night]`` prints a FeatureCollection
(:mod:`planner.video`) on stdout; notices (a direction not understood, a camera inside a
building, fewer useful candidates than asked) go to stderr as ``warning:`` lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.doctrine import COVERAGE_LEVEL, DORI_LEVELS
from planner.extract_cli import add_clip_options


class CamerasUsageError(Exception):
    """Arguments of ``cameras`` that argparse alone cannot check."""


def add_cameras_command(commands: argparse._SubParsersAction) -> None:
    """The ``cameras`` command."""
    cameras = commands.add_parser(
        "cameras", help="video-protection coverage of a perimeter (and proposals), as GeoJSON"
    )
    cameras.add_argument("scenario", nargs="?", type=Path, help="scenario file (.vigie.json)")
    source = cameras.add_mutually_exclusive_group()
    source.add_argument("--area", help="area id (with --perimeter)")
    source.add_argument("--osm-file", type=Path, help="local OSM file (with --perimeter)")
    cameras.add_argument("--perimeter", type=Path, help="GeoJSON perimeter (without a scenario)")
    cameras.add_argument(
        "--propose", type=int, default=0, metavar="N", help="propose N mobile cameras"
    )
    cameras.add_argument(
        "--level", choices=DORI_LEVELS, default=COVERAGE_LEVEL, help="level that counts as seen"
    )
    cameras.add_argument("--night", action="store_true", help="night ranges (evening event)")
    add_clip_options(cameras)
    cameras.set_defaults(run=run_cameras)


def run_cameras(args: argparse.Namespace) -> int:
    from planner.area import load_area
    from planner.checkpoints import find_checkpoints
    from planner.extract_cli import command_area
    from planner.perimeter import parse_perimeter
    from planner.video import VideoSettings, checkpoint_targets, video_plan

    if args.propose < 0:
        raise CamerasUsageError("--propose needs a number of cameras, 0 or more")
    settings = VideoSettings(level=args.level, night=args.night, propose=args.propose)
    if args.scenario is not None:  # its filtering points and their queues, through the pipeline
        from scenarios import convert
        from scenarios.document import load_scenario

        scenario = load_scenario(args.scenario)
        area = load_area(convert.area_source(scenario))
        planned = convert.planning(scenario, area)
        if planned.error is not None:
            raise planned.error
        plan = convert.video(scenario, area, planned, settings)
        if plan is None:
            raise CamerasUsageError("the scenario has no perimeter")
    else:
        if args.perimeter is None or (args.area is None and args.osm_file is None):
            raise CamerasUsageError(
                "cameras needs a scenario FILE, or --area/--osm-file and --perimeter"
            )
        outline = parse_perimeter(args.perimeter.read_bytes())
        area = command_area(args)
        targets = checkpoint_targets(find_checkpoints(area, outline).checkpoints)
        plan = video_plan(area, outline.projected(area.crs), {}, targets, (), settings)
    for notice in plan.notices:
        print(f"warning: {notice.message()}", file=sys.stderr)
    json.dump(plan.to_geojson(area.crs), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
