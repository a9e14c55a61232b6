"""Where to put the communes' mobile cameras: a greedy choice of positions and directions.

Candidate mounts are building corners along the public space, street lamps
(``highway=street_lamp``) and the poles of existing cameras, within the perimeter and a little
around it (one per CANDIDATE_SPACING_M cell). Each mount is tried in every direction of
PROPOSAL_DIRECTIONS_DEG (once for a dome or panning camera, counted all round). What is left to
see is sampled: the checkpoints not yet seen, and points every COVERAGE_SAMPLE_M metres on the
queues and on the crowd surface (the perimeter's usable surface) that no camera sees yet, each
weighted (PROPOSAL_WEIGHTS, editable: per checkpoint, per m² of queue, per m² of crowd). The
greedy choice then takes, N times, the option that adds the most weight still unseen. Weighted
coverage is submodular and the choice is only bounded in number (two cameras may share a pole),
so the greedy result is within (1 − 1/e) of the best choice (Nemhauser, Wolsey and Fisher, 1978).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import shapely
from scipy.sparse import csr_matrix
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.cameras import Camera, RangeParameters
from planner.coverage import CHECKPOINT_REACH_M, Coverage, Scene, Target
from planner.crs import WGS84
from planner.doctrine import (
    CANDIDATE_SPACING_M,
    COVERAGE_SAMPLE_M,
    PROPOSAL_DIRECTIONS_DEG,
    PROPOSAL_WEIGHTS,
)
from planner.errors import Notice
from planner.visibility import trace_views

#: Candidate mounts this far outside the perimeter are still tried (a camera across the street
#: from a filtering point), metres.
CANDIDATE_MARGIN_M = 30.0
#: Rays of the candidate views, degrees (coarser than the final views: the choice only ranks).
PROPOSAL_RAY_STEP_DEG = 2.0
#: A building corner is a mount when public ground is this close to it, metres.
CORNER_TO_GROUND_M = 1.5


@dataclass(frozen=True)
class Mount:
    """A candidate position for a mobile camera (projected)."""

    x: float
    y: float
    kind: str  # building_corner | street_lamp | pole


@dataclass(frozen=True)
class Proposal:
    """One proposed camera and what it adds to the coverage."""

    camera: Camera
    mount: str
    checkpoints: tuple[str, ...]  # checkpoints it brings into view
    queue_m2: float
    crowd_m2: float
    weight: float


@dataclass(frozen=True)
class Options:
    """Candidate cameras and the samples each would see (for the choice and its tests)."""

    cameras: tuple[Camera, ...]
    mounts: tuple[Mount, ...]  # one per camera
    sees: csr_matrix  # options × samples, True where the option sees the sample
    weights: np.ndarray  # per sample
    kinds: np.ndarray  # per sample: "checkpoint", "queue" or "crowd"
    labels: np.ndarray  # per sample: the checkpoint id, else ""


def candidate_mounts(area: Area, scene: Scene, existing: Sequence[Camera] = ()) -> list[Mount]:
    """Building corners along the public space, street lamps and existing poles near the
    perimeter, one per CANDIDATE_SPACING_M cell (lamps and poles before corners)."""
    region = scene.perimeter.buffer(CANDIDATE_MARGIN_M)
    shapely.prepare(region)
    found: list[tuple[float, float, str]] = []
    for camera in existing:
        if camera.mount in ("pole", "street_lamp"):
            found.append((camera.x, camera.y, "pole"))
    lamps = area.pois[area.pois["category"] == "street_lamp"].geometry
    found += [(p.x, p.y, "street_lamp") for p in lamps]
    parts = shapely.get_parts(scene.obstacles.footprints)
    polygons = parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]
    corners = shapely.get_coordinates(shapely.get_exterior_ring(polygons))
    if len(corners):
        ground = scene.ground
        shapely.prepare(ground)
        near = shapely.dwithin(ground, shapely.points(corners), CORNER_TO_GROUND_M)
        found += [(x, y, "building_corner") for x, y in corners[near]]
    kept: dict[tuple[int, int], Mount] = {}
    for x, y, kind in found:
        if not shapely.contains_xy(region, x, y):
            continue
        cell = (int(x // CANDIDATE_SPACING_M), int(y // CANDIDATE_SPACING_M))
        kept.setdefault(cell, Mount(x, y, kind))
    return list(kept.values())


def sample_points(polygon: BaseGeometry, spacing: float = COVERAGE_SAMPLE_M) -> np.ndarray:
    """(n, 2) points of a square grid of ``spacing`` metres inside ``polygon``."""
    if polygon.is_empty:
        return np.zeros((0, 2))
    west, south, east, north = polygon.bounds
    xs = np.arange(west + spacing / 2, east, spacing)
    ys = np.arange(south + spacing / 2, north, spacing)
    grid = np.array(np.meshgrid(xs, ys)).reshape(2, -1).T
    if not len(grid):
        return np.zeros((0, 2))
    shapely.prepare(polygon)
    return grid[shapely.contains_xy(polygon, grid[:, 0], grid[:, 1])]


def build_options(
    scene: Scene,
    mounts: Sequence[Mount],
    template: Camera,
    current: Coverage,
    targets: Sequence[Target] = (),
    weights: Mapping[str, float] | None = None,
    parameters: RangeParameters | None = None,
    directions: Sequence[float] = PROPOSAL_DIRECTIONS_DEG,
) -> Options:
    """Every (mount, direction) option of ``template`` and the unseen samples it would see."""
    w = {**PROPOSAL_WEIGHTS, **(weights or {})}
    level = current.level
    covered = current.seen[level]
    cell = COVERAGE_SAMPLE_M**2
    parts = []  # (xy, kind, weight per sample, label)
    unseen = [t for t in targets if _unseen(t, current)]
    if unseen:
        xy = np.array([(t.x, t.y) for t in unseen])
        parts.append((xy, "checkpoint", w["checkpoint"], [t.id for t in unseen]))
    for name, polygon, weight in [
        ("queue", shapely.union_all([t.queue for t in targets]) if targets else None, w["queue"]),
        ("crowd", scene.usable, w["crowd"]),
    ]:
        if polygon is None:
            continue
        xy = sample_points(shapely.difference(polygon, covered))
        parts.append((xy, name, weight * cell, [""] * len(xy)))
    xy = np.vstack([p[0] for p in parts]) if parts else np.zeros((0, 2))
    kinds = np.concatenate([[p[1]] * len(p[0]) for p in parts]) if parts else np.array([])
    sample_w = np.concatenate([np.full(len(p[0]), p[2]) for p in parts]) if parts else np.zeros(0)
    labels = (
        np.concatenate([np.array(p[3], dtype=object) for p in parts]) if parts else np.array([])
    )
    cameras, owners = _option_cameras(mounts, template, directions)
    views = trace_views(
        cameras, scene.obstacles, None, parameters, PROPOSAL_RAY_STEP_DEG, levels=(level,)
    )
    polygons = np.array([v.levels[level] for v in views], dtype=object)
    rows, cols = _seen_samples(polygons, xy, kinds)
    # views come out in camera order, one per camera (fixed with one direction, or all round)
    view_camera = {v.camera: i for i, v in enumerate(views)}
    index = np.array([view_camera.get(c.id, -1) for c in cameras])
    keep = index >= 0
    remap = np.full(len(views), -1)
    remap[index[keep]] = np.arange(keep.sum())
    sees = csr_matrix(
        (np.ones(len(rows), dtype=bool), (remap[rows], cols)), shape=(int(keep.sum()), len(xy))
    )
    kept_cameras = tuple(c for c, k in zip(cameras, keep, strict=True) if k)
    kept_mounts = tuple(mounts[o] for o, k in zip(owners, keep, strict=True) if k)
    return Options(kept_cameras, kept_mounts, sees, sample_w, kinds, labels)


def _unseen(target: Target, current: Coverage) -> bool:
    level_rank = {lvl: i for i, lvl in enumerate(current.seen)}
    found = next(t for t in current.targets if t.id == target.id) if current.targets else None
    best = found.best_level if found else None
    return best is None or level_rank[best] < level_rank[current.level]


def _option_cameras(
    mounts: Sequence[Mount], template: Camera, directions: Sequence[float]
) -> tuple[list[Camera], list[int]]:
    cameras, owners = [], []
    turns = [()] if template.all_round else [(d,) for d in directions]
    for m, mount in enumerate(mounts):
        for turn in turns:
            suffix = f"-{int(turn[0])}" if turn else ""
            cameras.append(
                replace(template, id=f"C{m}{suffix}", x=mount.x, y=mount.y, directions=turn)
            )
            owners.append(m)
    return cameras, owners


def _seen_samples(
    polygons: np.ndarray, xy: np.ndarray, kinds: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(view, sample) pairs where a view sees a sample (checkpoints within reach)."""
    if not len(xy) or not len(polygons):
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    points = shapely.points(xy)
    tree = shapely.STRtree(points)
    inside_view, inside_sample = tree.query(polygons, predicate="intersects")
    checkpoint = np.flatnonzero(kinds == "checkpoint")
    pairs = [(inside_view, inside_sample)]
    if len(checkpoint):
        near_view, near = shapely.STRtree(points[checkpoint]).query(
            polygons, predicate="dwithin", distance=CHECKPOINT_REACH_M
        )
        pairs.append((near_view, checkpoint[near]))
    rows = np.concatenate([p[0] for p in pairs])
    cols = np.concatenate([p[1] for p in pairs])
    unique = np.unique(np.column_stack([rows, cols]), axis=0)
    return unique[:, 0], unique[:, 1]


def greedy(sees: csr_matrix, weights: np.ndarray, count: int) -> list[int]:
    """Indices of up to ``count`` options chosen greedily for the most weight seen (stops early
    when no option adds anything)."""
    remaining = weights.astype(float).copy()
    by_sample = sees.tocsc()
    gains = sees @ remaining
    chosen: list[int] = []
    for _ in range(count):
        best = int(np.argmax(gains)) if len(gains) else -1
        if best < 0 or gains[best] <= 1e-9:
            break
        chosen.append(best)
        newly = sees.indices[sees.indptr[best] : sees.indptr[best + 1]]
        newly = newly[remaining[newly] > 0]
        gains -= by_sample[:, newly] @ remaining[newly]
        remaining[newly] = 0.0
    return chosen


def weight_seen(sees: csr_matrix, weights: np.ndarray, chosen: Sequence[int]) -> float:
    """Total weight of the samples seen by the ``chosen`` options together."""
    if not chosen:
        return 0.0
    samples = np.unique(sees[list(chosen)].indices)
    return float(weights[samples].sum())


def propose(
    area: Area,
    scene: Scene,
    current: Coverage,
    template: Camera,
    count: int,
    targets: Sequence[Target] = (),
    weights: Mapping[str, float] | None = None,
    parameters: RangeParameters | None = None,
) -> tuple[list[Proposal], list[Notice]]:
    """``count`` mobile cameras like ``template`` placed greedily (ids X1, X2, …)."""
    mounts = candidate_mounts(area, scene, current.cameras)
    options = build_options(scene, mounts, template, current, targets, weights, parameters)
    chosen = greedy(options.sees, options.weights, count)
    notices = []
    if len(chosen) < count:
        notices.append(Notice("camera_too_many", {"asked": count, "candidates": len(chosen)}))
    proposals = []
    taken = np.zeros(options.sees.shape[1], dtype=bool)
    cell = COVERAGE_SAMPLE_M**2
    for number, option in enumerate(chosen, start=1):
        row = options.sees.indices[options.sees.indptr[option] : options.sees.indptr[option + 1]]
        new = row[~taken[row]]
        taken[new] = True
        kinds = options.kinds[new]
        camera = options.cameras[option]
        lonlat = _lonlat(area, camera.x, camera.y)
        proposals.append(
            Proposal(
                camera=replace(
                    camera, id=f"X{number}", source="proposed", lon=lonlat[0], lat=lonlat[1]
                ),
                mount=options.mounts[option].kind,
                checkpoints=tuple(sorted(options.labels[new][kinds == "checkpoint"])),
                queue_m2=float((kinds == "queue").sum() * cell),
                crowd_m2=float((kinds == "crowd").sum() * cell),
                weight=float(options.weights[new].sum()),
            )
        )
    return proposals, notices


def _lonlat(area: Area, x: float, y: float) -> tuple[float, float]:
    point = gpd.GeoSeries(gpd.points_from_xy([x], [y]), crs=area.crs).to_crs(WGS84).iloc[0]
    return point.x, point.y
