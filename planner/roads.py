"""Street classes: which OSM ways a vehicle can use, which only people on foot.

A checkpoint on a drivable street needs vehicle barriers and police; one on a footway, steps or a
pedestrian street needs screening only. The classification reads the ``highway`` tag and the
access tags that forbid motor traffic.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["vehicle", "pedestrian"]

#: Drivable highway values, most important first (the order ranks a checkpoint's main street).
VEHICLE_HIGHWAYS: tuple[str, ...] = (
    "motorway",
    "trunk",
    "primary",
    "secondary",
    "tertiary",
    "motorway_link",
    "trunk_link",
    "primary_link",
    "secondary_link",
    "tertiary_link",
    "unclassified",
    "residential",
    "living_street",
    "busway",
    "road",
    "service",
    "track",
)

#: Highway values used only on foot (or by bike), most important first.
PEDESTRIAN_HIGHWAYS: tuple[str, ...] = (
    "pedestrian",
    "footway",
    "steps",
    "path",
    "cycleway",
    "bridleway",
    "corridor",
    "elevator",
)

#: Sidewalks and crossings drawn as their own ways: a checkpoint on a street covers them.
STREET_FURNITURE_FOOTWAYS = frozenset({"sidewalk", "crossing", "traffic_island"})

_RANK = {value: i for i, value in enumerate(VEHICLE_HIGHWAYS + PEDESTRIAN_HIGHWAYS)}
_NO = frozenset({"no", "private_no"})


def highway_value(raw: object) -> str:
    """One highway value from an OSM tag (osmnx may give a list after simplification)."""
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else ""
    return str(raw) if raw is not None and raw == raw else ""  # NaN != NaN


def street_kind(highway: str, motor_vehicle: object = None) -> Kind | None:
    """``vehicle``, ``pedestrian``, or None for ways that are not streets (construction, …)."""
    if highway in VEHICLE_HIGHWAYS:
        if isinstance(motor_vehicle, str) and motor_vehicle in _NO and highway == "living_street":
            return "pedestrian"
        return "vehicle"
    if highway in PEDESTRIAN_HIGHWAYS:
        return "pedestrian"
    return None


def highway_rank(highway: str) -> int:
    """Importance of a highway class: lower is more important."""
    return _RANK.get(highway, len(_RANK))
