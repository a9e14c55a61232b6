"""The export panel (AppTest): prepare, preview, one download per format, version shown."""

from __future__ import annotations

import io

from PIL import Image

from tests.conftest import example_layers
from tests.test_app_scenarios import new_app, open_choice


def test_prepare_the_exports_of_the_concert(fake_map, monaco):
    at = open_choice(new_app(), "example:monaco-new-year-concert")
    at.text_input(key="exp_marking").set_value("Diffusion restreinte")
    at.button(key="export_prepare").click().run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    assert {"PDF", "PNG", "GPKG", "GEOJSON", "KML", "HTML"} <= set(labels)
    captions = " ".join(c.value for c in at.caption)
    assert "Version exportée : draft · " in captions  # an example not saved in the store
    assert len(at.get("image")) == 1  # the sheet preview
    # another marking: the prepared files no longer match, the panel asks to prepare again
    at.text_input(key="exp_marking").set_value("Non protégé").run()
    assert "PDF" not in [b.label for b in at.get("download_button")]


def test_an_export_set_draws_the_map_page_once_and_writes_each_file_once(monaco, monkeypatch):
    from layers import export_set as module

    drawn = []

    class CountedSheet(module.Sheet):
        def __init__(self, *args, **kwargs):
            drawn.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(module, "Sheet", CountedSheet)
    layers = example_layers(monaco, "monaco-gas-leak-port")
    exports = module.ExportSet(monaco, layers, "A4", "landscape", "fr", "vigie-plan")
    preview = exports.preview(90)
    pdf, png = exports.file("pdf"), exports.file("png")
    assert pdf.startswith(b"%PDF") and png.startswith(b"\x89PNG") and preview.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).width > Image.open(io.BytesIO(preview)).width
    assert len(drawn) == 1  # preview, PDF and PNG from one drawing of the map page
    assert exports.file("pdf") is pdf  # kept, not written again
    assert exports.file("geojson").startswith(b"{")
