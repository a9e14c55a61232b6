"""Reading OpenStreetMap files (PBF or XML) into the frames an area is built from.

pyrosm parses PBF quickly and tolerates ways clipped at an extract's edge (it keeps the nodes
that exist); osmium checks that a file is OSM at all, counts the clipped ways, and converts OSM XML
to PBF so that both formats take the same path. The format is sniffed from the content, never
trusted from a file name.
"""

from __future__ import annotations

import json
import re
import secrets
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import geopandas as gpd
import networkx as nx
import numpy as np
import osmium
import pandas as pd

from planner.errors import EmptyAreaError, NotOSMError

#: Called with a step name ("reading", "graphs", "features", "indexing") as loading goes on.
Progress = Optional[Callable[[str], None]]

#: OSM tags that make a point of interest, by category shown to the planner.
POI_CATEGORIES: dict[str, dict[str, list[str]]] = {
    "hospital": {"amenity": ["hospital", "clinic"]},
    "fire_station": {"amenity": ["fire_station"]},
    "police": {"amenity": ["police"]},
    "transit": {
        "railway": ["subway_entrance", "tram_stop", "station", "halt"],
        "highway": ["bus_stop"],
        "public_transport": ["platform", "station", "stop_position"],
    },
    "camera": {"man_made": ["surveillance"]},
    "street_lamp": {"highway": ["street_lamp"]},  # candidate mounts for mobile cameras
    "assembly_point": {"emergency": ["assembly_point"]},
    "defibrillator": {"emergency": ["defibrillator"]},
    "parking": {"amenity": ["parking"]},
}

STREET_COLUMNS = [
    "osm_id",
    "name",
    "highway",
    "footway",
    "tunnel",
    "bridge",
    "layer",
    "access",
    "motor_vehicle",
    "oneway",
    "lanes",
    "width",
    "maxspeed",
    "geometry",
]
BUILDING_COLUMNS = ["osm_id", "name", "building", "building:levels", "height", "geometry"]
POI_COLUMNS = [
    "osm_id",
    "category",
    "kind",
    "name",
    "emergency",
    "capacity",
    "area_m2",
    "tags",
    "geometry",
]
#: Tags kept (as a JSON object in the POI's ``tags`` column) for cameras: what
#: :mod:`planner.cameras` reads.
CAMERA_TAG_KEYS = (
    "surveillance",
    "surveillance:type",
    "surveillance:zone",
    "camera:type",
    "camera:direction",
    "direction",
    "camera:angle",
    "camera:mount",
    "camera:infrared_range",
    "height",
)
OPEN_SPACE_COLUMNS = ["osm_id", "name", "kind", "geometry"]
LANDCOVER_COLUMNS = ["osm_id", "name", "kind", "geometry"]

#: Areas the public can stand on: pedestrian areas (``highway=pedestrian`` drawn as a polygon,
#: ``area:highway=pedestrian|footway``) and squares (``place=square``). Parks and gardens
#: (``leisure=park``) are left out on purpose: lawns and flower beds are not standing room.
OPEN_SPACE_FILTER: dict[str, list[str] | bool] = {
    "highway": ["pedestrian"],
    "place": ["square"],
    "area:highway": True,
}
AREA_HIGHWAY_WALKABLE = ("pedestrian", "footway")

#: Water, green spaces and the coastline (the sea is built from it: :mod:`planner.coast`), drawn
#: on the printed map sheet only (never standing room).
LANDCOVER_FILTER: dict[str, list[str] | bool] = {
    "natural": ["water", "coastline"],
    "water": True,
    "leisure": ["park", "garden"],
    "landuse": ["grass", "recreation_ground"],
}


#: How much of a file's start is read to sniff its format and check an XML prolog.
PROLOG_SCAN_BYTES = 64 * 1024
#: One item an XML prolog may hold before the root element: a declaration, a processing
#: instruction or a comment (with the white space before it).
_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_OSM_ROOT = re.compile(rb"<osm[\s>/]")
#: Absolute paths (POSIX or Windows) in a library's error text: never shown to a user.
_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\][^\s'\"]*")
#: What osmium raises on a malformed file: its C++ errors as pybind11 translates them, and its
#: own error for a coordinate that is not a number.
OSMIUM_ERRORS = (
    RuntimeError,
    ValueError,
    LookupError,
    ArithmeticError,
    osmium.InvalidLocationError,
)


@dataclass
class OsmFrames:
    """What an OSM source yields, in WGS84, before projection and indexing."""

    streets: gpd.GeoDataFrame
    drive: nx.MultiDiGraph
    walk: nx.MultiDiGraph
    buildings: gpd.GeoDataFrame
    pois: gpd.GeoDataFrame
    open_spaces: gpd.GeoDataFrame
    clipped_ways: int = 0
    landcover: gpd.GeoDataFrame = field(
        default_factory=lambda: select_columns(None, LANDCOVER_COLUMNS)
    )


def sniff_format(path: Path) -> str:
    """``pbf`` or ``osm`` (XML) from the first bytes of a file; NotOSMError otherwise.

    An XML file's prolog is checked here, before any parser sees it (:func:`check_xml_prolog`).
    """
    with open(path, "rb") as fh:
        return sniff_head(fh.read(PROLOG_SCAN_BYTES))


def sniff_head(head: bytes) -> str:
    """:func:`sniff_format` of a file's first PROLOG_SCAN_BYTES bytes."""
    if b"OSMHeader" in head[:32]:
        return "pbf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<?xml") or text.startswith(b"<osm"):
        check_xml_prolog(head)
        return "osm"
    raise NotOSMError("not_osm")


def check_xml_prolog(head: bytes) -> None:
    """Refuse XML whose prolog declares a DOCTYPE (the only way to bring in entities, which a
    parser could expand to gigabytes) or whose first element is not ``<osm>``.

    ``head`` is the file's start: only the XML declaration, processing instructions, comments
    and white space may come before the root element. osmium refuses entities too; this cheap
    check of our own does not depend on it.
    """
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(head, pos):
        pos = match.end()
    rest = head[pos:].lstrip()
    if rest.startswith(b"<!") and not rest.startswith(b"<!--"):
        raise NotOSMError("osm_xml_doctype")
    if not _OSM_ROOT.match(rest):
        raise NotOSMError("osm_xml_no_root", limit_kb=PROLOG_SCAN_BYTES // 1024)


def inspect_osm(path: Path, fmt: str) -> tuple[int, int]:
    """Count highway ways (with two located nodes at least) and those clipped at the file's
    edge; NotOSMError if unreadable, EmptyAreaError if no street can be drawn."""
    highways = clipped = nodes = 0
    try:
        processor = osmium.FileProcessor(osmium.io.File(str(path), fmt)).with_locations()
        for obj in processor:
            if obj.is_node():
                nodes += 1
            elif obj.is_way() and "highway" in obj.tags:
                located = sum(ref.location.valid() for ref in obj.nodes)
                highways += located >= 2  # a street needs two points on the map
                clipped += located < len(obj.nodes)
    except OSMIUM_ERRORS as err:
        raise NotOSMError("osm_unreadable", detail=short_reason(err)) from None
    if nodes == 0:
        raise NotOSMError("osm_empty")
    if highways == 0:
        raise EmptyAreaError("osm_no_streets")
    return highways, clipped


def xml_to_pbf(source: Path, target: Path) -> Path:
    """Convert OSM XML to PBF with osmium (written atomically: two sessions may convert the
    same upload at once, each into a partial file of its own)."""
    partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
    try:
        with osmium.SimpleWriter(osmium.io.File(str(partial), "pbf")) as writer:
            for obj in osmium.FileProcessor(osmium.io.File(str(source), "osm")):
                writer.add(obj)
    except OSMIUM_ERRORS as err:
        partial.unlink(missing_ok=True)
        raise NotOSMError("osm_unreadable", detail=short_reason(err)) from None
    partial.replace(target)
    return target


def read_pbf(path: Path, clipped_ways: int = 0, progress: Progress = None) -> OsmFrames:
    """Streets, drivable and walkable graphs, buildings and POIs of a PBF file, in WGS84.

    osmium has read the file before (:func:`inspect_osm`); should pyrosm still fail on its
    content, that is a NotOSMError with a short reason, never a library trace.
    """
    import pyrosm  # imported here: about 0.5 s, and only needed on a cold load
    from google.protobuf.message import DecodeError
    from pyrosm.exceptions import PBFException

    report = progress or (lambda step: None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            osm = pyrosm.OSM(str(path), progress=False)  # our own progress; no line on stderr
            report("graphs")
            _, all_edges = _network(osm, "all")
            drive = _graph(osm, "driving")
            walk = _graph(osm, "walking")
            report("features")
            buildings = osm.get_buildings()
            pois = osm.get_pois(custom_filter=merged_poi_filter())
            open_spaces = osm.get_data_by_custom_criteria(
                custom_filter=OPEN_SPACE_FILTER,
                osm_keys_to_keep=list(OPEN_SPACE_FILTER),
                filter_type="keep",
                keep_nodes=False,
            )
            landcover = osm.get_data_by_custom_criteria(
                custom_filter=LANDCOVER_FILTER,
                osm_keys_to_keep=list(LANDCOVER_FILTER),
                filter_type="keep",
                keep_nodes=False,
            )
    except (PBFException, DecodeError, zlib.error, ValueError, LookupError, EOFError) as err:
        raise NotOSMError("osm_unreadable", detail=short_reason(err)) from None
    return OsmFrames(
        streets=select_columns(all_edges.rename(columns={"id": "osm_id"}), STREET_COLUMNS),
        drive=drive,
        walk=walk,
        buildings=select_columns(_with_osm_id(buildings), BUILDING_COLUMNS),
        pois=categorise_pois(_with_osm_id(pois)),
        open_spaces=classify_open_spaces(_with_osm_id(open_spaces)),
        clipped_ways=clipped_ways,
        landcover=classify_landcover(_with_osm_id(landcover)),
    )


def _network(osm, network_type: str) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    result = osm.get_network(network_type=network_type, nodes=True)
    if result is None or result[1] is None or len(result[1]) == 0:
        raise EmptyAreaError("osm_no_streets")
    return result


def _graph(osm, network_type: str) -> nx.MultiDiGraph:
    nodes, edges = _network(osm, network_type)
    return osm.to_graph(nodes, edges, graph_type="networkx", retain_all=True)


def merged_poi_filter() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for tags in POI_CATEGORIES.values():
        for key, values in tags.items():
            merged.setdefault(key, []).extend(values)
    return merged


def categorise_pois(pois: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """One point per POI with its ``category`` (first match in POI_CATEGORIES) and ``kind`` tag."""
    if pois is None or len(pois) == 0:
        return gpd.GeoDataFrame(columns=POI_COLUMNS, geometry="geometry", crs="EPSG:4326")
    pois = pois.copy()
    pois["category"] = None
    pois["kind"] = None
    for category, tags in POI_CATEGORIES.items():
        for key, values in tags.items():
            if key not in pois.columns:
                continue
            hit = pois["category"].isna() & pois[key].isin(values)
            pois.loc[hit, "category"] = category
            pois.loc[hit, "kind"] = pois.loc[hit, key]
    pois = pois[pois["category"].notna()]
    pois["capacity"] = [_tag_value(t, "capacity") for t in _column(pois, "tags")]
    pois["area_m2"] = _outline_m2(pois)
    pois["tags"] = camera_tags(pois)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # centroids of lon/lat polygons: a display point only
        pois["geometry"] = pois.geometry.representative_point()
    return select_columns(pois, POI_COLUMNS)


def camera_tags(pois: pd.DataFrame) -> list[str | None]:
    """The CAMERA_TAG_KEYS of each camera as a JSON object (None for other POIs).

    pyrosm gives the tags it has no column for in one JSON ``tags`` column; osmnx gives every
    tag its own column: both are read.
    """
    packed = pois["tags"] if "tags" in pois.columns else pd.Series(None, index=pois.index)
    columns = {key: _tag(pois, key) for key in CAMERA_TAG_KEYS}
    out: list[str | None] = []
    for i, (category, extra) in enumerate(zip(pois["category"], packed, strict=True)):
        if category != "camera":
            out.append(None)
            continue
        tags = json.loads(extra) if isinstance(extra, str) and extra.startswith("{") else {}
        tags.update({k: v.iloc[i] for k, v in columns.items() if isinstance(v.iloc[i], str)})
        kept = {k: str(tags[k]) for k in CAMERA_TAG_KEYS if tags.get(k) is not None}
        out.append(json.dumps(kept, sort_keys=True))
    return out


def _column(frame: pd.DataFrame, key: str) -> list:
    return frame[key].tolist() if key in frame.columns else [None] * len(frame)


def _tag_value(tags: object, key: str) -> str | None:
    """One tag of pyrosm's ``tags`` column (a JSON object as text), or None."""
    if not isinstance(tags, str):
        return None
    try:
        value = json.loads(tags).get(key)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _outline_m2(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Area (m²) of each feature mapped as a polygon (0 for points), in a local metric CRS."""
    polygons = frame.geom_type.isin(("Polygon", "MultiPolygon")).to_numpy()
    out = np.zeros(len(frame))
    if polygons.any():
        part = frame[polygons]
        out[polygons] = part.to_crs(part.estimate_utm_crs()).area.to_numpy()
    return out


def classify_open_spaces(found: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """The polygons of an OPEN_SPACE_FILTER query, of ``kind`` "square" or "pedestrian_area".

    Pedestrian streets (lines) and ``area:highway`` carriageways of other classes are left out.
    """
    if found is None or len(found) == 0:
        return select_columns(None, OPEN_SPACE_COLUMNS)
    square = _tag(found, "place") == "square"
    walkable = (
        square
        | (_tag(found, "highway") == "pedestrian")
        | _tag(found, "area:highway").isin(AREA_HIGHWAY_WALKABLE)
    )
    keep = walkable & found.geom_type.isin(("Polygon", "MultiPolygon"))
    found = found[keep].assign(kind=np.where(square[keep], "square", "pedestrian_area"))
    return select_columns(found, OPEN_SPACE_COLUMNS)


def classify_landcover(found: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """The polygons of a LANDCOVER_FILTER query, of ``kind`` "water", "park" or "grass", and the
    coastline's lines (``kind`` "coastline")."""
    if found is None or len(found) == 0:
        return select_columns(None, LANDCOVER_COLUMNS)
    coast = (_tag(found, "natural") == "coastline") & found.geom_type.isin(
        ("LineString", "MultiLineString")
    )
    water = (_tag(found, "natural") == "water") | _tag(found, "water").notna()
    park = _tag(found, "leisure").isin(("park", "garden"))
    grass = _tag(found, "landuse").isin(("grass", "recreation_ground"))
    polygon = found.geom_type.isin(("Polygon", "MultiPolygon"))
    keep = coast | ((water | park | grass) & polygon)
    kind = np.where(coast, "coastline", np.where(water, "water", np.where(park, "park", "grass")))
    found = found[keep].assign(kind=kind[keep.to_numpy()])
    return select_columns(found, LANDCOVER_COLUMNS)


def _tag(frame: pd.DataFrame, key: str) -> pd.Series:
    """A tag's column, or None everywhere when no element has the tag."""
    return frame[key] if key in frame.columns else pd.Series(None, index=frame.index)


def _with_osm_id(frame: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    if frame is None:
        return None
    return frame.rename(columns={"id": "osm_id"})


def select_columns(frame: gpd.GeoDataFrame | None, columns: list[str]) -> gpd.GeoDataFrame:
    """The given columns (missing ones as None), geometry set, WGS84."""
    if frame is None or len(frame) == 0:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    out = pd.DataFrame(index=range(len(frame)))
    for column in columns:
        out[column] = frame[column].to_numpy() if column in frame.columns else None
    gdf = gpd.GeoDataFrame(out, geometry="geometry", crs=frame.crs or "EPSG:4326")
    return gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].reset_index(drop=True)


def short_reason(err: BaseException) -> str:
    """A library error as a short reason for a user: its first line, no paths, at most 120
    characters (the error's type name when it says nothing)."""
    lines = str(err).strip().splitlines()
    reason = _PATH.sub("…", lines[0]).strip() if lines else ""
    if len(reason) > 120:
        reason = reason[:119] + "…"
    return reason or type(err).__name__
