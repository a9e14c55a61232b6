"""Areas: the OSM data of one place, processed once, cached on disk, shared by every session.

An area holds the streets (every highway way, for checkpoints and the map), a drivable and a
walkable routing graph (osmnx-compatible MultiDiGraphs, WGS84), buildings, points of interest,
open spaces (pedestrian areas and squares) and the landcover of printed maps (sea, water, parks).
Frames are kept in the area's projected CRS (see :mod:`planner.crs`). A processed area is pickled
in the cache directory under a key made of its source's content hash and ``CACHE_VERSION``, so a
second start loads it in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner import osm_io
from planner.coast import with_sea
from planner.crs import WGS84, projected_crs_for
from planner.demo_data import DEMO_AREAS, sha256_of
from planner.errors import EmptyAreaError, NotOSMError, UnknownAreaError
from planner.paths import cache_dir
from planner.roads import highway_rank, highway_value, street_kind
from planner.routing import RoutingGraph

#: Bump when the processed layout changes: older cache entries are then rebuilt.
CACHE_VERSION = 7

#: Largest OSM file loaded whole (an upload or the command line's ``--osm-file``); a larger one
#: is clipped to a commune or a bounding box first (:mod:`planner.extracts`).
MAX_OSM_FILE_BYTES = 200 * 1024 * 1024
#: Largest regional extract accepted as an upload, to be clipped (Streamlit's own limit,
#: ``server.maxUploadSize`` in .streamlit/config.toml, is the same). Files on the server, listed
#: by the administrator's VIGIE_EXTRACTS_DIR, have no limit: they are streamed, never read whole.
MAX_UPLOAD_BYTES = 1024 * 1024 * 1024

#: Widest span (degrees of longitude or of latitude) of the data an area is built from: a plan
#: covers a city, and its projection (see planner.crs) breaks down far from the centre.
MAX_SPAN_DEGREES = 10.0

#: The id of a processed area (AreaSource.area_id): its kind and a short hash, never a path.
AREA_ID = re.compile(r"(file|online)-[0-9a-f]{12}")

#: Bytes copied at a time when an upload is stored.
COPY_CHUNK_BYTES = 1 << 20

SourceKind = Literal["demo", "file", "online"]


@dataclass(frozen=True)
class AreaSource:
    """Where an area comes from: a demo id, a local OSM file, or an online place/bbox query."""

    kind: SourceKind
    ref: str
    name: str

    @staticmethod
    def demo(area_id: str) -> AreaSource:
        if area_id not in DEMO_AREAS:
            raise UnknownAreaError(
                "unknown_area", area=area_id, available=", ".join(available_area_ids())
            )
        return AreaSource("demo", area_id, DEMO_AREAS[area_id].name_en)

    @staticmethod
    def file(path: str | Path, name: str | None = None) -> AreaSource:
        path = Path(path)
        if not path.is_file():
            raise NotOSMError("no_such_file", name=path.name)
        if path.stat().st_size > MAX_OSM_FILE_BYTES:
            raise NotOSMError("file_too_large", limit_mb=MAX_OSM_FILE_BYTES // 2**20)
        return AreaSource("file", str(path.resolve()), name or path.name)

    @staticmethod
    def online(place: str | None = None, bbox: str | None = None) -> AreaSource:
        from planner.online import online_ref

        ref = online_ref(place=place, bbox=bbox)
        return AreaSource("online", ref, ref.partition(":")[2])

    def area_id(self) -> str:
        """Stable id: the demo id, or a short hash of the file's content or of the query."""
        if self.kind == "demo":
            return self.ref
        if self.kind == "file":
            return "file-" + sha256_of(Path(self.ref))[:12]
        return "online-" + hashlib.sha256(self.ref.encode()).hexdigest()[:12]


@dataclass
class Area:
    """One place's processed OSM data (frames in ``crs``, graphs in WGS84)."""

    id: str
    name: str
    source: AreaSource
    crs: str
    streets: gpd.GeoDataFrame
    drive: nx.MultiDiGraph
    walk: nx.MultiDiGraph
    buildings: gpd.GeoDataFrame
    pois: gpd.GeoDataFrame
    open_spaces: gpd.GeoDataFrame
    extent: BaseGeometry
    clipped_ways: int = 0
    landcover: gpd.GeoDataFrame | None = None  # water, parks, grass (for the printed sheet)
    _street_tree: shapely.STRtree | None = field(default=None, repr=False, compare=False)
    _routing: dict[str, RoutingGraph] | None = field(default=None, repr=False, compare=False)

    @property
    def street_tree(self) -> shapely.STRtree:
        """Spatial index over ``streets.geometry`` (built on first use, not pickled)."""
        if self._street_tree is None:
            self._street_tree = shapely.STRtree(self.streets.geometry.values)
        return self._street_tree

    def routing(self, mode: str) -> RoutingGraph:
        """The routing arrays of the ``drive`` or ``walk`` graph (built on first use)."""
        if self._routing is None:
            self._routing = {}
        if mode not in self._routing:
            graph = self.drive if mode == "drive" else self.walk
            self._routing[mode] = RoutingGraph.from_graph(graph, self.crs, mode)
        return self._routing[mode]

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_street_tree"] = None
        state["_routing"] = None
        return state

    def center_wgs84(self) -> tuple[float, float]:
        """(lat, lon) of the area's centre."""
        point = gpd.GeoSeries([self.extent.centroid], crs=self.crs).to_crs(WGS84).iloc[0]
        return point.y, point.x

    def bounds_wgs84(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the area."""
        return tuple(gpd.GeoSeries([self.extent], crs=self.crs).to_crs(WGS84).total_bounds)


def available_area_ids() -> list[str]:
    """Demo ids first, then areas processed earlier and still in the cache."""
    cached = sorted(p.stem for p in _areas_dir().glob("*.json"))
    return list(DEMO_AREAS) + [c for c in cached if c not in DEMO_AREAS]


def list_areas() -> list[tuple[str, str, str]]:
    """(id, name, kind) of every available area."""
    rows = [(d.id, d.name_en, "demo") for d in DEMO_AREAS.values()]
    for meta_path in sorted(_areas_dir().glob("*.json")):
        meta = json.loads(meta_path.read_text())
        if meta["id"] not in DEMO_AREAS:
            rows.append((meta["id"], meta["name"], meta["kind"]))
    return rows


def load_area(source: AreaSource, progress: osm_io.Progress = None, use_cache: bool = True) -> Area:
    """Load (from the disk cache, else process) the area of a source."""
    report = progress or (lambda step: None)
    area_id = source.area_id()
    if use_cache:
        cached = _read_cache(area_id)
        if cached is not None:
            cached.name = source.name  # the label may differ (an upload's file name)
            return cached
    report("reading")
    if source.kind == "online":
        from planner.online import download_frames

        frames = download_frames(source.ref, progress=report)
    else:
        path = DEMO_AREAS[source.ref].path() if source.kind == "demo" else Path(source.ref)
        frames = read_osm_file(path, progress=report)
    report("indexing")
    area = build_area(area_id, source, frames)
    _write_cache(area)
    return area


def load_area_by_id(area_id: str, progress: osm_io.Progress = None) -> Area:
    """Load a demo area or an area already in the cache by its id."""
    if area_id in DEMO_AREAS:
        return load_area(AreaSource.demo(area_id), progress)
    cached = _read_cache(area_id) if AREA_ID.fullmatch(area_id) else None  # never a path
    if cached is None:
        raise UnknownAreaError(
            "unknown_area", area=area_id, available=", ".join(available_area_ids())
        )
    return cached


def read_osm_file(path: Path, progress: osm_io.Progress = None) -> osm_io.OsmFrames:
    """Frames of a local OSM file (PBF or XML, sniffed from its content).

    XML is converted to PBF; a PBF whose name does not end in ``.pbf`` (an upload, stored under
    its content hash) is linked under such a name, the only files pyrosm opens.
    """
    fmt = osm_io.sniff_format(path)
    _, clipped = osm_io.inspect_osm(path, fmt)
    if fmt == "osm" or not path.name.endswith(".pbf"):
        converted = cache_dir() / "converted"
        converted.mkdir(exist_ok=True)
        target = converted / f"{sha256_of(path)}.osm.pbf"
        path = osm_io.xml_to_pbf(path, target) if fmt == "osm" else _linked(path, target)
    return osm_io.read_pbf(path, clipped_ways=clipped, progress=progress)


def store_upload(data: bytes) -> Path:
    """Keep an uploaded OSM file in the cache under its content hash (its name is never a path).

    Its size and first bytes are checked before anything is written: a refused upload leaves
    nothing behind.
    """
    return store_upload_file(io.BytesIO(data), len(data), MAX_OSM_FILE_BYTES)


def store_upload_file(upload: BinaryIO, size: int, limit: int = MAX_UPLOAD_BYTES) -> Path:
    """:func:`store_upload` of a file object of ``size`` bytes, copied by chunks (a regional
    extract of hundreds of MB is never held twice in memory)."""
    if size > limit:
        raise NotOSMError("file_too_large", limit_mb=limit // 2**20)
    upload.seek(0)
    head = upload.read(osm_io.PROLOG_SCAN_BYTES)
    osm_io.sniff_head(head)
    uploads = uploads_dir()
    digest = hashlib.sha256(head)
    fd, tmp = tempfile.mkstemp(dir=uploads, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(head)
            while chunk := upload.read(COPY_CHUNK_BYTES):
                digest.update(chunk)
                fh.write(chunk)
        path = uploads / digest.hexdigest()
        if path.exists():
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def uploads_dir() -> Path:
    """Where OSM files are kept by content hash: uploads and clipped regional extracts (a
    scenario names them by that hash, :func:`uploaded_file`)."""
    path = cache_dir() / "uploads"
    path.mkdir(exist_ok=True)
    return path


def uploaded_file(sha256: str) -> Path:
    """The cached upload with this content hash; NotOSMError if it is not (or no longer) there."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise NotOSMError("no_such_file", name=sha256[:16])
    path = uploads_dir() / sha256
    if not path.is_file():
        raise NotOSMError("no_such_file", name=f"sha256 {sha256[:12]}…")
    return path


def build_area(area_id: str, source: AreaSource, frames: osm_io.OsmFrames) -> Area:
    """Project the frames, classify the streets and compute the area's extent."""
    _check_span(frames)
    streets = frames.streets.copy()
    streets["highway"] = streets["highway"].map(highway_value)
    streets["kind"] = [
        street_kind(h, mv)
        for h, mv in zip(streets["highway"], streets["motor_vehicle"], strict=True)
    ]
    streets = streets[streets["kind"].notna()].reset_index(drop=True)
    if streets.empty:  # only ways that are not streets (highway=proposed, construction, …)
        raise EmptyAreaError("osm_no_streets")
    streets["rank"] = streets["highway"].map(highway_rank)
    lon, lat = _center_lonlat(streets)
    crs = projected_crs_for(lon, lat)
    streets = streets.to_crs(crs)
    extent = shapely.convex_hull(
        shapely.union_all(shapely.points(shapely.get_coordinates(streets.geometry.values)))
    )
    return Area(
        id=area_id,
        name=source.name,
        source=source,
        crs=crs,
        streets=streets,
        drive=frames.drive,
        walk=frames.walk,
        buildings=frames.buildings.to_crs(crs),
        pois=frames.pois.to_crs(crs),
        open_spaces=frames.open_spaces.to_crs(crs),
        extent=extent,
        clipped_ways=frames.clipped_ways,
        landcover=with_sea(frames.landcover.to_crs(crs), extent.bounds, streets.geometry.values),
    )


def _check_span(frames: osm_io.OsmFrames) -> None:
    """Refuse data spread wider than MAX_SPAN_DEGREES: no projection of the area's centre would
    hold it (far points project to infinity)."""
    layers = (frames.streets, frames.buildings, frames.pois, frames.open_spaces, frames.landcover)
    bounds = np.array([layer.total_bounds for layer in layers if len(layer)])
    if not len(bounds):
        return
    span = max(bounds[:, 2].max() - bounds[:, 0].min(), bounds[:, 3].max() - bounds[:, 1].min())
    if not span <= MAX_SPAN_DEGREES:  # NaN included
        raise NotOSMError("osm_too_wide", span=float(span), limit=MAX_SPAN_DEGREES)


def _center_lonlat(frame: gpd.GeoDataFrame) -> tuple[float, float]:
    west, south, east, north = frame.total_bounds
    return (west + east) / 2, (south + north) / 2


def _areas_dir() -> Path:
    path = cache_dir() / "areas"
    path.mkdir(exist_ok=True)
    return path


def _cache_path(area_id: str) -> Path:
    return _areas_dir() / f"{area_id}.v{CACHE_VERSION}.pickle"


def _read_cache(area_id: str) -> Area | None:
    path = _cache_path(area_id)
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh:
            area = pickle.load(fh)
    except Exception:  # a cache entry from another version, or truncated: rebuild it
        return None
    return area if isinstance(area, Area) else None


def _write_cache(area: Area) -> None:
    _atomic_write(_cache_path(area.id), pickle.dumps(area, protocol=pickle.HIGHEST_PROTOCOL))
    meta = {"id": area.id, "name": area.name, "kind": area.source.kind, "ref": area.source.ref}
    _atomic_write(_areas_dir() / f"{area.id}.json", json.dumps(meta).encode())


def _linked(source: Path, target: Path) -> Path:
    """``target`` as a hard link to (or, across file systems, a copy of) ``source``, made
    atomically under a partial name of its own."""
    if not target.exists():
        partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
        try:
            os.link(source, partial)
        except OSError:
            shutil.copyfile(source, partial)
        partial.replace(target)
    return target


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
