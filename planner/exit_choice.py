"""Walking-distance fields to the exits of a walkable area: who goes where, and which way.

The area is rasterised on a :data:`planner.doctrine.SIM_FIELD_CELL_M` grid (cell centres inside
the area), each cell linked to its 8 neighbours when the segment between the two centres stays
inside (streets' buffers can be split by walls thinner than a cell); links near a wall cost more
(:data:`planner.doctrine.SIM_WALL_COST`), as walkers keep off walls. One multi-source Dijkstra
per exit (scipy.sparse.csgraph) gives every cell's walking distance to that exit and the next
cell on its shortest way there; from it each cell gets the
point :data:`planner.doctrine.SIM_LOOKAHEAD_M` ahead, where an agent standing there heads for
(JuPedSim's direct steering: the simulator's own navigation-mesh routing is not used); where that
point is hidden behind a corner, the farthest point before it still in sight is taken instead
(an agent aiming through a wall is pressed against it).
Metres, area's CRS.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planner import doctrine


@dataclass(frozen=True)
class ExitFields:
    """Grid cells of an area with, per exit, their walking distance and the cell to aim at."""

    centres: np.ndarray  # cells × 2 (area's CRS)
    distance: np.ndarray  # cells × exits, metres (weighted by the wall cost); inf: no way
    ahead: np.ndarray  # exits × cells: the cell up to SIM_LOOKAHEAD_M further on, in sight (int)
    tree: cKDTree

    def cells(self, xy: np.ndarray) -> np.ndarray:
        """Index of the cell nearest each position (n × 2)."""
        return self.tree.query(xy)[1] if len(xy) else np.zeros(0, dtype=int)

    def distances(self, xy: np.ndarray) -> np.ndarray:
        """Walking distance (m) from each position to each exit (positions × exits)."""
        return self.distance[self.cells(xy)]

    def targets(self, cells: np.ndarray, exit_index: np.ndarray) -> np.ndarray:
        """Where agents in ``cells`` heading for exits ``exit_index`` aim (n × 2)."""
        return self.centres[self.ahead[exit_index, cells]]


def exit_fields(area: BaseGeometry, exits: list[Polygon]) -> ExitFields:
    """The walking-distance fields of ``area`` towards each of ``exits`` (see the module)."""
    centres, graph = _grid(area)
    n = len(centres)
    distance = np.full((n, len(exits)), np.inf)
    ahead = np.tile(np.arange(n), (len(exits), 1))
    tree = cKDTree(centres if n else np.zeros((1, 2)))
    hops = max(1, round(doctrine.SIM_LOOKAHEAD_M / doctrine.SIM_FIELD_CELL_M))
    if n:
        shapely.prepare(area)
    for k, polygon in enumerate(exits):
        if not n:
            break
        inside = np.flatnonzero(shapely.contains_xy(polygon, centres[:, 0], centres[:, 1]))
        if not len(inside):
            c = polygon.representative_point()
            inside = np.array([tree.query((c.x, c.y))[1]])
        field, previous, _ = dijkstra(
            graph, directed=False, indices=inside, min_only=True, return_predecessors=True
        )
        distance[:, k] = field
        ahead[k] = _ahead_in_sight(area, centres, previous, hops)
    return ExitFields(centres, distance, ahead, tree)


def _ahead_in_sight(
    area: BaseGeometry, centres: np.ndarray, previous: np.ndarray, hops: int
) -> np.ndarray:
    """For each cell, the farthest cell at most ``hops`` further on its shortest way (the
    predecessors ``previous``) that it sees in a straight line within ``area`` (the next cell
    always: neighbours are linked only when their link stays inside)."""
    chain = [np.arange(len(centres))]
    for _ in range(hops):
        step = previous[chain[-1]]
        chain.append(np.where(step >= 0, step, chain[-1]))
    start = chain[0]
    found = chain[1].copy()
    open_ = np.ones(len(start), dtype=bool)  # cells whose target is not settled yet
    for cell in reversed(chain[2:]):  # farthest first
        test = np.flatnonzero(open_ & (cell != found))
        if not len(test):
            continue
        lines = shapely.linestrings(np.stack([centres[start[test]], centres[cell[test]]], axis=1))
        seen = test[shapely.covers(area, lines)]
        found[seen] = cell[seen]
        open_[seen] = False
    return found


def _grid(area: BaseGeometry) -> tuple[np.ndarray, csr_array]:
    """Centres (n × 2) of the grid cells inside ``area`` and the graph linking neighbours
    (8-connected) whose link stays inside ``area`` (two cells on either side of a thin wall
    are not linked), weighted by length (m) and wall cost."""
    step = doctrine.SIM_FIELD_CELL_M
    x0, y0, x1, y1 = area.bounds
    xs = np.arange(x0 + step / 2, x1, step)
    ys = np.arange(y0 + step / 2, y1, step)
    gx, gy = np.meshgrid(xs, ys)
    shapely.prepare(area)
    inside = shapely.contains_xy(area, gx, gy)
    index = np.full(inside.shape, -1)
    index[inside] = np.arange(int(inside.sum()))
    centres = np.column_stack([gx[inside], gy[inside]])
    near_wall = shapely.distance(area.boundary, shapely.points(centres)) < (
        doctrine.SIM_WALL_CLEARANCE_M
    )
    cost = np.where(near_wall, doctrine.SIM_WALL_COST, 1.0)
    rows, cols, weights = [], [], []
    for di, dj in ((0, 1), (1, 0), (1, 1), (1, -1)):
        h, w = index.shape
        c0, c1 = max(0, -dj), w - max(0, dj)
        a = index[0 : h - di, c0:c1]
        b = index[di:h, c0 + dj : c1 + dj]
        ok = (a >= 0) & (b >= 0)
        a, b = a[ok], b[ok]
        if len(a):  # straight links too: a wall thinner than a cell lies between two cells
            lines = shapely.linestrings(np.stack([centres[a], centres[b]], axis=1))
            keep = shapely.covers(area, lines)
            a, b = a[keep], b[keep]
        rows.append(a)
        cols.append(b)
        length = step * (2**0.5 if di and dj else 1.0)
        weights.append(length * (cost[a] + cost[b]) / 2)
    n = len(centres)
    graph = coo_array(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    ).tocsr()
    return centres, graph
