"""Gaussian plume of a continuous gas release: concentrations and the ground zone above a threshold.

The steady Gaussian plume with ground reflection (Turner's workbook; the model ALOHA uses for
neutrally buoyant gases)::

    C(x, y, z) = Q / (2π u σy σz) · exp(−y² / 2σy²) · [exp(−(z−H)² / 2σz²) + exp(−(z+H)² / 2σz²)]

with σy(x), σz(x) from Briggs' urban curves by Pasquill stability class (A very unstable to F
very stable; :data:`planner.doctrine.BRIGGS_URBAN`). x runs downwind, y crosswind, z up, in
metres; Q in kg/s, u in m/s, C in kg/m³. Methane is lighter than air and rises: a neutral plume
over-states its ground concentrations, so a zone drawn from it is a screening estimate, not a
forecast. Wind directions are from true north; :func:`grid_convergence_deg` turns them into
bearings on the projected grid (a few degrees apart away from the projection's central meridian).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from scipy.optimize import brentq
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.crs import WGS84
from planner.errors import HazardError

STABILITY_CLASSES: tuple[str, ...] = tuple(doctrine.BRIGGS_URBAN)


def stability_class(value: object, hazard: str = "-") -> str:
    """A Pasquill class "A"–"F" (case and spaces ignored); HazardError for anything else."""
    cls = str(value).strip().upper()
    if cls not in doctrine.BRIGGS_URBAN:
        raise HazardError(
            "hazard_bad_choice",
            hazard=hazard,
            name="stability_class",
            allowed=", ".join(STABILITY_CLASSES),
            value=value,
        )
    return cls


def briggs_urban_sigmas(stability: str, x_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """σy and σz (m) at downwind distances ``x_m`` (m, > 0) for a Pasquill stability class."""
    (ay, by, ey), (az, bz, ez) = doctrine.BRIGGS_URBAN[stability_class(stability)]
    x = np.asarray(x_m, dtype=float)
    return ay * x * (1 + by * x) ** ey, az * x * (1 + bz * x) ** ez


def plume_concentration(
    q_kg_s: float,
    u_m_s: float,
    stability: str,
    x_m: np.ndarray | float,
    y_m: np.ndarray | float,
    z_m: np.ndarray | float = 0.0,
    h_m: float = 0.0,
) -> np.ndarray:
    """Concentration (kg/m³) at (x downwind, y crosswind, z up); 0 upwind (x ≤ 0)."""
    if not u_m_s > 0:
        raise HazardError("hazard_no_wind", hazard="-")
    x, y, z = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x_m, y_m, z_m)))
    downwind = x > 0
    sy, sz = briggs_urban_sigmas(stability, np.where(downwind, x, 1.0))
    vertical = np.exp(-((z - h_m) ** 2) / (2 * sz**2)) + np.exp(-((z + h_m) ** 2) / (2 * sz**2))
    c = q_kg_s / (2 * np.pi * u_m_s * sy * sz) * np.exp(-(y**2) / (2 * sy**2)) * vertical
    return np.where(downwind, c, 0.0)


def plume_zone(
    q_kg_s: float,
    u_m_s: float,
    wind_from_deg: float,
    stability: str,
    threshold_kg_m3: float,
    x0: float,
    y0: float,
    h_m: float = 0.0,
) -> BaseGeometry:
    """Polygon of the ground (z = 0) where C ≥ ``threshold_kg_m3``, placed at (x0, y0).

    The wind comes FROM ``wind_from_deg`` (meteorological convention, clockwise from north): the
    zone points the opposite way, in a projected frame with x east and y north. The centreline is
    sampled geometrically from 1 m to 10 km and its ends are solved exactly; the half-width at x
    is σy · √(2 ln(C_centre / threshold)). An empty polygon when the threshold is never reached.
    """
    cls = stability_class(stability)
    if not threshold_kg_m3 > 0 or not q_kg_s > 0:
        return Polygon()

    def log_excess(x: np.ndarray | float) -> np.ndarray:
        return np.log(plume_concentration(q_kg_s, u_m_s, cls, x, 0.0, 0.0, h_m) / threshold_kg_m3)

    xs = np.geomspace(
        doctrine.PLUME_MIN_DISTANCE_M, doctrine.PLUME_MAX_DISTANCE_M, doctrine.PLUME_SAMPLES
    )
    with np.errstate(divide="ignore"):
        excess = log_excess(xs)
    above = np.flatnonzero(excess >= 0)
    if above.size == 0:
        return Polygon()
    first, last = above[0], above[-1]
    start = 0.0 if first == 0 else _root(log_excess, xs[first - 1], xs[first])
    end = xs[-1] if last == xs.size - 1 else _root(log_excess, xs[last], xs[last + 1])
    # Resample the zone itself, denser towards the tip where the half-width closes quickly.
    lo = max(start, doctrine.PLUME_MIN_DISTANCE_M)
    tip = end - (end - lo) * np.geomspace(1e-4, 1.0, 64)
    x = np.unique(np.concatenate([np.geomspace(lo, end, 192), tip, [lo, end]]))
    with np.errstate(divide="ignore"):
        half = briggs_urban_sigmas(cls, x)[0] * np.sqrt(2 * np.clip(log_excess(x), 0.0, None))
    along = np.concatenate([[start], x, x[::-1]])
    across = np.concatenate([[0.0], half, -half[::-1]])
    return _place(along, across, wind_from_deg, x0, y0)


def _root(f, a: float, b: float) -> float:
    """Where ``f`` (log of C / threshold) crosses 0 between a and b (sign change assumed)."""
    fa, fb = float(f(a)), float(f(b))
    if not (math.isfinite(fa) and math.isfinite(fb)) or fa * fb > 0:
        return b if fa < 0 else a
    return brentq(lambda v: float(f(v)), a, b, xtol=1e-6, rtol=1e-10)


def _place(along: np.ndarray, across: np.ndarray, wind_from_deg: float, x0: float, y0: float):
    """Rotate plume coordinates (x downwind, y crosswind) to the map and move them to (x0, y0)."""
    theta = math.radians(wind_from_deg)
    dx, dy = -math.sin(theta), -math.cos(theta)  # downwind unit vector (east, north)
    px = x0 + along * dx - across * dy
    py = y0 + along * dy + across * dx
    polygon = shapely.polygons(np.column_stack([px, py]))
    return polygon if polygon.is_valid else shapely.make_valid(polygon)


@lru_cache(maxsize=16)
def _transformers(crs: str) -> tuple[Transformer, Transformer]:
    return (
        Transformer.from_crs(crs, WGS84, always_xy=True),
        Transformer.from_crs(WGS84, crs, always_xy=True),
    )


def grid_convergence_deg(crs: str, x: float, y: float) -> float:
    """Bearing of true north on the projected grid at (x, y), degrees clockwise from grid north.

    Lambert-93 at Monaco: about −3.2° (grid north is east of true north there); a bearing from
    true north plus this is the bearing on the grid.
    """
    to_lonlat, to_grid = _transformers(crs)
    lon, lat = to_lonlat.transform(x, y)
    north_x, north_y = to_grid.transform(lon, lat + 1e-3)
    return math.degrees(math.atan2(north_x - x, north_y - y))
