"""Pooled means: the communes' agents assigned to the sectors that need them, nearest first.

The metropolis pools what each commune lends. For each role, agents flow from the communes
(supply: their offer) to the sectors (demand: their need) at a cost of the travel distance from
the commune's base to the sector: a min-cost maximum flow (networkx network simplex) covers as
much of the need as the offers allow, over the least total distance. What remains uncovered is
the shortfall, by sector and role; what no sector needs stays spare.

Distances are road distances on the area's drivable graph when the base lies on it, else
straight-line distances (a base outside the loaded extract): each assignment says which.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely
from scipy.sparse.csgraph import dijkstra
from shapely.geometry.base import BaseGeometry

from planner.area import Area

#: A base farther than this from the drivable graph is routed in a straight line.
BASE_SNAP_M = 300.0


@dataclass(frozen=True)
class Offer:
    """What one commune lends, by role, and its base (projected x, y in the area's CRS)."""

    commune: str
    x: float
    y: float
    agents: dict[str, int]


@dataclass(frozen=True)
class Assignment:
    """Agents of one role sent by a commune to a sector."""

    commune: str
    role: str
    sector: str
    agents: int
    distance_m: float
    distance_kind: str  # "road" or "straight"


@dataclass(frozen=True)
class Pooling:
    """The roster, and what it leaves uncovered (shortfall) or unused (spare)."""

    assignments: tuple[Assignment, ...]
    shortfall: dict[str, dict[str, int]]  # sector → role → agents missing
    spare: dict[str, dict[str, int]]  # commune → role → agents not needed

    def roster(self) -> dict[str, dict[str, dict[str, int]]]:
        """commune → role → sector → agents."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        for a in self.assignments:
            out.setdefault(a.commune, {}).setdefault(a.role, {})[a.sector] = a.agents
        return out

    def total_shortfall(self) -> int:
        return sum(sum(roles.values()) for roles in self.shortfall.values())


def travel_distances(
    area: Area, offers: list[Offer], sectors: dict[str, BaseGeometry]
) -> dict[tuple[str, str], tuple[float, str]]:
    """(commune, sector) → (metres, "road" | "straight") from each base to each sector."""
    drive = area.routing("drive")
    matrix = drive.length_matrix()
    bases = np.array([[o.x, o.y] for o in offers]) if offers else np.zeros((0, 2))
    base_nodes = drive.nearest_nodes(bases, BASE_SNAP_M) if offers else np.zeros(0, int)
    targets = {
        name: drive.nearest_nodes(np.array([_inner_xy(poly)]), BASE_SNAP_M)[0]
        for name, poly in sectors.items()
    }
    on_graph = [i for i, node in enumerate(base_nodes) if node >= 0]
    lengths = (
        dijkstra(matrix, indices=[base_nodes[i] for i in on_graph], min_only=False)
        if on_graph
        else np.zeros((0, drive.n_nodes))
    )
    row_of = {i: r for r, i in enumerate(on_graph)}
    out = {}
    for i, offer in enumerate(offers):
        for name, poly in sectors.items():
            straight = poly.distance(shapely.Point(offer.x, offer.y))
            node = targets[name]
            road = lengths[row_of[i], node] if i in row_of and node >= 0 else np.inf
            out[offer.commune, name] = (
                (float(road), "road") if np.isfinite(road) else (float(straight), "straight")
            )
    return out


def pool(
    needs: dict[str, dict[str, int]],
    offers: list[Offer],
    distances: dict[tuple[str, str], tuple[float, str]],
) -> Pooling:
    """Cover ``needs`` (sector → role → agents) with ``offers``, nearest first, role by role."""
    roles = sorted({r for roles in needs.values() for r in roles} | _offered_roles(offers))
    assignments: list[Assignment] = []
    shortfall: dict[str, dict[str, int]] = {}
    spare: dict[str, dict[str, int]] = {}
    for role in roles:
        flow = _role_flow(role, needs, offers, distances)
        for offer in offers:
            sent = 0
            for sector, agents in flow.get(("commune", offer.commune), {}).items():
                if agents > 0:
                    metres, kind = distances[offer.commune, sector[1]]
                    assignments.append(
                        Assignment(offer.commune, role, sector[1], agents, metres, kind)
                    )
                    sent += agents
            left = offer.agents.get(role, 0) - sent
            if left > 0:
                spare.setdefault(offer.commune, {})[role] = left
        for sector, roles_needed in needs.items():
            needed = roles_needed.get(role, 0)
            got = sum(
                flow.get(("commune", o.commune), {}).get(("sector", sector), 0) for o in offers
            )
            if needed - got > 0:
                shortfall.setdefault(sector, {})[role] = needed - got
    return Pooling(tuple(assignments), shortfall, spare)


def _role_flow(role, needs, offers, distances) -> dict:
    graph = nx.DiGraph()
    for offer in offers:
        supply = offer.agents.get(role, 0)
        if supply > 0:
            graph.add_edge("source", ("commune", offer.commune), capacity=supply, weight=0)
    for sector, roles_needed in needs.items():
        demand = roles_needed.get(role, 0)
        if demand > 0:
            graph.add_edge(("sector", sector), "sink", capacity=demand, weight=0)
    if "source" not in graph or "sink" not in graph:
        return {}
    for offer in offers:
        for sector, roles_needed in needs.items():
            if offer.agents.get(role, 0) > 0 and roles_needed.get(role, 0) > 0:
                metres, _ = distances[offer.commune, sector]
                # network simplex wants integer weights: metres, rounded
                graph.add_edge(("commune", offer.commune), ("sector", sector), weight=round(metres))
    return nx.max_flow_min_cost(graph, "source", "sink")


def _offered_roles(offers: list[Offer]) -> set[str]:
    return {role for o in offers for role, n in o.agents.items() if n > 0}


def _inner_xy(polygon: BaseGeometry) -> tuple[float, float]:
    point = polygon.representative_point()
    return point.x, point.y
