"""The plan computed for the app, through the one plan pipeline (:mod:`planner.pipeline`).

The pipeline caches by content — the area and the scenario's plain inputs (zones, points, event,
staffing settings, communes' offers, hazards, injects) — for every session of the server: a
rerun that changed none of them computes nothing, and a change to any of them recomputes what
depends on it at once.
"""

from __future__ import annotations

from planner.area import Area
from planner.pipeline import Planning
from scenarios import convert
from scenarios.model import Scenario


def compute_plan(area: Area, scenario: Scenario, layers: list[str]) -> Planning:
    """The scenario's planning (its ``plan`` is None while there is no perimeter)."""
    return convert.planning(scenario, area, with_isochrones="isochrones" in layers)
