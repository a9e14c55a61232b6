"""Fast many-to-many routing on an area's street graph, with closures as edge masks.

A :class:`RoutingGraph` turns an osmnx-compatible MultiDiGraph into arrays once per area: node
coordinates (projected), edge endpoints, lengths, travel times and geometries. Closures never
rebuild it: a boolean mask over the edges says which are open, and :meth:`RoutingGraph.matrix`
builds the CSR matrix of the open edges (parallel edges reduced to the fastest) in milliseconds.
Searches are single calls of ``scipy.sparse.csgraph.dijkstra``: many sources at once, or several
sources as one (``min_only``), on the graph or its transpose (routes *to* a set of targets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree
from shapely.geometry import LineString

from planner.crs import WGS84
from planner.doctrine import (
    DEFAULT_SPEED_KMH,
    FALLBACK_SPEED_KMH,
    MAXSPEED_ZONES_KMH,
    WALKING_SPEED_M_S,
)
from planner.roads import highway_value

NO_PREDECESSOR = -9999


@dataclass
class RoutingGraph:
    """Arrays of one street graph (``drive`` or ``walk``) in the area's projected CRS."""

    mode: str
    crs: str
    node_ids: np.ndarray  # OSM node ids, by index
    xy: np.ndarray  # (n, 2) projected coordinates
    u: np.ndarray  # edge tail index
    v: np.ndarray  # edge head index
    length_m: np.ndarray
    seconds: np.ndarray  # travel time at the mode's speed
    speed_from_tag: np.ndarray  # bool: speed read from maxspeed (else a class default)
    geometry: np.ndarray  # shapely LineStrings (projected), u -> v
    name: np.ndarray
    highway: np.ndarray
    _order: np.ndarray = field(repr=False, default=None)  # edges sorted by (u, v, seconds)
    _group: np.ndarray = field(repr=False, default=None)
    _tree: cKDTree | None = field(repr=False, default=None)
    _edge_tree: shapely.STRtree | None = field(repr=False, default=None)
    _last_matrix: tuple | None = field(repr=False, default=None)  # (mask bytes, matrix, edge_of)

    @classmethod
    def from_graph(cls, graph: nx.MultiDiGraph, crs: str, mode: str) -> RoutingGraph:
        """Arrays from an osmnx-compatible graph (WGS84 ``x``/``y`` and edge ``geometry``)."""
        node_ids = np.array(list(graph.nodes), dtype=np.int64)
        index = {node: i for i, node in enumerate(node_ids)}
        lonlat = np.array([(d["x"], d["y"]) for _, d in graph.nodes(data=True)], dtype=float)
        xy = shapely.get_coordinates(
            gpd.GeoSeries(shapely.points(lonlat), crs=WGS84).to_crs(crs).values
        )
        u, v, lines, names, highways, maxspeeds = [], [], [], [], [], []
        for a, b, data in graph.edges(data=True):
            u.append(index[a])
            v.append(index[b])
            geom = data.get("geometry")
            if geom is None:
                geom = LineString([lonlat[index[a]], lonlat[index[b]]])
            lines.append(geom)
            names.append(_text(data.get("name")))
            highways.append(highway_value(data.get("highway")))
            maxspeeds.append(data.get("maxspeed"))
        geometry = gpd.GeoSeries(lines, crs=WGS84).to_crs(crs).values
        length = shapely.length(geometry)
        if mode == "walk":
            speed_ms = np.full(len(u), WALKING_SPEED_M_S)
            from_tag = np.zeros(len(u), dtype=bool)
        else:
            kmh, from_tag = (
                zip(*(_speed(h, m) for h, m in zip(highways, maxspeeds, strict=True)), strict=True)
                if u
                else ((), ())
            )
            speed_ms = np.asarray(kmh, dtype=float) / 3.6
            from_tag = np.asarray(from_tag, dtype=bool)
        seconds = np.maximum(length / speed_ms, 1e-3)  # a zero weight would vanish from CSR
        routing = cls(
            mode,
            crs,
            node_ids,
            xy,
            np.asarray(u, dtype=np.int32),
            np.asarray(v, dtype=np.int32),
            length,
            seconds,
            from_tag,
            np.asarray(geometry, dtype=object),
            np.asarray(names, dtype=object),
            np.asarray(highways, dtype=object),
        )
        routing._prepare()
        return routing

    def _prepare(self) -> None:
        self._order = np.lexsort((self.seconds, self.v, self.u))
        pairs = np.stack([self.u[self._order], self.v[self._order]], axis=1)
        new_pair = np.ones(len(pairs), dtype=bool)
        new_pair[1:] = np.any(pairs[1:] != pairs[:-1], axis=1)
        self._group = np.cumsum(new_pair) - 1
        self._tree = cKDTree(self.xy) if len(self.xy) else None

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_tree"] = None
        state["_edge_tree"] = None
        state["_last_matrix"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._tree = cKDTree(self.xy) if len(self.xy) else None

    @property
    def n_nodes(self) -> int:
        return len(self.node_ids)

    @property
    def n_edges(self) -> int:
        return len(self.u)

    def all_open(self) -> np.ndarray:
        return np.ones(self.n_edges, dtype=bool)

    def matrix(self, open_edges: np.ndarray | None = None) -> tuple[csr_matrix, np.ndarray]:
        """CSR matrix of travel times over the open edges, and the edge index of each entry.

        Parallel edges are reduced to the fastest open one (``csr_matrix`` would add them up).
        The last result is kept: the searches of one plan (a sector each) share their closures.
        """
        mask = self.all_open() if open_edges is None else open_edges
        key = np.packbits(mask).tobytes()
        last = self._last_matrix
        if last is not None and last[0] == key:
            return last[1], last[2]
        open_sorted = mask[self._order]
        candidates = self._order[open_sorted]
        groups = self._group[open_sorted]
        _, first = np.unique(groups, return_index=True)
        chosen = candidates[first]
        matrix = csr_matrix(
            (self.seconds[chosen], (self.u[chosen], self.v[chosen])),
            shape=(self.n_nodes, self.n_nodes),
        )
        edge_of = csr_matrix(
            (chosen + 1, (self.u[chosen], self.v[chosen])), shape=(self.n_nodes, self.n_nodes)
        )
        self._last_matrix = (key, matrix, edge_of)  # one tuple: safe to share across threads
        return matrix, edge_of

    def length_matrix(self) -> csr_matrix:
        """CSR matrix of edge lengths (metres), every edge open, the shortest of parallel ones."""
        order = np.lexsort((self.length_m, self.v, self.u))
        pairs = np.stack([self.u[order], self.v[order]], axis=1)
        first = np.ones(len(order), dtype=bool)
        first[1:] = np.any(pairs[1:] != pairs[:-1], axis=1)
        chosen = order[first]
        return csr_matrix(
            (self.length_m[chosen], (self.u[chosen], self.v[chosen])),
            shape=(self.n_nodes, self.n_nodes),
        )

    def nearest_nodes(self, xy: np.ndarray, max_distance_m: float = np.inf) -> np.ndarray:
        """Index of the nearest node of each point (−1 when farther than ``max_distance_m``)."""
        if self._tree is None or len(xy) == 0:
            return np.full(len(xy), -1, dtype=np.int64)
        distance, index = self._tree.query(np.asarray(xy, dtype=float), k=1)
        index = np.asarray(index, dtype=np.int64)
        index[distance > max_distance_m] = -1
        return index

    def nodes_within(self, geometry, buffer_m: float = 0.0) -> np.ndarray:
        """Indexes of the nodes inside a (projected) geometry, optionally buffered."""
        zone = geometry.buffer(buffer_m) if buffer_m else geometry
        inside = shapely.contains_xy(zone, self.xy[:, 0], self.xy[:, 1])
        return np.flatnonzero(inside)

    def edges_named(self, names: tuple[str, ...] | frozenset[str]) -> np.ndarray:
        """Boolean mask of the edges whose street name is one of ``names`` (case-insensitive)."""
        if not names:
            return np.zeros(self.n_edges, dtype=bool)
        wanted = {n.casefold() for n in names}
        return np.array([isinstance(n, str) and n.casefold() in wanted for n in self.name])

    def edges_intersecting(self, geometry) -> np.ndarray:
        """Boolean mask of the edges whose geometry meets a (projected) geometry."""
        if self._edge_tree is None:
            self._edge_tree = shapely.STRtree(self.geometry)
        hit = self._edge_tree.query(geometry, predicate="intersects")
        mask = np.zeros(self.n_edges, dtype=bool)
        mask[hit] = True
        return mask


@dataclass(frozen=True)
class Search:
    """A Dijkstra result: seconds from the nearest source to every node, and how to get there."""

    seconds: np.ndarray
    predecessors: np.ndarray
    sources: np.ndarray  # index of the source that reached each node (−9999: unreached)
    edge_of: csr_matrix
    reverse: bool  # searched on the transpose: paths lead from a node *to* a source
    virtual: int = -1  # index of the virtual target node, when targets had offsets

    def reached(self, node: int) -> bool:
        return bool(np.isfinite(self.seconds[node]))

    def edge_path(self, node: int) -> list[int]:
        """Edges from the source to ``node`` (reverse search: from ``node`` to its source)."""
        nodes = [node]  # node, then each predecessor up to the source
        while True:
            previous = int(self.predecessors[nodes[-1]])
            if previous == NO_PREDECESSOR or previous == self.virtual:
                break
            nodes.append(previous)
        if len(nodes) < 2:
            return []
        later, earlier = np.array(nodes[:-1]), np.array(nodes[1:])
        rows, cols = (later, earlier) if self.reverse else (earlier, later)
        # one lookup for the whole path (a sparse matrix's single-element reads are slow)
        edges = (np.asarray(self.edge_of[rows, cols]).ravel().astype(np.int64) - 1).tolist()
        return edges if self.reverse else edges[::-1]


def search(
    graph: RoutingGraph,
    sources: np.ndarray,
    open_edges: np.ndarray | None = None,
    reverse: bool = False,
    offsets: np.ndarray | None = None,
) -> Search:
    """One multi-source Dijkstra (the sources act as one): forward, or to the sources.

    With ``offsets`` (reverse only), reaching source ``i`` costs ``offsets[i]`` more seconds: a
    virtual node joined to every source carries them (e.g. the last metres up to a barrier).
    """
    matrix, edge_of = graph.matrix(open_edges)
    virtual = -1
    if offsets is not None and len(sources):
        virtual = graph.n_nodes
        n = virtual + 1
        extra = csr_matrix(
            (
                np.maximum(np.asarray(offsets, dtype=float), 1e-3),
                (np.asarray(sources), np.full(len(sources), virtual)),
            ),
            shape=(n, n),
        )
        matrix = (_grow(matrix, n) + extra).tocsr()
        edge_of = _grow(edge_of, n).tocsr()
        sources = np.array([virtual])
    if reverse:
        matrix = matrix.T.tocsr()
    sources = np.unique(np.asarray(sources, dtype=np.int64))
    if len(sources) == 0:
        n = graph.n_nodes
        return Search(
            np.full(n, np.inf),
            np.full(n, NO_PREDECESSOR),
            np.full(n, NO_PREDECESSOR),
            edge_of,
            reverse,
        )
    seconds, predecessors, origin = dijkstra(
        matrix, directed=True, indices=sources, return_predecessors=True, min_only=True
    )
    return Search(seconds, predecessors, origin, edge_of, reverse, virtual)


def _grow(matrix: csr_matrix, n: int) -> csr_matrix:
    grown = matrix.tocoo()
    return csr_matrix((grown.data, (grown.row, grown.col)), shape=(n, n))


def all_pairs_seconds(
    graph: RoutingGraph, sources: np.ndarray, open_edges: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Seconds and predecessors from each source to every node (one csgraph call)."""
    matrix, _ = graph.matrix(open_edges)
    return dijkstra(matrix, directed=True, indices=np.asarray(sources), return_predecessors=True)


def predecessor_path(predecessors: np.ndarray, target: int) -> list[int]:
    """Node indexes from a search's source to ``target`` (empty when unreached)."""
    if target < 0 or predecessors[target] == NO_PREDECESSOR:
        return []
    nodes = [target]
    while predecessors[nodes[-1]] != NO_PREDECESSOR:
        nodes.append(int(predecessors[nodes[-1]]))
    return nodes[::-1]


def path_line(graph: RoutingGraph, edges: list[int], start: int | None = None) -> LineString:
    """The route's line (projected) along its edges' geometries.

    A route of no edge (its origin is already at the destination: a station inside the sector)
    is a zero-length line where it stands, at node ``start`` — never at the CRS's origin.
    """
    coords: list[tuple[float, float]] = []
    for edge in edges:
        part = shapely.get_coordinates(graph.geometry[edge])
        coords.extend(map(tuple, part if not coords else part[1:]))
    if len(coords) >= 2:
        return LineString(coords)
    if coords:
        return LineString(coords * 2)
    if start is None or not 0 <= start < graph.n_nodes:
        raise ValueError("a route of no edge needs the node it stands at")
    here = tuple(map(float, graph.xy[start]))
    return LineString([here, here])


def _speed(highway: str, maxspeed: object) -> tuple[float, bool]:
    value = _parse_maxspeed(maxspeed)
    if value is not None:
        return value, True
    return DEFAULT_SPEED_KMH.get(highway, FALLBACK_SPEED_KMH), False


def _parse_maxspeed(raw: object) -> float | None:
    if isinstance(raw, (list, tuple)):
        values = [v for v in (_parse_maxspeed(r) for r in raw) if v is not None]
        return min(values) if values else None
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    if text in MAXSPEED_ZONES_KMH:
        return MAXSPEED_ZONES_KMH[text]
    match = re.match(r"^(\d+(?:\.\d+)?)\s*(mph|km/h|kmh)?$", text)
    if not match:
        return None
    speed = float(match.group(1))
    if speed <= 0:
        return None
    return speed * 1.609344 if match.group(2) == "mph" else speed


def _text(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value if isinstance(value, str) and value else None
