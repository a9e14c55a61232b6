"""Page 1 of the map sheet: the base map from the OSM vectors, the plan, the grid and the furniture.

The colours are the app's (:mod:`layers.basemap`, :mod:`layers.zones`, :mod:`layers.routes`,
:mod:`layers.exercise`, :mod:`layers.overlays`), so that paper and screen agree. Checkpoints are
numbered discs moved apart when they would overlap (a thin leader line joins a moved disc to its
place); street names are placed along their street where they fit and hide nothing.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, PathPatch, Polygon, Rectangle

from layers.basemap import ATTRIBUTION, BACKGROUND, BUILDING_STYLE, STREET_STYLES
from layers.sheet import (
    INK,
    MUTED,
    PT_MM,
    Layout,
    MapView,
    column_letters,
    scale_text,
    sheet_label,
)
from layers.sheet_draw import (
    Placer,
    clipped,
    line_angle,
    line_parts,
    polygon_path,
    text_width_mm,
)
from layers.sheet_legend import Legend, draw_panel
from layers.sheet_plan import draw_plan
from planner.area import Area
from planner.export_layers import PlanLayers
from planner.style import LANDCOVER, MAJOR, MAJOR_CASING, OPEN_SPACE

LANDCOVER_STYLES = {k: {"facecolor": s.fill, "edgecolor": s.stroke} for k, s in LANDCOVER.items()}
OPEN_SPACE_STYLE = {"facecolor": OPEN_SPACE.fill, "edgecolor": OPEN_SPACE.stroke}
#: Street widths on paper (points) by highway class, at about 1:2 500.
STREET_WIDTHS = {
    "motorway": 4.2,
    "trunk": 4.0,
    "primary": 3.8,
    "secondary": 3.3,
    "tertiary": 2.9,
    "unclassified": 2.2,
    "residential": 2.2,
    "living_street": 2.0,
    "road": 2.0,
    "busway": 1.8,
    "service": 1.2,
    "track": 1.0,
    "pedestrian": 1.6,
}
FOOTWAY_WIDTH = 0.7
GRID_COLOUR = "#2b2b2b"


def draw_map_page(
    fig: Figure,
    page: Axes,
    area: Area,
    layers: PlanLayers,
    layout: Layout,
    view: MapView,
    lang: str,
) -> None:
    """The map frame, its grid labels, attribution, and the panel (title block and legend)."""
    x, y, w, h = layout.map_box
    ax = fig.add_axes((x / layout.width, y / layout.height, w / layout.width, h / layout.height))
    ax.set_xlim(view.x0, view.x1)
    ax.set_ylim(view.y0, view.y1)
    ax.set_facecolor(BACKGROUND)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.9)
        spine.set_color(INK)
    placer = Placer(w, h, view.x0, view.y0, view.scale)
    legend = Legend(lang)
    widen = min(max(2500 / view.scale, 0.7), 1.5)
    draw_base(ax, area, view, widen, legend)
    street_lines = _named_streets(area, view)
    _scale_bar(ax, placer, view, layers, lang, layout.font_scale)
    _north_arrow(ax, placer)
    draw_plan(ax, layers, view, placer, legend, lang)
    _draw_grid(ax, page, view, layout)
    _street_labels(ax, street_lines, placer, widen)
    fs = layout.font_scale
    page.text(x + w, y - 1.2, ATTRIBUTION, ha="right", va="top", fontsize=6 * fs, color=MUTED)
    page.text(x, y - 1.2, sheet_label("grid_note", lang), va="top", fontsize=6 * fs, color=MUTED)
    draw_panel(fig, page, layers, layout, view, legend)


def draw_base(ax: Axes, area: Area, view: MapView, widen: float, legend: Legend) -> None:
    """Landcover, open spaces, buildings and streets clipped to the view."""
    bounds = _padded(view.bounds, 30)
    landcover = area.landcover  # None in an Area built before landcover existed
    if landcover is not None and len(landcover):
        inside = landcover.cx[bounds[0] : bounds[2], bounds[1] : bounds[3]]
        for kind, style in LANDCOVER_STYLES.items():
            path = polygon_path(clipped(inside[inside["kind"] == kind].geometry, bounds))
            if path is not None:
                ax.add_patch(PathPatch(path, lw=0.3, zorder=1, **style))
                legend.add_patch("landcover_" + kind, lw=0.3, **style)
    spaces = area.open_spaces.cx[bounds[0] : bounds[2], bounds[1] : bounds[3]]
    path = polygon_path(clipped(spaces.geometry, bounds))
    if path is not None:
        ax.add_patch(PathPatch(path, lw=0.3, zorder=2, **OPEN_SPACE_STYLE))
        legend.add_patch("open_space", lw=0.3, **OPEN_SPACE_STYLE)
    buildings = area.buildings.cx[bounds[0] : bounds[2], bounds[1] : bounds[3]]
    path = polygon_path(clipped(buildings.geometry, bounds))
    if path is not None:
        style = {"facecolor": BUILDING_STYLE["fillColor"], "edgecolor": BUILDING_STYLE["color"]}
        ax.add_patch(PathPatch(path, lw=0.35, zorder=3, **style))
        legend.add_patch("building", lw=0.35, **style)
    streets = area.streets.cx[bounds[0] : bounds[2], bounds[1] : bounds[3]]
    if not len(streets):
        return
    tunnel = streets["tunnel"].map(lambda t: isinstance(t, str) and t not in ("no", ""))
    pedestrian = streets["kind"] == "pedestrian"
    footway = pedestrian & (streets["highway"] != "pedestrian")
    styles = STREET_STYLES
    _lines(ax, streets[tunnel], styles["tunnel"], 1.6 * widen, (0, (3, 2)), 4)
    _lines(ax, streets[~tunnel & footway], styles["pedestrian"], FOOTWAY_WIDTH, (0, (3, 2)), 5)
    ped_street = ~tunnel & pedestrian & ~footway
    _lines(ax, streets[ped_street], styles["pedestrian"], 1.6 * widen, (0, (2, 1)), 5)
    vehicle = streets[~tunnel & ~pedestrian]
    base = vehicle["highway"].str.removesuffix("_link")
    link = vehicle["highway"].str.endswith("_link")
    width = base.map(STREET_WIDTHS).fillna(1.2) * np.where(link, 0.8, 1.0) * widen
    major = vehicle["highway"].isin(MAJOR)
    for is_major in (False, True):
        for value in sorted(set(width[major == is_major])):
            rows = vehicle[(major == is_major) & (width == value)]
            if is_major:  # a darker casing under the orange of main roads
                _lines(ax, rows, {"color": MAJOR_CASING}, value + 0.9, "-", 6)
            _lines(ax, rows, styles["major" if is_major else "minor"], value, "-", 6 + is_major)
    legend.add_line("street_major", color=styles["major"]["color"], lw=3)
    legend.add_line("street_minor", color=styles["minor"]["color"], lw=2)
    if footway.any() or ped_street.any():
        legend.add_line(
            "street_pedestrian", color=styles["pedestrian"]["color"], lw=1, ls=(0, (3, 2))
        )
    if tunnel.any():
        legend.add_line("street_tunnel", color=styles["tunnel"]["color"], lw=1.4, ls=(0, (3, 2)))


def _lines(ax: Axes, rows, style: dict, width: float, dashes, zorder: int) -> None:
    parts = line_parts(rows.geometry.values)
    if parts:
        ax.add_collection(
            LineCollection(
                parts,
                colors=style["color"],
                linewidths=width,
                linestyles=dashes,
                alpha=style.get("opacity", 1.0),
                capstyle="round" if dashes == "-" else "butt",
                joinstyle="round",
                zorder=zorder,
            ),
            autolim=False,
        )


def _padded(bounds: tuple[float, ...], pad: float) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bounds
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _named_streets(area: Area, view: MapView) -> list[tuple[int, str, object, float]]:
    """(rank, name, merged line, drawn width in points) of the named streets in the view,
    most important first."""
    streets = area.streets.cx[view.x0 : view.x1, view.y0 : view.y1]
    named = streets[streets["name"].map(lambda n: isinstance(n, str) and n.strip() != "")]
    named = named[(named["kind"] == "vehicle") | (named["highway"] == "pedestrian")]
    out = []
    for name, rows in named.groupby("name"):
        merged = shapely.line_merge(shapely.union_all(clipped(rows.geometry, view.bounds)))
        parts = [p for p in shapely.get_parts(merged) if p.geom_type == "LineString"]
        if parts:
            longest = max(parts, key=lambda p: p.length)
            main = rows.loc[rows["rank"].idxmin()]
            width = STREET_WIDTHS.get(str(main["highway"]).removesuffix("_link"), 1.2)
            out.append((int(main["rank"]), str(name), longest, width))
    return sorted(out, key=lambda r: (r[0], -r[2].length))


def _street_labels(ax: Axes, streets: list, placer: Placer, widen: float) -> None:
    """Street names alongside their street (not on it: the line would fill the spaces)."""
    size = 5.2
    halo = [patheffects.withStroke(linewidth=1.6, foreground="white")]
    for _, name, line, width in streets:
        offset = width * widen * PT_MM / 2 + size * PT_MM * 0.55 + 0.2  # mm, centre to centre
        half = (text_width_mm(name, size) / 2 + 1) * placer.m_per_mm
        if line.length < 2.2 * half:
            continue
        for at in (0.5, 0.35, 0.65, 0.2, 0.8):
            x, y, angle, straight = line_angle(line, at * line.length, half)
            if straight < 0.93 or at * line.length < half or (1 - at) * line.length < half:
                continue
            u, v = placer.to_mm(x, y)
            u -= offset * math.sin(math.radians(angle))  # above the street, as the text reads
            v += offset * math.cos(math.radians(angle))
            x, y = placer.to_map(u, v)
            if placer.try_text(u, v, name, size, angle):
                ax.text(
                    x, y, name, rotation=angle, rotation_mode="anchor", ha="center",
                    va="center", fontsize=size, style="italic", color="#4a4a4a",
                    path_effects=halo, zorder=14, clip_on=True,
                )  # fmt: skip
                break


def _draw_grid(ax: Axes, page: Axes, view: MapView, layout: Layout) -> None:
    """The carroyage over the map; letters along the top, numbers down the left side."""
    grid, fs = view.grid, layout.font_scale
    x, y, w, h = layout.map_box
    style = {"color": GRID_COLOUR, "lw": 0.45, "alpha": 0.55, "zorder": 10}
    for i in range(1, grid.columns):
        ax.axvline(grid.x0 + i * grid.cell_width, **style)
    for j in range(1, grid.rows):
        ax.axhline(grid.y1 - j * grid.cell_height, **style)
    cell_w, cell_h = w / grid.columns, h / grid.rows
    text = {"fontsize": 7.5 * fs, "fontweight": "bold", "color": INK, "ha": "center"}
    for i in range(grid.columns):
        page.text(x + (i + 0.5) * cell_w, y + h + 1.0, column_letters(i), va="bottom", **text)
    for j in range(grid.rows):
        page.text(x - 2.6, y + h - (j + 0.5) * cell_h, str(j + 1), va="center", **text)


def _scale_bar(
    ax: Axes, placer: Placer, view: MapView, layers: PlanLayers, lang: str, fs: float
) -> None:
    """A round-metre bar (50, 100, 200, 500 m…) and the scale, in the emptiest bottom corner."""
    width_m = view.x1 - view.x0
    steps = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
    length = max([s for s in steps if s <= width_m / 4.5] or [steps[0]])
    bar_mm = length / placer.m_per_mm
    corners = [(5.0, 5.5), (placer.frame_w - bar_mm - 10.5, 5.5)]
    u0, v0 = min(corners, key=lambda c: _crowding(placer, layers, c, bar_mm))
    x0, y0 = placer.to_map(u0, v0)
    bg_x, bg_y = placer.to_map(u0 - 2.5, v0 - 3.2)
    m = placer.m_per_mm
    ax.add_patch(
        Rectangle((bg_x, bg_y), (bar_mm + 13) * m, 10.5 * m, fc="white", ec="#777777",
                  lw=0.4, alpha=0.9, zorder=20)
    )  # fmt: skip
    for i in range(4):
        colour = INK if i % 2 == 0 else "white"
        ax.add_patch(
            Rectangle((x0 + i * length / 4, y0), length / 4, 1.4 * m, fc=colour, ec=INK,
                      lw=0.5, zorder=21)
        )  # fmt: skip
    text = {"fontsize": 6 * fs, "ha": "center", "va": "bottom", "zorder": 22, "color": INK}
    ax.text(x0, y0 + 2.0 * m, "0", **text)
    ax.text(x0 + length / 2, y0 + 2.0 * m, f"{length // 2:g}", **text)
    ax.text(x0 + length, y0 + 2.0 * m, f"{length:g} m", **text)
    ax.text(x0, y0 - 0.6 * m, scale_text(view.scale, lang), **(text | {"ha": "left", "va": "top"}))
    placer.take(shapely.box(u0 - 2.5, v0 - 3.2, u0 + bar_mm + 10.5, v0 + 7.3))


def _crowding(placer: Placer, layers: PlanLayers, corner: tuple[float, float], bar: float) -> float:
    """How much of the plan a scale bar at ``corner`` would hide (points count most)."""
    u0, v0 = corner
    box = shapely.box(*placer.to_map(u0 - 2.5, v0 - 3.2), *placer.to_map(u0 + bar + 10.5, v0 + 7.3))
    points = [layers.checkpoints.geometry, layers.pois.geometry]
    hidden = sum(int(box.contains(p).sum()) for p in points if len(p))
    edges = (
        layers.zones.geometry.boundary.intersection(box).length.sum() if len(layers.zones) else 0
    )
    return 10 * hidden + edges / placer.m_per_mm


def _north_arrow(ax: Axes, placer: Placer) -> None:
    """Grid north, top right (Lambert-93's and UTM's convergence is a few degrees at most)."""
    u, v = placer.frame_w - 8.0, placer.frame_h - 11.0
    m = placer.m_per_mm
    cx, cy = placer.to_map(u, v)
    ax.add_patch(Circle((cx, cy), 5.4 * m, fc="white", ec="#777777", lw=0.4, alpha=0.9, zorder=20))
    tip, base, half = (cx, cy + 3.6 * m), cy - 3.0 * m, 2.0 * m
    ax.add_patch(
        Polygon([tip, (cx - half, base), (cx, cy - 1.6 * m)], fc=INK, ec=INK, lw=0.5, zorder=21)
    )
    ax.add_patch(
        Polygon([tip, (cx + half, base), (cx, cy - 1.6 * m)], fc="white", ec=INK, lw=0.5, zorder=21)
    )
    ax.text(
        cx, cy + 3.9 * m, "N", ha="center", va="bottom", fontsize=7, fontweight="bold", zorder=22
    )
    placer.take(shapely.Point(u, v + 1.5).buffer(7.0))
