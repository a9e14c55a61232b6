"""Files of a crowd simulation: the trajectories (Parquet) and the figures (``simulation.json``).

Trajectories are the agents' positions at each recorded time, in the area's projected CRS
(metres; the CRS is in the file's metadata): columns ``time_s``, ``agent``, ``x``, ``y``. They
are big and re-computable, so the app keeps them in the cache directory
(:func:`trajectory_path`), never in the scenario store.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from planner.paths import cache_dir
from planner.report import REPORT_VERSION
from planner.simulation import Trajectories

SIMULATION_FORMAT = "vigie.simulation"


def write_trajectories(path: Path, trajectories: Trajectories, crs: str) -> Path:
    """Write ``trajectories`` (area's CRS ``crs``) as Parquet at ``path``."""
    table = pa.table(
        {
            "time_s": pa.array(trajectories.time_s.astype(np.float32)),
            "agent": pa.array(trajectories.agent.astype(np.int32)),
            "x": pa.array(trajectories.x),
            "y": pa.array(trajectories.y),
        }
    ).replace_schema_metadata({"crs": crs, "format": SIMULATION_FORMAT})
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")
    return path


def read_trajectories(path: Path) -> tuple[Trajectories, str]:
    """The trajectories of a Parquet file and their CRS."""
    table = pq.read_table(path)
    crs = (table.schema.metadata or {}).get(b"crs", b"").decode()
    return (
        Trajectories(
            table["time_s"].to_numpy().astype(float),
            table["agent"].to_numpy(),
            table["x"].to_numpy(),
            table["y"].to_numpy(),
        ),
        crs,
    )


def simulation_document(entries: list[dict], problems: list[dict], title: str = "") -> dict:
    """``simulation.json``: the entries (as in ``report.json``'s ``simulation``) and problems."""
    return {
        "format": SIMULATION_FORMAT,
        "version": REPORT_VERSION,
        "title": title,
        "simulation": entries,
        "problems": problems,
    }


def write_simulation_json(path: Path, document: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1))
    return path


def trajectory_path(plan_key: str, sector: str, case: str, seed: int) -> Path:
    """Where the app caches one run's trajectories (by the plan's key, sector, case, seed)."""
    name = hashlib.sha256(f"{plan_key}|{sector}|{case}|{seed}".encode()).hexdigest()[:24]
    return cache_dir() / "simulations" / f"{name}.parquet"


def file_stem(sector: str, case: str) -> str:
    """``trajectories-<sector>-<case>``, the sector's name made safe for a file name."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in sector)[:60] or "sector"
    return f"trajectories-{safe}-{case}"
