"""Sectors of a perimeter: check the ones a planner draws, or split a perimeter into balanced ones.

Drawn sectors must lie inside the perimeter and must not overlap, within a tolerance for drawing
by hand. :func:`split_sectors` proposes sectors of equal street length (the proxy of usable
surface). Seeds are put on the walkable streets inside the perimeter (their nodes, and points
every ``SEED_SPACING_M`` along them); each weighs the street length of its Voronoi cell. Seeds are
linked along the streets and to their Delaunay neighbours (so a sidewalk mapped beside its road, or
a footpath cut off inside the perimeter, stays with its surroundings) with conductance 1/length.
Recursive spectral bisection cuts this graph: the Fiedler vector of ``L x = λ M x`` (M: the seeds'
street length) orders the seeds, a weighted quantile gives each side its share, and stray pieces
of a side join the other. A sector is the union of its seeds' Voronoi cells clipped to the
perimeter: the sectors cover it exactly. Geometries are in the area's projected CRS (metres).
"""

from __future__ import annotations

import string

import numpy as np
import shapely
from scipy.linalg import eigh
from scipy.sparse import coo_matrix, csr_matrix, diags
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import eigsh
from scipy.spatial import Delaunay, QhullError, cKDTree
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.errors import SectorError
from planner.routing import RoutingGraph

#: Names of split sectors, in clockwise order from the north-west: at most 26 sectors.
NAMES = string.ascii_uppercase
#: A drawn sector may stick out of the perimeter, or overlap another sector, by the larger of
#: these: hand drawing is imprecise (2 % of a 100 m square sector is a 2 m strip along one side).
TOLERANCE_M2 = 50.0
TOLERANCE_SHARE = 0.02
#: Spacing of the seeds along the streets (widened to keep at most ``MAX_SEEDS`` seeds) ...
SEED_SPACING_M = 10.0
MAX_SEEDS = 20_000
#: ... and of the points measuring the street length of each seed's cell, in seed spacings.
MEASURE_SPACING = 0.25
#: Graphs up to this many seeds use a dense eigensolver, larger ones sparse shift-invert.
DENSE_SEEDS = 500


def check_sectors(perimeter: BaseGeometry, sectors: dict[str, BaseGeometry]) -> None:
    """Raise :class:`SectorError` for the first drawn sector that cannot be planned.

    A sector is refused when it is empty or not a valid polygon, when it extends outside the
    perimeter, or when it overlaps another sector, each by more than the tolerance (the larger
    of ``TOLERANCE_M2`` and ``TOLERANCE_SHARE`` of the sector's area, the smaller sector's for
    an overlap). Geometries are projected (metres).
    """
    names = list(sectors)
    shapes = np.array(list(sectors.values()), dtype=object)
    areas = shapely.area(shapes)
    for name, shape, area in zip(names, shapes, areas, strict=True):
        if not shape.is_valid:
            raise SectorError("sector_invalid", sector=name, reason=shapely.is_valid_reason(shape))
        if shape.is_empty or area <= 0:
            raise SectorError("sector_empty", sector=name)
    outside = shapely.area(shapely.difference(shapes, perimeter))
    for i in np.flatnonzero(outside > _tolerance(areas))[:1]:
        raise SectorError("sector_outside", sector=names[i], outside_m2=outside[i])
    pairs = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    pairs = pairs[:, pairs[0] < pairs[1]]
    left, right = pairs[:, np.lexsort((pairs[1], pairs[0]))]
    overlap = shapely.area(shapely.intersection(shapes[left], shapes[right]))
    for i in np.flatnonzero(overlap > _tolerance(np.minimum(areas[left], areas[right])))[:1]:
        first, second = names[left[i]], names[right[i]]
        raise SectorError("sector_overlap", first=first, second=second, overlap_m2=overlap[i])


def split_sectors(
    area: Area, perimeter: BaseGeometry, count: int
) -> dict[str, Polygon | MultiPolygon]:
    """Split a (projected) perimeter into ``count`` sectors "A", "B", … of equal street length.

    The sectors are connected, cover the perimeter exactly without overlapping, and are named
    clockwise around the perimeter's centroid from the north-western one. A sector is a Polygon,
    unless the perimeter itself is in pieces and a piece has no neighbouring sector to join.
    The same input always gives the same sectors.
    """
    if not 1 <= count <= len(NAMES):
        raise SectorError("sector_count", count=count, limit=len(NAMES))
    graph = area.routing("walk")
    edges = _streets(graph, perimeter)
    if len(edges) == 0:
        raise SectorError("sector_no_streets")
    nodes = graph.nodes_within(perimeter)
    if count > len(nodes):
        raise SectorError("sector_too_many", count=count, nodes=len(nodes))
    if count == 1:
        return {NAMES[0]: perimeter}
    spacing = max(SEED_SPACING_M, graph.length_m[edges].sum() / MAX_SEEDS)
    seeds, links = _seeds(graph, edges, perimeter, spacing)
    if count > len(seeds):  # nodes at one spot, on streets too short to seed
        raise SectorError("sector_too_many", count=count, nodes=len(seeds))
    mass = _street_length(seeds, graph.geometry[edges], perimeter, spacing * MEASURE_SPACING)
    labels = _bisect(_adjacency(seeds, links), mass, seeds, count)
    regions = _regions(seeds, labels, perimeter, count)
    order = _clockwise(regions, perimeter)
    return {NAMES[rank]: regions[i] for rank, i in enumerate(order)}


def _tolerance(area: np.ndarray) -> np.ndarray:
    return np.maximum(TOLERANCE_M2, TOLERANCE_SHARE * area)


def _streets(graph: RoutingGraph, perimeter: BaseGeometry) -> np.ndarray:
    """Edges meeting the perimeter, once each (the walk graph holds both directions)."""
    meets = np.flatnonzero(graph.edges_intersecting(perimeter))
    low = np.minimum(graph.u[meets], graph.v[meets])
    high = np.maximum(graph.u[meets], graph.v[meets])
    key = np.stack([low, high, np.round(graph.length_m[meets], 1)])
    return meets[np.sort(np.unique(key, axis=1, return_index=True)[1])]


def _along(lengths: np.ndarray, spacing: float, offset: float) -> tuple[np.ndarray, ...]:
    """Line index, fraction (i + offset) / n and piece length of points cutting lines in n
    pieces of about ``spacing``."""
    pieces = np.maximum(np.ceil(lengths / spacing), 1).astype(np.int64)
    which = np.repeat(np.arange(len(lengths)), pieces)
    step = np.arange(len(which)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    return which, (step + offset) / pieces[which], (lengths / pieces)[which]


def _seeds(
    graph: RoutingGraph, edges: np.ndarray, perimeter: BaseGeometry, spacing: float
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct seeds inside the perimeter (the nodes, points every ``spacing`` along the edges)
    and their (i, j) links along the streets: each edge chains its tail, points and head."""
    which, fraction, _ = _along(graph.length_m[edges], spacing, 0.0)
    points = shapely.line_interpolate_point(graph.geometry[edges[which]], fraction, True)
    ids = graph.n_nodes + np.arange(len(which))  # the nodes' ids are their indexes
    same = which[1:] == which[:-1]
    first, last = np.r_[True, ~same], np.r_[~same, True]
    links = np.concatenate(
        [
            np.column_stack([ids[:-1], ids[1:]])[same],
            np.column_stack([graph.u[edges[which[first]]], ids[first]]),
            np.column_stack([ids[last], graph.v[edges[which[last]]]]),
        ]
    )
    xy = np.concatenate([graph.xy, shapely.get_coordinates(points)])
    keep = shapely.contains_xy(perimeter, *xy.T)
    seeds, local = np.unique(xy[keep], axis=0, return_inverse=True)
    index = np.full(len(xy), -1)
    index[keep] = local.ravel()
    links = index[links]
    return seeds, links[(links >= 0).all(axis=1)]


def _street_length(
    seeds: np.ndarray, lines: np.ndarray, perimeter: BaseGeometry, spacing: float
) -> np.ndarray:
    """Street length inside the perimeter nearest to each seed: in its Voronoi cell."""
    which, fraction, piece = _along(shapely.length(lines), spacing, 0.5)
    xy = shapely.get_coordinates(shapely.line_interpolate_point(lines[which], fraction, True))
    inside = shapely.contains_xy(perimeter, *xy.T)
    _, nearest = cKDTree(seeds).query(xy[inside])
    return np.bincount(nearest, piece[inside], len(seeds))


def _adjacency(seeds: np.ndarray, links: np.ndarray) -> csr_matrix:
    """Symmetric conductances 1/length of the street links and the seeds' Delaunay edges."""
    try:
        triangles = Delaunay(seeds)
        near = triangles.simplices[:, [0, 1, 1, 2, 2, 0]].reshape(-1, 2)
        near = np.concatenate([near, triangles.coplanar[:, [0, 2]]])
        near = np.unique(np.sort(near, axis=1), axis=0)
    except QhullError:  # fewer than three seeds, or all on one line: chain them in order
        near = np.column_stack([np.arange(len(seeds) - 1), np.arange(1, len(seeds))])
    pairs = np.concatenate([links, near])
    length = np.hypot(*(seeds[pairs[:, 0]] - seeds[pairs[:, 1]]).T)
    n = len(seeds)
    matrix = csr_matrix((1.0 / np.maximum(length, 1.0), (pairs[:, 0], pairs[:, 1])), (n, n))
    return (matrix + matrix.T).tocsr()


def _bisect(adjacency: csr_matrix, mass: np.ndarray, xy: np.ndarray, count: int) -> np.ndarray:
    """Labels of ``count`` connected parts of balanced mass of a connected graph."""
    if count == 1:
        return np.zeros(len(mass), dtype=np.int64)
    low = count // 2
    order = np.argsort(_fiedler(adjacency, mass, xy), kind="stable")
    cumulative = np.cumsum(mass[order])
    cut = np.argmin(np.abs(cumulative - cumulative[-1] * low / count)) + 1
    side = np.ones(len(mass), dtype=np.int64)
    side[order[: int(np.clip(cut, low, len(mass) - count + low))]] = 0
    connected = _contiguous(adjacency.tocoo(), side, mass)
    if np.all(np.bincount(connected, minlength=2) >= [low, count - low]):
        side = connected
    labels = np.empty(len(mass), dtype=np.int64)
    for part, parts, first in ((0, low, 0), (1, count - low, low)):
        members = np.flatnonzero(side == part)
        sub = adjacency[members][:, members]
        labels[members] = first + _bisect(sub, mass[members], xy[members], parts)
    return labels


def _fiedler(adjacency: csr_matrix, mass: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Fiedler vector of ``L x = λ M x`` (M: the seeds' mass), increasing to the south-east."""
    n = adjacency.shape[0]
    scale = diags(1.0 / np.sqrt(np.maximum(mass, 1.0)))
    degree = diags(np.asarray(adjacency.sum(axis=1)).ravel())
    laplacian = (scale @ (degree - adjacency) @ scale).tocsc()
    if n <= DENSE_SEEDS:
        values, vectors = eigh(laplacian.toarray(), subset_by_index=[0, 1])
    else:  # shift-invert just below 0 finds the two smallest; ARPACK's start vector is fixed
        shift = -1e-6 * laplacian.diagonal().max()
        start = np.random.default_rng(0).uniform(0.5, 1.5, n)
        values, vectors = eigsh(laplacian, k=2, sigma=shift, which="LM", v0=start)
    fiedler = scale @ vectors[:, np.argmax(values)]
    toward = xy[:, 0] - xy[:, 1]
    return fiedler if fiedler @ (toward - toward.mean()) >= 0 else -fiedler


def _contiguous(adjacency: coo_matrix, labels: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Labels where each label is connected: stray pieces join a neighbouring label's main part."""
    row, col = adjacency.row, adjacency.col
    n = len(labels)
    while True:
        same = labels[row] == labels[col]
        n_parts, part = connected_components(
            csr_matrix((np.ones(same.sum()), (row[same], col[same])), shape=(n, n)),
            directed=False,
        )
        part_label = np.zeros(n_parts, dtype=np.int64)
        part_label[part] = labels
        main = _largest(part_label, np.bincount(part, mass, n_parts))
        touch = ~main[part[row]] & main[part[col]]
        if main.all() or not touch.any():
            return labels
        stray, first = np.unique(part[row[touch]], return_index=True)
        part_label[stray] = labels[col[touch]][first]
        labels = part_label[part]


def _regions(
    seeds: np.ndarray, labels: np.ndarray, perimeter: BaseGeometry, count: int
) -> np.ndarray:
    """Each label's union of its seeds' Voronoi cells, clipped to the perimeter."""
    diagram = shapely.voronoi_polygons(
        shapely.multipoints(seeds), extend_to=perimeter, ordered=True
    )
    cells = shapely.get_parts(diagram)
    regions = [shapely.coverage_union_all(cells[labels == g]) for g in range(count)]
    return _absorb_strays(shapely.intersection(np.array(regions, dtype=object), perimeter))


def _absorb_strays(regions: np.ndarray) -> np.ndarray:
    """Regions whose detached pieces join the region they share the longest border with."""
    parts, owner = shapely.get_parts(regions, return_index=True)
    polygon = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    parts, owner = parts[polygon], owner[polygon]
    main = _largest(owner, shapely.area(parts))
    body = parts[main]  # one per region, in order
    for stray, source in zip(parts[~main], owner[~main], strict=True):
        border = shapely.length(shapely.intersection(stray.boundary, body))
        border[source] = 0.0
        target = int(np.argmax(border)) if border.max() > 0 else source
        body[target] = shapely.union(body[target], stray)
    return body


def _largest(group: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Mask of the largest item of each group (the first one on a tie)."""
    order = np.lexsort((-size, group))
    mask = np.zeros(len(group), dtype=bool)
    mask[order[np.unique(group[order], return_index=True)[1]]] = True
    return mask


def _clockwise(regions: np.ndarray, perimeter: BaseGeometry) -> np.ndarray:
    """Order of the regions clockwise around the perimeter's centroid, the north-western first."""
    centre = shapely.get_coordinates(perimeter.centroid)
    offset = shapely.get_coordinates(shapely.centroid(regions)) - centre
    start = np.argmax(offset[:, 1] - offset[:, 0])
    bearing = np.arctan2(offset[:, 0], offset[:, 1])  # clockwise from the north
    return np.argsort((bearing - bearing[start]) % (2 * np.pi), kind="stable")
