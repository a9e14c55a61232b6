"""The plan on the map sheet (zones, hazards, routes, points, checkpoints), its legend and the
title block.

Only what the view shows enters the legend. Labels are placed through the sheet's
:class:`~planner.sheet_draw.Placer` so that none hides another or a checkpoint.
"""

from __future__ import annotations

import math
import textwrap
from datetime import datetime

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, PathPatch, Rectangle

from layers.basemap import POI_COLOURS
from layers.exercise import HAZARD_STYLES
from layers.labels import label
from layers.overlays import CHECKPOINT_COLOURS
from layers.routes import ROUTE_STYLES
from layers.zones import POINT_COLOURS, ZONE_STYLES, sector_colour
from planner.export_layers import PlanLayers
from planner.sheet import (
    INK,
    MUTED,
    PT_MM,
    Layout,
    MapView,
    format_dates,
    scale_text,
    sheet_label,
    version_text,
)
from planner.sheet_draw import Placer, clipped, polygon_path, spread, text_width_mm

#: Symbols of points on the map: (marker, face colour, glyph by language, size in points).
SYMBOLS: dict[str, tuple[str, str, dict[str, str], float]] = {
    "fire_station": ("s", POI_COLOURS["fire_station"], {"fr": "SP", "en": "FS"}, 9.5),
    "hospital": ("s", POI_COLOURS["hospital"], {"fr": "H", "en": "H"}, 9.5),
    "police": ("s", POI_COLOURS["police"], {"fr": "Po", "en": "Po"}, 9.5),
    "command_post": ("s", POINT_COLOURS["command_post"], {"fr": "PC", "en": "CP"}, 11),
    "first_aid_post": ("s", "white", {"fr": "+", "en": "+"}, 10),
    "assembly_point": ("D", POINT_COLOURS["assembly_point"], {"fr": "R", "en": "A"}, 10),
}
#: Legend order: plan first, base map last (keys match by prefix).
LEGEND_ORDER = (
    "zone_perimeter", "sector:", "zone_", "hazard_", "screening", "route_", "checkpoint_",
    "point_", "poi_", "building", "street_", "open_space", "landcover_",
)  # fmt: skip
LEGEND_TEXT: dict[str, dict[str, str]] = {
    "building": {"fr": "Bâtiment", "en": "Building"},
    "street_major": {"fr": "Voie principale", "en": "Main road"},
    "street_minor": {"fr": "Rue, voie de desserte", "en": "Street, service road"},
    "street_pedestrian": {"fr": "Voie piétonne, escalier", "en": "Footway, steps"},
    "street_tunnel": {"fr": "Tunnel", "en": "Tunnel"},
    "open_space": {"fr": "Place, espace piéton", "en": "Square, pedestrian area"},
    "landcover_water": {"fr": "Eau", "en": "Water"},
    "landcover_park": {"fr": "Parc, jardin", "en": "Park, garden"},
    "landcover_grass": {"fr": "Pelouse", "en": "Grass"},
    "checkpoint_vehicle": {"fr": "Point de filtrage véhicules", "en": "Vehicle checkpoint"},
    "checkpoint_pedestrian": {"fr": "Point de filtrage piétons", "en": "Pedestrian checkpoint"},
}


class Legend:
    """The legend's entries, keyed so that each appears once."""

    def __init__(self, lang: str, font_scale: float) -> None:
        self.lang, self.font_scale = lang, font_scale
        self.entries: dict[str, tuple[object, str]] = {}

    def text(self, key: str) -> str:
        if key in LEGEND_TEXT:
            return LEGEND_TEXT[key].get(self.lang, LEGEND_TEXT[key]["en"])
        return label(key.removeprefix("poi_"), self.lang)

    def add(self, key: str, handle: object, text: str | None = None) -> None:
        self.entries.setdefault(key, (handle, text or self.text(key)))

    def add_patch(self, key: str, text: str | None = None, **style) -> None:
        self.add(key, Patch(**style), text)

    def add_line(self, key: str, text: str | None = None, **style) -> None:
        self.add(key, Line2D([], [], **style), text)

    def add_marker(self, key: str, marker: str, color: str, size: float, glyph: str = "") -> None:
        handle = Line2D([], [], ls="none", marker=marker, ms=size, mfc=color, mec="white")
        if glyph:
            ink = "#c0392b" if color == "white" else "white"
            mark = Line2D([], [], ls="none", marker=f"${glyph}$", ms=size * 0.5, color=ink)
            handle = (Line2D([], [], ls="none", marker=marker, ms=size, mfc=color, mec=INK), mark)
        self.add(key, handle)

    def ordered(self) -> list[tuple[object, str]]:
        def rank(key: str) -> int:
            return next((i for i, p in enumerate(LEGEND_ORDER) if key.startswith(p)), 99)

        keys = sorted(self.entries, key=rank)  # stable: insertion order within a rank
        return [self.entries[k] for k in keys]


def draw_plan(
    ax: Axes, layers: PlanLayers, view: MapView, placer: Placer, legend: Legend, lang: str
) -> None:
    """Zones, hazards, routes, checkpoints and points, in that order from the bottom."""
    bounds = view.bounds
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    _checkpoints(ax, layers.checkpoints, placer, legend, lang)
    sectors = 0
    for role, name, geometry in zip(
        layers.zones["role"], layers.zones["name"], layers.zones.geometry, strict=True
    ):
        style = ZONE_STYLES[role]
        colour = style["color"]
        if role == "sector":
            colour, sectors = sector_colour(sectors), sectors + 1
        path = polygon_path(clipped([geometry], bounds))
        if path is None:
            continue
        kwargs = {"fc": to_rgba(colour, style["fill_opacity"]), "ec": colour, "lw": 1.2}
        if role == "perimeter":
            kwargs |= {"lw": 2.4, "ls": (0, (5, 3)), "fc": to_rgba(colour, 0.03)}
        elif role == "no_go":
            kwargs |= {"hatch": "////", "fc": to_rgba(colour, 0.12), "lw": 1.0}
        zorder = {"sector": 8.0, "perimeter": 8.6}.get(role, 8.3)
        ax.add_patch(PathPatch(path, zorder=zorder, **kwargs))
        legend_style = {k: v for k, v in kwargs.items() if k != "lw"} | {"lw": 1.0}
        if role == "sector":
            text = f"{label('role_sector', lang)} {name}" if len(name) <= 3 else name
            legend.add_patch(f"sector:{name}", text=text, **legend_style)
            _area_label(ax, placer, geometry, text, 9.0, colour, halo, "bold", force=True)
        else:
            legend.add_patch("zone_" + role, text=label("role_" + role, lang), **legend_style)
            if name and role != "perimeter":
                _area_label(ax, placer, geometry, name, 5.2, colour, halo, "normal")
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
    pole = shapely.polylabel(main, tolerance=1.0)
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
        style = HAZARD_STYLES.get(zone, HAZARD_STYLES["isolation"])
        path = polygon_path(clipped([geometry], bounds))
        if path is None:
            continue
        kwargs = {"fc": to_rgba(style["fillColor"], style["fillOpacity"] + 0.05),
                  "ec": style["color"], "lw": 1.4 if zone == "isolation" else 0.8}  # fmt: skip
        ax.add_patch(PathPatch(path, zorder=9, **kwargs))
        legend.add_patch("hazard_" + zone, **kwargs)
    if hazards["screening_estimate"].any():
        legend.add("screening", Patch(fc="none", ec="none"), "* " + label("screening_estimate", lang))
        for key in ("hazard_lel_10", "hazard_lel_60"):
            if key in legend.entries:
                handle, text = legend.entries[key]
                legend.entries[key] = (handle, text + " *")
    for hazard_id, rows in hazards.groupby("id", sort=False):
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
                bbox={"boxstyle": "round,pad=0.25", "fc": "#b03a2e", "ec": "none"})  # fmt: skip


def _routes(ax, layers: PlanLayers, bounds, legend: Legend, lang: str) -> None:
    routes = layers.routes
    for kind, station, line in zip(
        routes["kind"], routes["station_kind"], routes.geometry, strict=True
    ):
        if line is None or line.is_empty or line.length < 1:
            continue
        key = station if kind == "emergency" and station in ROUTE_STYLES else kind
        style = ROUTE_STYLES.get(key, ROUTE_STYLES["approach"])
        dashed = "dash_array" in style
        coords = shapely.get_coordinates(line)
        width = style["weight"] * 0.42
        ax.plot(coords[:, 0], coords[:, 1], color=style["color"], lw=width, alpha=style["opacity"],
                ls=(0, (4, 2.5)) if dashed else "-", zorder=11, solid_capstyle="round")  # fmt: skip
        tail = line.interpolate(max(line.length - 6, 0))
        ax.add_patch(FancyArrowPatch((tail.x, tail.y), tuple(coords[-1]), arrowstyle="-|>",
                     mutation_scale=7, color=style["color"], lw=0, zorder=11))  # fmt: skip
        text = label("route_" + kind, lang)
        if kind == "emergency":
            text += " — " + label(station, lang)
        legend.add_line("route_" + key, text=text, color=style["color"], lw=width,
                        ls=(0, (4, 2.5)) if dashed else "-")  # fmt: skip


def _points(ax, layers: PlanLayers, bounds, placer: Placer, legend: Legend, lang: str, halo):
    pois = layers.pois
    inside = [bounds[0] <= p.x <= bounds[2] and bounds[1] <= p.y <= bounds[3] for p in pois.geometry]
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
        edge = "#c0392b" if face == "white" else "white"
        ax.plot([point.x], [point.y], ls="none", marker=marker, ms=size, mfc=face, mec=edge,
                mew=0.9, zorder=13)  # fmt: skip
        ax.text(point.x, point.y, glyph, ha="center", va="center_baseline", zorder=13.5,
                fontsize=size * (0.62 if len(glyph) < 2 else 0.48), fontweight="bold",
                color="#c0392b" if face == "white" else "white")  # fmt: skip
        u, v = placer.to_mm(point.x, point.y)
        placer.take(shapely.Point(u, v).buffer(size * PT_MM / 2))
        key = ("point_" if category in POINT_COLOURS else "poi_") + category
        legend.add_marker(key, marker, face, 8, glyph)
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


def _checkpoints(ax, checkpoints, placer: Placer, legend: Legend, lang: str) -> None:
    """Numbered discs (red: vehicles, blue: pedestrians), spread apart where they crowd."""
    if not len(checkpoints):
        return
    ids = [str(i) for i in checkpoints["id"]]
    size = 5.0
    radius = max(1.9, max(len(i) for i in ids) * 0.6 * size * PT_MM / 2 + 0.5)
    places = np.array([placer.to_mm(p.x, p.y) for p in checkpoints.geometry])
    moved = spread(places, 2 * radius + 0.3, (placer.frame_w, placer.frame_h))
    for cid, kind, (u0, v0), (u, v) in zip(ids, checkpoints["kind"], places, moved, strict=True):
        colour = CHECKPOINT_COLOURS.get(kind, "#555555")
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
        legend.add_marker("checkpoint_" + kind, "o", colour, 7)


def draw_panel(
    fig: Figure, page: Axes, layers: PlanLayers, layout: Layout, view: MapView, legend: Legend
) -> None:
    """The title block (top of the panel) and the legend (below it, or beside it in portrait)."""
    lang, fs, meta = legend.lang, layout.font_scale, layers.meta
    px, py, pw, ph = layout.panel_box
    block_w = pw * 0.46 if layout.portrait else pw
    top = py + ph
    page.add_patch(Rectangle((px, py), pw, ph, fc="none", ec=INK, lw=0.8, zorder=1))
    x, y = px + 3, top - 3
    for line in textwrap.wrap(meta.title, _chars(block_w - 6, 10.5 * fs)):
        page.text(x, y, line, fontsize=10.5 * fs, fontweight="bold", va="top", color=INK)
        y -= 10.5 * fs * PT_MM * 1.3
    y -= 1
    kind = sheet_label("exercise" if meta.kind == "exercise" else "event", lang)
    lines = [
        (meta.event_name, 8 * fs, INK),
        (format_dates(meta.event_start, meta.event_end, lang), 7.5 * fs, INK),
        (f"{kind} · {meta.area_name}", 7 * fs, MUTED),
    ]
    for text, size, colour in lines:
        for line in textwrap.wrap(text, _chars(block_w - 6, size)):
            page.text(x, y, line, fontsize=size, va="top", color=colour)
            y -= size * PT_MM * 1.35
    y -= 1.5
    page.plot([px + 2, px + block_w - 2], [y, y], color="#999999", lw=0.5)
    y -= 2
    generated = datetime.now().astimezone()
    rows = [
        ("version", version_text(layers, lang), "bold"),
        ("author", meta.author or "—", "normal"),
        ("generated", generated.strftime("%d/%m/%Y %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M"),
         "normal"),
        ("scale", f"{scale_text(view.scale, lang)} ({layout.paper}, {sheet_label('scale_note', lang)})",
         "normal"),
    ]  # fmt: skip
    key_w = 17 * fs
    for key, value, weight in rows:
        page.text(x, y, sheet_label(key, lang), fontsize=6.5 * fs, va="top", color=MUTED)
        for line in textwrap.wrap(value, _chars(block_w - 6 - key_w, 7 * fs)):
            page.text(x + key_w, y, line, fontsize=7 * fs, va="top", fontweight=weight, color=INK)
            y -= 7 * fs * PT_MM * 1.35
        y -= 0.6
    if layout.portrait:
        lx, ly, lw = px + block_w + 2, top - 3, pw - block_w - 4
        page.plot([px + block_w, px + block_w], [py + 2, top - 2], color="#999999", lw=0.5)
    else:
        y -= 1
        page.plot([px + 2, px + pw - 2], [y, y], color="#999999", lw=0.5)
        lx, ly, lw = px + 3, y - 2, pw - 6
    _legend(fig, page, legend, layout, lx, ly, lw, ly - py - 2)


def _legend(fig, page, legend: Legend, layout: Layout, x, y, width, height) -> None:
    lang, fs = legend.lang, layout.font_scale
    page.text(x, y, sheet_label("legend", lang), fontsize=8 * fs, fontweight="bold", va="top")
    entries = legend.ordered()
    if not entries:
        return
    columns = 2 if layout.portrait else 1
    col_w = width / columns - 9
    size = 6.5 * fs
    while True:
        texts = ["\n".join(textwrap.wrap(t, _chars(col_w, size))) for _, t in entries]
        lines = sum(t.count("\n") + 1 for t in texts) + len(texts) * 0.55
        if lines * size * PT_MM * 1.02 / columns <= height - 6 or size <= 4.5:
            break
        size -= 0.25
    box = (x / layout.width, (y - height) / layout.height, width / layout.width,
           (height - 4) / layout.height)  # fmt: skip
    ax = fig.add_axes(box)
    ax.set_axis_off()
    ax.legend([h for h, _ in entries], texts, loc="upper left", bbox_to_anchor=(0, 1),
              frameon=False, fontsize=size, ncols=columns, borderaxespad=0, borderpad=0,
              handlelength=2.2, handleheight=1.2, labelspacing=0.55, columnspacing=1.0,
              alignment="left")  # fmt: skip


def _chars(width_mm: float, size_pt: float) -> int:
    return max(8, int(width_mm / (0.55 * size_pt * PT_MM)))
