"""Resources shared by every browser session: areas and their base-map vectors.

One :class:`AreaRegistry` per server (``st.cache_resource``) holds the loaded areas: an area is
loaded once, under its own lock (sessions on other areas are not held up), and reused by every
session. Loading happens outside Streamlit's
cached-function machinery so its progress can be shown step by step in an ``st.status`` box.
Errors come back as messages, never tracebacks. Each actual load is logged on the ``vigie``
logger (one line on the server's stderr), so an operator or a load test can count them.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import streamlit as st
from streamlit.logger import get_logger

from layers.basemap import base_geojson, publish_base
from planner.area import Area, AreaSource, load_area
from planner.errors import PlannerError
from planner.markup import markdown_text
from planner.osm_io import Progress
from ui.i18n import said, t

#: Areas kept in memory per server (least recently used dropped first).
MAX_AREAS_IN_MEMORY = 6
#: Streamlit's handler and format, at its ``logger.level``: the lines go to the server's stderr.
LOG = get_logger("vigie")


class AreaRegistry:
    """Loaded areas and the URL of their base-map vectors (published once for Streamlit's static
    serving), shared by all sessions of one server."""

    def __init__(self, capacity: int = MAX_AREAS_IN_MEMORY) -> None:
        self._areas: OrderedDict[AreaSource, tuple[Area, str]] = OrderedDict()
        self._lock = threading.Lock()  # guards the dicts only, never held while loading
        self._loading: dict[AreaSource, threading.Lock] = {}  # one lock per area being loaded
        self._capacity = capacity
        self.loads = 0  # how many times an area was actually loaded (tests, load figures)

    def loaded(self, source: AreaSource) -> tuple[Area, str] | None:
        """The area of ``source`` and its base map's URL if they are loaded already."""
        with self._lock:
            return self._areas.get(source)

    def get(self, source: AreaSource, progress: Progress = None) -> tuple[Area, str]:
        """The area of ``source`` and its base map's URL, loading them on first use.

        A session loading one area blocks only the sessions that wait for the same area (they
        get it when it is ready, loaded once); sessions on other areas go on.
        """
        with self._lock:
            if source in self._areas:
                self._areas.move_to_end(source)
                return self._areas[source]
            area_lock = self._loading.setdefault(source, threading.Lock())
        with area_lock:
            with self._lock:
                loaded = self._areas.get(source)
            if loaded is None:
                loaded = self._load(source, progress)
            with self._lock:
                self._areas[source] = loaded
                self._areas.move_to_end(source)
                while len(self._areas) > self._capacity:
                    self._areas.popitem(last=False)
                self._loading.pop(source, None)
            return loaded

    def _load(self, source: AreaSource, progress: Progress) -> tuple[Area, str]:
        start = time.perf_counter()
        area = load_area(source, progress=progress)
        loaded = (area, publish_base(base_geojson(area)))
        with self._lock:
            self.loads += 1
        LOG.info(
            "area loaded: %s (%s %s) in %.1f s",
            source.area_id(),
            source.kind,
            source.name,
            time.perf_counter() - start,
        )
        return loaded


@st.cache_resource(show_spinner=False)
def area_registry() -> AreaRegistry:
    """The server's one registry."""
    return AreaRegistry()


def load_area_with_status(source: AreaSource) -> tuple[tuple[Area, str] | None, str | None]:
    """(area, base map URL) and None, or None and the error message to show.

    A loaded area is said in a closed box with its figures; a load shows its steps in an
    ``st.status`` box (which Streamlit holds 0.1 s a run for its animation, so only then).
    The area's name is the file's or the user's text: escaped for the labels' Markdown."""
    ready = area_registry().loaded(source)
    if ready is not None:
        st.caption(f":material/check_circle: {_loaded_label(ready[0])}")
        return ready, None
    with st.status(t("loading", name=markdown_text(source.name)), expanded=False) as status:

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
        status.update(label=_loaded_label(area), state="complete")
    return (area, base), None


def _loaded_label(area: Area) -> str:
    return t(
        "loaded",
        name=markdown_text(area.name),
        streets=len(area.streets),
        buildings=len(area.buildings),
        pois=len(area.pois),
        crs=area.crs,
    )
