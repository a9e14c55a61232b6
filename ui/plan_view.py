"""The plan computed for the app: routes, staffing and pooled means, cached per plan content.

A plan whose zones, points, event, staffing settings and communes' offers did not change is not
computed again (the cache key is that content as JSON); a change to any of them recomputes at
once on the next run.
"""

from __future__ import annotations

import json

import streamlit as st

from planner.area import Area
from planner.checkpoints import CheckpointPlan
from planner.plan import Plan
from scenarios import convert
from scenarios.model import Scenario


@st.cache_resource(show_spinner=False, max_entries=32)
def _compute(
    area_id: str,
    content_key: str,
    isochrones: bool,
    _area: Area,
    _scenario: Scenario,
    _checkpoints: tuple,
) -> Plan:
    return convert.scenario_plan(_scenario, _area, list(_checkpoints), isochrones)


def compute_plan(
    area: Area, scenario: Scenario, checkpoints: CheckpointPlan | None, layers: list[str]
) -> Plan | None:
    """The plan (None while there is no perimeter)."""
    if checkpoints is None:
        return None
    content = scenario.model_dump(
        mode="json",
        include={"zones", "points", "event", "staffing", "resources", "access_roles"},
    )
    key = json.dumps(content, sort_keys=True)
    cps = tuple(checkpoints.checkpoints)
    return _compute(area.id, key, "isochrones" in layers, area, scenario, cps)
