"""Vigie's planning core: areas from OpenStreetMap, perimeters, checkpoints.

Pure Python over GeoDataFrames, graphs and dataclasses; no UI import, so it is testable and
scriptable (``python -m planner``).
"""

__version__ = "0.1.0"
