"""Running Debian's osmium-tool on large OSM files, and the cache files of regional extracts.

osmium runs as a child process that streams its input (Python never holds the file); its
progress bar (``--progress``, on stderr) is reported as the share of a step done.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from planner import osm_io
from planner.errors import ClipError, NotOSMError
from planner.paths import cache_dir

#: Called with a step ("hashing", "waiting", "boundaries", "clipping", "checking") and the
#: share of that step done (0 to 1).
ClipProgress = Optional[Callable[[str, float], None]]

#: osmium's progress bar, as written on stderr ("[=====     ] 45% ").
_PERCENT = re.compile(rb"\]\s*(\d{1,3})%")


def run_osmium(args: list[str], step: str, progress: ClipProgress = None) -> None:
    """Run ``osmium ARGS --progress``, reporting its progress bar as ``step``; NotOSMError with
    osmium's own reason if it fails (a broken file), ClipError if osmium-tool is missing."""
    binary = shutil.which("osmium")
    if binary is None:
        raise ClipError("osmium_missing")
    report = progress or (lambda step, share: None)
    report(step, 0.0)
    process = subprocess.Popen(
        [binary, *args, "--progress"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    messages: list[str] = []
    try:
        for line in _stderr_lines(process):
            if match := _PERCENT.search(line):
                report(step, min(int(match.group(1)), 100) / 100)
            elif line.strip():
                messages.append(line.decode("utf-8", "replace").strip())
        status = process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if status != 0:
        reason = messages[-1] if messages else f"osmium exit status {status}"
        raise NotOSMError("osm_unreadable", detail=osm_io.short_reason(RuntimeError(reason)))
    report(step, 1.0)


def _stderr_lines(process: subprocess.Popen) -> Iterator[bytes]:
    """osmium's stderr split at line feeds and at the carriage returns of its progress bar."""
    pending = b""
    while chunk := process.stderr.read1(4096):
        *lines, pending = re.split(rb"[\r\n]", pending + chunk)
        yield from lines
    yield pending


def osmium_format(fmt: str) -> str:
    """osmium's name of a sniffed format (files are named by hash: never guess from a suffix)."""
    return {"pbf": "pbf", "osm": "osm"}[fmt]


def extracts_dir() -> Path:
    path = cache_dir() / "extracts"
    path.mkdir(exist_ok=True)
    return path


@contextmanager
def scratch() -> Iterator[Path]:
    """A private scratch directory in the cache (osmium's outputs), removed afterwards."""
    path = extracts_dir() / f"tmp-{secrets.token_hex(6)}"
    path.mkdir()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: dict) -> None:
    atomic_text(path, json.dumps(data, ensure_ascii=False))


def atomic_text(path: Path, text: str) -> None:
    partial = path.with_name(f"{path.name}.{secrets.token_hex(4)}.part")
    partial.write_text(text)
    partial.replace(path)
