"""The map sheet's table pages: staffing by sector and role, checkpoints with their grid
references, routes, and the inject timeline.

Tables flow one after another over as many pages as they need; a table cut by a page break
starts again on the next page under its title marked "(suite)" and its repeated header. Cells
wrap (long inject messages, station names) and rows never split across pages.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from layers.labels import label
from layers.sheet import (
    INK,
    MARGIN_MM,
    MUTED,
    PT_MM,
    Grid,
    Layout,
    grid_reference,
    sheet_label,
    version_text,
)
from layers.sheet_draw import CHAR_EM
from planner import i18n
from planner.export_layers import PlanLayers
from planner.staffing import ROLES
from planner.style import feature_style, sector_colour

PageDrawer = Callable[[Figure, Axes], None]
#: Fewest rows of a table left alone at the top or the foot of a page.
MIN_ROWS = 3
HEADER_FILL = "#34495e"
#: Longest cell, in lines (an inject's message of a page would not print anyway).
MAX_CELL_LINES = 16


def text(key: str, lang: str) -> str:
    """A label of the table pages in ``lang``."""
    return i18n.text("sheet_pages", key, lang)


def _named(context: str, key: str, lang: str) -> str:
    """A highway class's or an inject effect's name, or the key itself when it has none."""
    return i18n.text(context, key, lang) if i18n.has(context, key) else key


@dataclass(frozen=True)
class Column:
    key: str
    width: float  # relative
    align: str = "left"


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[str]]
    lang: str
    note: str = ""
    total_row: bool = False  # the last row is a total (bold)
    swatches: list[str | None] = field(default_factory=list)  # a colour before a row's 1st cell


def table_pages(layers: PlanLayers, layout: Layout, grid: Grid, lang: str) -> list[PageDrawer]:
    """One drawing function per page after the map (none when there is nothing to list)."""
    tables = [
        t
        for t in (
            _staffing(layers, lang),
            _checkpoints(layers, grid, lang),
            _materials(layers, grid, lang),
            _routes(layers, lang),
            _cameras(layers, grid, lang),
            _injects(layers, lang),
        )
        if t is not None
    ]
    return Paginator(layout, layers, lang).pages(tables)


def _num(value: object, lang: str, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return i18n.format_number(float(value), lang, decimals)


def _sector_colours(layers: PlanLayers) -> dict[str, str]:
    names = layers.zones.loc[layers.zones["role"] == "sector", "name"] if len(layers.zones) else []
    return {name: sector_colour(i) for i, name in enumerate(names)}


def _staffing(layers: PlanLayers, lang: str) -> Table | None:
    staffing = layers.staffing
    if staffing is None or staffing.empty:
        return None
    keys = ["capacity", "public", "evacuation_min", *ROLES, "shortfall"]
    columns = [Column("sector", 1.1)] + [Column(k, 1.0, "right") for k in keys]
    rows, colours = [], _sector_colours(layers)
    for _, row in staffing.iterrows():
        cells = [str(row["sector"])]
        for k in keys:
            cells.append(_num(row.get(k), lang, 1 if k == "evacuation_min" else 0))
        rows.append(cells)
    totals = [text("total", lang)]
    for k in keys:
        column = staffing.get(k)
        if column is None:
            totals.append("—")
        elif k == "evacuation_min":
            totals.append(_num(column.max(), lang, 1))
        else:
            totals.append(_num(column.fillna(0).sum(), lang))
    swatches = [colours.get(str(s)) for s in staffing["sector"]] + [None]
    note = text("shortfall_note", lang) if "shortfall" in staffing else ""
    through = staffing.get("evacuates_through")
    for sector, other in zip(
        staffing["sector"], through if through is not None else [], strict=False
    ):
        if other:  # no exit to a safe place of its own: the sheet says so
            note += " " + text("through_note", lang).format(sector=sector, other=other)
    return Table(text("staffing", lang), columns, [*rows, totals], lang, note, True, swatches)


def _checkpoints(layers: PlanLayers, grid: Grid, lang: str) -> Table | None:
    checkpoints = layers.checkpoints
    if not len(checkpoints):
        return None
    columns = [
        Column("id", 0.55),
        Column("street", 3.0),
        Column("kind", 1.6),
        Column("sector", 0.8),
        Column("lanes", 0.6, "right"),
        Column("agents", 0.7, "right"),
        Column("wait", 0.9, "right"),
        Column("grid_ref", 0.8, "center"),
    ]
    rows = []
    for row, point in zip(checkpoints.itertuples(), checkpoints.geometry, strict=True):
        way = _named("highway", row.highway, lang)
        street = row.street or f"{label('unnamed', lang)} ({way})"
        kind = label(row.kind, lang)
        kind += "".join(f", {label(k, lang)}" for k in ("tunnel", "bridge") if getattr(row, k))
        try:
            ref = grid_reference(point.x, point.y, grid)
        except ValueError:
            ref = "—"
        rows.append(
            [
                row.id, street, kind, row.sector or "—", _num(row.lanes, lang),
                _num(row.agents, lang), _num(row.expected_wait_min, lang, 1), ref,
            ]
        )  # fmt: skip
    return Table(text("checkpoints", lang), columns, rows, lang)


def _materials(layers: PlanLayers, grid: Grid, lang: str) -> Table | None:
    materials = layers.materials
    if not len(materials):
        return None
    keys = ["id", "street", "role", "frontage_m", "lanes", "barrier_units", "anti_ram"]
    widths = [0.55, 2.6, 1.0, 0.9, 0.6, 0.9, 1.5, 1.1, 0.8]
    columns = [Column(k, w, "right" if k in ("frontage_m", "lanes", "barrier_units") else "left")
               for k, w in zip([*keys, "queue_m2", "grid_ref"], widths, strict=True)]  # fmt: skip
    rows = []
    for row, point in zip(materials.itertuples(), materials.geometry, strict=True):
        try:
            ref = grid_reference(point.x, point.y, grid)
        except ValueError:
            ref = "—"
        queue = _num(row.queue_m2, lang) + ("" if row.queue_fits else f" ({text('spills', lang)})")
        rows.append(
            [
                row.id, row.street or label("unnamed", lang), text("role_" + row.role, lang),
                _num(row.frontage_m, lang, 1), _num(row.lanes, lang), _num(row.barrier_units, lang),
                text("means_" + row.anti_ram_means, lang) if row.anti_ram else "—", queue, ref,
            ]
        )  # fmt: skip
    total = layers.materials_total
    rows.append(
        [text("total", lang), "", "", "", _num(materials["lanes"].sum(), lang),
         _num(total["barrier_units"], lang), _num(total["anti_ram_accesses"], lang), "", ""]
    )  # fmt: skip
    note = text("materials_note", lang).format(
        unit=_num(total["barrier_unit_m"], lang, 1), fence=_num(total["fence_m"], lang)
    )
    # each access's role in its map colour (the style specification's, as on the map and in QGIS)
    swatches = [feature_style("materials", r).colour for r in materials.to_dict("records")]
    return Table(text("materials", lang), columns, rows, lang, note, True, [*swatches, None])


def _routes(layers: PlanLayers, lang: str) -> Table | None:
    routes = layers.routes
    if not len(routes):
        return None
    columns = [
        Column("route_kind", 2.4),
        Column("from", 3.2),
        Column("to", 1.4),
        Column("length_m", 1.0, "right"),
        Column("duration_min", 1.0, "right"),
    ]
    sector = label("role_sector", lang)
    rows = []
    for r in routes.itertuples():
        kind = label("route_" + r.kind, lang)
        if r.kind == "emergency" and r.station_kind:
            kind += " — " + label(r.station_kind, lang)
        origin = r.origin if r.kind == "emergency" else f"{sector} {r.origin}"
        kind_word, _, osm_id = str(r.origin).partition(" ")
        if r.kind == "emergency" and kind_word == r.station_kind and osm_id.isdigit():
            origin = f"{label(r.station_kind, lang)}, {text('unnamed', lang)} (OSM {osm_id})"
        destination = text("exit", lang) if r.destination == "exit" else f"{sector} {r.destination}"
        rows.append(
            [kind, origin, destination, _num(r.length_m, lang), _num(r.duration_min, lang, 1)]
        )
    return Table(text("routes", lang), columns, rows, lang)


def _cameras(layers: PlanLayers, grid: Grid, lang: str) -> Table | None:
    """The cameras in reach of the perimeter, their ranges by DORI level and where they are."""
    cameras = layers.cameras.get("cameras")
    if cameras is None or not len(cameras):
        return None
    keys = ["id", "camera_source", "camera_type", "camera_directions", "commune"]
    ranges = [f"range_{lvl}_m" for lvl in ("detection", "observation", "recognition")]
    columns = [Column(k, w) for k, w in zip(keys, [1.6, 1.1, 0.9, 1.0, 1.6], strict=True)]
    columns += [Column(k, 0.9, "right") for k in ranges] + [Column("grid_ref", 0.8)]
    rows = []
    for row, point in zip(cameras.to_dict("records"), cameras.geometry, strict=True):
        try:
            ref = grid_reference(point.x, point.y, grid)
        except ValueError:
            ref = "—"
        rows.append(
            [row["id"], text("source_" + row["source"], lang), row["camera_type"],
             row["directions"] or "—", row["commune"] or "—",
             *(_num(row[k], lang) for k in ranges), ref]
        )  # fmt: skip
    # each camera's source in its map colour (the style specification's, as on the map and in QGIS)
    swatches = [feature_style("cameras", r).colour for r in cameras.to_dict("records")]
    return Table(
        text("cameras", lang), columns, rows, lang, text("cameras_note", lang), swatches=swatches
    )


def _injects(layers: PlanLayers, lang: str) -> Table | None:
    injects = layers.injects
    if injects is None or injects.empty:
        return None
    columns = [
        Column("time", 0.75, "center"),
        Column("from", 1.5),
        Column("to", 1.5),
        Column("message", 4.2),
        Column("expected_action", 2.7),
        Column("effect", 1.7),
    ]
    rows = []
    for r in injects.to_dict("records"):
        action, _, target = str(r.get("effect") or "").partition(" ")
        effect = f"{_named('effects', action, lang)} {target}".strip()
        rows.append(
            [r["time"], r["from"], r["to"], r["message"], r.get("expected_action") or "", effect]
        )
    return Table(text("injects", lang), columns, rows, lang)


class Paginator:
    """Lays tables out on pages below a heading, above the footer.

    A table that fits on one page is kept whole (moved to a new page if need be); a longer one
    flows, never leaving fewer than :data:`MIN_ROWS` of its rows alone at a page's top or foot.
    """

    def __init__(self, layout: Layout, layers: PlanLayers, lang: str) -> None:
        self.layout, self.layers, self.lang = layout, layers, lang
        fs = layout.font_scale
        self.size = 7.0 * fs
        self.line = self.size * PT_MM * 1.28
        self.left, self.width = MARGIN_MM, layout.width - 2 * MARGIN_MM
        self.top = layout.height - MARGIN_MM - 19 * fs  # below the marking and the heading
        self.bottom = MARGIN_MM + 2
        self.title_h = 7.0 * fs

    def pages(self, tables: list[Table]) -> list[PageDrawer]:
        pages: list[list[tuple]] = []
        y = -math.inf  # no page yet
        for table in tables:
            widths = self._widths(table)
            header = self._wrap([text(c.key, table.lang) for c in table.columns], widths)
            head_h = self.title_h + self._height(header)
            rows = [self._wrap(r, widths) for r in table.rows]
            heights = [self._height(r) for r in rows]
            whole = head_h + sum(heights) + (5 if table.note else 0)
            if y - whole < self.bottom and whole <= self.top - self.bottom:
                y = -math.inf  # keep it whole: a new page
            i = 0
            while i < len(rows):
                fresh = y == self.top
                fit = self._fitting(y - head_h, heights[i:])
                left = len(rows) - i - fit
                if 0 < left < MIN_ROWS and fit > MIN_ROWS:
                    fit -= MIN_ROWS - left  # no widow: a few rows go along to the next page
                if not fresh and fit < min(MIN_ROWS, len(rows) - i):  # no orphan: a new page
                    pages.append([])
                    y = self.top
                    continue
                fit = max(fit, 1)  # a row taller than a page still goes somewhere
                title = table.title
                if i:
                    title += " " + sheet_label("continued", self.lang)
                pages[-1].append(("title", y, title))
                y -= self.title_h
                pages[-1].append(("header", y, table, widths, header, head_h - self.title_h))
                y -= head_h - self.title_h
                for j in range(i, i + fit):
                    pages[-1].append(("row", y, table, widths, rows[j], heights[j], j))
                    y -= heights[j]
                i += fit
            if table.note:
                pages[-1].append(("note", y - 1.5, table.note))
                y -= 5
            y -= 8  # space between tables
        return [lambda fig, page, items=items: self._draw(page, items) for items in pages]

    def _fitting(self, y: float, heights: list[float]) -> int:
        """How many of these rows fit from ``y`` down to the page's foot."""
        count = 0
        for h in heights:
            if y - h < self.bottom:
                break
            y -= h
            count += 1
        return count

    def _widths(self, table: Table) -> list[float]:
        total = sum(c.width for c in table.columns)
        return [self.width * c.width / total for c in table.columns]

    def _wrap(self, cells: list[str], widths: list[float]) -> list[list[str]]:
        out = []
        for cell, width in zip(cells, widths, strict=True):
            chars = max(3, int((width - 3.0) / (CHAR_EM * self.size * PT_MM)))
            lines = textwrap.wrap(str(cell), chars, break_long_words=True) or [""]
            if len(lines) > MAX_CELL_LINES:
                lines = [*lines[: MAX_CELL_LINES - 1], lines[MAX_CELL_LINES - 1][: chars - 1] + "…"]
            out.append(lines)
        return out

    def _height(self, cells: list[list[str]]) -> float:
        return max(len(c) for c in cells) * self.line + 1.6

    def _draw(self, page: Axes, items: list[tuple]) -> None:
        self._heading(page)
        for item in items:
            kind, y = item[0], item[1]
            if kind == "title":
                page.text(self.left, y - 1, item[2], fontsize=self.size * 1.4, fontweight="bold",
                          va="top", color=INK)  # fmt: skip
            elif kind == "note":
                page.text(self.left, y, item[2], fontsize=self.size * 0.9, va="top", color=MUTED,
                          style="italic")  # fmt: skip
            elif kind == "header":
                _, _, table, widths, cells, h = item
                page.add_patch(Rectangle((self.left, y - h), self.width, h, fc=HEADER_FILL, lw=0))
                self._cells(page, y, table, widths, cells, "white", "bold")
            else:
                _, _, table, widths, cells, h, i = item
                last = table.total_row and i == len(table.rows) - 1
                fill = "#e6e6e6" if last else ("#f3f3f3" if i % 2 else "white")
                page.add_patch(Rectangle((self.left, y - h), self.width, h, fc=fill, ec="#cfcfcf",
                                         lw=0.3))  # fmt: skip
                swatch = table.swatches[i] if i < len(table.swatches) else None
                if swatch:
                    page.add_patch(Rectangle((self.left + 0.8, y - h + 0.7), 1.8, h - 1.4,
                                             fc=swatch, lw=0))  # fmt: skip
                self._cells(page, y, table, widths, cells, INK, "bold" if last else "normal")

    def _cells(self, page, y, table: Table, widths, cells, colour: str, weight: str) -> None:
        """Each line of each cell on its own baseline, so that every column lines up."""
        x = self.left
        ascent = self.size * PT_MM * 0.95
        for column, width, lines in zip(table.columns, widths, cells, strict=True):
            pad = 1.5 + (2.0 if x == self.left and table.swatches else 0)
            anchor = {"left": x + pad, "right": x + width - 1.5, "center": x + width / 2}
            for n, line in enumerate(lines):
                page.text(anchor[column.align], y - 0.7 - ascent - n * self.line, line,
                          ha=column.align, va="baseline", fontsize=self.size, color=colour,
                          fontweight=weight)  # fmt: skip
            x += width

    def _heading(self, page: Axes) -> None:
        meta, fs = self.layers.meta, self.layout.font_scale
        y = self.layout.height - MARGIN_MM - 9 * fs
        page.text(self.left, y, meta.title, fontsize=9.5 * fs, fontweight="bold", va="top")
        right = f"{meta.event_name} · {version_text(self.layers, self.lang)}"
        page.text(self.left + self.width, y, right, fontsize=7.5 * fs, va="top", ha="right",
                  color=MUTED)  # fmt: skip
        page.plot([self.left, self.left + self.width], [y - 5.5 * fs] * 2, color=INK, lw=0.6)
