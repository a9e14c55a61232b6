"""The export panel: the map sheet's preview and a download button per format.

Exports are prepared on demand (a sheet takes a second or two) for the plan as it is: a saved,
unchanged plan carries its store version, an edited one is a draft with its fingerprint.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from layers.export_files import write_export
from layers.sheet import sheet_png
from planner.area import Area
from planner.errors import PlannerError
from planner.plan import Plan
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


def export_panel(area: Area, doc: Scenario, plan: Plan | None) -> None:
    """Options, "prepare", then the preview and the downloads."""
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
                state.exports = (options, _prepare(area, doc, plan, *options[:4]))
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
        stem = f"vigie-{file_stem(doc.title, 'plan')}"
        for col, fmt in zip(cols, MIME, strict=True):
            col.download_button(
                fmt.upper(),
                files[fmt],
                file_name=f"{stem}.{fmt}",
                mime=MIME[fmt],
                key=f"download-{fmt}",
            )


def _prepare(
    area: Area,
    doc: Scenario,
    plan: Plan | None,
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
        plan,
        state.get("scenario_id") if saved else None,
        state.get("base_version") if saved else None,
        marking,
    )
    files: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="vigie-export-") as tmp:
        for fmt in MIME:
            path = Path(tmp) / f"plan.{fmt}"
            write_export(area, layers, fmt, path, paper, orientation, language)
            files[fmt] = path.read_bytes()
        preview = Path(tmp) / "preview.png"
        sheet_png(area, layers, preview, paper, orientation, dpi=PREVIEW_DPI, lang=language)
        files["preview"] = preview.read_bytes()
    return files, layers.meta.version_label()
