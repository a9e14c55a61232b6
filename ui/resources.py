"""Resources shared by every browser session: areas and their base-map vectors.

An area is loaded once per server (``st.cache_resource``) and reused by all sessions; the first
load shows its steps in an ``st.status`` box. Errors come back as messages, never tracebacks.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from layers.basemap import base_geojson
from planner.area import Area, AreaSource, load_area
from planner.errors import PlannerError
from ui.i18n import lang, t


@st.cache_resource(show_spinner=False, max_entries=8)
def _cached_area(source: AreaSource, _progress: Any = None) -> Area:
    return load_area(source, progress=_progress)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_base_geojson(area_id: str, _area: Area) -> dict[str, dict[str, Any]]:
    """The area's base-map GeoJSON, built once per area."""
    return base_geojson(_area)


def load_area_with_status(source: AreaSource) -> tuple[Area | None, str | None]:
    """The area of ``source`` and None, or None and the error message to show."""
    with st.status(t("loading", name=source.name), expanded=False) as status:
        def progress(step: str) -> None:
            status.update(label=t("step_" + step), state="running")
            status.write(t("step_" + step))

        try:
            area = _cached_area(source, _progress=progress)
        except PlannerError as err:
            status.update(label=t("load_failed"), state="error")
            return None, err.message(lang())
        except Exception as err:  # a file no reader expected: say so, keep the app alive
            status.update(label=t("load_failed"), state="error")
            return None, f"{t('load_failed')} ({type(err).__name__})."
        status.update(
            label=t("loaded", name=area.name, streets=len(area.streets),
                    buildings=len(area.buildings), pois=len(area.pois), crs=area.crs),
            state="complete",
        )
    return area, None
