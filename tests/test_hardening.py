"""Hostile inputs: an OSM XML with an entity-expansion bomb is refused, fast, with one line."""

from __future__ import annotations

import pytest

from planner.area import read_osm_file
from planner.errors import NotOSMError

from .conftest import run_cli

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE osm [\n<!ENTITY a "'
    + "a" * 64
    + '">\n'
    + "".join(
        f'<!ENTITY {n} "{("&" + p + ";") * 20}">\n' for p, n in zip("abcdef", "bcdefg", strict=True)
    )
    + ']>\n<osm version="0.6"><node id="1" lat="43.7" lon="7.4"><tag k="name" v="&g;"/></node>'
    '<way id="2"><nd ref="1"/><tag k="highway" v="residential"/></way></osm>\n'
)  # 20⁶ × 64 bytes ≈ 4 GB if the entities were expanded


@pytest.fixture
def bomb(tmp_path):
    path = tmp_path / "laughs.osm"
    path.write_text(LAUGHS)
    return path


def test_entity_expansion_is_refused(bomb):
    with pytest.raises(NotOSMError) as caught:
        read_osm_file(bomb)
    assert "entities are not supported" in str(caught.value)


def test_the_cli_says_it_in_one_line(bomb, tmp_path):
    perimeter = tmp_path / "p.geojson"
    perimeter.write_text(
        '{"type": "Polygon", "coordinates": [[[7.39, 43.69], [7.41, 43.69], [7.41, 43.71], '
        "[7.39, 43.71], [7.39, 43.69]]]}"
    )
    done = run_cli("checkpoints", "--osm-file", str(bomb), "--perimeter", str(perimeter))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "entities" in done.stderr
