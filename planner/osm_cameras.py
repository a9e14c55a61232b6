"""Cameras read from OpenStreetMap: ``man_made=surveillance`` with their camera tags.

The area's POIs keep each camera's tags (:data:`planner.osm_io.CAMERA_TAG_KEYS`) as a JSON
object; this module reads them into :class:`planner.cameras.Camera` objects, in the area's CRS,
and says which values it could not read (the camera is then kept as unknown). Directions are
degrees, cardinal letters, several values (``0;90``) or a range (``45-135``).
"""

from __future__ import annotations

import json
import math
import re

import geopandas as gpd

from planner.area import Area
from planner.cameras import CAMERA_TYPES, Camera
from planner.crs import WGS84
from planner.doctrine import DEFAULT_HEIGHT_BY_MOUNT_M, DEFAULT_HEIGHT_M
from planner.errors import Notice

#: Cardinal and intercardinal letters as OSM ``direction`` values, degrees clockwise from north.
_POINTS = [
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSW",
    "SW",
    "WSW",
    "W",
    "WNW",
    "NW",
    "NNW",
]  # the 16 points
CARDINALS: dict[str, float] = {name: i * 22.5 for i, name in enumerate(_POINTS)}
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_RANGE = re.compile(r"([+-]?\d+(?:[.,]\d+)?)\s*-\s*([+-]?\d+(?:[.,]\d+)?)")


def parse_directions(value: object) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """(directions, widths) from an OSM ``camera:direction``/``direction`` value; None if
    unparsable.

    Degrees ("240", "22,5"), cardinal letters ("NE"), several values separated by ``;`` and ranges
    ("45-135": one view centred on 90 and 90° wide) are understood; a width of 0 means "the lens's
    field of view". An empty or missing value gives no direction.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return (), ()
    directions: list[float] = []
    widths: list[float] = []
    for part in str(value).split(";"):
        part = part.strip().upper()
        if not part:
            continue
        if part in CARDINALS:
            directions.append(CARDINALS[part])
            widths.append(0.0)
        elif match := _RANGE.fullmatch(part):
            start, end = (float(g.replace(",", ".")) % 360 for g in match.groups())
            span = (end - start) % 360 or 360.0
            directions.append((start + span / 2) % 360)
            widths.append(span)
        elif _NUMBER.fullmatch(part) and math.isfinite(number := float(part.replace(",", "."))):
            directions.append(number % 360)
            widths.append(0.0)
        else:
            return None
    return tuple(directions), tuple(widths)


def parse_angle(value: object) -> float | None:
    """Tilt below the horizontal (degrees, 0–90) from ``camera:angle``; NaN if unparsable, None
    if missing. Negative values (below the horizon in some tagging) are taken by magnitude."""
    if value is None:
        return None
    text = str(value).strip().replace(",", ".").removesuffix("°")
    if not _NUMBER.fullmatch(text):
        return math.nan
    angle = abs(float(text))
    return angle if angle <= 90 else math.nan


def parse_height(value: object) -> float | None:
    """Metres from an OSM ``height`` value ("6", "6.5 m"), or None."""
    match = _NUMBER.match(str(value).strip()) if value is not None else None
    if match is None:
        return None
    height = float(match.group().replace(",", "."))
    return height if 0 < height < 300 else None


def camera_type_of(tags: dict[str, str]) -> str:
    kind = tags.get("camera:type", "").strip().lower()
    return kind if kind in CAMERA_TYPES else "unknown"


def osm_cameras(area: Area) -> tuple[tuple[Camera, ...], tuple[Notice, ...]]:
    """The area's OSM cameras (``man_made=surveillance`` that are cameras or say nothing of
    their type), and a notice for each value that could not be read."""
    pois = area.pois[area.pois["category"] == "camera"]
    if pois.empty:
        return (), ()
    lonlat = gpd.GeoSeries(pois.geometry.values, crs=area.crs).to_crs(WGS84)
    cameras: list[Camera] = []
    notices: list[Notice] = []
    for osm_id, tags_text, point, ll in zip(
        pois["osm_id"], pois["tags"], pois.geometry, lonlat, strict=True
    ):
        tags = json.loads(tags_text) if isinstance(tags_text, str) else {}
        if tags.get("surveillance:type", "camera") != "camera":
            continue  # a guard, an ALPR reader: not a camera view
        camera_id = f"osm-{int(osm_id)}"
        kind = camera_type_of(tags)
        raw_direction = tags.get("camera:direction", tags.get("direction"))
        parsed = parse_directions(raw_direction)
        if parsed is None:
            notices.append(
                Notice("camera_bad_direction", {"camera": camera_id, "value": raw_direction})
            )
            parsed = ((), ())
        directions, widths = parsed
        tilt = parse_angle(tags.get("camera:angle"))
        if tilt is not None and math.isnan(tilt):
            notices.append(
                Notice("camera_bad_angle", {"camera": camera_id, "value": tags["camera:angle"]})
            )
            tilt = None
        mount = tags.get("camera:mount")
        height = parse_height(tags.get("height"))
        spans = [w for w in widths if w > 0]
        cameras.append(
            Camera(
                id=camera_id,
                source="osm",
                camera_type=kind,
                x=point.x,
                y=point.y,
                lon=ll.x,
                lat=ll.y,
                directions=directions,
                fov_deg=max(spans) if spans else None,
                height_m=height or DEFAULT_HEIGHT_BY_MOUNT_M.get(mount or "", DEFAULT_HEIGHT_M),
                tilt_deg=tilt,
                ir_range_m=parse_height(tags.get("camera:infrared_range")),
                mount=mount,
                zone=tags.get("surveillance:zone"),
                indoor=tags.get("surveillance") == "indoor",
                osm_id=int(osm_id),
            )
        )
    return tuple(cameras), tuple(notices)
