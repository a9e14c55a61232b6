"""Regional extracts: a large file clipped to a commune or a box with osmium, on a small
synthetic extract (Monaco replicated 2 × 2 with synthetic communes: tests/synthetic_osm.py)."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import osmium
import pytest
import shapely
from shapely.geometry import box

from planner import extracts, osm_io, osmium_tool
from planner.area import load_area, store_upload_file, uploads_dir
from planner.communes import commune_index
from planner.errors import ClipError, NotOSMError
from planner.extracts import Clip, clipped_source, server_extract, server_extracts
from tests.synthetic_osm import ID_OFFSET, copy_centre

#: A 1.2 km × 1 km box on copy 3's Monaco centre (Monte-Carlo, shifted).
LON3, LAT3 = copy_centre(3, cols=2)
BOX3 = (LON3 - 0.0075, LAT3 - 0.0045, LON3 + 0.0075, LAT3 + 0.0045)
BOX3_TEXT = ",".join(str(v) for v in BOX3)


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch) -> Path:
    """A cache of the test's own (the clip and commune caches start empty)."""
    monkeypatch.setenv("VIGIE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Steps:
    """A progress callback that records (step, share)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []

    def __call__(self, step: str, share: float) -> None:
        self.calls.append((step, share))

    def names(self) -> list[str]:
        return list(dict.fromkeys(step for step, _ in self.calls))


def highway_ways(path: Path) -> list[tuple[int, list]]:
    """(id, node locations) of every highway way of a file, with its locations."""
    ways = []
    for obj in osmium.FileProcessor(osmium.io.File(str(path), "pbf")).with_locations():
        if obj.is_way() and "highway" in obj.tags:
            ways.append((obj.id, [n.location for n in obj.nodes]))
    return ways


def test_clip_by_bbox_keeps_whole_ways_of_that_copy_only(regional_pbf, fresh_cache):
    source = clipped_source(regional_pbf, Clip.parse(bbox=BOX3_TEXT), name="dept.osm.pbf")
    clip = Path(source.ref)
    assert clip.parent == uploads_dir() and len(clip.name) == 64
    assert source.name.endswith("(dept.osm.pbf)")
    ways = highway_ways(clip)
    assert len(ways) > 300
    region = box(*BOX3)
    for way_id, locations in ways:
        assert way_id // ID_OFFSET == 3  # copy 3's ids, no other copy's
        assert all(loc.valid() for loc in locations)  # complete ways: every node is there
        assert any(region.contains(shapely.Point(loc.lon, loc.lat)) for loc in locations)
    assert osm_io.inspect_osm(clip, "pbf")[1] == 0  # no way clipped at the edge
    area = load_area(source)  # the usual pipeline takes the clip as a local file
    assert area.crs == "EPSG:2154" and len(area.streets) > 500 and len(area.walk) > 500
    assert box(*area.bounds_wgs84()).intersects(region)


def test_clip_by_commune_name_case_accents_and_hyphens_aside(regional_pbf, fresh_cache):
    source = clipped_source(regional_pbf, Clip.parse(commune="SAINTE AGNES sur grille"))
    assert source.name.startswith("Sainte-Agnès-sur-Grille (")
    fmt = osm_io.sniff_format(regional_pbf)
    index = commune_index(regional_pbf, fmt, extracts.content_sha256(regional_pbf))
    polygon = index.find("06901").geometry
    ways = highway_ways(Path(source.ref))
    assert ways
    for _, locations in ways:
        assert any(polygon.contains(shapely.Point(loc.lon, loc.lat)) for loc in locations)
    assert load_area(source).streets.shape[0] > 100
    # the commune is a diamond: its polygon, not its bounding box, was clipped
    bbox_text = ",".join(str(v) for v in polygon.bounds)
    around = highway_ways(Path(clipped_source(regional_pbf, Clip.parse(bbox=bbox_text)).ref))
    assert len(around) > 1.2 * len(ways)


def test_homonyms_are_told_apart_by_their_insee_code(regional_pbf, fresh_cache):
    with pytest.raises(ClipError) as caught:
        clipped_source(regional_pbf, Clip.parse(commune="saint-martin"))
    assert caught.value.key == "commune_ambiguous"
    assert "06902, 06903" in caught.value.message("en")
    source = clipped_source(regional_pbf, Clip.parse(commune="06903"))
    assert source.name.startswith("Saint-Martin (")
    assert {way_id // ID_OFFSET for way_id, _ in highway_ways(Path(source.ref))} == {3}


@pytest.mark.parametrize(
    "query, key, shown",
    [
        ("Sainte-Agnes", "commune_unknown", "Sainte-Agnès-sur-Grille"),
        ("Beaulieu", "commune_unknown", "Beaulieu-les-Copies"),
        ("Paris", "commune_unknown_far", "4 communes"),  # no close name: how many, a few
        ("Beausoleil", "commune_incomplete", "Beausoleil"),  # cut at Monaco's edge
    ],
)
def test_a_commune_not_in_the_file_lists_close_names(regional_pbf, query, key, shown):
    with pytest.raises(ClipError) as caught:
        clipped_source(regional_pbf, Clip.parse(commune=query))
    assert caught.value.key == key
    assert shown in caught.value.message("en") and shown in caught.value.message("fr")
    assert caught.value.message("fr") != caught.value.message("en")


def test_a_file_without_commune_boundaries_says_to_use_a_box(monaco_xml, fresh_cache, tmp_path):
    plain = tmp_path / "streets.osm.pbf"
    with osmium.SimpleWriter(str(plain)) as writer:
        for obj in osmium.FileProcessor(str(monaco_xml)):
            if not obj.is_relation():
                writer.add(obj)
    with pytest.raises(ClipError) as caught:
        clipped_source(plain, Clip.parse(commune="Monaco"))
    assert caught.value.key == "commune_none_in_file"


@pytest.mark.parametrize(
    "bbox, key",
    [
        ("2.30,48.85,2.31,48.86", "clip_outside"),  # Paris: outside the file's header box
        ("7.4200,43.7220,7.4210,43.7225", "clip_empty"),  # the sea off Monaco: no street
        ("6.5,43.0,8.0,44.5", "clip_too_large"),
    ],
)
def test_a_box_that_gives_nothing_is_one_clear_error(regional_pbf, fresh_cache, bbox, key):
    with pytest.raises(ClipError) as caught:
        clipped_source(regional_pbf, Clip.parse(bbox=bbox))
    assert caught.value.key == key
    assert not list(uploads_dir().glob("*"))  # nothing kept of a refused clip


def test_a_broken_pbf_is_unreadable_with_osmiums_reason(regional_pbf, fresh_cache, tmp_path):
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(regional_pbf.read_bytes()[:200_000])
    for clip in (Clip.parse(bbox=BOX3_TEXT), Clip.parse(commune="06901")):
        with pytest.raises(NotOSMError) as caught:
            clipped_source(broken, clip)
        assert caught.value.key == "osm_unreadable"
        assert "PBF" in caught.value.message("en") and "/" not in caught.value.params["detail"]


def test_a_clip_needs_a_commune_or_a_box_and_osmium(regional_pbf, fresh_cache, monkeypatch):
    for commune, bbox in (("", ""), ("Nice", "1,2,3,4")):
        with pytest.raises(ClipError) as caught:
            Clip.parse(commune, bbox)
        assert caught.value.key == "clip_needs_one"
    monkeypatch.setattr(osmium_tool.shutil, "which", lambda name: None)
    with pytest.raises(ClipError) as caught:
        clipped_source(regional_pbf, Clip.parse(bbox=BOX3_TEXT))
    assert caught.value.key == "osmium_missing"


def test_a_clip_is_cached_and_a_reload_reads_nothing_again(regional_pbf, fresh_cache, monkeypatch):
    first_steps = Steps()
    first = clipped_source(regional_pbf, Clip.parse(commune="06902"), progress=first_steps)
    assert first_steps.names() == ["hashing", "boundaries", "clipping", "checking"]

    def no_osmium(*args, **kwargs):
        raise AssertionError("osmium ran again")

    monkeypatch.setattr("planner.communes.run_osmium", no_osmium)
    other_steps = Steps()  # another commune of the same file: its boundaries are not read again
    clipped_source(regional_pbf, Clip.parse(commune="06901"), progress=other_steps)
    assert other_steps.names() == ["clipping", "checking"]
    monkeypatch.setattr(extracts, "run_osmium", no_osmium)
    again_steps = Steps()  # the same clip: nothing is read, hashed or clipped
    assert (
        clipped_source(regional_pbf, Clip.parse(commune=" 06902 "), progress=again_steps) == first
    )
    assert again_steps.calls == []
    # a touched file (same content, new mtime) is hashed again, then found in the cache
    os.utime(regional_pbf, ns=(1, 1))
    touched = Steps()
    assert clipped_source(regional_pbf, Clip.parse(commune="06902"), progress=touched) == first
    assert touched.names() == ["hashing"]


def test_progress_reports_each_step_from_zero_to_one(regional_pbf, fresh_cache):
    steps = Steps()
    clipped_source(regional_pbf, Clip.parse(bbox=BOX3_TEXT), progress=steps)
    assert steps.names() == ["hashing", "clipping", "checking"]
    for name in steps.names():
        shares = [share for step, share in steps.calls if step == name]
        assert shares == sorted(shares) and shares[-1] == 1.0
        assert all(0.0 <= share <= 1.0 for share in shares)
    clipping = [share for step, share in steps.calls if step == "clipping"]
    assert len(set(clipping)) >= 3  # osmium's own progress bar, not just start and end


def test_server_extracts_are_offered_by_name_never_by_path(tmp_path, monkeypatch, regional_pbf):
    offered, other, outside = tmp_path / "offered", tmp_path / "other", tmp_path / "outside"
    for folder in (offered, other, outside):
        folder.mkdir()
    (offered / "nord.osm.pbf").write_bytes(b"x")
    (offered / "notes.txt").write_bytes(b"x")
    (offered / ".hidden.osm.pbf").write_bytes(b"x")
    (outside / "secret.osm.pbf").write_bytes(b"x")
    (offered / "link.osm.pbf").symlink_to(outside / "secret.osm.pbf")
    (other / "rhone.osm.pbf").write_bytes(b"x")
    monkeypatch.setenv(extracts.EXTRACTS_ENV, str(offered))
    assert server_extracts() == {"nord.osm.pbf": (offered / "nord.osm.pbf").resolve()}
    for label in ("link.osm.pbf", "../outside/secret.osm.pbf", str(outside / "secret.osm.pbf")):
        with pytest.raises(NotOSMError):
            server_extract(label)
    monkeypatch.setenv(extracts.EXTRACTS_ENV, os.pathsep.join([str(offered), str(other)]))
    assert set(server_extracts()) == {"offered/nord.osm.pbf", "other/rhone.osm.pbf"}
    monkeypatch.delenv(extracts.EXTRACTS_ENV)
    assert server_extracts() == {}


def test_a_large_upload_is_stored_by_chunks_under_its_hash(regional_pbf, fresh_cache):
    data = regional_pbf.read_bytes()
    with open(regional_pbf, "rb") as fh:
        path = store_upload_file(fh, len(data))
    assert path.read_bytes() == data and path.name == hashlib.sha256(data).hexdigest()
    with open(regional_pbf, "rb") as fh, pytest.raises(NotOSMError) as caught:
        store_upload_file(fh, len(data), limit=len(data) - 1)
    assert caught.value.key == "file_too_large"
    assert [p.name for p in uploads_dir().iterdir()] == [path.name]  # nothing else left behind


def test_two_sessions_asking_the_same_clip_run_osmium_once(regional_pbf, fresh_cache, monkeypatch):
    runs: list[str] = []
    real = extracts.run_osmium

    def counted(args, step, progress=None):
        runs.append(step)
        real(args, step, progress)

    monkeypatch.setattr(extracts, "run_osmium", counted)
    results: list = []

    def clip_box() -> None:
        results.append(clipped_source(regional_pbf, Clip.parse(bbox=BOX3_TEXT)))

    threads = [threading.Thread(target=clip_box) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == 2 and results[0] == results[1]
    assert runs == ["clipping"]
