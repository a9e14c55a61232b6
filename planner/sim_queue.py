"""The queue at a filtering point simulated with JuPedSim, beside the Erlang C figures.

People arrive at random (Poisson, the peak quarter-hour's rate) at the far end of the street in
front of the filtering point, walk to a JuPedSim queue stage (waiting positions in rows across
the street, :data:`SPACING_M` apart, nose to tail from the screening line back), and ``lanes``
screening lanes take the person at the head whenever one is free, each screening for an
exponential time of mean 1/rate (the M/M/c assumptions of :mod:`planner.queueing`). Recorded:
each person's wait from joining the queue to being called, the people queuing each second, and
how far back along the street the queue reached (metres). The street is a straight corridor of
the filtering point's width: where the queue stands is given as a distance from the point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jupedsim as jps
import numpy as np
from shapely.geometry import box

from planner import doctrine, queueing
from planner.walkable import SimulationError

#: Spacing (m) of the waiting positions: about 0.5 m² per person, Fruin's queuing level D/E
#: limit of DOMAIN.md [assumption within the cited scale].
SPACING_M = 0.7
#: Street length modelled in front of the point (m; the reach of planner.doctrine.QUEUE_REACH_M)
#: and the walk beyond it to the exit.
STREET_M = 60.0
BEYOND_M = 6.0


@dataclass(frozen=True)
class QueueRun:
    """A simulated peak at one filtering point, with the Erlang C figures beside it."""

    arrivals_per_min: float
    rate_per_min: float
    lanes: int
    simulated_min: float
    arrived: int
    screened: int
    mean_wait_min: float | None
    wait_95_min: float | None
    queue_95: int  # people queuing that 95 % of the seconds did not exceed
    queue_max: int
    queue_length_m: float  # how far back from the point the queue reached
    erlang_mean_wait_min: float  # inf when the lanes cannot keep up
    erlang_queue_95: int | None  # None when the queue grows without end

    def entry(self) -> dict:
        """JSON-ready (infinite Erlang waits as None)."""
        out = dict(self.__dict__)
        if not math.isfinite(out["erlang_mean_wait_min"]):
            out["erlang_mean_wait_min"] = None
        return out


def simulate_queue(
    arrivals_per_min: float,
    rate_per_min: float,
    lanes: int,
    width_m: float = 4.0,
    minutes: float = 15.0,
    seed: int = 0,
) -> QueueRun:
    """Simulate ``minutes`` of the peak at a filtering point of ``lanes`` lanes."""
    if arrivals_per_min <= 0 or rate_per_min <= 0 or lanes <= 0:
        raise SimulationError("simulation_no_public")
    width = max(2.0, width_m)
    rows = max(1, int((width - 0.6) // SPACING_M))
    depth = int((STREET_M - 4) // SPACING_M)
    positions = [
        (-1.0 - d * SPACING_M, (r - (rows - 1) / 2) * SPACING_M)
        for d in range(depth)
        for r in range(rows)
    ]
    street = box(-STREET_M, -width / 2, BEYOND_M + 2, width / 2)
    sim = jps.Simulation(
        model=jps.CollisionFreeSpeedModel(), geometry=street, dt=doctrine.SIM_TIME_STEP_S
    )
    queue_id = sim.add_queue_stage(positions)
    exit_id = sim.add_exit_stage(box(BEYOND_M, -width / 2, BEYOND_M + 2, width / 2))
    journey = jps.JourneyDescription([queue_id, exit_id])
    journey.set_transition_for_stage(queue_id, jps.Transition.create_fixed_transition(exit_id))
    journey_id = sim.add_journey(journey)
    stage = sim.get_stage(queue_id)
    rng = np.random.default_rng(seed)
    dt = doctrine.SIM_TIME_STEP_S
    steps = int(minutes * 60 / dt)
    arrive_p = arrivals_per_min / 60 * dt  # Bernoulli per step ≈ Poisson
    free_at = np.zeros(lanes)
    joined: dict[int, float] = {}
    waits: list[float] = []
    queued: list[int] = []
    deepest = 0.0
    arrived = pending = 0
    for step in range(steps):
        now = step * dt
        pending += rng.random() < arrive_p
        y = float(rng.uniform(-width / 2 + 0.3, width / 2 - 0.3))
        # who arrives while the street's end is crowded steps in a moment later
        if pending and not list(sim.agents_in_range((-STREET_M + 1.0, y), 0.5)):
            pending -= 1
            sim.add_agent(
                jps.CollisionFreeSpeedModelAgentParameters(
                    position=(-STREET_M + 1.0, y),
                    journey_id=journey_id,
                    stage_id=queue_id,
                    radius=doctrine.SIM_AGENT_RADIUS_M,
                    time_gap=doctrine.SIM_TIME_GAP_S,
                    desired_speed=float(
                        np.clip(
                            rng.normal(
                                doctrine.SIM_FREE_SPEED_MEAN_M_S, doctrine.SIM_FREE_SPEED_SD_M_S
                            ),
                            *doctrine.SIM_FREE_SPEED_RANGE_M_S,
                        )
                    ),
                )
            )
            arrived += 1
        if step % 10 == 0:
            waiting = stage.enqueued()
            for agent_id in waiting:
                joined.setdefault(agent_id, now)
            for lane in np.flatnonzero(free_at <= now):
                if not waiting:
                    break
                head = waiting.pop(0)
                stage.pop(1)
                waits.append(now - joined.pop(head, now))
                free_at[lane] = now + rng.exponential(60 / rate_per_min)
            if step % int(1 / dt) == 0:
                queued.append(len(waiting))
                if waiting:
                    deepest = max(deepest, 1.0 + (len(waiting) // rows) * SPACING_M)
        sim.iterate()
    load = arrivals_per_min / rate_per_min
    return QueueRun(
        arrivals_per_min=arrivals_per_min,
        rate_per_min=rate_per_min,
        lanes=lanes,
        simulated_min=minutes,
        arrived=arrived,
        screened=len(waits),
        mean_wait_min=round(float(np.mean(waits)) / 60, 2) if waits else None,
        wait_95_min=round(float(np.quantile(waits, 0.95)) / 60, 2) if waits else None,
        queue_95=int(np.quantile(queued, 0.95)) if queued else 0,
        queue_max=max(queued, default=0),
        queue_length_m=round(deepest, 1),
        erlang_mean_wait_min=round(queueing.mean_wait(arrivals_per_min, rate_per_min, lanes), 2)
        if load < lanes
        else math.inf,
        erlang_queue_95=queueing.queue_percentile(arrivals_per_min, rate_per_min, lanes, 0.95),
    )
