"""What cameras see on the ground: view polygons traced through the building footprints.

Each view is traced as a fan of rays from the camera (one every RAY_STEP_DEG across its width)
out to its detection range. Every ray stops at the first building wall it meets, so what lies
behind a building is not seen; a ray whose first half-metre runs inside a building (a camera on a
wall looking into it) sees nothing. All rays of all cameras go through one STRtree query of the
footprints and one vectorised intersection, so a hundred cameras among thousands of buildings
cost a fraction of a second. A view's polygon at a DORI level joins the ends of its rays cut at
that level's range (the tilt's near edge taken away), then is kept to public space: the walkable
ground of :func:`planner.surface.usable_surface`. Everything is in the area's projected CRS
(metres).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.cameras import Camera, RangeParameters, Ranges, camera_ranges, moved
from planner.doctrine import DORI_LEVELS, RAY_STEP_DEG, WALL_SNAP_M
from planner.errors import Notice

#: Hits closer than this to a camera are its own wall (a camera mapped on a facade), metres.
OWN_WALL_M = 0.3
#: A ray whose point this far out lies in a building looks into that building, metres.
INTO_WALL_M = 0.5


@dataclass(frozen=True)
class View:
    """One camera view: its direction (None all round), width, and the ground it sees at each
    DORI level (projected polygons, kept to public space; finer levels lie inside coarser)."""

    camera: str
    direction: float | None
    width_deg: float
    levels: dict[str, BaseGeometry]


@dataclass(frozen=True)
class Obstacles:
    """Building footprints, their walls and the walls' straight segments (x1, y1, x2, y2),
    indexed once for a whole coverage run."""

    footprints: np.ndarray
    walls: np.ndarray
    tree: shapely.STRtree  # over the footprints
    segments: np.ndarray  # (n, 4)
    segment_tree: shapely.STRtree

    @staticmethod
    def of(area: Area, region: BaseGeometry) -> Obstacles:
        """The footprints of ``area`` that meet ``region`` (projected), made valid."""
        frame = area.buildings
        found = frame.geometry.to_numpy()[frame.sindex.query(region, predicate="intersects")]
        footprints = shapely.make_valid(found) if len(found) else np.array([], dtype=object)
        return Obstacles.from_footprints(footprints)

    @staticmethod
    def from_footprints(footprints: Sequence[BaseGeometry] | np.ndarray) -> Obstacles:
        geoms = np.asarray(footprints, dtype=object)
        walls = shapely.boundary(geoms)
        lines = shapely.get_parts(walls) if len(walls) else np.array([], dtype=object)
        coords, index = shapely.get_coordinates(lines, return_index=True)
        same = index[1:] == index[:-1]
        segments = np.hstack([coords[:-1][same], coords[1:][same]])
        segment_lines = shapely.linestrings(segments.reshape(-1, 2, 2)) if len(segments) else []
        return Obstacles(
            geoms, walls, shapely.STRtree(geoms), segments, shapely.STRtree(segment_lines)
        )


def placed_outside(
    cameras: Sequence[Camera], obstacles: Obstacles
) -> tuple[list[Camera], list[Notice]]:
    """Cameras mapped inside a footprint: snapped onto the wall when within WALL_SNAP_M (a
    mapping offset), else kept where they are with a notice (they will see nothing)."""
    if not cameras or not len(obstacles.footprints):
        return list(cameras), []
    points = shapely.points([(c.x, c.y) for c in cameras])
    inside, building = obstacles.tree.query(points, predicate="within")
    out = list(cameras)
    notices = []
    for i, b in zip(inside, building, strict=True):
        wall = obstacles.walls[b]
        depth = shapely.distance(points[i], wall)
        if depth <= WALL_SNAP_M:
            snapped = shapely.line_interpolate_point(
                wall, shapely.line_locate_point(wall, points[i])
            )
            out[i] = moved(out[i], snapped.x, snapped.y)
        else:
            notices.append(
                Notice("camera_in_building", {"camera": cameras[i].id, "depth_m": depth})
            )
    return out, notices


def trace_views(
    cameras: Sequence[Camera],
    obstacles: Obstacles,
    ground: BaseGeometry | None,
    parameters: RangeParameters | None = None,
    step_deg: float = RAY_STEP_DEG,
    levels: tuple[str, ...] = DORI_LEVELS,
) -> list[View]:
    """The views of ``cameras`` (one per direction; all round for domes with no direction) at
    each of ``levels``, occluded by ``obstacles`` and cut to ``ground`` (None: not cut)."""
    fans = _fans(cameras, parameters, step_deg)
    if not fans:
        return []
    origin = np.array([f.origin for f in fans for _ in f.angles])
    angles = np.concatenate([f.angles for f in fans])
    reach = np.concatenate(
        [np.full(len(f.angles), max(f.ranges.far_m[lvl] for lvl in levels)) for f in fans]
    )
    hit = first_hits(origin, angles, reach, obstacles)
    start = 0
    polygons: list[BaseGeometry] = []
    for fan in fans:
        stop = start + len(fan.angles)
        polygons += _fan_polygons(fan, hit[start:stop], levels)
        start = stop
    flat = on_ground(polygons, ground) if ground is not None else polygons
    views = []
    for i, fan in enumerate(fans):
        shapes = flat[i * len(levels) : (i + 1) * len(levels)]
        views.append(
            View(fan.camera, fan.direction, fan.width, dict(zip(levels, shapes, strict=True)))
        )
    return views


def on_ground(geometries: Sequence[BaseGeometry], ground: BaseGeometry) -> list[BaseGeometry]:
    """Each geometry cut to ``ground``, through the part of the ground in its bounding box
    (intersecting a small view with a whole town's ground would cost its every vertex)."""
    out = []
    for geometry in geometries:
        if geometry.is_empty:
            out.append(geometry)
            continue
        local = shapely.clip_by_rect(ground, *geometry.bounds)
        out.append(shapely.intersection(geometry, local))
    return out


def first_hits(
    origin: np.ndarray, angles: np.ndarray, reach: np.ndarray, obstacles: Obstacles
) -> np.ndarray:
    """Distance (metres) along each ray (origin, bearing in radians clockwise from north, reach)
    to the first wall it meets; ``reach`` when it meets none, 0 when it starts into a building."""
    hit = reach.astype(float).copy()
    if not len(obstacles.footprints) or not len(hit):
        return hit
    unit = np.column_stack([np.sin(angles), np.cos(angles)])
    span = unit * reach[:, None]
    rays = shapely.linestrings(np.stack([origin, origin + span], axis=1))
    ray_i, seg_i = obstacles.segment_tree.query(rays)  # bounding boxes only: solved below
    along = _crossing(origin[ray_i], span[ray_i], obstacles.segments[seg_i])
    ok = (along * reach[ray_i]) > OWN_WALL_M
    np.minimum.at(hit, ray_i[ok], along[ok] * reach[ray_i[ok]])
    probes = shapely.points(origin + unit * np.minimum(INTO_WALL_M, reach)[:, None])
    into, _ = obstacles.tree.query(probes, predicate="within")
    hit[into] = 0.0
    return hit


def _crossing(start: np.ndarray, span: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Where each ray (start + t·span, 0 ≤ t ≤ 1) crosses its segment, as t; inf for none.

    The two-line intersection in closed form: with q, s the segment's start and span,
    t = (q − p) × s / (r × s) and u = (q − p) × r / (r × s), a crossing when both lie in [0, 1].
    Parallel pairs (r × s = 0) never block: a ray along a wall grazes it.
    """
    q = segments[:, :2]
    s = segments[:, 2:] - q
    qp = q - start
    denom = span[:, 0] * s[:, 1] - span[:, 1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom
        u = (qp[:, 0] * span[:, 1] - qp[:, 1] * span[:, 0]) / denom
    crosses = (denom != 0) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    return np.where(crosses, t, np.inf)


@dataclass(frozen=True)
class _Fan:
    camera: str
    origin: tuple[float, float]
    direction: float | None
    width: float
    angles: np.ndarray  # radians, clockwise from north
    ranges: Ranges


def _fans(cameras: Sequence[Camera], parameters: RangeParameters | None, step: float) -> list[_Fan]:
    fans = []
    for camera in cameras:
        ranges = camera_ranges(camera, parameters)
        if ranges.far_m[DORI_LEVELS[0]] <= 0:
            continue
        for direction, width in camera.views():
            if direction is None:
                count = max(int(round(360 / step)), 8)
                degrees = np.arange(count) * (360 / count)
            else:
                count = max(int(math.ceil(width / step)), 2) + 1
                degrees = direction - width / 2 + np.linspace(0, width, count)
            fans.append(
                _Fan(camera.id, (camera.x, camera.y), direction, width, np.radians(degrees), ranges)
            )
    return fans


def _fan_polygons(fan: _Fan, hit: np.ndarray, levels: tuple[str, ...]) -> list[BaseGeometry]:
    """The fan's polygon at each of ``levels`` from its rays' free lengths."""
    unit = np.column_stack([np.sin(fan.angles), np.cos(fan.angles)])
    origin = np.array(fan.origin)
    near = fan.ranges.near_m
    out = []
    for level in levels:
        length = np.minimum(hit, fan.ranges.far_m[level])
        if length.max(initial=0.0) <= near:
            out.append(shapely.Polygon())
            continue
        ends = origin + unit * length[:, None]
        ring = ends if fan.direction is None else np.vstack([origin, ends])
        polygon = shapely.make_valid(shapely.Polygon(ring)) if len(ring) >= 3 else shapely.Polygon()
        if near > 0:
            polygon = polygon.difference(Point(fan.origin).buffer(near))
        out.append(polygon)
    return out
