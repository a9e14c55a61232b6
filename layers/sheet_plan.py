"""The plan on the map sheet: zones, camera views, hazards, routes, points and numbered checkpoints.

What is drawn enters the legend (:class:`layers.sheet_legend.Legend`). Labels are placed
through the sheet's :class:`~layers.sheet_draw.Placer` so that none hides another or a
checkpoint; sector names are always written, at the best spot found.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Patch, PathPatch
from shapely.ops import polylabel

from layers.basemap import POI_COLOURS
from layers.labels import label
from layers.sheet import INK, PT_MM, MapView
from layers.sheet_cameras import draw_cameras
from layers.sheet_draw import Placer, clipped, polygon_path, spread, text_width_mm
from layers.sheet_legend import Legend
from layers.style import MPL_MARKERS, mpl_area, mpl_dashes
from layers.zones import zone_caption
from planner.export_layers import PlanLayers
from planner.style import (
    HAZARD_LABEL_FILL,
    HAZARDS,
    PLAN_POINTS,
    POIS,
    PX_PT,
    ROUTES,
    feature_style,
    route_key,
    zone_style,
)

#: Symbols of points on the map: (marker, face colour, glyph by language, size in points).
SYMBOLS: dict[str, tuple[str, str, dict[str, str], float]] = {
    category: (
        MPL_MARKERS[s.marker],
        "white" if s.fill == "#ffffff" else str(s.fill),
        {"fr": s.glyph[0], "en": s.glyph[1]},
        round(s.size * 0.68, 1),
    )
    for category, s in POIS.items()
    if s.glyph[0]
}


def draw_plan(
    ax: Axes, layers: PlanLayers, view: MapView, placer: Placer, legend: Legend, lang: str
) -> None:
    """Zones, camera views, hazards, routes, points and checkpoints, in that order from the
    bottom (the checkpoints are placed first, so that labels go around them)."""
    bounds = view.bounds
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    _checkpoints(ax, layers.checkpoints, placer, legend)
    sectors = 0
    zones = layers.zones
    rows = zip(zones["role"], zones["name"], zones.geometry, strict=True) if len(zones) else []
    for role, name, geometry in rows:
        style = zone_style(role, sectors)
        colour = style.stroke
        sectors += role == "sector"
        path = polygon_path(clipped([geometry], bounds))
        if path is None:
            continue
        kwargs = mpl_area(style, width_pt=2.4 if role == "perimeter" else 1.2)
        zorder = {"sector": 8.0, "perimeter": 8.6}.get(role, 8.3)
        ax.add_patch(PathPatch(path, zorder=zorder, **kwargs))
        legend_style = {k: v for k, v in kwargs.items() if k != "lw"} | {"lw": 1.0}
        if role == "sector":
            text = zone_caption({"role": "sector", "name": name}, lang)
            legend.add_patch(f"sector:{name}", text=text, **legend_style)
            _area_label(ax, placer, geometry, text, 9.0, colour, halo, "bold", force=True)
        else:
            legend.add_patch("zone_" + role, text=label("role_" + role, lang), **legend_style)
            if name and role != "perimeter":
                _area_label(ax, placer, geometry, name, 5.2, colour, halo, "normal")
    draw_cameras(ax, layers, bounds, legend)
    _hazards(ax, layers, bounds, placer, legend, lang)
    _routes(ax, layers, bounds, legend, lang)
    _points(ax, layers, bounds, placer, legend, lang, halo)


def _area_label(ax, placer, geometry, text, size, colour, halo, weight, force=False) -> None:
    """A zone's name at the first free spot inside it, nearest its pole of inaccessibility."""
    shape = shapely.clip_by_rect(geometry, placer.x0, placer.y0, *placer.to_map(placer.frame_w,
                                 placer.frame_h))  # fmt: skip
    if shape.is_empty:
        return
    parts = [p for p in shapely.get_parts(shape) if p.geom_type == "Polygon"]
    if not parts:
        return
    main = max(parts, key=lambda p: p.area)
    pole = polylabel(main, tolerance=1.0)
    x0, y0, x1, y1 = main.bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, 9), np.linspace(y0, y1, 9))
    candidates = [pole, *shapely.points(xs.ravel(), ys.ravel())]
    candidates = [pole] + sorted(
        (c for c in candidates[1:] if main.contains(c)), key=lambda c: c.distance(pole)
    )
    for point in candidates:
        if placer.try_text(*placer.to_mm(point.x, point.y), text, size):
            break
    else:
        if not force:
            return
        point = pole
    ax.text(point.x, point.y, text, ha="center", va="center", fontsize=size, color=colour,
            fontweight=weight, path_effects=halo, zorder=14)  # fmt: skip


def _hazards(ax, layers: PlanLayers, bounds, placer: Placer, legend: Legend, lang: str) -> None:
    hazards = layers.hazard_zones
    if not len(hazards):
        return
    order = {"lel_10": 0, "lel_60": 1, "isolation": 2}
    rows = sorted(zip(hazards["zone"], hazards.geometry, strict=True), key=lambda r: order[r[0]])
    for zone, geometry in rows:
        style = HAZARDS.get(zone, HAZARDS["isolation"])
        path = polygon_path(clipped([geometry], bounds))
        if path is None:
            continue
        kwargs = mpl_area(style, width_pt=style.width * 0.7)
        ax.add_patch(PathPatch(path, zorder=9, **kwargs))
        legend.add_patch("hazard_" + zone, **kwargs)
    if hazards["screening_estimate"].any():
        legend.add(
            "screening", Patch(fc="none", ec="none"), "* " + label("screening_estimate", lang)
        )
        for key in ("hazard_lel_10", "hazard_lel_60"):
            if key in legend.entries:
                handle, text = legend.entries[key]
                legend.entries[key] = (handle, text + " *")
    for _, rows in hazards.groupby("id", sort=False):
        first = rows.iloc[0]
        circle = rows[rows["zone"] == "isolation"].geometry
        top = (circle.iloc[0] if len(circle) else rows.geometry.iloc[0]).bounds
        x, y = (top[0] + top[2]) / 2, top[3]
        text = (f"⚠ {label('hazard_kind_' + first['kind'], lang)} · {first['radius_m']:.0f} m · "
                f"~{first['people_estimate']} {label('people', lang)}")  # fmt: skip
        u, v = placer.to_mm(x, y)
        placer.try_text(u, v + 2.5, text, 6.0)
        ax.text(x, y + 2.5 * placer.m_per_mm, text, ha="center", va="center", fontsize=6,
                color="white", fontweight="bold", zorder=18,
                bbox={"boxstyle": "round,pad=0.25", "fc": HAZARD_LABEL_FILL,
                      "ec": "none"})  # fmt: skip


def _routes(ax, layers: PlanLayers, bounds, legend: Legend, lang: str) -> None:
    routes = layers.routes
    if not len(routes):
        return
    for kind, station, line in zip(
        routes["kind"], routes["station_kind"], routes.geometry, strict=True
    ):
        if line is None or line.is_empty or line.length < 1:
            continue
        key = route_key(kind, station)
        style = ROUTES[key]
        coords = shapely.get_coordinates(line)
        width = style.width * PX_PT
        ax.plot(coords[:, 0], coords[:, 1], color=style.stroke, lw=width, alpha=style.opacity,
                ls=mpl_dashes(style), zorder=11, solid_capstyle="round")  # fmt: skip
        tail = line.interpolate(max(line.length - 6, 0))
        ax.add_patch(FancyArrowPatch((tail.x, tail.y), tuple(coords[-1]), arrowstyle="-|>",
                     mutation_scale=7, color=style.stroke, lw=0, zorder=11))  # fmt: skip
        text = label("route_" + kind, lang)
        if kind == "emergency":
            text += " — " + label(station, lang)
        legend.add_line("route_" + key, text=text, color=style.stroke, lw=width,
                        ls=mpl_dashes(style))  # fmt: skip


def _points(ax, layers: PlanLayers, bounds, placer: Placer, legend: Legend, lang: str, halo):
    pois = layers.pois
    if not len(pois):
        return
    inside = [
        bounds[0] <= p.x <= bounds[2] and bounds[1] <= p.y <= bounds[3] for p in pois.geometry
    ]
    pois = pois[inside]
    transit = pois[pois["category"] == "transit"]
    if len(transit):
        ax.plot(transit.geometry.x, transit.geometry.y, ls="none", marker="o", ms=3.2,
                mfc=POI_COLOURS["transit"], mec="white", mew=0.4, zorder=12)  # fmt: skip
        legend.add_marker("poi_transit", "o", POI_COLOURS["transit"], 4)
    named = []
    for category, name, point in zip(pois["category"], pois["name"], pois.geometry, strict=True):
        if category not in SYMBOLS:
            continue
        marker, face, glyphs, size = SYMBOLS[category]
        glyph = glyphs.get(lang, glyphs["en"])
        edge = POIS[category].stroke
        ax.plot([point.x], [point.y], ls="none", marker=marker, ms=size, mfc=face, mec=edge,
                mew=0.9, zorder=13)  # fmt: skip
        ax.text(point.x, point.y, glyph, ha="center", va="center_baseline", zorder=13.5,
                fontsize=size * (0.62 if len(glyph) < 2 else 0.48), fontweight="bold",
                color=edge if face == "white" else "white")  # fmt: skip
        u, v = placer.to_mm(point.x, point.y)
        placer.take(shapely.Point(u, v).buffer(size * PT_MM / 2))
        key = ("point_" if category in PLAN_POINTS else "poi_") + category
        legend.add_marker(key, marker, face, size, glyph)
        if isinstance(name, str) and name:
            named.append((point, name, size))
    for point, name, size in named:
        u, v = placer.to_mm(point.x, point.y)
        off = size * PT_MM / 2 + 0.8
        for du, dv, ha in ((off, 0, "left"), (-off, 0, "right"), (0, off + 1, "center"),
                           (0, -off - 1, "center")):  # fmt: skip
            width = text_width_mm(name, 5.2) if ha != "center" else 0
            start = u + du - (width if ha == "right" else 0)
            if placer.try_text(start, v + dv, name, 5.2, ha="left" if ha != "center" else "center"):
                x, y = placer.to_map(u + du, v + dv)
                ax.text(x, y, name, ha=ha, va="center", fontsize=5.2, color=INK,
                        path_effects=halo, zorder=14)  # fmt: skip
                break


def _checkpoints(ax, checkpoints, placer: Placer, legend: Legend) -> None:
    """Numbered discs (red: vehicles, blue: pedestrians), spread apart where they crowd."""
    if not len(checkpoints):
        return
    ids = [str(i) for i in checkpoints["id"]]
    size = 5.0
    radius = max(1.9, max(len(i) for i in ids) * 0.6 * size * PT_MM / 2 + 0.5)
    places = np.array([placer.to_mm(p.x, p.y) for p in checkpoints.geometry])
    moved = spread(places, 2 * radius + 0.3, (placer.frame_w, placer.frame_h))
    records = checkpoints.drop(columns="geometry").to_dict("records")
    for cid, record, (u0, v0), (u, v) in zip(ids, records, places, moved, strict=True):
        kind = record["kind"]
        colour = feature_style("checkpoints", record).colour
        x0, y0 = placer.to_map(u0, v0)
        x, y = placer.to_map(u, v)
        if math.hypot(u - u0, v - v0) > radius * 0.6:
            ax.plot([x0, x], [y0, y], color=colour, lw=0.6, zorder=15, marker="o", ms=1.6,
                    markevery=[0], mec="white", mew=0.3)  # fmt: skip
        ax.plot([x], [y], ls="none", marker="o", ms=2 * radius / PT_MM, mfc=colour, mec="white",
                mew=0.8, zorder=16)  # fmt: skip
        ax.text(x, y, cid, ha="center", va="center_baseline", fontsize=size, color="white",
                fontweight="bold", zorder=17)  # fmt: skip
        placer.take(shapely.Point(u, v).buffer(radius + 0.2))
        legend.add_marker("checkpoint_" + kind, "o", colour, 9, "P")
