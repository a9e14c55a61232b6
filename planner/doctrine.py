"""Doctrine and planning numbers, each with its source (see ../shared/DOMAIN.md).

[v] read in a source; [r] widely cited, not checked against the primary text: kept editable and
said so in the UI. Every number the planner uses for speeds and times lives here.
"""

from __future__ import annotations

#: Default speed (km/h) by OSM highway class when a way has no ``maxspeed`` tag. French general
#: limits: 50 km/h in built-up areas (Code de la route R413-3), 80 km/h on two-way roads outside
#: (R413-2), 110/130 km/h on expressways/motorways (R413-2); 20 km/h in a "zone de rencontre"
#: (living street, R110-2); 30 km/h for residential streets and service roads, the usual urban
#: "zone 30" value [r]. An emergency vehicle is assumed to drive at the limit (a planning value,
#: conservative: it may legally exceed it).
DEFAULT_SPEED_KMH: dict[str, float] = {
    "motorway": 110,
    "motorway_link": 70,
    "trunk": 90,
    "trunk_link": 50,
    "primary": 50,
    "primary_link": 50,
    "secondary": 50,
    "secondary_link": 50,
    "tertiary": 50,
    "tertiary_link": 50,
    "unclassified": 50,
    "road": 50,
    "busway": 50,
    "residential": 30,
    "service": 20,
    "track": 20,
    "living_street": 20,
}
FALLBACK_SPEED_KMH = 30.0

#: French implicit limits written as maxspeed values (OSM "FR:urban" etc.).
MAXSPEED_ZONES_KMH: dict[str, float] = {
    "FR:urban": 50,
    "FR:rural": 80,
    "FR:motorway": 130,
    "FR:zone30": 30,
    "FR:walk": 6,
    "urban": 50,
    "rural": 80,
    "walk": 6,
    "living_street": 20,
}

#: Walking speed for evacuation and approach (m/s): 1.2 m/s is the common planning value for a
#: mixed, unhurried crowd (free walking is about 1.3–1.4 m/s; dense crowds slower) [r].
WALKING_SPEED_M_S = 1.2

#: Isochrone thresholds from the fire stations, minutes.
ISOCHRONE_MINUTES: tuple[int, ...] = (5, 10, 15)

#: E2 indicator of the DPS rule from the public emergency response time (minutes) [v]:
#: 0.25 if ≤ 10 min, 0.30 if ≤ 20, 0.35 if ≤ 30, 0.40 beyond.
E2_BY_RESPONSE_MINUTES: tuple[tuple[float, float], ...] = ((10, 0.25), (20, 0.30), (30, 0.35))
E2_BEYOND = 0.40


def e2_indicator(response_minutes: float | None) -> float:
    """The DPS E2 indicator for a response time (None: unreachable, the worst value)."""
    if response_minutes is None:
        return E2_BEYOND
    for limit, value in E2_BY_RESPONSE_MINUTES:
        if response_minutes <= limit:
            return value
    return E2_BEYOND
