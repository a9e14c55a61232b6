"""Evacuation of a walkable area simulated with JuPedSim (collision-free speed model).

The planned public is placed at random over the walkable area (seeded), each agent walks to its
nearest exit by walking distance (:mod:`planner.exit_choice`; an agent held still in a corner
of the geometry for SIM_STUCK_S heads for its next nearest exit and squeezes), at a free speed
drawn from Weidmann's distribution, with the radius and time gap of
:mod:`planner.doctrine` (``SIM_*``). The run records when each agent leaves and through which
exit, every :data:`planner.doctrine.SIM_RECORD_EVERY_S` the positions of everyone still inside
(the replay's trajectories) and the density on a 1 m grid. Results: the times until 50 %, 95 %
and 100 % have left, the flow per exit, the densest cells. Coordinates in the area's CRS
(metres); times in simulated seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import jupedsim as jps
import numpy as np
import shapely
from scipy.spatial import cKDTree
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from planner import doctrine
from planner.exit_choice import ExitFields, exit_fields
from planner.walkable import SimulationError, Walkable

#: Called with (simulated seconds, agents still inside); returning False cancels the run.
Progress = Callable[[float, int], bool]


class SimulationCancelled(Exception):
    """The run was cancelled by its progress callback (not a user error)."""


@dataclass(frozen=True)
class ExitFlow:
    """What went through one exit: agents, mean flow (persons/s) and per metre of width."""

    id: str
    width_m: float
    agents: int
    flow_p_s: float
    specific_flow_p_m_s: float


@dataclass(frozen=True)
class DenseCell:
    """A 1 m grid cell (centre, area's CRS) and the highest density seen there (persons/m²)."""

    x: float
    y: float
    density_p_m2: float
    at_s: float


@dataclass(frozen=True)
class Evacuated:
    """The outcome of one simulated evacuation."""

    agents: int
    seed: int
    t50_s: float | None
    t95_s: float | None
    t100_s: float | None  # None when someone was still inside at the time limit
    exits: tuple[ExitFlow, ...]
    max_density_p_m2: float
    dense_cells: tuple[DenseCell, ...]  # cells above DENSITY_INTERVENE_P_M2, densest first
    left: tuple[tuple[float, int], ...]  # (simulated s, people still inside) at each record
    trapped: int  # agents with no exit they can walk to, or pushed through a wall (left out)
    timed_out: bool


@dataclass(frozen=True)
class Trajectories:
    """Positions of the agents inside at each recorded time (area's CRS, metres)."""

    time_s: np.ndarray  # float, one per row
    agent: np.ndarray  # int
    x: np.ndarray
    y: np.ndarray


def run_evacuation(
    walkable: Walkable,
    agents: int,
    seed: int = 0,
    blocked: frozenset[str] = frozenset(),
    progress: Progress | None = None,
    max_time_s: float = doctrine.SIM_MAX_TIME_S,
    positions: np.ndarray | None = None,
) -> tuple[Evacuated, Trajectories]:
    """Simulate ``agents`` people leaving ``walkable`` through its exits but ``blocked``, from
    ``positions`` (agents × 2; default: spread at random by :func:`place_agents`)."""
    if agents <= 0:
        raise SimulationError("simulation_no_public")
    exits = [e for e in walkable.exits if e.id not in blocked]
    if not exits:
        raise SimulationError("simulation_no_exit")
    rng = np.random.default_rng(seed)
    if positions is None:
        positions = place_agents(walkable, agents, seed)
    fields = exit_fields(walkable.geometry, [e.polygon for e in exits])
    distances = fields.distances(positions)
    choice = np.where(np.isfinite(distances.min(axis=1)), np.argmin(distances, axis=1), -1)
    speeds = np.clip(
        rng.normal(doctrine.SIM_FREE_SPEED_MEAN_M_S, doctrine.SIM_FREE_SPEED_SD_M_S, agents),
        *doctrine.SIM_FREE_SPEED_RANGE_M_S,
    )
    crowd = _Crowd(fields, exits, positions, choice, distances)
    # JuPedSim needs one connected area: each part of the walkable area is its own simulation,
    # all stepped together
    for part in walkable.parts():
        inside = np.flatnonzero(
            (choice >= 0) & shapely.contains_xy(part.buffer(0.01), *positions.T)
        )
        if len(inside):
            crowd.runs.append(_part_run(part, fields, exits, positions, speeds, inside))
    placed = sum(len(r.number) for r in crowd.runs)
    return _run(crowd, agents, seed, agents - placed, progress, max_time_s)


@dataclass
class _PartRun:
    """One connected part's simulation: its agents (JuPedSim id → agent number), the grid
    cells of the part (where its agents may aim), the exits it holds and its walls."""

    sim: jps.Simulation
    number: dict[int, int]
    cells: np.ndarray
    tree: cKDTree
    exits: list[int]
    part: Polygon
    walls: BaseGeometry

    def state(self) -> tuple[list, np.ndarray, np.ndarray]:
        """The agents inside (those marked as out left out), their numbers and positions."""
        inside = [a for a in self.sim.agents() if a.id in self.number]  # not the leavers
        numbers = np.array([self.number[a.id] for a in inside], dtype=int)
        xy = np.array([a.position for a in inside], dtype=float).reshape(-1, 2)
        return inside, numbers, xy


def _part_run(
    part: Polygon,
    fields: ExitFields,
    exits: list,
    positions: np.ndarray,
    speeds: np.ndarray,
    inside: np.ndarray,
) -> _PartRun:
    sim = _simulation(part)
    stage = sim.add_direct_steering_stage()
    journey = sim.add_journey(jps.JourneyDescription([stage]))
    number = {}
    for n in inside:
        agent = jps.CollisionFreeSpeedModelAgentParameters(
            position=(float(positions[n, 0]), float(positions[n, 1])),
            journey_id=journey,
            stage_id=stage,
            radius=doctrine.SIM_AGENT_RADIUS_M,
            time_gap=doctrine.SIM_TIME_GAP_S,
            desired_speed=float(speeds[n]),
        )
        number[sim.add_agent(agent)] = int(n)
    cells = np.flatnonzero(shapely.contains_xy(part, *fields.centres.T))
    mine = [k for k, e in enumerate(exits) if e.polygon.intersects(part)]
    walls = part.boundary
    shapely.prepare(walls)
    return _PartRun(sim, number, cells, cKDTree(fields.centres[cells]), mine, part, walls)


class _Crowd:
    """Every agent's exit, the way there and the stuck-agent watch, as arrays by agent number.

    An agent that has not moved SIM_STUCK_MOVE_M in SIM_STUCK_S (held in a corner of the
    street geometry) heads for its next nearest exit instead (exits it cannot reach left out);
    if it is pinned against a wall (its centre nearer the wall than its radius: the crowd
    pressed it in), it squeezes, its radius cut to clear the wall (SIM_SQUEEZE_*) until it has
    moved on. Without it, two agents pressed side by side against a wall hold each other for
    good: the wall's repulsion turns each towards the other, and the model gives no speed to an
    agent overlapping the one ahead.
    """

    def __init__(self, fields, exits, positions, choice, distances) -> None:
        self.fields, self.exits = fields, exits
        self.runs: list[_PartRun] = []
        self.exit = choice.copy()
        self.order = np.argsort(distances, axis=1)  # exits nearest first
        self.reachable = np.isfinite(distances).sum(axis=1)
        self.rank = np.argsort(self.order, axis=1)
        self.anchor = positions.copy()
        self.since = np.zeros(len(positions))
        self.reach = [_reach(e.polygon) for e in exits]
        self.squeezed = np.zeros(len(positions), dtype=bool)

    def steer(self, run: _PartRun) -> None:
        """Aim every agent of ``run`` at the point ahead on its way to its exit."""
        inside, numbers, xy = run.state()
        if not inside:
            return
        cells = run.cells[run.tree.query(xy)[1]]
        aim = self.fields.targets(cells, self.exit[numbers])
        for agent, (x, y) in zip(inside, aim, strict=True):
            agent.target = (float(x), float(y))

    def unstick(self, run: _PartRun, state: tuple, now: float) -> bool:
        """Re-target the agents held still too long (``state``: ``run``'s state), let those
        pinned against a wall squeeze; True if anyone moved on."""
        inside, numbers, xy = state
        if not inside:
            return False
        gone = np.hypot(*(xy - self.anchor[numbers]).T) > doctrine.SIM_STUCK_MOVE_M
        held = ~gone & (now - self.since[numbers] >= doctrine.SIM_STUCK_S)
        for mask in (gone, held):
            self.anchor[numbers[mask]] = xy[mask]
            self.since[numbers[mask]] = now
        n = numbers[held]
        if len(n):
            step = (self.rank[n, self.exit[n]] + 1) % np.maximum(self.reachable[n], 1)
            self.exit[n] = self.order[n, step]
        for i in np.flatnonzero(gone & self.squeezed[numbers]):
            inside[i].model.radius = doctrine.SIM_AGENT_RADIUS_M
        self.squeezed[numbers[gone]] = False
        held = np.flatnonzero(held)
        wall = shapely.distance(run.walls, shapely.points(xy[held])) if len(held) else held
        for i, d in zip(held, wall, strict=True):
            if d < doctrine.SIM_AGENT_RADIUS_M:  # pinned: the model let it into the wall
                radius = d - doctrine.SIM_SQUEEZE_CLEAR_M
                inside[i].model.radius = float(np.clip(radius, *doctrine.SIM_SQUEEZE_RADIUS_M))
                self.squeezed[numbers[i]] = True
        return bool(gone.any())

    def leave(self, run: _PartRun) -> list[tuple[int, int]]:
        """Mark for removal the agents standing in an exit area: (agent number, exit index).
        Agents within the exit's reach (JuPedSim's neighbour search, no geometry to build)
        are tested against its polygon."""
        out = []
        for k in run.exits:
            x, y, reach = self.reach[k]
            near = [i for i in run.sim.agents_in_range((x, y), reach) if i in run.number]
            if not near:
                continue
            xy = np.array([run.sim.agent(i).position for i in near])
            polygon = self.exits[k].polygon
            for agent_id in np.array(near)[shapely.contains_xy(polygon, *xy.T)]:
                if run.sim.mark_agent_for_removal(int(agent_id)):
                    out.append((run.number.pop(int(agent_id)), k))
        return out


def place_agents(walkable: Walkable, agents: int, seed: int) -> np.ndarray:
    """``agents`` positions (n × 2) spread at random over the walkable parts (exit areas left
    out: who stands there is already out), in proportion to their areas, no two closer than an
    agent's diameter (JuPedSim's distribution)."""
    stages = shapely.union_all([e.polygon.buffer(0.05) for e in walkable.exits])
    ground = walkable.geometry if walkable.standing is None else walkable.standing
    room = shapely.difference(ground, stages)
    parts = [p for p in shapely.get_parts(room) if isinstance(p, Polygon) and p.area > 0.5]
    areas = np.array([p.area for p in parts])
    share = np.floor(agents * areas / areas.sum()).astype(int)
    for i in np.argsort(-(agents * areas / areas.sum() - share))[: agents - share.sum()]:
        share[i] += 1
    gap = 2 * doctrine.SIM_AGENT_RADIUS_M + 0.02
    found = []
    for n, (part, count) in enumerate(zip(parts, share, strict=True)):
        if count == 0:
            continue
        try:
            found += jps.distribute_by_number(
                polygon=part,
                number_of_agents=int(count),
                distance_to_agents=gap,
                distance_to_polygon=doctrine.SIM_AGENT_RADIUS_M + 0.01,
                seed=seed + n,
                max_iterations=max(10_000, 20 * int(count)),
            )
        except Exception as err:  # JuPedSim's AgentNumberError / NegativeValueError
            raise SimulationError("simulation_no_room_for", agents=agents) from err
    return np.array(found, dtype=float).reshape(-1, 2)


def _simulation(part: Polygon) -> jps.Simulation:
    try:
        return jps.Simulation(
            model=jps.CollisionFreeSpeedModel(), geometry=part, dt=doctrine.SIM_TIME_STEP_S
        )
    except Exception as err:  # JuPedSim's geometry errors are plain RuntimeErrors
        raise SimulationError("simulation_geometry", reason=str(err)[:200]) from err


def _reach(polygon: Polygon) -> tuple[float, float, float]:
    """A circle (centre x, y, radius in m) around an exit area."""
    c = polygon.centroid
    corners = shapely.get_coordinates(polygon.exterior)
    return c.x, c.y, float(np.hypot(*(corners - (c.x, c.y)).T).max()) + 0.01


def _run(
    crowd: _Crowd,
    agents: int,
    seed: int,
    trapped: int,
    progress: Progress | None,
    max_time_s: float,
) -> tuple[Evacuated, Trajectories]:
    runs = crowd.runs
    placed = sum(len(r.number) for r in runs)
    dt = doctrine.SIM_TIME_STEP_S
    every = max(1, round(doctrine.SIM_RECORD_EVERY_S / dt))
    steer_every = max(1, round(doctrine.SIM_STEER_EVERY_S / dt))
    left_at: list[float] = []
    left_by: list[int] = []
    rows: list[np.ndarray] = []
    left: list[tuple[float, int]] = []
    grid = _DensityGrid()
    step = 0
    last_move = 0.0  # when someone last moved on (the run stops when nobody has for long)
    lost = 0  # agents the model pushed through a wall
    while True:
        now = step * dt
        if step % every == 0:
            states = [r.state() for r in runs]
            numbers = np.concatenate([n for _, n, _ in states]) if states else np.zeros(0, int)
            xy = np.concatenate([p for _, _, p in states]) if states else np.zeros((0, 2))
            rows.append(np.column_stack([np.full(len(xy), now), numbers, xy]))
            left.append((round(now, 3), len(xy)))
            grid.add(xy, now)
            if any([crowd.unstick(r, state, now) for r, state in zip(runs, states, strict=True)]):
                last_move = now
            if progress is not None and not progress(now, len(xy)):
                raise SimulationCancelled
        inside = sum(len(r.number) for r in runs)
        last = max(left_at[-1] if left_at else 0.0, last_move)
        if inside == 0 or now >= max_time_s or now - last > doctrine.SIM_STALL_S:
            break
        if step % steer_every == 0:
            for r in runs:
                crowd.steer(r)
        step += 1
        for r in runs:
            if r.number:
                lost += _iterate(r)
                for _, k in crowd.leave(r):
                    left_at.append(step * dt)
                    left_by.append(k)
    table = np.concatenate(rows) if rows else np.zeros((0, 4))
    traj = Trajectories(table[:, 0], table[:, 1].astype(int), table[:, 2], table[:, 3])
    times = np.array(left_at)
    result = Evacuated(
        agents=agents,
        seed=seed,
        t50_s=_quantile(times, placed - lost, 0.50),
        t95_s=_quantile(times, placed - lost, 0.95),
        t100_s=_quantile(times, placed - lost, 1.0),
        exits=_flows(crowd.exits, times, np.array(left_by, dtype=int)),
        max_density_p_m2=grid.max_density,
        dense_cells=grid.cells(doctrine.DENSITY_INTERVENE_P_M2),
        left=tuple(left),
        trapped=trapped + lost,
        timed_out=inside > 0,
    )
    return result, traj


def _iterate(run: _PartRun) -> int:
    """One step of ``run``. The model moves agents by their speed along a direction that walls
    only bend: pressed hard, one can cross a wall, and JuPedSim then refuses the next step
    ("outside of accessible area"). Such agents are taken out of the run (their number is
    returned) and the step done again."""
    try:
        run.sim.iterate()
        return 0
    except RuntimeError as err:
        inside, _, xy = run.state()
        out = ~shapely.contains_xy(run.part, *xy.T) if len(xy) else np.zeros(0, bool)
        if "outside of accessible area" not in str(err) or not out.any():
            raise SimulationError("simulation_geometry", reason=str(err)[:200]) from err
    for i in np.flatnonzero(out):
        run.sim.mark_agent_for_removal(inside[i].id)
        run.number.pop(inside[i].id)
    try:
        run.sim.iterate()
    except RuntimeError as err:
        raise SimulationError("simulation_geometry", reason=str(err)[:200]) from err
    return int(out.sum())


def _quantile(times: np.ndarray, placed: int, share: float) -> float | None:
    """Time at which ``share`` of the ``placed`` agents had left (None if not reached)."""
    needed = max(1, math.ceil(share * placed))
    return round(float(np.sort(times)[needed - 1]), 2) if len(times) >= needed else None


def _flows(exits: list, times: np.ndarray, by: np.ndarray) -> tuple[ExitFlow, ...]:
    """Agents per exit and their mean flow between the first and the last to leave there."""
    out = []
    for k, e in enumerate(exits):
        mine = np.sort(times[by == k])
        span = float(mine[-1] - mine[0]) if len(mine) > 1 else 0.0
        flow = (len(mine) - 1) / span if span > 0 else 0.0
        out.append(ExitFlow(e.id, e.width_m, len(mine), round(flow, 3), round(flow / e.width_m, 3)))
    return tuple(out)


class _DensityGrid:
    """Highest count per 1 m² cell over the recorded instants (cells aligned on the CRS)."""

    def __init__(self) -> None:
        self.peak: dict[tuple[int, int], tuple[float, float]] = {}
        self.max_density = 0.0
        self.cell = doctrine.SIM_GRID_M

    def add(self, xy: np.ndarray, at_s: float) -> None:
        if not len(xy):
            return
        cells = np.floor(xy / self.cell).astype(np.int64)
        keys, counts = np.unique(cells, axis=0, return_counts=True)
        density = counts / self.cell**2
        self.max_density = max(self.max_density, float(density.max()))
        for (i, j), d in zip(keys[density > 1], density[density > 1], strict=True):
            if d > self.peak.get((int(i), int(j)), (0.0, 0.0))[0]:
                self.peak[(int(i), int(j))] = (float(d), at_s)

    def cells(self, above: float) -> tuple[DenseCell, ...]:
        found = [
            DenseCell((i + 0.5) * self.cell, (j + 0.5) * self.cell, d, round(t, 2))
            for (i, j), (d, t) in self.peak.items()
            if d > above
        ]
        return tuple(sorted(found, key=lambda c: (-c.density_p_m2, c.at_s, c.x, c.y)))
