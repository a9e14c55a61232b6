"""Property-based: any OSM upload is loaded or refused with one clear line, never a crash.

The app's path is fuzzed end to end: ``store_upload`` (size limit, content-hash name, sniffing),
then ``load_area`` on the stored file (XML prolog check, osmium, XML → PBF, pyrosm, projection).
Inputs are kept small so that a case takes milliseconds, except the few that reach pyrosm.
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

import osmium
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from layers.basemap import base_geojson
from planner.area import (
    CACHE_VERSION,
    MAX_OSM_FILE_BYTES,
    AreaSource,
    load_area,
    load_area_by_id,
    store_upload,
)
from planner.errors import EmptyAreaError, NotOSMError, PlannerError, UnknownAreaError

from .fuzzing import FUZZ, assert_clear_refusal, sometimes

TAG_KEYS = [
    "highway",
    "building",
    "amenity",
    "name",
    "natural",
    "leisure",
    "landuse",
    "place",
    "area:highway",
    "area",
    "water",
    "emergency",
    "railway",
    "public_transport",
    "man_made",
    "motor_vehicle",
    "access",
    "oneway",
    "lanes",
    "width",
    "maxspeed",
    "layer",
    "building:levels",
    "height",
    "type",
]
TAG_VALUES = [
    "residential",
    "primary",
    "footway",
    "pedestrian",
    "service",
    "steps",
    "proposed",
    "yes",
    "no",
    "-1",
    "hospital",
    "police",
    "fire_station",
    "bus_stop",
    "surveillance",
    "defibrillator",
    "coastline",
    "water",
    "park",
    "grass",
    "square",
    "multipolygon",
    "1e309",
    "NaN",
    "",
]

# Values a real file may hold, and values no file should (wrong type, out of range, missing).
good_ids = st.integers(1, 12)
bad_ids = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from(["", "x", "1.5", "-0", "99999999999999999999999"]),
)


@st.composite
def _degrees(draw: st.DrawFn, near: tuple[float, float], limit: float) -> float:
    """Mostly near Monaco (a plan's place), now and then anywhere on Earth."""
    return draw(st.floats(-limit, limit) if sometimes(draw, 12) else st.floats(*near))


good_lats = _degrees((43.70, 43.76), 90)
good_lons = _degrees((7.40, 7.45), 180)
bad_degrees = st.one_of(
    st.floats(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "x", "1e400", "43,7", "-0"]),
    st.none(),  # attribute missing
)
good_tags = st.lists(st.tuples(st.sampled_from(TAG_KEYS), st.sampled_from(TAG_VALUES)), max_size=3)
any_tags = st.lists(
    st.tuples(
        st.sampled_from(TAG_KEYS) | st.text(max_size=4),
        st.sampled_from(TAG_VALUES) | st.text(max_size=6),
    ),
    max_size=3,
)


def _attrs(**values: object) -> str:
    return "".join(f" {k}={quoteattr(str(v))}" for k, v in values.items() if v is not None)


def _tags(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"<tag{_attrs(k=k, v=v)}/>" for k, v in pairs)


#: Highway values of the well-formed documents; their first way is drivable (the area needs a
#: drivable and a walkable graph), the others anything.
DRIVABLE = ["residential", "primary", "service", "living_street"]
HIGHWAYS = [*DRIVABLE, "footway", "pedestrian", "steps", "proposed", "construction"]


@st.composite
def osm_documents(draw: st.DrawFn, valid: bool = False) -> bytes:
    """A small OSM XML document: nodes, ways and relations with random ids, places and tags.

    ``valid`` keeps to values a real file may hold, and most ways are highways through the
    document's nodes (so that most cases reach pyrosm); else anything goes.
    """
    ids = good_ids if valid else good_ids | bad_ids
    lats = good_lats if valid else good_lats | bad_degrees
    lons = good_lons if valid else good_lons | bad_degrees
    tags = good_tags if valid else any_tags
    node = st.tuples(ids, lats, lons, tags)
    nodes = draw(
        st.lists(node, min_size=2, max_size=6, unique_by=lambda n: n[0])
        if valid
        else st.lists(node, max_size=6)
    )
    node_ids = [n[0] for n in nodes] or [1]

    def way(first: bool) -> tuple:
        if valid and (first or not sometimes(draw, 5)):  # a highway through the nodes
            refs = draw(st.lists(st.sampled_from(node_ids), min_size=2, max_size=5, unique=True))
            if sometimes(draw, 8):  # a node the extract does not hold (clipped at its edge)
                refs.insert(draw(st.integers(0, len(refs))), draw(st.integers(13, 2**40)))
            highway = [("highway", draw(st.sampled_from(DRIVABLE if first else HIGHWAYS)))]
            return draw(ids), refs, highway + draw(tags)
        return draw(ids), draw(st.lists(st.sampled_from(node_ids) | ids, max_size=5)), draw(tags)

    ways = [way(first=i == 0) for i in range(draw(st.integers(int(valid), 3)))]
    member = st.tuples(
        st.sampled_from(["way", "node", "relation"] if valid else ["way", "node", "area", ""]),
        st.sampled_from([w[0] for w in ways] or [1]) | ids,
        st.sampled_from(["outer", "inner", ""]),
    )
    relations = draw(st.lists(st.tuples(ids, st.lists(member, max_size=3), tags), max_size=2))
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="fuzz">']
    for node_id, lat, lon, node_tags in nodes:
        parts.append(f"<node{_attrs(id=node_id, lat=lat, lon=lon)}>{_tags(node_tags)}</node>")
    for way_id, way_refs, way_tags in ways:
        nds = "".join(f"<nd{_attrs(ref=r)}/>" for r in way_refs)
        parts.append(f"<way{_attrs(id=way_id)}>{nds}{_tags(way_tags)}</way>")
    for rel_id, members, rel_tags in relations:
        body = "".join(f"<member{_attrs(type=t, ref=r, role=role)}/>" for t, r, role in members)
        parts.append(f"<relation{_attrs(id=rel_id)}>{body}{_tags(rel_tags)}</relation>")
    parts.append("</osm>\n")
    return "".join(parts).encode("utf-8", "surrogatepass")


PROLOGS = [
    b'<!DOCTYPE osm [<!ENTITY a "aaaaaaaa">]>\n',
    b'<!DOCTYPE osm SYSTEM "file:///etc/passwd">\n',
    b'<!ENTITY x "y">\n',
    b"<!-- a comment -->\n<!doctype osm>\n",
    b"<!-- <osm> -->\n<!DOCTYPE osm []>\n",
    b'<?xml-stylesheet href="x"?>\n',
    b"\xef\xbb\xbf",
    b"<!-- just a comment -->",
]


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A generated document broken the way real files break: truncated, spliced, re-rooted,
    given a DOCTYPE/ENTITY prolog, a BOM, or garbage after the root element."""
    doc = draw(osm_documents())
    kind = draw(
        st.sampled_from(["none", "truncate", "splice", "prolog", "root", "trailer", "no_decl"])
    )
    if kind == "truncate":
        return doc[: draw(st.integers(0, len(doc)))]
    if kind == "splice":
        at = draw(st.integers(0, len(doc)))
        return doc[:at] + draw(st.binary(max_size=8)) + doc[at + draw(st.integers(0, 4)) :]
    if kind == "prolog":
        head, sep, body = doc.partition(b"\n")
        return head + sep + draw(st.sampled_from(PROLOGS)) + body
    if kind == "root":
        root = draw(st.sampled_from([b"<html", b"<osmChange", b"<OSM", b"<osm:x", b"<o"]))
        return doc.replace(b"<osm", root, 1)
    if kind == "trailer":
        return doc + draw(st.sampled_from([b"<osm/>", b"junk", b"\x00\xff", b"<!-- -->"]))
    if kind == "no_decl":
        return doc.partition(b"\n")[2]
    return doc


@cache
def small_pbf() -> bytes:
    """A real two-street PBF written by osmium (the base of the PBF mutations)."""
    xml = (
        b'<?xml version="1.0"?><osm version="0.6">'
        b'<node id="1" lat="43.730" lon="7.420"/><node id="2" lat="43.731" lon="7.421"/>'
        b'<node id="3" lat="43.732" lon="7.420"/>'
        b'<way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>'
        b'<way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way></osm>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "small.osm", Path(tmp) / "small.osm.pbf"
        source.write_bytes(xml)
        with osmium.SimpleWriter(str(target)) as writer:
            for obj in osmium.FileProcessor(str(source)):
                writer.add(obj)
        return target.read_bytes()


@st.composite
def pbf_like(draw: st.DrawFn) -> bytes:
    """PBF-looking bytes: a blob header with junk, or the small real PBF mutated."""
    if draw(st.booleans()):
        size = draw(st.integers(0, 2**32 - 1) | st.integers(0, 40))
        return struct.pack(">I", size) + b"\x0a\x09OSMHeader" + draw(st.binary(max_size=200))
    pbf = small_pbf()
    at = draw(st.integers(0, len(pbf) - 1))
    if draw(st.booleans()):
        return pbf[:at]
    flipped = draw(st.binary(min_size=1, max_size=4))
    return pbf[:at] + flipped + pbf[at + len(flipped) :]


uploads = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda b, tail: b + tail,
        st.sampled_from([b"<?xml", b"<osm", b"\xef\xbb\xbf<osm"]),
        st.binary(max_size=100),
    ),
    osm_documents(),
    mutated_documents(),
    pbf_like(),
)


@pytest.fixture(scope="module", autouse=True)
def fuzz_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache of this module's own, so that the areas it loads are not listed to the other
    tests; and a temporary directory of its own, where pyrosm keeps its result cache."""
    saved_cache, saved_tempdir = os.environ["VIGIE_CACHE_DIR"], tempfile.tempdir
    cache_path = tmp_path_factory.mktemp("fuzz-cache")
    os.environ["VIGIE_CACHE_DIR"] = str(cache_path)
    tempfile.tempdir = str(tmp_path_factory.mktemp("pyrosm-tmp"))
    yield cache_path
    os.environ["VIGIE_CACHE_DIR"], tempfile.tempdir = saved_cache, saved_tempdir


def _upload_and_load(data: bytes) -> None:
    """What the app does with an upload: store it, load the area from the stored file, and draw
    its base map (ui.resources.AreaRegistry)."""
    try:
        path = store_upload(data)
        area = load_area(AreaSource.file(path, name="upload.osm"))
    except PlannerError as err:
        assert_clear_refusal(err, data)
        event(f"refused: {err.key}")
    else:
        assert len(area.streets) > 0
        assert all(layer["type"] == "FeatureCollection" for layer in base_geojson(area).values())
        event("loaded")


@FUZZ
@given(uploads)
def test_any_upload_is_loaded_or_refused_clearly(data: bytes) -> None:
    _upload_and_load(data)


@settings(FUZZ, max_examples=60)  # ~0.3 s each: most reach pyrosm
@given(osm_documents(valid=True))
def test_any_well_formed_document_is_loaded_or_refused_clearly(data: bytes) -> None:
    _upload_and_load(data)


def test_an_uploaded_pbf_is_loaded() -> None:
    """An upload is stored under its content hash, with no .pbf suffix: pyrosm still reads it."""
    area = load_area(AreaSource.file(store_upload(small_pbf()), name="two-streets.osm.pbf"))
    assert len(area.streets) == 2 and area.name == "two-streets.osm.pbf"


@pytest.mark.parametrize("prolog", PROLOGS[:5])
def test_a_doctype_is_refused_before_any_parser_reads_the_file(prolog: bytes) -> None:
    data = b'<?xml version="1.0"?>\n' + prolog + b'<osm version="0.6"></osm>'
    with pytest.raises(NotOSMError) as caught:
        store_upload(data)
    assert "entities are not supported" in caught.value.message("en")
    assert "entités XML" in caught.value.message("fr")


@pytest.mark.parametrize("root", [b"<html>", b"<osmChange>", b"<!-- <osm> --><gpx>", b""])
def test_xml_whose_root_is_not_osm_is_refused(root: bytes) -> None:
    with pytest.raises(NotOSMError, match="no <osm> element"):
        store_upload(b'<?xml version="1.0"?>\n' + root)


def _document(nodes: list[tuple[float, float]], highway: str = "residential") -> bytes:
    """An OSM XML document of one way through the given (lat, lon) nodes."""
    xml = "".join(f'<node id="{i}" lat="{lat}" lon="{lon}"/>' for i, (lat, lon) in enumerate(nodes))
    nds = "".join(f'<nd ref="{i}"/>' for i in range(len(nodes)))
    way = f'<way id="1">{nds}<tag k="highway" v="{highway}"/></way>'
    return f'<?xml version="1.0"?><osm version="0.6">{xml}{way}</osm>'.encode()


def test_highways_that_are_not_streets_are_refused() -> None:
    data = _document([(43.73, 7.42), (43.74, 7.43)], highway="proposed")
    with pytest.raises(EmptyAreaError, match="no streets"):
        load_area(AreaSource.file(store_upload(data)))


def test_data_spread_over_the_globe_is_refused() -> None:
    data = _document([(43.73, 7.42), (-72.8, 177.1)])  # once: GEOS failed on infinite points
    with pytest.raises(NotOSMError, match="more than the 10°"):
        load_area(AreaSource.file(store_upload(data)))


class _Touch:
    """Pickled, it creates a file when unpickled: what a planted cache entry could do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.path,))


def test_an_area_id_is_never_a_path(fuzz_cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "unpickled"
    planted = fuzz_cache / f"planted.v{CACHE_VERSION}.pickle"
    planted.write_bytes(pickle.dumps(_Touch(marker)))
    with pytest.raises(UnknownAreaError):
        load_area_by_id("../planted")  # would read <cache>/areas/../planted.v….pickle
    assert not marker.exists()


def test_a_refused_upload_leaves_nothing_behind(fuzz_cache: Path) -> None:
    before = set((fuzz_cache / "uploads").glob("*"))
    for data in (b"GIF89a not a map", b'<?xml version="1.0"?><!DOCTYPE osm []><osm/>'):
        with pytest.raises(NotOSMError):
            store_upload(data)
    assert set((fuzz_cache / "uploads").glob("*")) == before


def test_an_upload_over_the_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(NotOSMError) as caught:
        store_upload(bytes(MAX_OSM_FILE_BYTES + 1))
    assert "200 MB" in caught.value.message("en") and "200 Mo" in caught.value.message("fr")
