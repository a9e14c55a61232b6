"""The video-protection layer: camera views by DORI level, blind spots hatched, cameras by source.

Views are drawn cut to public space, the coarsest level palest; blind spots are outlined and
hatched with lines (drawn as geometry, so the hatching needs no map plugin and prints the same on
the sheet); cameras are circle markers coloured by source (OSM, placed by the planner, proposed),
with their ranges in the tooltip. Any name in a tooltip goes through :func:`html_text`.
"""

from __future__ import annotations

import folium
import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from layers.geometry import one_on_map
from layers.labels import label
from layers.style import leaflet
from planner.doctrine import DORI_LEVELS
from planner.markup import html_text
from planner.memo import Memo
from planner.style import BLIND_SPOT_HATCH, BLIND_SPOTS, CAMERA_VIEWS, CAMERAS
from planner.video import VideoPlan

#: Spacing of the hatching lines over blind spots, metres (on the ground).
HATCH_SPACING_M = 4.0


def hatch_lines(polygons: list[BaseGeometry], spacing: float = HATCH_SPACING_M) -> BaseGeometry:
    """Diagonal lines ``spacing`` metres apart clipped to ``polygons`` (projected)."""
    parts = [p for p in polygons if not p.is_empty]
    if not parts:
        return shapely.MultiLineString()
    union = shapely.union_all(parts)
    west, south, east, north = union.bounds
    size = (east - west) + (north - south)
    offsets = np.arange(0.0, size + spacing, spacing)
    lines = shapely.linestrings(
        np.stack(
            [
                np.column_stack([west + offsets - (north - south), np.full_like(offsets, south)]),
                np.column_stack([west + offsets, np.full_like(offsets, north)]),
            ],
            axis=1,
        )
    )
    return shapely.intersection(shapely.multilinestrings(lines), union)


def camera_overlay(
    group: folium.FeatureGroup, video: VideoPlan | None, crs: str, lang: str
) -> None:
    """Add the views, blind spots and cameras of ``video`` to ``group``."""
    if video is None:
        return
    layer = folium.FeatureGroup(name=label("cameras_layer", lang))
    # by the views' identity: coverages of other targets (an attendance edit) share the views
    views, outline, hatching = _SHAPES.get(
        (id(video.final.views), crs), lambda: (video, *_shapes(video, crs))
    )[1:]
    for level, merged in views.items():
        folium.GeoJson(
            mapping(merged),
            style_function=lambda _f, lvl=level: leaflet(CAMERA_VIEWS[lvl], camel=True),
            tooltip=html_text(label(f"dori_{level}", lang)),
        ).add_to(layer)
    if outline is not None:
        folium.GeoJson(
            mapping(outline),
            style_function=lambda _f: (
                leaflet(BLIND_SPOTS, camel=True)
                | {"fillOpacity": 0.0, "className": "vigie-blind-spot"}
            ),
            tooltip=html_text(label("blind_spots", lang)),
        ).add_to(layer)
        folium.GeoJson(
            mapping(hatching),
            style_function=lambda _f: leaflet(BLIND_SPOT_HATCH, camel=True),
        ).add_to(layer)
    for camera in video.final.cameras:
        folium.CircleMarker(
            [camera.lat, camera.lon],
            radius=CAMERAS[camera.source].size / 2,
            fill=True,
            **leaflet(CAMERAS[camera.source]),
            class_name=f"vigie-camera vigie-camera-{camera.source}",
            tooltip=_tooltip(video, camera.id, lang),
        ).add_to(layer)
    layer.add_to(group)


#: The WGS84 shapes of a video plan's layer, per set of views (the entry holds the plan and so
#: its views, whose id names them while kept): a rerun that did not change what the cameras see
#: does not cut, merge, hatch nor reproject them again.
_SHAPES: Memo[tuple] = Memo(16)


def _shapes(
    video: VideoPlan, crs: str
) -> tuple[dict[str, BaseGeometry], BaseGeometry | None, BaseGeometry | None]:
    """The views merged by DORI level, the blind spots' outline and their hatching (WGS84)."""
    views = video.final.views_on_ground()
    merged = {}
    for level in DORI_LEVELS:
        shapes = [v.levels[level] for v in views if not v.levels[level].is_empty]
        if shapes:
            merged[level] = one_on_map(shapely.union_all(shapes), crs)
    spots = list(video.final.blind_spots)
    if not spots:
        return merged, None, None
    return merged, one_on_map(shapely.union_all(spots), crs), one_on_map(hatch_lines(spots), crs)


def _tooltip(video: VideoPlan, camera_id: str, lang: str) -> str:
    camera = next(c for c in video.final.cameras if c.id == camera_id)
    ranges = video.ranges[camera_id]
    if camera.all_round:
        direction = label("camera_all_round", lang)
    elif camera.directions:
        direction = ", ".join(f"{d:.0f}°" for d in camera.directions)
    else:
        direction = label("camera_unknown_direction", lang)
    parts = [
        f"{camera.id} — {label('camera_' + camera.source, lang)}",
        f"{camera.camera_type}, {direction}",
        " · ".join(f"{label('dori_' + lvl, lang)} {ranges[lvl]:.0f} m" for lvl in DORI_LEVELS),
    ]
    if camera.commune:
        parts.append(camera.commune)
    adds = next((p for p in video.proposals if p.camera.id == camera_id), None)
    if adds is not None:
        seen = ", ".join(adds.checkpoints)
        parts.append(
            f"{label('camera_adds', lang)} {seen + ' · ' if seen else ''}{adds.crowd_m2:.0f} m²"
        )
    return "<br>".join(html_text(p) for p in parts)
