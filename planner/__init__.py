"""Vigie's planning core: areas from OpenStreetMap, perimeters, checkpoints, the plan.

Pure Python over GeoDataFrames, graphs and dataclasses; no UI import, so it is testable and
scriptable (``python -m planner``). The public API is below (``__all__``): the one plan pipeline
(:func:`planning` from :class:`PlanInputs`, then :func:`frame`, :func:`after_action` and
:func:`exercise_view` for the replay and the exports), areas, and the errors. Every other module
is the core's own and may change. Names are imported on first use, so ``python -m planner dps``
does not load the geospatial stack.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name → the module that defines it.
_PUBLIC = {
    "PlanInputs": "planner.inputs",
    "ZoneInput": "planner.inputs",
    "PointInput": "planner.inputs",
    "OfferInput": "planner.inputs",
    "HazardInput": "planner.inputs",
    "Planning": "planner.pipeline",
    "ExerciseView": "planner.pipeline",
    "planning": "planner.pipeline",
    "plan_checkpoints": "planner.pipeline",
    "exercise": "planner.pipeline",
    "frame": "planner.pipeline",
    "after_action": "planner.pipeline",
    "exercise_view": "planner.pipeline",
    "Plan": "planner.plan",
    "make_plan": "planner.plan",
    "Public": "planner.staffing",
    "StaffingParameters": "planner.staffing",
    "Inject": "planner.replay",
    "Effect": "planner.replay",
    "Frame": "planner.replay",
    "Exercise": "planner.replay",
    "Area": "planner.area",
    "AreaSource": "planner.area",
    "load_area": "planner.area",
    "PlannerError": "planner.errors",
    "Notice": "planner.errors",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'planner' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
