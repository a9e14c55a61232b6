"""Hostile inputs: an OSM XML with an entity-expansion bomb is refused, fast, with one line; an
unexpected error shows a user no details."""

from __future__ import annotations

import re
import tomllib

import pytest
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

from planner.area import read_osm_file
from planner.errors import NotOSMError

from .conftest import ROOT, run_cli

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


def test_an_unexpected_error_shows_users_no_details():
    """A bug's message and traceback go to the server's log, not to the page (they can hold
    paths and data): client.showErrorDetails = "none" in .streamlit/config.toml."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE
    at = AppTest.from_string('raise ValueError("secret in /srv/vigie/data")').run()
    (shown,) = at.exception
    assert "secret" not in shown.message and "/srv/" not in shown.message
    assert not shown.stack_trace


def test_an_uploaded_file_name_is_one_plain_line_in_messages():
    from planner.markup import markdown_text
    from ui.session import display_name

    name = display_name("![x](https://example.org/pixel.png)\n" + "p" * 300 + ".geojson")
    assert "\n" not in name and len(name) == 100
    shown = markdown_text(name)
    assert not re.search(r"(?<!\\)[\[\]]", shown)  # no bracket left to open a link or image
    assert shown.startswith("!\\[x\\](https:")
