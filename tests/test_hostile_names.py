"""Hostile names through every renderer: user and OSM text is plain text everywhere.

One scenario whose every text field and one OSM file whose every name carry the classic payloads
(:mod:`tests.hostile`). Each renderer of :data:`RENDERERS` writes its output from them and its
check proves the names stayed data: no tag, script, template expression, link, image or mathtext
from the data. A renderer added later (QGIS styles and labels, roster pages, camera or simulation
layers, a uMap ``description``) joins the list with its own check. The browser half (the app and
the standalone map in Chromium, with dialogs, the title and requests watched) is
``tests/browser/test_hostile_names.py``; :func:`test_each_escape_helper_round_trips` is the
property test of the helpers in :mod:`planner.markup`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from planner.markup import html_text, markdown_text, xml_text
from tests.conftest import run_cli
from tests.hostile import PAYLOADS, HostileFiles

KML = "{http://www.opengis.net/kml/2.2}"
#: Markup a payload would bring if it reached an HTML renderer unescaped.
RAW_MARKUP = ("<img src=x", "<svg onload", "</script><script>", '"><svg')


# --- checks ----------------------------------------------------------------------------------


def template_literals(page: str) -> list[str]:
    """The JavaScript template literals (`` `…` ``) of a page's scripts."""
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)
    return [m for s in scripts for m in re.findall(r"`((?:[^`\\]|\\.)*)`", s, flags=re.S)]


def check_html_page(page: str) -> None:
    """No payload markup anywhere; no ``${…}`` from the data in any template literal."""
    for markup in RAW_MARKUP:
        assert markup not in page, markup
    for literal in template_literals(page):
        assert "${alert" not in literal, literal[:200]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


def html_tags_and_text(fragment: str) -> tuple[set[str], str]:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return set(parser.tags), "".join(parser.text)


def check_kml(path: Path, files: HostileFiles) -> None:
    """Well-formed XML; every description is HTML with only our ``<b>``/``<br>`` tags and the
    hostile names in its text; names are text."""
    root = ET.parse(path).getroot()
    descriptions = [d.text or "" for d in root.iter(f"{KML}description")]
    assert descriptions
    shown = ""
    for description in descriptions:
        tags, text = html_tags_and_text(description)
        assert tags <= {"b", "br"}, tags
        shown += text
    names = " ".join(n.text or "" for n in root.iter(f"{KML}name"))
    assert files.scenario.exists()
    for payload in PAYLOADS:
        assert payload in shown + names, payload


def unescaped(text: str, chars: str) -> list[str]:
    """The characters of ``chars`` in ``text`` not preceded by a backslash escape."""
    return re.findall(r"(?<!\\)(?:\\\\)*([" + re.escape(chars) + "])", text)


def check_markdown(text: str, files: HostileFiles) -> None:
    """Each table row keeps its columns; no image, link, HTML, code or LaTeX can start."""
    tables: list[list[str]] = [[]]
    for line in text.splitlines():
        assert not unescaped(line, "<[`$"), line
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    assert len(tables[0]) > 2 and "alert" in text
    for table in filter(None, tables):  # no cell split by a name
        assert len({len(unescaped(row, "|")) for row in table}) == 1, table


def check_pdf(path: Path, files: HostileFiles) -> None:
    """The sheet's extracted text shows the names literally, mathtext payload included."""
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    flat = " ".join(text.split())
    for payload in PAYLOADS:  # each one, mathtext's "$\\x$" included, printed as typed
        assert payload in flat, payload
    for name in (files.renamed["Boulevard Albert 1er"], files.names[0]):  # a street, the title
        assert " ".join(name.split()) in flat, name


# --- renderers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renderer:
    """One renderer of user/OSM text: how to write its output, how to check it."""

    name: str
    render: Callable[[HostileFiles, Path], Path]
    check: Callable[[Path, HostileFiles], None]


def _export(fmt: str) -> Callable[[HostileFiles, Path], Path]:
    def render(files: HostileFiles, folder: Path) -> Path:
        out = folder / f"plan.{fmt}"
        done = run_cli("export", str(files.scenario), "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        return out

    return render


def _summary(files: HostileFiles, folder: Path) -> Path:
    out = folder / "retex.md"
    done = run_cli("replay", str(files.scenario), "--at", "20:00", "--summary", str(out))
    assert done.returncode == 0, done.stderr
    assert "alert" in done.stdout  # the state (JSON) carries the names as data
    return out


RENDERERS: list[Renderer] = [
    Renderer("standalone HTML", _export("html"), lambda p, f: check_html_page(p.read_text())),
    Renderer("KML", _export("kml"), check_kml),
    Renderer("PDF sheet", _export("pdf"), check_pdf),
    Renderer("after-action summary", _summary, lambda p, f: check_markdown(p.read_text(), f)),
]


@pytest.mark.parametrize("renderer", RENDERERS, ids=lambda r: r.name)
def test_hostile_names_stay_text(renderer: Renderer, hostile: HostileFiles, tmp_path):
    renderer.check(renderer.render(hostile, tmp_path), hostile)


def test_the_app_map_and_texts_keep_hostile_names_as_text(hostile, fake_map):
    """The app (AppTest) on the hostile plan, replayed while the hazard is active and the hostile
    street closed: the map page and its overlay render no payload markup, and every Markdown
    text Streamlit renders has the names escaped."""
    from scenarios.accounts import Actor, Role
    from scenarios.document import load_scenario
    from tests.test_app_scenarios import new_app, open_choice
    from ui.session import scenario_store

    doc = load_scenario(hostile.scenario)
    stored = scenario_store().create(doc, Actor("planificateur", Role.PLANNER, demo=True))
    at = open_choice(new_app(), stored.scenario_id)
    assert not at.exception, at.exception
    at.select_slider(key="replay_slider").set_value(20 * 60).run()
    assert not at.exception, at.exception
    call = fake_map.calls[-1]
    call["overlay"].add_to(call["map"])
    page = call["map"].get_root().render()
    check_html_page(page)
    assert "vigie-camera-planned" in page  # the cameras layer, its commune's name escaped
    shown = [
        *(m.value for m in at.markdown),
        *(c.value for c in at.caption),
        *(e.label for e in at.expander),
        *(w.value for w in [*at.warning, *at.error, *at.success, *at.info]),
    ]
    assert any("alert" in s for s in shown)  # the names are there…
    for value in shown:  # …and none can start markup
        assert not unescaped(value, "<[`$"), value


def test_sheet_text_is_never_mathtext(monaco, tmp_path):
    """A title like "billets 5$ a 10$" is printed as typed (mathtext would drop the dollars, or
    fail on ``$\\x$``), in the PDF and the PNG."""
    from dataclasses import replace

    from layers.sheet import sheet_pdf, sheet_png
    from tests.conftest import example_layers

    layers = example_layers(monaco, "monaco-new-year-concert", with_plan=False)
    title = "billets 5$ a 10$ et $\\x$"
    layers = replace(layers, meta=replace(layers.meta, title=title))
    sheet_pdf(monaco, layers, tmp_path / "sheet.pdf")
    text = " ".join(PdfReader(tmp_path / "sheet.pdf").pages[0].extract_text().split())
    assert title in text
    assert sheet_png(monaco, layers, tmp_path / "sheet.png")[0] > 0


# --- the escape helpers over arbitrary text ------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_each_escape_helper_round_trips(text: str):
    shown = html_text(text)
    assert html.unescape(shown) == text
    assert not set(shown) & set("<>\"'`$\\")  # nothing left for HTML, JS literals or JSON
    kml = xml_text(text)
    assert not set(kml) & set("<>")
    assert "]]>" not in kml and "<![CDATA[" not in kml
    if not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", text):
        assert html.unescape(kml) == text
    ET.fromstring(f"<n>{kml}</n>")  # always well-formed XML
    markdown = markdown_text(text)
    assert "\n" not in markdown and "\r" not in markdown
    assert not unescaped(markdown, "<[]`$*_|~&>")
    assert re.sub(r"\\(.)", r"\1", markdown) == " ".join(text.splitlines())
