"""The command line's regional extracts: ``--osm-file BIG.osm.pbf --commune NAME | --bbox
W,S,E,N`` on the commands that take an area, and ``extract FILE``, which clips and loads once so
that later commands name the area by its id (``--area ID``).

Progress goes to stderr as ``progress: STEP [PERCENT%]`` lines (at most one per tenth of a
step); results go to stdout; a user error is one ``error:`` line and exit status 2 (planner's
CLI, :mod:`planner.__main__`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser is built for every command: the core is imported when run
    from planner.area import Area
    from planner.extracts import Clip

#: A negative first number reads as an option to argparse: ``--bbox=…`` then.
BBOX_HELP = "clip it to this box, in degrees (west of Greenwich: --bbox=-1.6,47.2,-1.5,47.3)"


def add_clip_options(parser: argparse.ArgumentParser) -> None:
    """``--commune`` and ``--bbox``, which clip the command's ``--osm-file``."""
    parser.add_argument(
        "--commune", help="with --osm-file: clip it to this commune (name or INSEE code)"
    )
    parser.add_argument("--bbox", metavar="W,S,E,N", help=f"with --osm-file: {BBOX_HELP}")


def add_extract_command(commands: argparse._SubParsersAction) -> None:
    """The ``extract`` command."""
    extract = commands.add_parser(
        "extract", help="clip a regional extract to a commune or a box and load it"
    )
    extract.add_argument("file", type=Path, help="a large .osm.pbf (a département, …)")
    clip = extract.add_mutually_exclusive_group(required=True)
    clip.add_argument("--commune", help="commune name or INSEE code (admin_level 8 boundary)")
    clip.add_argument("--bbox", metavar="W,S,E,N", help=BBOX_HELP)
    clip.add_argument(
        "--list-communes", action="store_true", help="list the file's communes and stop"
    )
    extract.set_defaults(run=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    """``extract``: one line on stdout, ``id<TAB>name<TAB>streets<TAB>clip path`` (or one
    ``name<TAB>INSEE`` line per commune with ``--list-communes``)."""
    from planner.communes import commune_index
    from planner.extracts import Clip, content_sha256
    from planner.osm_io import sniff_format

    if args.list_communes:
        progress = stderr_progress()
        fmt = sniff_format(args.file)
        index = commune_index(args.file, fmt, content_sha256(args.file, progress), progress)
        for commune in sorted(index.communes, key=lambda c: (c.name, c.insee or "")):
            print(f"{commune.name}\t{commune.insee or ''}")
        return 0
    area = clipped_area(args.file, Clip.parse(args.commune, args.bbox))
    print(f"{area.id}\t{area.name}\t{len(area.streets)}\t{area.source.ref}")
    return 0


def command_area(args: argparse.Namespace) -> Area:
    """The area a command names: ``--area ID``, or ``--osm-file`` (clipped when ``--commune``
    or ``--bbox`` is given)."""
    from planner.area import AreaSource, load_area, load_area_by_id
    from planner.errors import ClipError
    from planner.extracts import Clip

    clipping = bool(args.commune or args.bbox)
    if args.osm_file is None:
        if clipping:
            raise ClipError("clip_needs_file")
        return load_area_by_id(args.area)
    if clipping:
        return clipped_area(args.osm_file, Clip.parse(args.commune, args.bbox))
    return load_area(AreaSource.file(args.osm_file))


def clipped_area(path: Path, clip: Clip) -> Area:
    """Clip a regional extract and load the clip, with progress lines on stderr."""
    from planner.area import load_area
    from planner.extracts import clipped_source

    progress = stderr_progress()
    source = clipped_source(path, clip, progress=progress)
    return load_area(source, progress=progress)


def stderr_progress() -> Callable[..., None]:
    """A progress callback that prints ``progress: STEP [N%]`` lines on stderr: each new step,
    then each tenth of it."""
    last: list[tuple[str, int]] = []

    def report(step: str, share: float | None = None) -> None:
        tenth = -1 if share is None else int(share * 10)
        if last and last[-1][0] == step and last[-1][1] >= tenth:
            return
        last.append((step, tenth))
        percent = "" if share is None else f" {tenth * 10}%"
        print(f"progress: {step}{percent}", file=sys.stderr, flush=True)

    return report
