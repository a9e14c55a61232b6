"""The export panel: the map sheet's preview and a download button per format.

Exports are prepared on demand for the plan as it is: a saved, unchanged plan carries its store
version, an edited one is a draft with its fingerprint. "Prepare" draws the sheet's preview;
each file is written when its download is first clicked (then kept, per server, by content).
"""

from __future__ import annotations

import functools

import streamlit as st

from layers.export_set import ExportSet, export_set
from planner.area import Area
from planner.errors import PlannerError
from planner.memo import content_key
from planner.pipeline import Planning
from scenarios import convert
from scenarios.document import file_stem
from scenarios.model import Scenario
from ui.i18n import lang, said, t

MIME = {
    "pdf": "application/pdf",
    "png": "image/png",
    "gpkg": "application/geopackage+sqlite3",
    "geojson": "application/geo+json",
    "kml": "application/vnd.google-earth.kml+xml",
    "html": "text/html",
}
PREVIEW_DPI = 90


@st.fragment
def export_panel(area: Area, doc: Scenario, planned: Planning) -> None:
    """Options, "prepare", then the preview and the downloads. A fragment: choosing the paper or
    preparing the files reruns this panel alone, never the map and the other panels."""
    state = st.session_state
    with st.expander(t("export_header")):
        cols = st.columns(3)
        paper = cols[0].radio(t("export_paper"), ["A4", "A3"], horizontal=True, key="exp_paper")
        orientation = cols[1].radio(
            t("export_orientation"),
            ["landscape", "portrait"],
            format_func=lambda o: t("orientation_" + o),
            horizontal=True,
            key="exp_orientation",
        )
        marking = cols[2].text_input(t("export_marking"), key="exp_marking", max_chars=60)
        options = (paper, orientation, marking, lang(), convert.fingerprint(doc))
        if st.button(t("export_prepare"), key="export_prepare"):
            try:
                state.exports = (options, _prepare(area, doc, planned, *options[:4]))
            except PlannerError as err:
                st.error(said(err))
                return
        prepared = state.get("exports")
        if not prepared or prepared[0] != options:
            st.caption(t("export_hint"))
            return
        exports = prepared[1]
        st.caption(t("export_version", version=exports.version))
        st.image(exports.preview(PREVIEW_DPI), caption=t("export_preview"), width="stretch")
        cols = st.columns(len(MIME))
        stem = download_stem(doc)
        for col, fmt in zip(cols, MIME, strict=True):
            col.download_button(  # each file written when first downloaded, then kept
                fmt.upper(),
                functools.partial(exports.file, fmt),
                file_name=f"{stem}.{fmt}",
                mime=MIME[fmt],
                key=f"download-{fmt}",
                on_click="ignore",
            )


def download_stem(doc: Scenario) -> str:
    """The downloaded files' name, without the extension."""
    return f"vigie-{file_stem(doc.title, 'plan')}"


def _prepare(
    area: Area,
    doc: Scenario,
    planned: Planning,
    paper: str,
    orientation: str,
    marking: str,
    language: str,
) -> ExportSet:
    state = st.session_state
    saved = state.get("scenario_id") and not state.get("dirty")
    layers = convert.export_layers(
        doc,
        area,
        planned,
        state.get("scenario_id") if saved else None,
        state.get("base_version") if saved else None,
        marking,
    )
    key = (area.id, planned.key, content_key(layers.meta))
    exports = export_set(key, area, layers, paper, orientation, language, download_stem(doc))
    exports.preview(PREVIEW_DPI)  # drawn now: "prepare" shows it
    return exports
