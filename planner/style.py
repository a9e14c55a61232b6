"""One style specification for every renderer: the live map, the standalone HTML, the map sheet,
and the GIS exports (QGIS styles in the GeoPackage, KML styles, GeoJSON simplestyle).

Each kind of thing the plan draws has one :class:`Style`: zones by role, hazard zones by level,
checkpoints by kind and access role, routes by kind (emergency routes by the kind of station they
come from), points of interest by category, and the base map's classes (streets by class,
buildings, water, sea, parks). Renderers translate it, never restate it: :mod:`layers.style` for
Leaflet and matplotlib, :mod:`planner.qgis_style` for QGIS, :mod:`planner.exports` for KML and
GeoJSON. Widths are screen pixels at 96 dpi (Leaflet's ``weight``); :data:`PX_MM` converts them
to millimetres (QGIS) and :data:`PX_PT` to typographic points (the printed sheet). Colours are
``#rrggbb``; opacities 0–1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.roads import VEHICLE_HIGHWAYS

PX_MM = 25.4 / 96  # one CSS pixel in millimetres
PX_PT = 0.42  # a screen pixel as a printed line width (points), at about 1:2 500


@dataclass(frozen=True)
class Style:
    """How one kind of feature is drawn.

    ``stroke``/``width``/``opacity``/``dash`` draw lines and outlines (``dash`` in pixels, on/off);
    ``fill``/``fill_opacity`` fill areas and markers (``None``: no fill); ``hatch`` a diagonal
    hatching of areas (``"////"``, matplotlib's notation); ``marker`` (circle, square, diamond,
    cross), ``size`` (pixels, diameter) and ``glyph`` (FR, EN) the symbol of a point.
    """

    stroke: str
    width: float = 1.0
    opacity: float = 1.0
    dash: tuple[float, ...] | None = None
    fill: str | None = None
    fill_opacity: float = 0.0
    hatch: str | None = None
    marker: str = "circle"
    size: float = 12.0
    glyph: tuple[str, str] = ("", "")

    def glyph_in(self, lang: str) -> str:
        """The symbol's letters in ``lang`` (``fr`` or ``en``)."""
        return self.glyph[0] if lang == "fr" else self.glyph[1]

    @property
    def colour(self) -> str:
        """The colour a reader names the feature by: its fill, or its stroke when unfilled."""
        return self.fill or self.stroke


#: Zones of the plan by role (sectors take their outline from :data:`SECTOR_COLOURS`).
ZONES: dict[str, Style] = {
    "perimeter": Style("#d7263d", 3, dash=(8, 6), fill="#d7263d", fill_opacity=0.04),
    "sector": Style("#1f6fb2", 2, fill="#1f6fb2", fill_opacity=0.10),
    "no_go": Style("#222222", 2, fill="#222222", fill_opacity=0.15, hatch="////"),
    "inner_zone": Style("#e67e22", 2, fill="#e67e22", fill_opacity=0.20),
    "emergency_lane": Style("#27ae60", 2, fill="#27ae60", fill_opacity=0.35),
}
#: Sector colours, by the sector's order in the plan (the map and the staffing tables agree).
SECTOR_COLOURS: tuple[str, ...] = (
    "#1f6fb2",
    "#8e44ad",
    "#16a085",
    "#d35400",
    "#2c3e50",
    "#c0392b",
    "#7f8c8d",
    "#b7950b",
)
SHORTFALL_COLOUR = "#d7263d"  # a sector badge's ring when staff are missing
#: Hazard zones by level: isolation circle, then the plume at 10 % and 60 % of the LEL.
HAZARDS: dict[str, Style] = {
    "isolation": Style("#b03a2e", 2, fill="#e74c3c", fill_opacity=0.30),
    "lel_10": Style("#d4ac0d", 1, fill="#f4d03f", fill_opacity=0.30),
    "lel_60": Style("#ca6f1e", 1, fill="#e67e22", fill_opacity=0.45),
}
HAZARD_LABEL_FILL = "#b03a2e"
#: Checkpoints: filtering points by kind, and the other access roles (closed, emergency).
CHECKPOINTS: dict[str, Style] = {
    "vehicle": Style("#ffffff", 2, fill="#d7263d", size=24, glyph=("P", "P")),
    "pedestrian": Style("#ffffff", 2, fill="#1f6fb2", size=20, glyph=("P", "P")),
    "filtering": Style("#ffffff", 2, fill="#1e8449", size=22, glyph=("F", "F")),
    "closed": Style("#566573", 3, marker="cross", size=18, glyph=("✕", "✕")),
    "emergency": Style("#ffffff", 2, fill="#e67e22", marker="square", size=20, glyph=("S", "E")),
}
#: The access role that screens the public (issue 14's access plan: filtering green, closed grey,
#: emergency orange; a checkpoint's kind sets the marker's size). The exports name a
#: checkpoint's role in its ``role`` attribute (empty before the access plan is known).
FILTERING = "filtering"
ROLE_ATTRIBUTE = "role"
#: The plan de barriérage (issue 14): barrier lines across closed and emergency accesses, each
#: filtering point's queue area (95 % of the time; red where it spills into traffic), the
#: detours a closed access sends people on. The ``materials`` export layer (a point per access)
#: is drawn as :data:`CHECKPOINTS` by role.
BARRIER = Style("#212f3d", 6, opacity=0.9)
QUEUE_AREAS: dict[str, Style] = {
    "fits": Style("#d35400", 1, fill="#f39c12", fill_opacity=0.45),
    "spills": Style("#922b21", 1, fill="#c0392b", fill_opacity=0.45),
}
DETOUR = Style("#7d3c98", 2, opacity=0.7, dash=(2, 6))
#: Routes by kind; emergency routes by the kind of station they start from.
ROUTES: dict[str, Style] = {
    "fire_station": Style("#c0392b", 5, opacity=0.85),
    "hospital": Style("#2e86c1", 5, opacity=0.85),
    "police": Style("#1b2631", 4, opacity=0.8),
    "evacuation": Style("#1e8449", 4, opacity=0.85, dash=(6, 4)),
    "approach": Style("#8e44ad", 2, opacity=0.6),
}
ISOCHRONES: dict[int, Style] = {
    5: Style("#1e8449", 1, fill="#1e8449", fill_opacity=0.12),
    10: Style("#f1c40f", 1, fill="#f1c40f", fill_opacity=0.12),
    15: Style("#e67e22", 1, fill="#e67e22", fill_opacity=0.12),
}
CLOSED_STREET = Style("#17202a", 6, opacity=0.8, dash=(2, 8))
#: Points of interest by category (OSM's services, then the plan's own points).
POIS: dict[str, Style] = {
    "fire_station": Style(
        "#ffffff", 1.5, fill="#c0392b", marker="square", size=14, glyph=("SP", "FS")
    ),  # fmt: skip
    "hospital": Style("#ffffff", 1.5, fill="#2e86c1", marker="square", size=14, glyph=("H", "H")),
    "police": Style("#ffffff", 1.5, fill="#1b2631", marker="square", size=14, glyph=("Po", "Po")),
    "transit": Style("#ffffff", 1, fill="#8e44ad", size=6),
    "camera": Style("#ffffff", 1, fill="#7f8c8d", size=6),
    # candidate mounts of the mobile cameras (planner.proposals): small, lamp yellow
    "street_lamp": Style("#7d6608", 0.5, fill="#f7dc6f", size=4),
    "defibrillator": Style("#ffffff", 1.5, fill="#16a085", size=14),
    # French road signs: a white P on blue (arrivals by car, planner.arrivals)
    "parking": Style("#ffffff", 1, fill="#1f5fa8", marker="square", size=11, glyph=("P", "P")),
    "assembly_point": Style(
        "#ffffff", 2, fill="#27ae60", marker="diamond", size=15, glyph=("R", "A")
    ),  # fmt: skip
    "command_post": Style(
        "#ffffff", 2, fill="#6c3483", marker="square", size=16, glyph=("PC", "CP")
    ),  # fmt: skip
    "first_aid_post": Style(
        "#c0392b", 2, fill="#ffffff", marker="square", size=15, glyph=("+", "+")
    ),  # fmt: skip
}
#: The plan's own points (command post, first-aid posts, assembly points).
PLAN_POINTS = ("command_post", "first_aid_post", "assembly_point")
UNKNOWN = Style("#555555", 1.5, fill="#555555", fill_opacity=0.3)

#: Video protection (issue 19): camera views by DORI level, pale (detection) to dark
#: (identification); blind spots outlined, dashed and hatched; cameras by source.
CAMERA_VIEWS: dict[str, Style] = {
    "detection": Style("#c6dbef", 0.5, fill="#c6dbef", fill_opacity=0.35),
    "observation": Style("#6baed6", 0.5, fill="#6baed6", fill_opacity=0.35),
    "recognition": Style("#2171b5", 0.5, fill="#2171b5", fill_opacity=0.35),
    "identification": Style("#08306b", 0.5, fill="#08306b", fill_opacity=0.35),
}
BLIND_SPOTS = Style("#c0392b", 1.5, dash=(4, 3), hatch="////")
BLIND_SPOT_HATCH = Style("#c0392b", 0.8, opacity=0.55)  # the hatching lines on the live map
CAMERAS: dict[str, Style] = {
    "osm": Style("#ffffff", 1.5, fill="#5d6d7e", fill_opacity=0.95, size=8),
    "planned": Style("#ffffff", 1.5, fill="#1f77b4", fill_opacity=0.95, size=12),
    "proposed": Style("#ffffff", 1.5, fill="#e67e22", fill_opacity=0.95, size=12),
}

#: Base map: street classes bottom to top, buildings, landcover and open spaces.
BACKGROUND = "#f2efe9"
STREETS: dict[str, Style] = {
    "pedestrian": Style("#7d93ad", 1.4, opacity=0.9, dash=(3, 3)),
    "minor": Style("#9c9c9c", 2.6, opacity=0.9),
    "major": Style("#e39b2d", 4.5, opacity=0.95),
    "tunnel": Style("#6f6f6f", 2.5, opacity=0.55, dash=(6, 4)),
}
MAJOR_CASING = "#b27418"
MAJOR = frozenset(VEHICLE_HIGHWAYS[:10])  # motorway … tertiary_link: the "major" class
BUILDING = Style("#b9aea4", 0.6, fill="#d9d0c9", fill_opacity=0.9)
LANDCOVER: dict[str, Style] = {
    "sea": Style("#aad3df", 0.5, fill="#aad3df", fill_opacity=1.0),
    "water": Style("#8fbfd0", 0.5, fill="#aad3df", fill_opacity=1.0),
    "park": Style("#b5d49a", 0.5, fill="#cfe8b8", fill_opacity=1.0),
    "grass": Style("#dcedc8", 0.5, fill="#dcedc8", fill_opacity=1.0),
}
OPEN_SPACE = Style("#c9c2d3", 0.5, fill="#e7e3ec", fill_opacity=1.0)


def street_class(highway: str, kind: str, tunnel: Any) -> str:
    """The :data:`STREETS` class of an OSM way (``tunnel`` is its OSM tag, maybe missing)."""
    if isinstance(tunnel, str) and tunnel not in ("no", ""):
        return "tunnel"
    if kind == "pedestrian":
        return "pedestrian"
    return "major" if highway in MAJOR else "minor"


def sector_colour(index: int) -> str:
    """The colour of the plan's ``index``-th sector."""
    return SECTOR_COLOURS[index % len(SECTOR_COLOURS)]


def zone_style(role: str, sector_index: int = 0) -> Style:
    """A zone's style; a sector's outline and fill in its own colour."""
    style = ZONES.get(role, ZONES["inner_zone"])
    if role == "sector":
        colour = sector_colour(sector_index)
        return Style(**{**style.__dict__, "stroke": colour, "fill": colour})
    return style


def route_key(kind: str, station_kind: str | None) -> str:
    """The :data:`ROUTES` key of a route: the station's kind for an emergency route."""
    if kind == "emergency" and station_kind in ROUTES:
        return str(station_kind)
    return kind if kind in ROUTES else "approach"


def checkpoint_key(kind: str, access_role: str | None = None) -> str:
    """The :data:`CHECKPOINTS` key: the access role once known, else the checkpoint's kind."""
    if access_role and access_role in CHECKPOINTS:
        return access_role
    return kind if kind in ("vehicle", "pedestrian") else "pedestrian"


def checkpoint_size(kind: str) -> float:
    """A checkpoint marker's size in pixels: by its kind, whatever its role."""
    return CHECKPOINTS[kind if kind in ("vehicle", "pedestrian") else "pedestrian"].size


def queue_key(fits: object) -> str:
    """The :data:`QUEUE_AREAS` key of a queue area (``fits`` as stored: bool, 0/1 or text)."""
    return "spills" if fits in (False, 0, "0", "False", "false") else "fits"


def feature_style(layer: str, record: dict) -> Style:
    """The style of one feature of an export layer (:mod:`planner.export_layers`), by its
    attributes: what the KML, GeoJSON and QGIS styles all read."""
    if layer == "zones":
        return ZONES.get(record.get("role", ""), UNKNOWN)
    if layer == "hazard_zones":
        return HAZARDS.get(record.get("zone", ""), UNKNOWN)
    if layer in ("checkpoints", "materials"):
        return CHECKPOINTS[checkpoint_key(record.get("kind", ""), record.get(ROLE_ATTRIBUTE))]
    if layer == "queue_areas":
        return QUEUE_AREAS[queue_key(record.get("fits"))]
    if layer == "routes":
        return ROUTES[route_key(record.get("kind", ""), record.get("station_kind"))]
    if layer == "points_of_interest":
        return POIS.get(record.get("category", ""), UNKNOWN)
    if layer == "cameras":
        return CAMERAS.get(record.get("source", ""), UNKNOWN)
    if layer == "camera_views":
        return CAMERA_VIEWS.get(record.get("level", ""), UNKNOWN)
    if layer == "blind_spots":
        return BLIND_SPOTS
    if layer == "base_streets":
        return STREETS.get(record.get("class", ""), STREETS["minor"])
    if layer == "base_buildings":
        return BUILDING
    if layer == "base_water":
        return LANDCOVER.get(record.get("kind", ""), LANDCOVER["water"])
    return UNKNOWN


#: Crowd simulation: a replayed agent on the map; density cells over 4 and 5 persons/m² on the
#: sheet's density page (Still's intervene / dangerous thresholds).
SIM_AGENT = Style("#1b4f72", 0.5, fill="#2e86c1", fill_opacity=0.8, size=4)
SIM_DENSITY: dict[str, Style] = {
    "over_4": Style("#e67e22", 0.3, fill="#f5b041", fill_opacity=0.85),
    "over_5": Style("#922b21", 0.3, fill="#cb4335", fill_opacity=0.9),
}
