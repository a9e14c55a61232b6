"""The printable map sheet (PDF and PNG) of the bundled examples, drawn offline on Monaco.

The rendered files are kept in tests/artifacts/ (sheet-concert.pdf, sheet-concert.png,
sheet-gas-leak.pdf) for a human to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from PIL import Image
from pypdf import PdfReader

from layers.sheet import (
    PAPER_MM,
    Grid,
    column_letters,
    grid_reference,
    map_grid,
    map_view,
    page_layout,
    sheet_pdf,
    sheet_png,
)
from layers.sheet_pages import table_pages
from planner.coast import sea_polygons
from tests.conftest import ARTIFACTS, example_layers

PT_PER_MM = 72 / 25.4
PERIMETER_RED = (0xD7, 0x26, 0x3D)  # layers.zones.ZONE_STYLES["perimeter"]


@pytest.fixture(scope="module")
def concert(monaco):
    return example_layers(monaco, "monaco-new-year-concert")


@pytest.fixture(scope="module")
def gas_leak(monaco):
    return example_layers(monaco, "monaco-gas-leak-port")


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def concert_pdf(monaco, concert, artifacts) -> Path:
    path = artifacts / "sheet-concert.pdf"
    sheet_pdf(monaco, concert, path)
    return path


@pytest.fixture(scope="module")
def gas_leak_pdf(monaco, gas_leak, artifacts) -> Path:
    path = artifacts / "sheet-gas-leak.pdf"
    sheet_pdf(monaco, gas_leak, path)
    return path


def page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_concert_sheet_pages(concert_pdf, concert):
    """Map; staffing then the 34 checkpoints, which run onto page 3; the access plan and its
    barriers (one row per access, issue 14), then the routes."""
    pages = page_texts(concert_pdf)
    assert len(concert.checkpoints) == 34 and concert.injects.empty
    assert len(pages) == 5
    assert "Effectifs par secteur et par rôle" in pages[1]
    assert "Points de filtrage" in pages[1]
    assert "Points de filtrage (suite)" in pages[2]
    text_after = " ".join(pages[2:])
    assert "Plan des accès et barriérage" in text_after and "Barrières de 2,0 m" in text_after
    assert "Itinéraires" in pages[-1] or "Itinéraires" in pages[-2]
    assert not any("injects" in p for p in pages)
    for n, text in enumerate(pages, start=1):  # the footer of every page
        assert f"page {n} / 5" in text
        assert "Diffusion restreinte" in text
        assert "v3" in text


def test_gas_leak_sheet_pages(gas_leak_pdf, gas_leak):
    """Map; staffing and the 20 checkpoints; routes and the inject timeline."""
    pages = page_texts(gas_leak_pdf)
    assert len(gas_leak.hazard_zones) and len(gas_leak.injects) == 8
    assert len(gas_leak.checkpoints) == 20
    assert len(pages) == 4  # the access plan's page (issue 14) comes before the routes
    assert "Effectifs par secteur et par rôle" in pages[1] and "Points de filtrage" in pages[1]
    assert "Plan des accès et barriérage" in " ".join(pages[1:3])
    assert "Itinéraires" in " ".join(pages[2:])
    assert "Chronologie de l'exercice (injects)" in pages[-1]
    # a long message is wrapped within its cell, all of it printed
    assert "ne peuvent plus sortir par l'avenue du Port" in pages[-1]
    assert "estimation de dépistage" in pages[0]  # the plume's legend


def test_page_count_matches_the_tables(monaco, concert, gas_leak, concert_pdf, gas_leak_pdf):
    grid = map_view(concert, page_layout()).grid
    assert len(PdfReader(concert_pdf).pages) == 1 + len(
        table_pages(concert, page_layout(), grid, "fr")
    )
    grid = map_view(gas_leak, page_layout()).grid
    assert len(PdfReader(gas_leak_pdf).pages) == 1 + len(
        table_pages(gas_leak, page_layout(), grid, "fr")
    )


def test_map_page_text(concert_pdf, concert):
    text = page_texts(concert_pdf)[0]
    assert concert.meta.title in text  # "Concert du Nouvel An — Place du Casino"
    assert "v3" in text
    assert "Diffusion restreinte" in text
    assert "OpenStreetMap" in text
    assert "Légende" in text and "Périmètre" in text and "Secteur A" in text
    assert "Service des grands événements" in text  # the author
    assert "31 décembre 2026 21:00" in text  # Babel's French date
    assert re.search(r"1:\d", text)  # the scale
    for letter in "ABCDEF":  # the grid's columns along the top
        assert re.search(rf"\b{letter}\b", text)


@pytest.mark.parametrize(
    ("paper", "orientation", "size_mm"),
    [
        ("A4", "landscape", (297, 210)),
        ("A3", "landscape", (420, 297)),
        ("A4", "portrait", (210, 297)),
    ],
)
def test_paper_sizes(monaco, concert, tmp_path, paper, orientation, size_mm):
    assert PAPER_MM[paper] == (max(size_mm), min(size_mm))
    path = tmp_path / "sheet.pdf"
    sheet_pdf(monaco, concert, path, paper=paper, orientation=orientation)
    width_mm, height_mm = size_mm
    for page in PdfReader(path).pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(width_mm * PT_PER_MM, abs=0.5)
        assert float(box.height) == pytest.approx(height_mm * PT_PER_MM, abs=0.5)


def test_the_map_page_is_drawn(concert_pdf, tmp_path):
    """pdftoppm renders page 1: many colours, and the perimeter's red among them."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("poppler-utils (pdftoppm) is not installed: run `make test` (it installs it).")
    command = ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1"]
    subprocess.run([*command, str(concert_pdf), str(tmp_path / "p")], check=True, timeout=60)
    (png,) = tmp_path.glob("p*.png")
    image = Image.open(png).convert("RGB")
    width, height = image.size  # poppler rounds up
    assert abs(width - 297 / 25.4 * 50) < 1 and abs(height - 210 / 25.4 * 50) < 1
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 1000
    red = sum(
        n
        for n, rgb in colours
        if max(abs(a - b) for a, b in zip(rgb, PERIMETER_RED, strict=True)) < 30
    )
    assert red > 100
    white = sum(n for n, rgb in colours if min(rgb) > 245)
    assert white < 0.6 * image.width * image.height  # a map, not a blank page


def test_png_of_the_map_page(monaco, concert, artifacts):
    path = artifacts / "sheet-concert.png"
    size = sheet_png(monaco, concert, path, dpi=200)
    expected = (int(297 / 25.4 * 200), int(210 / 25.4 * 200))
    assert size == expected
    image = Image.open(path)
    assert image.size == expected
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 22)) > 1000


def test_png_in_portrait_a3(monaco, gas_leak, tmp_path):
    size = sheet_png(monaco, gas_leak, tmp_path / "sheet.png", "A3", "portrait", dpi=60)
    assert size == (int(297 / 25.4 * 60), int(420 / 25.4 * 60))


def test_grid_references():
    grid = map_grid((0, 0, 800, 600), 8)
    assert (grid.columns, grid.rows) == (8, 6)
    assert grid_reference(0, 600, grid) == "A1"  # top-left corner
    assert grid_reference(800, 0, grid) == "H6"  # bottom-right corner: the last cell
    assert grid_reference(0, 0, grid) == "A6"
    assert grid_reference(800, 600, grid) == "H1"
    assert grid_reference(250, 350, grid) == "C3"
    assert grid_reference(100, 500, grid) == "B2"  # on an edge: the cell after it
    with pytest.raises(ValueError):
        grid_reference(-1, 300, grid)
    assert [column_letters(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert map_grid((0, 0, 1000, 300), 10).rows == 3  # cells stay roughly square
    assert Grid(0, 0, 10, 10, 1, 1).cell_width == 10


def test_a4_landscape_grid_has_six_to_ten_columns(concert):
    grid = map_view(concert, page_layout("A4", "landscape")).grid
    assert 6 <= grid.columns <= 10
    assert 0.8 < grid.cell_width / grid.cell_height < 1.25


def test_checkpoint_grid_reference_matches_the_table(concert, concert_pdf):
    grid = map_view(concert, page_layout()).grid
    tables = " ".join(page_texts(concert_pdf)[1:])
    for cid in ("P1", "P14", "P34"):
        point = concert.checkpoints.set_index("id").geometry[cid]
        ref = grid_reference(point.x, point.y, grid)
        row = re.search(rf"\b{cid} .*?\b([A-Z]{{1,2}}\d{{1,2}})\b", tables)
        assert row and row.group(1) == ref, (cid, ref, row and row.group(0))


def test_plan_without_staffing_or_injects(monaco, concert, tmp_path):
    bare = replace(concert, staffing=pd.DataFrame(), injects=pd.DataFrame())
    pages = sheet_pdf(monaco, bare, tmp_path / "bare.pdf")
    texts = page_texts(tmp_path / "bare.pdf")
    assert pages == len(texts) >= 2
    assert not any("Effectifs" in t for t in texts)
    assert "Points de filtrage" in texts[1]


def test_zones_only_without_a_plan(monaco, tmp_path):
    """No plan computed: no checkpoints, routes or staffing, the map page alone."""
    layers = example_layers(monaco, "monaco-new-year-concert", with_plan=False)
    assert layers.checkpoints.empty and layers.staffing.empty
    assert sheet_pdf(monaco, layers, tmp_path / "zones.pdf") == 1
    assert sheet_png(monaco, layers, tmp_path / "zones.png", dpi=40)[0] > 0


def test_english_sheet(monaco, gas_leak, tmp_path):
    sheet_pdf(monaco, gas_leak, tmp_path / "en.pdf", lang="en")
    pages = page_texts(tmp_path / "en.pdf")
    assert "Legend" in pages[0] and "Perimeter" in pages[0] and "screening estimate" in pages[0]
    assert "Checkpoints" in " ".join(pages[1:]) and "page 1 / 4" in pages[0]
    assert "Access plan and barriers" in " ".join(pages[1:])
    assert "Exercise timeline (injects)" in pages[-1]


def test_monaco_landcover_has_the_sea_and_parks(monaco):
    kinds = set(monaco.landcover["kind"])
    assert {"sea", "water", "park"} <= kinds
    assert "coastline" not in kinds
    sea = monaco.landcover[monaco.landcover["kind"] == "sea"]
    port = gpd.GeoSeries([shapely.Point(7.4245, 43.7348)], crs=4326).to_crs(monaco.crs).iloc[0]
    casino = gpd.GeoSeries([shapely.Point(7.4283, 43.7393)], crs=4326).to_crs(monaco.crs).iloc[0]
    assert sea.contains(port).any()  # Port Hercule's basin
    assert not sea.contains(casino).any()


def test_sea_lies_right_of_the_coastline():
    bounds = (0.0, 0.0, 10.0, 10.0)
    eastward = shapely.LineString([(2, 5), (8, 5)])  # land on its left (north)
    (sea,) = sea_polygons([eastward], bounds)
    assert sea.area == pytest.approx(50)
    assert sea.contains(shapely.Point(5, 2)) and not sea.contains(shapely.Point(5, 8))
    (sea,) = sea_polygons([eastward.reverse()], bounds)
    assert sea.contains(shapely.Point(5, 8))
    assert sea_polygons([], bounds) == []
