"""The projected CRS of an area: Lambert-93 in metropolitan France (and Monaco), else UTM.

Metric work (distances, buffers, surfaces) happens in this CRS; WGS84 is used only at the edges
(map display, GeoJSON in and out).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info
from pyproj.transformer import TransformerUnsafe
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
LAMBERT_93 = "EPSG:2154"

# Lambert-93's area of use: metropolitan France with Corsica (Monaco lies inside it).
_LAMBERT_93_BOUNDS = (-9.86, 41.15, 10.38, 51.56)


def projected_crs_for(lon: float, lat: float) -> str:
    """Projected CRS for a place given in WGS84: EPSG:2154 in France, else its UTM zone."""
    west, south, east, north = _LAMBERT_93_BOUNDS
    if west <= lon <= east and south <= lat <= north:
        return LAMBERT_93
    infos = query_utm_crs_info(
        datum_name="WGS 84",
        area_of_interest=AreaOfInterest(lon, lat, lon, lat),
    )
    code = infos[0].code if infos else "32631"
    return CRS.from_epsg(int(code)).to_string()


#: One transformer per (source, target) CRS for the whole process, used under a lock. pyproj's
#: thread-safe Transformer builds a new PROJ object in every thread that uses it (8–15 ms a CRS
#: pair), and Streamlit runs every rerun of every session in a new thread: each rerun paid it
#: again for each reprojection (``bench/bench_browser.py``). A transformation takes
#: microseconds, so one shared object behind a lock costs nothing in waiting.
_TRANSFORM_LOCK = threading.Lock()


@functools.lru_cache(maxsize=32)
def _transformer(source: str, target: str) -> Transformer | None:
    if CRS.from_user_input(source) == CRS.from_user_input(target):
        return None  # the same CRS: nothing to do
    made = Transformer.from_crs(source, target, always_xy=True)
    # the PROJ object itself, not remade per thread: only used under _TRANSFORM_LOCK
    return Transformer(TransformerUnsafe(made._transformer))


def reproject(
    geometries: Sequence[BaseGeometry] | np.ndarray, source: str, target: str
) -> np.ndarray:
    """``geometries`` from ``source`` to ``target`` CRS (x/y order: longitude first), as one
    array; the same as GeoSeries.to_crs, without per-thread set-up."""
    values = np.asarray(list(geometries), dtype=object)
    transformer = _transformer(source, target)
    if not len(values) or transformer is None:
        return values

    def moved(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    with _TRANSFORM_LOCK:
        return shapely.transform(values, moved)
