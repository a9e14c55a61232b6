"""The map sheet's legend (only what the view shows, drawn like the map) and its title block.

Points keep their map symbol in the legend (a marker with its glyph: "PC", "H", "P"…), lines
and areas their style. The title block gives the plan's title, the event and its dates, the
scenario's version, its author, the generation date and the scale at which the sheet prints.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from layers.labels import label
from layers.sheet import (
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
from planner import i18n
from planner.export_layers import PlanLayers

#: Legend order: plan first, base map last (keys match by prefix).
LEGEND_ORDER = (
    "zone_perimeter", "sector:", "zone_", "hazard_", "screening", "route_", "checkpoint_",
    "point_", "camera", "poi_", "building", "street_", "open_space", "landcover_",
)  # fmt: skip


@dataclass(frozen=True)
class Symbol:
    """A legend entry drawn like a point on the map: a marker with a glyph on it."""

    marker: str
    face: str
    glyph: str
    size: float

    @property
    def ink(self) -> str:
        return "#c0392b" if self.face == "white" else "white"


class SymbolHandler(HandlerBase):
    """Draws a :class:`Symbol` in the legend."""

    def create_artists(self, legend, handle, xdescent, ydescent, width, height, fontsize, trans):
        x, y = width / 2 - xdescent, height / 2 - ydescent
        edge = "#c0392b" if handle.face == "white" else "white"
        mark = Line2D([x], [y], ls="none", marker=handle.marker, ms=handle.size,
                      mfc=handle.face, mec=edge, mew=0.8, transform=trans)  # fmt: skip
        size = handle.size * (0.62 if len(handle.glyph) < 2 else 0.48)
        glyph = Text(x, y, handle.glyph, ha="center", va="center_baseline", fontsize=size,
                     fontweight="bold", color=handle.ink, transform=trans)  # fmt: skip
        return [mark, glyph]


class Legend:
    """The legend's entries, keyed so that each appears once."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries: dict[str, tuple[object, str]] = {}

    def text(self, key: str) -> str:
        if i18n.has("legend", key):
            return i18n.text("legend", key, self.lang)
        return label(key.removeprefix("poi_"), self.lang)

    def add(self, key: str, handle: object, text: str | None = None) -> None:
        self.entries.setdefault(key, (handle, text or self.text(key)))

    def add_patch(self, key: str, text: str | None = None, **style) -> None:
        self.add(key, Patch(**style), text)

    def add_line(self, key: str, text: str | None = None, **style) -> None:
        self.add(key, Line2D([], [], **style), text)

    def add_marker(self, key: str, marker: str, color: str, size: float, glyph: str = "") -> None:
        if glyph:
            self.add(key, Symbol(marker, color, glyph, size))
        else:
            self.add(key, Line2D([], [], ls="none", marker=marker, ms=size, mfc=color, mec="white"))

    def ordered(self) -> list[tuple[object, str]]:
        def rank(key: str) -> int:
            return next((i for i, p in enumerate(LEGEND_ORDER) if key.startswith(p)), 99)

        keys = sorted(self.entries, key=rank)  # stable: insertion order within a rank
        return [self.entries[k] for k in keys]


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
    for line in textwrap.wrap(meta.title, _chars(block_w - 6, 10.5 * fs * 1.15)):
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
    when = i18n.format_datetime(generated, lang)
    scale = f"{scale_text(view.scale, lang)} ({layout.paper}, {sheet_label('scale_note', lang)})"
    rows = [
        ("version", version_text(layers, lang), "bold"),
        ("author", meta.author or "—", "normal"),
        ("generated", when, "normal"),
        ("scale", scale, "normal"),
    ]
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
    # one column in landscape while its text stays at 5.5 pt or more, else two
    columns, size, texts = _fit(entries, width, height, 2 if layout.portrait else 1, fs)
    if columns == 1 and size < 5.5:
        columns, size, texts = _fit(entries, width, height, 2, fs)
    box = (x / layout.width, (y - height) / layout.height, width / layout.width,
           (height - 4) / layout.height)  # fmt: skip
    ax = fig.add_axes(box)
    ax.set_axis_off()
    ax.legend([h for h, _ in entries], texts, loc="upper left", bbox_to_anchor=(0, 1),
              frameon=False, fontsize=size, ncols=columns, borderaxespad=0, borderpad=0,
              handlelength=2.2, handleheight=1.2, labelspacing=0.55, columnspacing=1.0,
              alignment="left", handler_map={Symbol: SymbolHandler()})  # fmt: skip


def _fit(
    entries: list[tuple[object, str]], width: float, height: float, columns: int, fs: float
) -> tuple[int, float, list[str]]:
    """(columns, font size in points, wrapped texts) of the largest text, from 6.5 pt down to
    4.5 pt, with which ``entries`` fit ``height`` mm in ``columns`` columns of ``width`` mm."""
    col_w = width / columns - 9
    size = 6.5 * fs
    while True:
        texts = ["\n".join(textwrap.wrap(t, _chars(col_w, size))) for _, t in entries]
        # a row: its handle's height (1.2 em) and the spacing (0.55 em), as ax.legend draws it
        ems = sum(1.75 + 1.2 * t.count("\n") for t in texts)
        if ems * size * PT_MM / columns <= height - 6 or size <= 4.5:
            return columns, size, texts
        size -= 0.25


def _chars(width_mm: float, size_pt: float) -> int:
    return max(8, int(width_mm / (0.55 * size_pt * PT_MM)))
