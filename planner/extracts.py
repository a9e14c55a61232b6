"""Regional extracts: a large local OSM file (a département, hundreds of MB) clipped on load to a
commune or a bounding box, then loaded as any local file (:func:`planner.area.load_area`).

Clipping runs Debian's ``osmium-tool`` (``osmium extract --strategy complete_ways``: every way
with a node inside is kept whole, with all its nodes, so the routing graphs never miss a node)
as a child process that streams the file (:mod:`planner.osmium_tool`): Python never holds it.
Communes come from the file's own boundaries (:mod:`planner.communes`).

Everything is cached in the cache directory, keyed by the source's content hash (itself
remembered by path, size, modification time and inode, so a reload does not read the file
again): the commune index, and each clip, kept under its own content hash with the uploads so
that a scenario names it like any uploaded file (``AreaRef(kind="file", file_sha256=…)``).

A server's administrator may list directories of extracts in ``VIGIE_EXTRACTS_DIR``
(``os.pathsep``-separated): the app offers the files found there by name, and never opens a
path typed by a user. See docs/regional-extracts.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import osmium
from shapely.geometry import box, mapping
from shapely.geometry.base import BaseGeometry

from planner import osm_io
from planner.area import AreaSource, uploads_dir
from planner.communes import commune_index, normalized
from planner.crs import WGS84, projected_crs_for
from planner.errors import ClipError, EmptyAreaError, NotOSMError
from planner.online import parse_bbox
from planner.osmium_tool import (
    ClipProgress,
    atomic_text,
    extracts_dir,
    osmium_format,
    read_json,
    run_osmium,
    scratch,
    write_json,
)

#: Bump when a clip's content would change (strategy, options): older clips are then redone.
CLIP_VERSION = 2
#: Administrator's setting: directories whose OSM files the app may open (os.pathsep-separated).
EXTRACTS_ENV = "VIGIE_EXTRACTS_DIR"
#: File names offered from those directories.
EXTRACT_SUFFIXES = (".osm.pbf", ".pbf", ".osm")
#: Largest surface a clip may cover (km²): France's largest commune (Arles) is 759 km².
MAX_CLIP_KM2 = 1000.0
HASH_CHUNK_BYTES = 4 << 20
#: One clip at a time per server process: osmium's id sets take about 2 GB whatever the file's
#: size (libosmium's dense bitmaps grow with the spread of the ids, today's node ids reach 10¹⁰),
#: so concurrent clips would add up; a second request for the same clip waits, then finds it in
#: the cache.
_CLIP_LOCK = threading.Lock()
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Clip:
    """What to keep of a regional extract: a commune (name or INSEE code) or a bbox (WGS84)."""

    commune: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    @staticmethod
    def parse(commune: str | None = None, bbox: str | None = None) -> Clip:
        """A clip from a user's text: exactly one of a commune and a ``W,S,E,N`` box."""
        commune = " ".join((commune or "").split())
        bbox = (bbox or "").strip()
        if bool(commune) == bool(bbox):
            raise ClipError("clip_needs_one")
        return Clip(commune=commune) if commune else Clip(bbox=parse_bbox(bbox))

    def key(self) -> str:
        """Canonical text of the clip (part of its cache key)."""
        if self.bbox is not None:
            return "bbox:" + ",".join(f"{v:.7f}" for v in self.bbox)
        return "commune:" + normalized(self.commune or "")

    def label(self) -> str:
        """The clip as shown to a user."""
        if self.bbox is not None:
            return ",".join(f"{v:.4f}" for v in self.bbox)
        return self.commune or ""


# --- The whole path ---------------------------------------------------------------------------


def clipped_source(
    path: Path, clip: Clip, name: str | None = None, progress: ClipProgress = None
) -> AreaSource:
    """The AreaSource of ``path`` clipped as asked (from the cache when done before).

    ``name`` is the file's name as shown (an upload's, not its content-hash path). The source's
    ``ref`` is the clip's path in the uploads directory, named by its content hash.
    """
    report = progress or (lambda step, share: None)
    label_file = " ".join((name or path.name).split())[:100]
    fmt = osm_io.sniff_format(path)
    if clip.bbox is not None:
        _check_inside(path, fmt, clip.bbox)  # from the file's header: before reading it
    source_sha = content_sha256(path, report)
    key = hashlib.sha256(f"{CLIP_VERSION}|{source_sha}|{clip.key()}".encode()).hexdigest()
    index_path = extracts_dir() / f"clip-{key}.json"
    cached = _cached_clip(index_path, label_file)
    if cached is not None:
        return cached
    if not _CLIP_LOCK.acquire(blocking=False):
        report("waiting", 0.0)
        _CLIP_LOCK.acquire()
    try:
        cached = _cached_clip(index_path, label_file)
        if cached is not None:
            return cached
        stored, what = _clip(path, fmt, source_sha, clip, report)
        write_json(index_path, {"sha256": stored.name, "what": what, "clip": clip.key()})
        return _clip_source(stored, what, label_file)
    finally:
        _CLIP_LOCK.release()


def _cached_clip(index_path: Path, label_file: str) -> AreaSource | None:
    """The clip recorded at ``index_path``, named after what it holds and the file's name as
    given this time (the same content may come under other names)."""
    done = read_json(index_path)
    if done is None or not (uploads_dir() / done["sha256"]).is_file():
        return None
    return _clip_source(uploads_dir() / done["sha256"], done["what"], label_file)


def _clip_source(clip: Path, what: str, label_file: str) -> AreaSource:
    return AreaSource.file(clip, name=f"{what} ({label_file})"[:200])


def _clip(
    path: Path,
    fmt: str,
    source_sha: str,
    clip: Clip,
    report: Callable[[str, float], None],
) -> tuple[Path, str]:
    """The clip's path and what it holds (the commune's name, or the box), when it is not in
    the cache (under the clip lock)."""
    if clip.commune is not None:
        commune = commune_index(path, fmt, source_sha, report).find(clip.commune)
        region, what = commune.geometry, commune.name
    else:
        region, what = box(*clip.bbox), clip.label()
    _check_size(region)
    return clip_file(path, fmt, region, what=clip.label(), progress=report), what


def clip_file(
    path: Path, fmt: str, region: BaseGeometry, what: str, progress: ClipProgress = None
) -> Path:
    """Clip ``path`` to ``region`` (WGS84) with ``osmium extract``; the clip is kept in the
    uploads directory under its content hash, which is returned as its path."""
    report = progress or (lambda step, share: None)
    with scratch() as tmp:
        out = tmp / "clip.osm.pbf"
        if region.equals(box(*region.bounds)):
            where = ["--bbox", ",".join(f"{v:.7f}" for v in region.bounds)]
        else:
            polygon = tmp / "region.geojson"
            feature = {"type": "Feature", "properties": {}, "geometry": mapping(region)}
            polygon.write_text(json.dumps(feature))
            where = ["--polygon", str(polygon)]
        options = ["--strategy", "complete_ways", "--input-format", osmium_format(fmt)]
        output = ["--output-format", "pbf", "--overwrite", "--output", str(out)]
        run_osmium(["extract", *options, *where, *output, str(path)], "clipping", report)
        report("checking", 0.0)
        try:
            osm_io.inspect_osm(out, "pbf")
        except (EmptyAreaError, NotOSMError):
            raise ClipError("clip_empty", what=what) from None
        report("checking", 1.0)
        with open(out, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        target = uploads_dir() / digest
        if not target.exists():
            os.replace(out, target)
    return target


# --- Files on the server ----------------------------------------------------------------------


def server_extracts() -> dict[str, Path]:
    """The OSM files an administrator offers (label → path): the files ending in
    EXTRACT_SUFFIXES directly in the VIGIE_EXTRACTS_DIR directories, never one whose real path
    (links resolved) leaves its directory. Labels are file names, with their directory's name
    when several directories are listed."""
    roots = [Path(d).expanduser() for d in os.environ.get(EXTRACTS_ENV, "").split(os.pathsep)]
    roots = [r.resolve() for r in roots if str(r).strip() and r.is_dir()]
    found: dict[str, Path] = {}
    for root in roots:
        for entry in sorted(root.iterdir()):
            real = entry.resolve()
            if entry.name.startswith(".") or not entry.name.endswith(EXTRACT_SUFFIXES):
                continue
            if real.is_file() and real.is_relative_to(root):
                label = entry.name if len(roots) == 1 else f"{root.name}/{entry.name}"
                found.setdefault(label, real)
    return found


def server_extract(label: str) -> Path:
    """The path of a server extract chosen by its label; NotOSMError if it is not offered."""
    path = server_extracts().get(label)
    if path is None:
        raise NotOSMError("no_such_file", name=label[:100])
    return path


def content_sha256(path: Path, progress: ClipProgress = None) -> str:
    """The file's sha256, remembered by its real path, size, modification time and inode (a
    reload does not read hundreds of MB again; a changed file is hashed anew). An upload is
    stored under its hash already (:func:`planner.area.store_upload_file`)."""
    if path.parent == uploads_dir() and _SHA256.fullmatch(path.name):
        return path.name
    stat = path.stat()
    identity = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}"
    memo = extracts_dir() / f"sha256-{hashlib.sha256(identity.encode()).hexdigest()}"
    if memo.is_file():
        return memo.read_text().strip()
    report = progress or (lambda step, share: None)
    digest, done = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
            done += len(chunk)
            report("hashing", done / max(stat.st_size, 1))
    atomic_text(memo, digest.hexdigest())
    return digest.hexdigest()


def _check_inside(path: Path, fmt: str, bbox: tuple[float, float, float, float]) -> None:
    """ClipError if the box misses the bounding box the file's header declares (when it
    declares one; otherwise an empty clip says so)."""
    try:
        # entity bits NOTHING: libosmium reads the header only, not the hundreds of MB after it
        reader = osmium.io.Reader(
            osmium.io.File(str(path), fmt), osmium.osm.osm_entity_bits.NOTHING
        )
        try:
            extent = reader.header().box()
        finally:
            reader.close()
    except osm_io.OSMIUM_ERRORS as err:
        raise NotOSMError("osm_unreadable", detail=osm_io.short_reason(err)) from None
    if not extent.valid():
        return
    west, south = extent.bottom_left.lon, extent.bottom_left.lat
    east, north = extent.top_right.lon, extent.top_right.lat
    if not box(west, south, east, north).intersects(box(*bbox)):
        raise ClipError(
            "clip_outside",
            bbox=",".join(f"{v:.4f}" for v in bbox),
            extent=f"{west:.4f},{south:.4f},{east:.4f},{north:.4f}",
        )


def _check_size(region: BaseGeometry) -> None:
    centre = region.centroid
    crs = projected_crs_for(centre.x, centre.y)
    km2 = gpd.GeoSeries([region], crs=WGS84).to_crs(crs).area.iloc[0] / 1e6
    if km2 > MAX_CLIP_KM2:
        raise ClipError("clip_too_large", km2=km2, limit_km2=MAX_CLIP_KM2)
