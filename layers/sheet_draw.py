"""Drawing helpers of the map sheet: shapely geometries as matplotlib paths, label placement.

Geometries become one compound :class:`~matplotlib.path.Path` per layer (polygons, holes kept)
or one :class:`~matplotlib.collections.LineCollection` (lines): a few artists per layer keep the
PDF small and fast to draw. The :class:`Placer` keeps labels and symbols from overlapping: it
works in millimetres on paper, where overlaps are seen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shapely
from matplotlib.path import Path as MplPath
from shapely import affinity
from shapely.geometry.base import BaseGeometry

#: Width of an average character of DejaVu Sans, in ems (for label sizes before drawing).
CHAR_EM = 0.58
PT_MM = 25.4 / 72  # one typographic point in millimetres


def polygon_path(geometries: Iterable[BaseGeometry]) -> MplPath | None:
    """One compound path of every polygon (exteriors counter-clockwise, holes clockwise)."""
    parts = shapely.get_parts(np.asarray(list(geometries), dtype=object))
    parts = parts[shapely.get_type_id(parts) == 3]
    parts = parts[~shapely.is_empty(parts)]
    if len(parts) == 0:
        return None
    parts = shapely.orient_polygons(parts)
    vertices, codes = [], []
    for polygon in parts:
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)[:, :2]
            if len(coords) < 4:
                continue
            code = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
            code[0], code[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(coords)
            codes.append(code)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def line_parts(geometries: Iterable[BaseGeometry]) -> list[np.ndarray]:
    """The coordinate arrays of every line (and polygon ring) in ``geometries``."""
    geoms = np.asarray(list(geometries), dtype=object)
    if len(geoms) == 0:
        return []
    geoms = np.where(shapely.get_type_id(geoms) >= 3, shapely.boundary(geoms), geoms)
    parts = shapely.get_parts(geoms)
    parts = parts[np.isin(shapely.get_type_id(parts), (1, 2))]
    if len(parts) == 0:
        return []
    coords, index = shapely.get_coordinates(parts, return_index=True)
    cuts = np.flatnonzero(np.diff(index)) + 1
    return [c for c in np.split(coords, cuts) if len(c) >= 2]


def clipped(geometries: Iterable[BaseGeometry], bounds: tuple[float, ...]) -> list[BaseGeometry]:
    """The non-empty parts of ``geometries`` inside ``bounds`` (x0, y0, x1, y1)."""
    geoms = np.asarray(list(geometries), dtype=object)
    if len(geoms) == 0:
        return []
    geoms = geoms[~shapely.is_missing(geoms)]
    geoms = shapely.clip_by_rect(shapely.make_valid(geoms), *bounds)
    return [g for g in geoms if not g.is_empty]


class Placer:
    """Paper positions (mm, from the map frame's lower-left corner) of what is already drawn."""

    def __init__(self, frame_w: float, frame_h: float, x0: float, y0: float, scale: float):
        self.frame_w, self.frame_h = frame_w, frame_h
        self.x0, self.y0 = x0, y0
        self.m_per_mm = scale / 1000
        self.taken: list[BaseGeometry] = []

    def to_mm(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) / self.m_per_mm, (y - self.y0) / self.m_per_mm

    def to_map(self, u: float, v: float) -> tuple[float, float]:
        return self.x0 + u * self.m_per_mm, self.y0 + v * self.m_per_mm

    def inside(self, shape: BaseGeometry, pad: float = 1.0) -> bool:
        x0, y0, x1, y1 = shape.bounds
        return x0 >= pad and y0 >= pad and x1 <= self.frame_w - pad and y1 <= self.frame_h - pad

    def free(self, shape: BaseGeometry) -> bool:
        return self.inside(shape) and not any(shape.intersects(t) for t in self.taken)

    def take(self, shape: BaseGeometry) -> None:
        self.taken.append(shape)

    def text_box(
        self, u: float, v: float, text: str, size_pt: float, angle: float = 0.0, ha: str = "center"
    ) -> BaseGeometry:
        """The rectangle (mm) a one-line text takes, centred on (u, v) or starting there."""
        width = text_width_mm(text, size_pt) + 0.6
        height = size_pt * PT_MM * 1.25
        left = -width / 2 if ha == "center" else 0.0
        box = shapely.box(left, -height / 2, left + width, height / 2)
        return affinity.translate(affinity.rotate(box, angle, origin=(0, 0)), u, v)

    def try_text(
        self, u: float, v: float, text: str, size_pt: float, angle: float = 0.0, ha: str = "center"
    ) -> bool:
        """Reserve a label's rectangle if it is free; True when it was."""
        box = self.text_box(u, v, text, size_pt, angle, ha)
        if not self.free(box):
            return False
        self.take(box)
        return True


def text_width_mm(text: str, size_pt: float) -> float:
    """Estimated width of a one-line text in DejaVu Sans."""
    return len(text) * CHAR_EM * size_pt * PT_MM


def spread(points: np.ndarray, distance: float, bounds: tuple[float, float], steps: int = 120):
    """Move points (mm) apart until no two are closer than ``distance``, each staying near its
    own place and inside (0, 0)–``bounds``: the symbols of nearby checkpoints."""
    pos = points.astype(float).copy()
    n = len(pos)
    if n < 2:
        return pos
    jitter = np.stack([np.cos(np.arange(n) * 2.4), np.sin(np.arange(n) * 2.4)], axis=1) * 1e-3
    for _ in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < distance
        if not close.any():
            break
        unit = np.where(dist[..., None] > 1e-6, delta / np.maximum(dist, 1e-6)[..., None], 0)
        unit += jitter[:, None, :] * (dist[..., None] <= 1e-6)
        push = np.where(close, (distance - dist) / 2, 0)[..., None] * unit
        pos += push.sum(axis=1) * 0.6 + (points - pos) * 0.02
        pos[:, 0] = np.clip(pos[:, 0], distance / 2, bounds[0] - distance / 2)
        pos[:, 1] = np.clip(pos[:, 1], distance / 2, bounds[1] - distance / 2)
    return pos


def line_angle(line: BaseGeometry, at: float, half: float) -> tuple[float, float, float, float]:
    """(x, y, angle in degrees kept upright, straightness 0–1) of a label along ``line``."""
    a = line.interpolate(max(at - half, 0))
    b = line.interpolate(min(at + half, line.length))
    mid = line.interpolate(at)
    angle = math.degrees(math.atan2(b.y - a.y, b.x - a.x))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    chord = math.hypot(b.x - a.x, b.y - a.y)
    return mid.x, mid.y, angle, chord / max(2 * half, 1e-9)
