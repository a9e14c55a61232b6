"""Simulation jobs: one crowd simulation at a time per server, in a low-priority worker process.

A simulation of thousands of agents takes minutes: it never runs in a page's thread. A
:class:`SimulationJobs` (one per server, :data:`JOBS`) starts a *spawned* worker process (a
fresh interpreter: no threads of the web server are inherited) that lowers its own priority
(``os.nice``), loads the area from the cache, computes the plan through the one pipeline and
simulates the sector, sending its progress back on a queue. Cancelling sets an event the
worker checks at every recorded second, then terminates it if it does not stop. The worker
writes the trajectories in the cache directory (:func:`planner.sim_files.trajectory_path`) and
sends back the figures to save (:meth:`SectorSimulation.record`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
from dataclasses import dataclass, field

from planner.area import AreaSource, load_area
from planner.errors import PlannerError
from planner.inputs import PlanInputs
from planner.walkable import SimulationError

#: Niceness added by the worker to its own priority.
WORKER_NICENESS = 10
#: Seconds a cancelled worker gets to stop by itself before it is terminated.
CANCEL_GRACE_S = 5.0


@dataclass(frozen=True)
class SimulationRequest:
    """What to simulate: the area, the plan's inputs, the sector, case and seed (picklable)."""

    source: AreaSource
    inputs: PlanInputs
    sector: str
    case: str
    seed: int = 0
    public: int | None = None  # None: the sector's planned public


@dataclass
class Job:
    """A running or finished job, as the page polls it."""

    request: SimulationRequest
    process: mp.process.BaseProcess
    messages: mp.queues.Queue
    cancel_event: object
    status: str = "running"  # running, done, cancelled, failed
    simulated_s: float = 0.0
    inside: int | None = None
    record: dict | None = None
    trajectories: str | None = None
    error: tuple[str, dict] | None = None  # a message key of planner.messages and its params
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def poll(self) -> Job:
        """Read what the worker sent; notice a worker that died."""
        with self._lock:
            while True:
                try:
                    kind, payload = self.messages.get_nowait()
                except (queue.Empty, EOFError, OSError):
                    break
                if kind == "progress":
                    self.simulated_s, self.inside = payload
                elif kind == "done":
                    self.record, self.trajectories = payload
                    self.status = "done"
                elif kind == "error":
                    self.error, self.status = payload, "failed"
                elif kind == "cancelled":
                    self.status = "cancelled"
            if self.status == "running" and not self.process.is_alive():
                self.process.join(0)
                code = self.process.exitcode
                self.error = ("simulation_failed", {"reason": f"worker exit {code}"})
                self.status = "failed"
        return self

    @property
    def finished(self) -> bool:
        return self.status != "running"

    def cancel(self) -> None:
        """Ask the worker to stop; terminate it if it has not after CANCEL_GRACE_S."""
        self.cancel_event.set()
        self.process.join(CANCEL_GRACE_S)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(CANCEL_GRACE_S)
        self.poll()
        if self.status == "running":
            self.status = "cancelled"


class SimulationJobs:
    """At most one simulation per server; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._job: Job | None = None
        self._context = mp.get_context("spawn")

    def current(self) -> Job | None:
        with self._lock:
            job = self._job
        return job.poll() if job else None

    def start(self, request: SimulationRequest) -> Job:
        """Start ``request``; SimulationError ``simulation_busy`` while another one runs."""
        with self._lock:
            if self._job is not None and not self._job.poll().finished:
                raise SimulationError("simulation_busy")
            messages = self._context.Queue()
            cancel = self._context.Event()
            process = self._context.Process(
                target=work, args=(request, messages, cancel), daemon=True, name="vigie-sim"
            )
            process.start()
            self._job = Job(request, process, messages, cancel)
            return self._job

    def forget(self) -> None:
        """Drop a finished job (its figures were taken)."""
        with self._lock:
            if self._job is not None and self._job.poll().finished:
                self._job = None


JOBS = SimulationJobs()


def work(request: SimulationRequest, messages, cancel) -> None:
    """The worker process: low priority, the plan through the pipeline, then the run."""
    from planner import pipeline
    from planner.sector_simulation import simulate_sector
    from planner.sim_files import trajectory_path, write_trajectories
    from planner.simulation import SimulationCancelled

    os.nice(WORKER_NICENESS)
    try:
        area = load_area(request.source)
        planned = pipeline.planning(area, request.inputs)
        plan = planned.required()

        def progress(now: float, inside: int) -> bool:
            messages.put(("progress", (now, inside)))
            return not cancel.is_set()

        run, trajectories = simulate_sector(
            area,
            plan,
            request.sector,
            request.case,
            request.seed,
            progress=progress,
            public=request.public,
        )
        key = request.inputs.plan_key()
        path = trajectory_path(key, request.sector, request.case, request.seed)
        write_trajectories(path, trajectories, area.crs)
        messages.put(("done", (run.record(key, area.crs), str(path))))
    except SimulationCancelled:
        messages.put(("cancelled", None))
    except PlannerError as err:
        messages.put(("error", (err.key, dict(err.params))))
    except Exception as err:  # a bug in the worker: reported to the page, never hung
        messages.put(("error", ("simulation_failed", {"reason": type(err).__name__})))
