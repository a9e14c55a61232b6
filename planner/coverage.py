"""Video-protection coverage of a perimeter: what the cameras see of the filtering points, their
queues, the outline and each sector's crowd surface, and where they see nothing.

A place counts as *seen* at a DORI level when it lies in a view of that level (views from
:mod:`planner.visibility`: occluded by buildings, kept to public space). The figures, all in the
area's projected CRS:

- a checkpoint's best level: the finest level whose views reach within CHECKPOINT_REACH_M of it
  (the filtering line, not only its centre point); its queue area's seen share at each level;
- the perimeter outline's share seen: the outline where it crosses public ground (it runs through
  blocks elsewhere, where nobody passes), seen at the coverage level over its public length;
- each sector's usable-surface share seen at the coverage level (the usable surface of
  :mod:`planner.surface`);
- blind spots: the perimeter's usable surface not seen at the coverage level, as polygons of at
  least BLIND_SPOT_MIN_M2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.cameras import Camera, CameraError, RangeParameters, camera_ranges
from planner.doctrine import BLIND_SPOT_MIN_M2, COVERAGE_LEVEL, DORI_LEVELS
from planner.errors import Notice
from planner.memo import Memo, content_key
from planner.surface import usable_surface
from planner.visibility import Obstacles, View, on_ground, placed_outside, trace_views

#: A checkpoint is seen when a view comes this close to its point (the width of a filtering
#: line either side of the street's centre), metres [planning choice].
CHECKPOINT_REACH_M = 3.0
#: Public ground is taken this far around the perimeter, so that cameras outside it and the
#: queues before the filtering points count, metres [planning choice].
MARGIN_M = 80.0
#: Sets of cameras whose view of a scene is kept (the panel's last choices, with proposals).
SEEN_KEPT = 8


@dataclass(frozen=True)
class Target:
    """A filtering point (or checkpoint) to see, with its queue area (projected, may be empty)."""

    id: str
    x: float
    y: float
    queue: BaseGeometry = field(default_factory=Polygon)


@dataclass(frozen=True)
class TargetCoverage:
    """How one checkpoint and its queue are seen."""

    id: str
    best_level: str | None  # the finest DORI level seeing it, None when unseen
    queue_m2: float
    queue_seen: dict[str, float]  # level → share of the queue area seen (0–1)


@dataclass(frozen=True)
class Coverage:
    """The coverage figures of a set of cameras over a perimeter."""

    level: str  # the level "seen" means for the shares and blind spots
    cameras: tuple[Camera, ...]
    views: tuple[View, ...]  # occluded by buildings, not yet cut to public space
    seen: dict[str, BaseGeometry]  # level → union of the views at that level
    targets: tuple[TargetCoverage, ...]
    outline_m: float  # public length of the perimeter's outline
    outline_seen: float  # share 0–1
    sectors: dict[str, float]  # sector → share of its usable surface seen
    sector_usable_m2: dict[str, float]
    usable: BaseGeometry  # the perimeter's usable surface
    blind_spots: tuple[BaseGeometry, ...]
    notices: tuple[Notice, ...]
    ground: BaseGeometry  # public space the views are cut to
    #: the views cut to public space, once for every coverage of the same cameras (shared by
    #: the copies :func:`coverage` makes for other targets)
    _cut: dict = field(default_factory=dict, compare=False, repr=False)

    def views_on_ground(self) -> list[View]:
        """The views cut to public space (for the map and the exports), cut once per set of
        cameras: the map, the panel and the exports share it, and so do the coverages of
        other targets (an attendance edit moves the queues, not what the cameras see)."""
        cut = self._cut.get("views")
        if cut is None:
            cut = []
            for view in self.views:
                shapes = on_ground(list(view.levels.values()), self.ground)
                cut.append(replace(view, levels=dict(zip(view.levels, shapes, strict=True))))
            self._cut["views"] = cut
        return list(cut)

    @property
    def checkpoints_seen(self) -> float:
        """Share (0–1) of the checkpoints seen at the coverage level or finer."""
        if not self.targets:
            return 0.0
        rank = DORI_LEVELS.index(self.level)
        good = [t for t in self.targets if t.best_level and DORI_LEVELS.index(t.best_level) >= rank]
        return len(good) / len(self.targets)

    def summary(self) -> dict[str, object]:
        """The CLI's and the report's summary (shares rounded to 3 decimals)."""
        return {
            "level": self.level,
            "coverage_checkpoints": round(self.checkpoints_seen, 3),
            "coverage_perimeter": round(self.outline_seen, 3),
            "coverage_sectors": {name: round(s, 3) for name, s in self.sectors.items()},
            "checkpoints": {t.id: t.best_level for t in self.targets},
            "queues": {
                t.id: round(t.queue_seen[self.level], 3) for t in self.targets if t.queue_m2 > 0
            },
            "blind_spots": len(self.blind_spots),
            "blind_spots_m2": round(sum(b.area for b in self.blind_spots), 1),
            "usable_m2": round(self.usable.area, 1),
        }


@dataclass(frozen=True)
class Scene:
    """What coverage is computed against, prepared once: the perimeter, its sectors' usable
    surfaces, the public ground around it and the buildings that hide things."""

    perimeter: BaseGeometry
    sectors: dict[str, BaseGeometry]  # sector → usable surface
    usable: BaseGeometry  # the perimeter's usable surface
    ground: BaseGeometry  # public ground within MARGIN_M of the perimeter
    outline: BaseGeometry  # the outline's public part
    obstacles: Obstacles
    outlines: dict[str, BaseGeometry]  # sector → its drawn polygon
    #: what sets of cameras see of this scene (content key → Coverage without targets), the
    #: most recent SEEN_KEPT: the targets' figures are the only part that depends on them
    _seen: Memo[Coverage] = field(
        default_factory=lambda: Memo(SEEN_KEPT, register=False), compare=False, repr=False
    )

    @staticmethod
    def of(area: Area, perimeter: BaseGeometry, sectors: Mapping[str, BaseGeometry]) -> Scene:
        region = perimeter.buffer(MARGIN_M)
        ground = usable_surface(area, region).geometry
        usable = shapely.intersection(ground, perimeter)
        by_sector = {name: shapely.intersection(ground, s) for name, s in sectors.items()}
        outline = shapely.intersection(perimeter.boundary, ground.buffer(0.5))
        return Scene(
            perimeter,
            by_sector,
            usable,
            ground,
            outline,
            Obstacles.of(area, region),
            dict(sectors),
        )


def check_level(level: str) -> str:
    if level not in DORI_LEVELS:
        raise CameraError("camera_unknown_level", value=level, known=", ".join(DORI_LEVELS))
    return level


def coverage(
    scene: Scene,
    cameras: Sequence[Camera],
    targets: Sequence[Target] = (),
    level: str = COVERAGE_LEVEL,
    parameters: RangeParameters | None = None,
) -> Coverage:
    """The coverage of ``cameras`` over ``scene`` (see the module docstring). What the cameras
    see is computed once per scene, cameras, level and ranges; each call adds its targets."""
    check_level(level)
    seen = scene._seen.get(
        content_key(tuple(cameras), level, parameters),
        lambda: _seen_by(scene, cameras, level, parameters),
    )
    return replace(seen, targets=tuple(_target_coverage(t, seen.seen) for t in targets))


def _seen_by(
    scene: Scene, cameras: Sequence[Camera], level: str, parameters: RangeParameters | None
) -> Coverage:
    placed, notices = placed_outside(cameras, scene.obstacles)
    views = trace_views(placed, scene.obstacles, None, parameters)
    unions = [shapely.union_all([v.levels[lvl] for v in views]) for lvl in DORI_LEVELS]
    # Finer levels lie inside coarser ones: only the coarsest is cut from the whole ground.
    seen = {DORI_LEVELS[0]: on_ground(unions[:1], scene.ground)[0]}
    for lvl, union in zip(DORI_LEVELS[1:], unions[1:], strict=True):
        seen[lvl] = shapely.intersection(union, seen[DORI_LEVELS[0]])
    for geometry in seen.values():
        shapely.prepare(geometry)
    covered = seen[level]
    outline_m = scene.outline.length
    outline_seen = (
        shapely.intersection(scene.outline, covered).length / outline_m if outline_m else 0.0
    )
    sectors = {  # what is seen is public ground already: cut by the sector's outline only
        name: shapely.intersection(scene.outlines[name], covered).area / usable.area
        if usable.area
        else 0.0
        for name, usable in scene.sectors.items()
    }
    blind = shapely.difference(scene.usable, covered)
    spots = tuple(part for part in shapely.get_parts(blind) if part.area >= BLIND_SPOT_MIN_M2)
    return Coverage(
        level=level,
        cameras=tuple(placed),
        views=tuple(views),
        seen=seen,
        targets=(),
        outline_m=outline_m,
        outline_seen=outline_seen,
        sectors=sectors,
        sector_usable_m2={name: usable.area for name, usable in scene.sectors.items()},
        usable=scene.usable,
        blind_spots=spots,
        notices=tuple(notices),
        ground=scene.ground,
    )


def _target_coverage(target: Target, seen: dict[str, BaseGeometry]) -> TargetCoverage:
    reach = Point(target.x, target.y).buffer(CHECKPOINT_REACH_M)
    best = None
    for lvl in DORI_LEVELS:  # coarse to fine: the last that meets is the best
        if shapely.intersects(seen[lvl], reach):
            best = lvl
    queue_m2 = target.queue.area
    queue_seen = {
        lvl: shapely.intersection(target.queue, seen[lvl]).area / queue_m2 if queue_m2 else 0.0
        for lvl in DORI_LEVELS
    }
    return TargetCoverage(target.id, best, queue_m2, queue_seen)


def ranges_by_camera(
    cameras: Sequence[Camera], parameters: RangeParameters | None = None
) -> dict[str, dict[str, float]]:
    """camera id → DORI level → ground range (metres, rounded to 0.1)."""
    return {c.id: camera_ranges(c, parameters).rounded() for c in cameras}
