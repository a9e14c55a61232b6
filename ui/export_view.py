"""The export panel: the map sheet's preview and a download button per format.

Exports are prepared on demand (a sheet takes a second or two) for the plan as it is: a saved,
unchanged plan carries its store version, an edited one is a draft with its fingerprint.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from layers.export_files import write_export
from layers.sheet import SHEET_DPI, sheet_files
from planner.area import Area
from planner.errors import PlannerError
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
        files, label = prepared[1]
        st.caption(t("export_version", version=label))
        st.image(files["preview"], caption=t("export_preview"), width="stretch")
        cols = st.columns(len(MIME))
        stem = download_stem(doc)
        for col, fmt in zip(cols, MIME, strict=True):
            col.download_button(
                fmt.upper(),
                files[fmt],
                file_name=f"{stem}.{fmt}",
                mime=MIME[fmt],
                key=f"download-{fmt}",
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
) -> tuple[dict[str, bytes], str]:
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
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="vigie-export-") as tmp:
        # named as downloaded: the GeoPackage's stored project refers to its own file by name
        paths = {fmt: Path(tmp) / f"{download_stem(doc)}.{fmt}" for fmt in MIME}
        paths["preview"] = Path(tmp) / "preview.png"
        # the sheet's map page is drawn once for the PDF, the PNG and the preview
        sheet_files(
            area,
            layers,
            paper,
            orientation,
            language,
            pdf=paths["pdf"],
            pngs={paths["png"]: SHEET_DPI, paths["preview"]: PREVIEW_DPI},
        )
        for fmt in MIME:
            if fmt not in ("pdf", "png"):
                write_export(area, layers, fmt, paths[fmt], paper, orientation, language)
        files = {name: path.read_bytes() for name, path in paths.items()}
    return files, layers.meta.version_label()
