"""The video protection on the map sheet: camera views by DORI level, blind spots hatched and
cameras by source, drawn from the export's ``camera_views``, ``blind_spots`` and ``cameras``
layers (projected) with the style specification's colours, each in the legend.
"""

from __future__ import annotations

import shapely
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch

from layers.labels import label
from layers.sheet_draw import clipped, polygon_path
from layers.sheet_legend import Legend
from layers.style import mpl_area
from planner import i18n
from planner.doctrine import DORI_LEVELS
from planner.export_layers import PlanLayers
from planner.style import BLIND_SPOTS, CAMERA_VIEWS, CAMERAS

#: Drawing order: views over the zones' fills, blind spots over the views, cameras with points.
VIEWS_Z, BLIND_Z, CAMERAS_Z = 8.7, 8.9, 12.5


def draw_cameras(ax: Axes, layers: PlanLayers, bounds: tuple[float, ...], legend: Legend) -> None:
    """The cameras in reach of the perimeter, their views and the blind spots inside ``bounds``."""
    lang = legend.lang
    views = layers.cameras.get("camera_views")
    if views is not None and len(views):
        for level in DORI_LEVELS:  # coarsest first: the finer levels lie over it
            shapes = views.geometry[views["level"] == level]
            path = polygon_path(clipped([shapely.union_all(shapes.values)], bounds))
            if path is None:
                continue
            style = mpl_area(CAMERA_VIEWS[level], width_pt=0.3)
            ax.add_patch(PathPatch(path, zorder=VIEWS_Z, **style))
            text = i18n.text("legend", "camera_view", lang, level=label(f"dori_{level}", lang))
            legend.add_patch(f"camera_view:{level}", text=text, **style)
    spots = layers.cameras.get("blind_spots")
    if spots is not None and len(spots):
        path = polygon_path(clipped(spots.geometry.values, bounds))
        if path is not None:
            # outlined and thinly hatched: the plan under them stays readable
            style = mpl_area(BLIND_SPOTS, width_pt=0.5) | {"alpha": 0.45}
            ax.add_patch(PathPatch(path, zorder=BLIND_Z, **style))
            legend.add_patch("camera_blind_spots", text=label("blind_spots", lang), **style)
    cameras = layers.cameras.get("cameras")
    if cameras is None or not len(cameras):
        return
    x0, y0, x1, y1 = bounds
    for source, style in CAMERAS.items():
        shown = cameras[cameras["source"] == source].geometry
        shown = shown[(shown.x >= x0) & (shown.x <= x1) & (shown.y >= y0) & (shown.y <= y1)]
        if not len(shown):
            continue
        size = style.size * 0.6
        ax.plot(shown.x, shown.y, ls="none", marker="o", ms=size, mfc=style.fill, mec=style.stroke,
                mew=0.6, zorder=CAMERAS_Z)  # fmt: skip
        text = label(f"camera_{source}", lang)
        handle = Line2D([], [], ls="none", marker="o", ms=size, mfc=style.fill, mec=style.stroke)
        legend.add(f"camera:{source}", handle, text[:1].upper() + text[1:])
