"""Nearest exit of each agent by walking distance inside a walkable area (not as the crow flies).

The area is rasterised on a :data:`CELL_M` grid (cell centres inside the area), linked to its
8 neighbours when the segment between the two centres stays inside; one multi-source Dijkstra
per exit (scipy.sparse.csgraph) gives every cell's walking distance to it, and each agent takes
the exit nearest to its cell. An agent with no exit within reach gets -1. Metres, area's CRS.
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

#: Grid step (m): finer than the narrowest passage the cleaning keeps (an agent's diameter).
CELL_M = 0.5


def nearest_exits(area: BaseGeometry, exits: list[Polygon], positions: np.ndarray) -> np.ndarray:
    """Index of the nearest exit of each position (n × 2) by walking distance, -1 if none."""
    if not len(positions):
        return np.zeros(0, dtype=int)
    distances = walking_distances(area, exits, positions)
    best = np.argmin(distances, axis=1)
    return np.where(np.isfinite(distances.min(axis=1)), best, -1)


def walking_distances(
    area: BaseGeometry, exits: list[Polygon], positions: np.ndarray
) -> np.ndarray:
    """Walking distance (m) from each position to each exit (positions × exits; inf if none)."""
    centres, graph = _grid(area)
    out = np.full((len(positions), len(exits)), np.inf)
    if not len(centres):
        return out
    tree = cKDTree(centres)
    _, at = tree.query(positions)
    for k, polygon in enumerate(exits):
        inside = np.flatnonzero(shapely.contains_xy(polygon, centres[:, 0], centres[:, 1]))
        if not len(inside):
            c = polygon.representative_point()
            inside = np.array([tree.query((c.x, c.y))[1]])
        field = dijkstra(graph, directed=False, indices=inside, min_only=True)
        out[:, k] = field[at]
    return out


def _grid(area: BaseGeometry) -> tuple[np.ndarray, csr_array]:
    """Centres (n × 2) of the grid cells inside ``area`` and the graph linking neighbours
    (8-connected) whose link stays inside ``area``, weighted by length (m)."""
    x0, y0, x1, y1 = area.bounds
    xs = np.arange(x0 + CELL_M / 2, x1, CELL_M)
    ys = np.arange(y0 + CELL_M / 2, y1, CELL_M)
    gx, gy = np.meshgrid(xs, ys)
    shapely.prepare(area)
    inside = shapely.contains_xy(area, gx, gy)
    index = np.full(inside.shape, -1)
    index[inside] = np.arange(int(inside.sum()))
    centres = np.column_stack([gx[inside], gy[inside]])
    rows, cols, weights = [], [], []
    for di, dj in ((0, 1), (1, 0), (1, 1), (1, -1)):
        h, w = index.shape
        c0, c1 = max(0, -dj), w - max(0, dj)
        a = index[0 : h - di, c0:c1]
        b = index[di:h, c0 + dj : c1 + dj]
        ok = (a >= 0) & (b >= 0)
        a, b = a[ok], b[ok]
        if di and dj and len(a):
            lines = shapely.linestrings(np.stack([centres[a], centres[b]], axis=1))
            keep = shapely.covers(area, lines)
            a, b = a[keep], b[keep]
        rows.append(a)
        cols.append(b)
        weights.append(np.full(len(a), CELL_M * (2**0.5 if di and dj else 1.0)))
    n = len(centres)
    graph = coo_array(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    ).tocsr()
    return centres, graph
