"""Areas from the real extracts: contents, clipped data, disk cache, bad files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from planner.area import AreaSource, list_areas, load_area, load_area_by_id, store_upload
from planner.errors import EmptyAreaError, NotOSMError, UnknownAreaError


def test_monaco_has_everything_a_plan_needs(monaco):
    assert monaco.crs == "EPSG:2154"  # Lambert-93 covers Monaco
    assert len(monaco.streets) > 10_000
    assert set(monaco.streets["kind"]) == {"vehicle", "pedestrian"}
    assert 1_200 < len(monaco.buildings) < 1_400
    categories = monaco.pois["category"].value_counts()
    assert categories["hospital"] >= 1 and categories["fire_station"] == 2
    assert categories["police"] >= 5 and categories["transit"] > 200
    assert monaco.pois.geometry.geom_type.eq("Point").all()
    # osmnx-compatible routing graphs
    assert monaco.walk.number_of_nodes() > 2_500 and monaco.drive.number_of_nodes() > 300
    _, _, data = next(iter(monaco.drive.edges(data=True)))
    assert data["length"] > 0
    assert monaco.clipped_ways == 0  # a complete extract


def test_helsinki_is_clipped_but_loads(helsinki):
    assert helsinki.crs == "EPSG:32635"  # UTM 35N outside France
    assert helsinki.clipped_ways > 100
    assert len(helsinki.streets) > 5_000 and len(helsinki.buildings) > 400
    assert helsinki.walk.number_of_edges() > 0


def test_second_load_comes_from_the_disk_cache(monaco):
    start = time.perf_counter()
    again = load_area(AreaSource.demo("monaco"))
    assert time.perf_counter() - start < 2.0  # the bench measures it; here: not reprocessed
    assert again is not monaco and len(again.streets) == len(monaco.streets)


def test_a_corrupt_cache_entry_is_rebuilt(monaco, private_cache):
    entry = next((private_cache / "areas").glob("monaco.v*.pickle"))
    entry.write_bytes(b"truncated")
    area = load_area(AreaSource.demo("monaco"))
    assert len(area.streets) == len(monaco.streets)


def test_osm_xml_gives_the_same_area_as_pbf(monaco, monaco_xml):
    area = load_area(AreaSource.file(monaco_xml))
    assert area.id.startswith("file-")
    assert len(area.streets) == len(monaco.streets)
    assert len(area.buildings) == len(monaco.buildings)
    assert load_area_by_id(area.id).id == area.id  # listed and reloadable by id
    assert area.id in [row[0] for row in list_areas()]


def test_areas_list_starts_with_the_demos():
    ids = [row[0] for row in list_areas()]
    assert ids[:2] == ["monaco", "helsinki"]


def test_unknown_area_id():
    with pytest.raises(UnknownAreaError, match="monaco"):
        load_area_by_id("atlantis")


@pytest.mark.parametrize(
    "content",
    [
        b"hello, not a map",
        os.urandom(2048),
        b"<?xml version='1.0'?><html><body>not osm</body></html>",
        b"",
    ],
)
def test_files_that_are_not_osm_are_refused(tmp_path: Path, content: bytes):
    path = tmp_path / "upload.osm.pbf"
    path.write_bytes(content)
    with pytest.raises(NotOSMError):
        load_area(AreaSource.file(path))


def test_osm_file_without_streets_is_refused(tmp_path: Path):
    path = tmp_path / "lonely.osm"
    path.write_text(
        "<?xml version='1.0'?><osm version='0.6'>"
        "<node id='1' lat='43.73' lon='7.42' version='1'/></osm>"
    )
    with pytest.raises(EmptyAreaError, match="no streets"):
        load_area(AreaSource.file(path))


def test_missing_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(NotOSMError, match="No such OSM file: nothing.osm"):
        AreaSource.file(tmp_path / "nothing.osm")


def test_uploads_are_stored_by_content_never_by_name(monaco_pbf, private_cache):
    path = store_upload(monaco_pbf.read_bytes())
    assert path.parent == private_cache / "uploads"
    assert len(path.name) == 64  # sha256
    with pytest.raises(NotOSMError):
        store_upload(b"../../etc/passwd")
