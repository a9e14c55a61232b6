"""The export panel (AppTest): prepare, preview, one download per format, version shown."""

from __future__ import annotations

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
