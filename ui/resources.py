"""Resources shared by every browser session: areas and their base-map vectors.

One :class:`AreaRegistry` per server (``st.cache_resource``) holds the loaded areas: an area is
loaded once, under a lock, and reused by every session. Loading happens outside Streamlit's
cached-function machinery so its progress can be shown step by step in an ``st.status`` box.
Errors come back as messages, never tracebacks. Each actual load is logged on the ``vigie``
logger (one line on the server's stderr), so an operator or a load test can count them.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

import streamlit as st
from streamlit.logger import get_logger

from layers.basemap import base_geojson
from planner.area import Area, AreaSource, load_area
from planner.errors import PlannerError
from planner.osm_io import Progress
from ui.i18n import said, t

#: Areas kept in memory per server (least recently used dropped first).
MAX_AREAS_IN_MEMORY = 6
#: Streamlit's handler and format, at its ``logger.level``: the lines go to the server's stderr.
LOG = get_logger("vigie")


class AreaRegistry:
    """Loaded areas and their base-map GeoJSON, shared by all sessions of one server."""

    def __init__(self, capacity: int = MAX_AREAS_IN_MEMORY) -> None:
        self._areas: OrderedDict[AreaSource, tuple[Area, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self._capacity = capacity
        self.loads = 0  # how many times an area was actually loaded (tests, load figures)

    def get(self, source: AreaSource, progress: Progress = None) -> tuple[Area, dict[str, Any]]:
        """The area of ``source`` and its base-map GeoJSON, loading them on first use."""
        with self._lock:
            if source not in self._areas:
                start = time.perf_counter()
                area = load_area(source, progress=progress)
                self._areas[source] = (area, base_geojson(area))
                self.loads += 1
                LOG.info(
                    "area loaded: %s (%s %s) in %.1f s",
                    source.area_id(),
                    source.kind,
                    source.name,
                    time.perf_counter() - start,
                )
                while len(self._areas) > self._capacity:
                    self._areas.popitem(last=False)
            self._areas.move_to_end(source)
            return self._areas[source]


@st.cache_resource(show_spinner=False)
def area_registry() -> AreaRegistry:
    """The server's one registry."""
    return AreaRegistry()


def load_area_with_status(source: AreaSource) -> tuple[tuple[Area, dict] | None, str | None]:
    """(area, base GeoJSON) and None, or None and the error message to show."""
    with st.status(t("loading", name=source.name), expanded=False) as status:

        def progress(step: str) -> None:
            status.update(label=t("step_" + step), state="running")
            status.write(t("step_" + step))

        try:
            area, base = area_registry().get(source, progress=progress)
        except PlannerError as err:
            status.update(label=t("load_failed"), state="error")
            return None, said(err)
        except Exception as err:  # a file no reader expected: say so, keep the app alive
            status.update(label=t("load_failed"), state="error")
            return None, f"{t('load_failed')} ({type(err).__name__})."
        status.update(
            label=t(
                "loaded",
                name=area.name,
                streets=len(area.streets),
                buildings=len(area.buildings),
                pois=len(area.pois),
                crs=area.crs,
            ),
            state="complete",
        )
    return (area, base), None
