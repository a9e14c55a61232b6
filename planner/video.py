"""The video-protection plan of a perimeter: one entry point for the app, the CLI, the report
and the exports.

It gathers the area's OSM cameras and the mobile cameras the planner placed, measures their
coverage (:mod:`planner.coverage`), proposes where to put more (:mod:`planner.proposals`) and
measures the coverage again with them. Its GeoJSON (WGS84) is the CLI's contract: camera Points
(``id``, ``source`` osm|planned|proposed, ``camera_type``, ``direction_deg``: a list, empty when
unknown, ``ranges_m`` by DORI level), view Polygons (``camera``, ``level``) and blind-spot
Polygons (``kind`` "blind_spot"), with a top-level ``summary``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry

from planner.area import Area
from planner.cameras import Camera, RangeParameters, camera_ranges, placed_camera
from planner.checkpoints import Checkpoint
from planner.coverage import (
    MARGIN_M,
    Coverage,
    Scene,
    Target,
    check_level,
    coverage,
    ranges_by_camera,
)
from planner.crs import WGS84, reproject
from planner.doctrine import COVERAGE_LEVEL, DEFAULT_HEIGHT_BY_MOUNT_M, DORI_LEVELS
from planner.errors import Notice
from planner.osm_cameras import osm_cameras
from planner.plan import Plan
from planner.proposals import Proposal, propose

#: Coordinates in the GeoJSON: 7 decimals of a degree (about a centimetre).
DECIMALS = 7


@dataclass(frozen=True)
class VideoSettings:
    """What the planner chooses: the level that counts as seen, night, the mobile cameras to
    propose and what they are like, and the weights of the choice."""

    level: str = COVERAGE_LEVEL
    night: bool = False
    night_factor: float | None = None
    propose: int = 0
    mobile_type: str = "fixed"
    mobile_fov_deg: float | None = None
    mobile_resolution_px: int | None = None
    mobile_height_m: float = DEFAULT_HEIGHT_BY_MOUNT_M["pole"]
    weights: Mapping[str, float] = field(default_factory=dict)

    def ranges(self) -> RangeParameters:
        if self.night_factor is None:
            return RangeParameters(night=self.night)
        return RangeParameters(night=self.night, night_factor=self.night_factor)


@dataclass(frozen=True)
class VideoPlan:
    """The cameras' coverage before and after the proposed mobile cameras."""

    existing: Coverage  # OSM and planned cameras
    proposals: tuple[Proposal, ...]
    final: Coverage  # with the proposals
    ranges: dict[str, dict[str, float]]  # camera id → level → metres
    notices: tuple[Notice, ...]

    def to_geojson(self, crs: str) -> dict[str, Any]:
        """The CLI's FeatureCollection (WGS84), with the final coverage's ``summary``."""
        cameras = [self._camera_feature(c) for c in self.final.cameras]
        shapes: list[tuple[BaseGeometry, dict[str, Any]]] = [
            (geometry, {"kind": "view", "camera": v.camera, "level": level})
            for v in self.final.views_on_ground()
            for level, geometry in v.levels.items()
            if not geometry.is_empty
        ]
        shapes += [
            (spot, {"kind": "blind_spot", "area_m2": round(spot.area, 1)})
            for spot in self.final.blind_spots
        ]
        polygons = _to_wgs84([s[0] for s in shapes], crs)
        features = cameras + [
            {"type": "Feature", "geometry": mapping(geometry), "properties": props}
            for geometry, (_, props) in zip(polygons, shapes, strict=True)
        ]
        summary = self.final.summary()
        summary["before"] = self.existing.summary()
        summary["proposed"] = len(self.proposals)
        return {"type": "FeatureCollection", "summary": summary, "features": features}

    def export_frames(self, crs: str) -> dict[str, gpd.GeoDataFrame]:
        """The GeoPackage/KML/GeoJSON layers (projected in ``crs``): ``cameras`` (flat columns:
        directions as text, one range column per DORI level), ``camera_views`` (camera, level)
        and ``blind_spots``."""
        adds = {p.camera.id: p for p in self.proposals}
        rows = []
        for c in self.final.cameras:
            proposal = adds.get(c.id)
            rows.append(
                {
                    "id": c.id,
                    "source": c.source,
                    "camera_type": c.camera_type,
                    "directions": "360"
                    if c.all_round
                    else ";".join(f"{d:g}" for d in c.directions),
                    "fov_deg": round(c.field_of_view, 1),
                    "height_m": c.height_m,
                    "mount": (proposal.mount if proposal else c.mount) or "",
                    "commune": c.commune or "",
                    **{f"range_{lvl}_m": self.ranges[c.id][lvl] for lvl in DORI_LEVELS},
                    "adds_checkpoints": ", ".join(proposal.checkpoints) if proposal else "",
                    "adds_crowd_m2": round(proposal.crowd_m2, 1) if proposal else 0.0,
                }
            )
        points = [Point(c.x, c.y) for c in self.final.cameras]
        views = [
            ({"camera": v.camera, "level": level}, geometry)
            for v in self.final.views_on_ground()
            for level, geometry in v.levels.items()
            if not geometry.is_empty
        ]
        spots = [({"area_m2": round(b.area, 1)}, b) for b in self.final.blind_spots]
        return {
            "cameras": _frame(rows, points, crs),
            "camera_views": _frame([v[0] for v in views], [v[1] for v in views], crs),
            "blind_spots": _frame([b[0] for b in spots], [b[1] for b in spots], crs),
        }

    def _camera_feature(self, camera: Camera) -> dict[str, Any]:
        adds = next((p for p in self.proposals if p.camera.id == camera.id), None)
        props: dict[str, Any] = {
            "kind": "camera",
            "id": camera.id,
            "source": camera.source,
            "camera_type": camera.camera_type,
            "direction_deg": [round(d, 1) for d in camera.directions],
            "all_round": camera.all_round,
            "fov_deg": round(camera.field_of_view, 1),
            "height_m": camera.height_m,
            "ranges_m": self.ranges[camera.id],
            "mount": adds.mount if adds else camera.mount,
            "commune": camera.commune,
        }
        if adds is not None:
            props["adds"] = {
                "checkpoints": list(adds.checkpoints),
                "queue_m2": round(adds.queue_m2, 1),
                "crowd_m2": round(adds.crowd_m2, 1),
            }
        point = {
            "type": "Point",
            "coordinates": [round(camera.lon, DECIMALS), round(camera.lat, DECIMALS)],
        }
        return {"type": "Feature", "geometry": point, "properties": props}


def checkpoint_targets(
    checkpoints: Sequence[Checkpoint], queues: Mapping[str, BaseGeometry] | None = None
) -> list[Target]:
    """A coverage target per checkpoint, with its queue area when known (projected)."""
    queues = queues or {}
    return [
        Target(c.id, c.x, c.y, queues[c.id]) if c.id in queues else Target(c.id, c.x, c.y)
        for c in checkpoints
    ]


def plan_targets(plan: Plan) -> list[Target]:
    """The plan's filtering points with their queue areas (every checkpoint when the plan has
    no access roles)."""
    if plan.roles is None:
        return checkpoint_targets(plan.checkpoints)
    queues = {
        a.id: a.queue_area
        for a in plan.roles.accesses
        if a.role == "filtering" and a.queue_area is not None
    }
    filtering = set(plan.roles.filtering())
    return checkpoint_targets([c for c in plan.checkpoints if c.id in filtering], queues)


def video_plan(
    area: Area,
    perimeter: BaseGeometry,
    sectors: Mapping[str, BaseGeometry],
    targets: Sequence[Target] = (),
    planned: Sequence[Camera] = (),
    settings: VideoSettings | None = None,
    scene: Scene | None = None,
) -> VideoPlan:
    """Coverage of the area's OSM cameras and the ``planned`` ones over ``perimeter`` (projected)
    and its ``sectors`` (the perimeter as sector A when there are none), then ``settings.propose``
    mobile cameras placed greedily, and the coverage with them. ``scene``: the perimeter's
    :class:`Scene` when the caller already holds it (the plan pipeline caches it)."""
    s = settings or VideoSettings()
    check_level(s.level)
    if scene is None:
        scene = Scene.of(area, perimeter, sectors or {"A": perimeter})
    found, notices = osm_cameras(area)
    parameters = s.ranges()
    cameras = [*near(found, perimeter, parameters), *planned]
    notices = tuple(n for n in notices if n.params["camera"] in {c.id for c in cameras})
    notices += out_of_reach(planned, perimeter, parameters)
    existing = coverage(scene, cameras, targets, s.level, parameters)
    proposals: list[Proposal] = []
    final = existing
    if s.propose > 0:
        template = mobile_template(area, s)
        proposals, more = propose(
            area, scene, existing, template, s.propose, targets, s.weights, parameters
        )
        notices = (*notices, *more)
        if proposals:
            final = coverage(
                scene, [*cameras, *(p.camera for p in proposals)], targets, s.level, parameters
            )
    ranges = ranges_by_camera(final.cameras, parameters)
    return VideoPlan(existing, tuple(proposals), final, ranges, (*notices, *existing.notices))


def near(
    cameras: Sequence[Camera], perimeter: BaseGeometry, parameters: RangeParameters
) -> list[Camera]:
    """The cameras whose detection range may reach the perimeter's public ground (MARGIN_M
    around it): an area's other cameras do not count."""
    return [
        c
        for c in cameras
        if shapely.distance(perimeter, Point(c.x, c.y))
        <= MARGIN_M + camera_ranges(c, parameters).far_m[DORI_LEVELS[0]]
    ]


def out_of_reach(
    planned: Sequence[Camera], perimeter: BaseGeometry, parameters: RangeParameters
) -> tuple[Notice, ...]:
    """A notice for each camera the planner placed too far to see any of the perimeter (kept
    in the plan and drawn: it is the planner's, perhaps placed for another perimeter)."""
    reach = {c.id for c in near(planned, perimeter, parameters)}
    return tuple(
        Notice(
            "camera_out_of_reach",
            {"camera": c.id, "distance_m": shapely.distance(perimeter, Point(c.x, c.y))},
        )
        for c in planned
        if c.id not in reach
    )


def mobile_template(area: Area, settings: VideoSettings) -> Camera:
    """The mobile camera the proposals place (its position and direction set by each option)."""
    lon, lat = area.center_wgs84()[::-1]
    extra = (
        {}
        if settings.mobile_resolution_px is None
        else {"resolution_px": settings.mobile_resolution_px}
    )
    return placed_camera(
        area,
        "mobile",
        lon,
        lat,
        camera_type=settings.mobile_type,
        fov_deg=settings.mobile_fov_deg,
        height_m=settings.mobile_height_m,
        source="proposed",
        **extra,
    )


def _frame(
    rows: list[dict[str, Any]], geometries: list[BaseGeometry], crs: str
) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=geometries, crs=crs) if rows else gpd.GeoDataFrame()


def _to_wgs84(geometries: list[BaseGeometry], crs: str) -> list[BaseGeometry]:
    if not geometries:
        return []
    return list(shapely.set_precision(reproject(geometries, crs, WGS84), 10**-DECIMALS))
