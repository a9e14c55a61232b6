"""Geometries as the live map receives them: reprojected to WGS84 as one frame, rounded.

Every overlay's GeoJSON travels in each rerun's message to the browser. Coordinates carried at
full float precision (16 digits) made the concert's overlay 370 kB; at ``MAP_DECIMALS`` the map
draws the same shapes (1e-6 degree is 0.11 m or less, under a pixel at the map's closest zoom).
The exports keep their own precision (:mod:`planner.export_layers`, :mod:`planner.video`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from planner.crs import WGS84, reproject

#: Decimals of a degree kept on the live map (1e-6 degree: 0.11 m of latitude).
MAP_DECIMALS = 6


def on_map(geometries: Sequence[BaseGeometry], crs: str) -> np.ndarray:
    """``geometries`` (in ``crs``) in WGS84, rounded to ``MAP_DECIMALS``: one reprojection."""
    if not len(geometries):
        return np.empty(0, dtype=object)
    return shapely.transform(reproject(geometries, crs, WGS84), _round)


def one_on_map(geometry: BaseGeometry, crs: str) -> BaseGeometry:
    """One geometry (in ``crs``) as :func:`on_map` gives it."""
    return on_map([geometry], crs)[0]


def _round(coordinates: np.ndarray) -> np.ndarray:
    return np.round(coordinates, MAP_DECIMALS)
