"""Folium's finished texts rendered without compiling them: exactly what Jinja renders."""

from __future__ import annotations

import re

import folium
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from jinja2 import Template

from layers.literal_templates import LiteralTemplate, template
from tests.hostile import PAYLOADS

TEXTS = [
    "",
    "\n",
    "var a = 1;\n",
    "var a = {b: {c: 1}};\r\n  x();\r\r\n\n",
    "L.marker([43.7, 7.4]).bindTooltip(`<b>P1 — Bd Louis II</b>`);\n\n",
    "{ } %} #} { {",
    *PAYLOADS,
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_without_jinja_renders_as_jinja_renders_it(text):
    made = template(text)
    if re.search(r"\{[{%#]", text):
        assert isinstance(made, Template)  # Jinja syntax: compiled as before
    else:
        assert isinstance(made, LiteralTemplate)
    assert made.render(this=None, kwargs={}) == Template(text).render(this=None, kwargs={})


@given(st.text(alphabet=st.sampled_from(list("ab {}%#\r\n\t$`<>&é")), max_size=40))
def test_any_text_without_jinja_renders_as_jinja_renders_it(text):
    assume(not re.search(r"\{[{%#]", text))  # those are Jinja's to compile, as before
    assert isinstance(template(text), LiteralTemplate)
    assert template(text).render() == Template(text).render()


def test_a_map_renders_the_same_html(monkeypatch):
    import branca.element

    def page(factory) -> str:
        monkeypatch.setattr(branca.element, "Template", factory)
        fmap = folium.Map(location=[43.73, 7.42], zoom_start=16, tiles=None)
        folium.Marker([43.73, 7.42], tooltip="P1 {x}", popup="<b>Casino</b>\r\n").add_to(fmap)
        folium.PolyLine([[43.73, 7.42], [43.74, 7.43]], tooltip="{{ 7*7 }}").add_to(fmap)
        return re.sub(r"[0-9a-f]{32}", "ID", fmap.get_root().render())

    assert page(template) == page(Template)
