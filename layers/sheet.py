"""The printable map sheet: a PDF (map page, then staffing, checkpoints, routes, injects) or a PNG.

Everything is drawn offline from the area's OSM vectors and the plan's export layers
(:class:`planner.export_layers.PlanLayers`) with matplotlib's Agg and PDF backends, never pyplot.
Page 1 is the map: the plan's extent with a margin, the base map clipped to it, the plan on top,
an alphanumeric grid (carroyage: columns A, B, C… left to right, rows 1, 2, 3… top to bottom),
a scale bar, a north arrow (grid north), a legend and a title block; the following pages hold the
tables, whose checkpoints carry the grid reference of their cell. Every page has the marking
(e.g. "Diffusion restreinte") at its top and bottom, the scenario's version and "page n / N".
Drawing the map is :mod:`layers.sheet_map`'s job, the tables :mod:`layers.sheet_pages`'.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import matplotlib as mpl
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from planner import i18n
from planner.area import Area
from planner.export_layers import PlanLayers

#: Paper sizes in millimetres, landscape (width, height).
PAPER_MM: dict[str, tuple[int, int]] = {"A4": (297, 210), "A3": (420, 297)}
MM_PER_INCH = 25.4
PT_MM = MM_PER_INCH / 72  # one typographic point in millimetres
MARGIN_MM = 10.0
#: Target size of a grid cell on paper (A4 landscape: 8 columns).
CELL_MM = 25.0
#: Route ends this close to the plan (metres) widen the view to show them.
ROUTE_END_REACH_M = 60.0
#: Every text of the sheet is drawn as typed: names are data, never matplotlib mathtext (a
#: ``$…$`` pair in a title or street name would be parsed, or fail to parse).
PLAIN_TEXT = {"text.parse_math": False}
MARKING_RED = "#c0171f"
INK = "#1b1b1b"
MUTED = "#5d5d5d"


#: Resolution of the PNG export of the map page (the app's preview uses less).
SHEET_DPI = 200


def sheet_label(key: str, lang: str) -> str:
    """A sheet label in ``lang``."""
    return i18n.text("sheet", key, lang)


@dataclass(frozen=True)
class Grid:
    """The alphanumeric grid over the map: ``columns`` × ``rows`` cells over the extent."""

    x0: float
    y0: float
    x1: float
    y1: float
    columns: int
    rows: int

    @property
    def cell_width(self) -> float:
        return (self.x1 - self.x0) / self.columns

    @property
    def cell_height(self) -> float:
        return (self.y1 - self.y0) / self.rows


def column_letters(index: int) -> str:
    """``A`` … ``Z``, ``AA``, ``AB`` … for the 0-based column ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def map_grid(extent: tuple[float, float, float, float], columns_hint: int) -> Grid:
    """A grid over ``extent`` with ``columns_hint`` columns and rows making cells roughly square."""
    x0, y0, x1, y1 = extent
    if not (x1 > x0 and y1 > y0):
        raise ValueError(f"empty extent {extent}")
    columns = max(1, int(columns_hint))
    rows = max(1, round((y1 - y0) / ((x1 - x0) / columns)))
    return Grid(x0, y0, x1, y1, columns, rows)


def grid_reference(x: float, y: float, grid: Grid) -> str:
    """The cell holding (x, y): ``C4`` (a point on a cell's edge belongs to the cell after it,
    the grid's right and bottom edges to the last cells); ValueError outside the grid."""
    if not (grid.x0 <= x <= grid.x1 and grid.y0 <= y <= grid.y1):
        raise ValueError(f"({x:.1f}, {y:.1f}) is outside the grid")
    column = min(int((x - grid.x0) / grid.cell_width), grid.columns - 1)
    row = min(int((grid.y1 - y) / grid.cell_height), grid.rows - 1)
    return f"{column_letters(column)}{row + 1}"


@dataclass(frozen=True)
class Layout:
    """Where things go on a page, in millimetres from the bottom-left corner."""

    paper: str
    width: float
    height: float
    map_box: tuple[float, float, float, float]  # x, y, width, height of the map frame
    panel_box: tuple[float, float, float, float]  # title block and legend
    font_scale: float

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def size_inches(self) -> tuple[float, float]:
        return self.width / MM_PER_INCH, self.height / MM_PER_INCH


def page_layout(paper: str = "A4", orientation: str = "landscape") -> Layout:
    """The layout of a sheet: map frame and panel (right in landscape, below in portrait)."""
    if paper not in PAPER_MM:
        raise ValueError(f"unknown paper {paper!r}: one of {', '.join(PAPER_MM)}")
    if orientation not in ("landscape", "portrait"):
        raise ValueError(f"unknown orientation {orientation!r}: landscape or portrait")
    long, short = PAPER_MM[paper]
    width, height = (long, short) if orientation == "landscape" else (short, long)
    k = long / 297  # 1 on A4, 1.41 on A3
    top = height - MARGIN_MM - 9  # below the marking, above the grid letters
    bottom = MARGIN_MM + 8  # above the footer and the attribution
    left = MARGIN_MM + 5  # right of the grid numbers
    if orientation == "landscape":
        panel_w = 70 * k
        panel = (width - MARGIN_MM - panel_w, bottom, panel_w, top + 5 - bottom)
        map_box = (left, bottom, panel[0] - 6 - left, top - 5 - bottom)
    else:
        panel_h = 78 * k
        panel = (MARGIN_MM, bottom, width - 2 * MARGIN_MM, panel_h)
        map_bottom = bottom + panel_h + 8
        map_box = (left, map_bottom, width - MARGIN_MM - left, top - 5 - map_bottom)
    return Layout(paper, width, height, map_box, panel, font_scale=1.0 if k < 1.2 else 1.2)


@dataclass(frozen=True)
class MapView:
    """The map's view (CRS units, metres), its scale denominator and its grid."""

    x0: float
    y0: float
    x1: float
    y1: float
    scale: float  # 1:scale on paper
    grid: Grid

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return self.x0, self.y0, self.x1, self.y1


def map_view(
    layers: PlanLayers, layout: Layout, fallback: tuple[float, ...] | None = None
) -> MapView:
    """The plan's extent with a margin, widened to the map frame's proportions (``fallback``,
    e.g. the area's bounds, when the plan has nothing to show)."""
    if layers.layers():
        x0, y0, x1, y1 = layers.extent()
    elif fallback is not None:
        x0, y0, x1, y1 = fallback
    else:
        raise ValueError("nothing to draw: the plan has no layer and no fallback extent")
    lines = [r for r in layers.routes.geometry if r is not None and r.length > 0]
    ends = [shapely.Point(shapely.get_coordinates(r)[-1]) for r in lines]
    near = [p for p in ends if shapely.box(x0, y0, x1, y1).distance(p) < ROUTE_END_REACH_M]
    if near:  # where the routes reach the plan: their arrows belong on the map
        x0, y0, x1, y1 = shapely.total_bounds([shapely.box(x0, y0, x1, y1), *near])
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    margin = max(40.0, 0.12 * max(x1 - x0, y1 - y0))
    width = max(x1 - x0 + 2 * margin, 250.0)
    height = max(y1 - y0 + 2 * margin, 250.0)
    _, _, frame_w, frame_h = layout.map_box
    if width / height < frame_w / frame_h:
        width = height * frame_w / frame_h
    else:
        height = width * frame_h / frame_w
    grid = map_grid(
        (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2),
        max(1, round(frame_w / CELL_MM)),
    )
    return MapView(grid.x0, grid.y0, grid.x1, grid.y1, width / (frame_w / 1000), grid)


def new_page(layout: Layout) -> tuple[Figure, Axes]:
    """A blank page and an axes over all of it in millimetres (for text, boxes and tables)."""
    fig = Figure(figsize=layout.size_inches, facecolor="white")
    page = fig.add_axes((0, 0, 1, 1))
    page.set_xlim(0, layout.width)
    page.set_ylim(0, layout.height)
    page.set_axis_off()
    page.set_zorder(-1)  # beneath the map's own axes
    page.patch.set_alpha(0)
    return fig, page


def page_furniture(page: Axes, layers: PlanLayers, layout: Layout, n: int, total: int, lang: str):
    """The marking at the top, and the footer: title, marking, version and "page n / N"."""
    meta, fs = layers.meta, layout.font_scale
    if meta.marking:
        page.text(
            layout.width / 2,
            layout.height - MARGIN_MM + 1,
            meta.marking,
            ha="center",
            va="top",
            color=MARKING_RED,
            fontsize=13 * fs,
            fontweight="bold",
            bbox={"boxstyle": "square,pad=0.25", "fc": "white", "ec": MARKING_RED, "lw": 1.2},
        )
    y = MARGIN_MM - 4
    page.plot([MARGIN_MM, layout.width - MARGIN_MM], [y + 3.2, y + 3.2], color="#999999", lw=0.4)
    page.text(MARGIN_MM, y, f"Vigie · {meta.title}", fontsize=6.5 * fs, color=MUTED, va="bottom")
    if meta.marking:
        page.text(
            layout.width / 2,
            y,
            meta.marking,
            ha="center",
            va="bottom",
            fontsize=7 * fs,
            color=MARKING_RED,
            fontweight="bold",
        )
    right = f"{version_text(layers, lang)} · " + i18n.text("sheet", "page", lang, n=n, total=total)
    page.text(layout.width - MARGIN_MM, y, right, ha="right", va="bottom", fontsize=6.5 * fs)


def version_text(layers: PlanLayers, lang: str) -> str:
    """The scenario's version label (``v3 · 1a2b3c4d``), a draft's in ``lang``."""
    meta = layers.meta
    text = meta.version_label()
    if not meta.scenario_version and text.startswith(("draft", "unsaved draft")):
        prefix = "unsaved draft" if text.startswith("unsaved draft") else "draft"
        text = sheet_label("draft", lang) + text.removeprefix(prefix)
    return text


def format_dates(start: str, end: str, lang: str) -> str:
    """``31 décembre 2026 21:00 → 1 janvier 2027 01:30`` (the end's date left out on the same
    day), by Babel."""
    try:
        a, b = datetime.fromisoformat(start), datetime.fromisoformat(end)
    except ValueError:
        return f"{start} → {end}"
    end_text = b.strftime("%H:%M") if a.date() == b.date() else i18n.format_datetime(b, lang)
    return f"{i18n.format_datetime(a, lang)} → {end_text}"


def scale_text(scale: float, lang: str) -> str:
    """``1:1 800``: the scale denominator rounded to two significant digits."""
    digits = max(0, int(math.log10(scale)) - 1)
    rounded = round(scale / 10**digits) * 10**digits
    return "1:" + i18n.format_number(rounded, lang)


def _prepare(area: Area, layers: PlanLayers, paper: str, orientation: str, lang: str):
    """The layout, the map's view and the table pages of a sheet."""
    from layers.sheet_pages import table_pages
    from layers.sheet_simulation import simulation_pages

    layout = page_layout(paper, orientation)
    view = map_view(layers, layout, area.extent.bounds)
    pages = table_pages(layers, layout, view.grid, lang)
    return layout, view, pages + simulation_pages(layers, layout, lang)


def _map_figure(
    area: Area, layers: PlanLayers, layout: Layout, view: MapView, total: int, lang: str
) -> Figure:
    from layers.sheet_map import draw_map_page

    fig, page = new_page(layout)
    draw_map_page(fig, page, area, layers, layout, view, lang)
    page_furniture(page, layers, layout, 1, total, lang)
    return fig


@mpl.rc_context(PLAIN_TEXT)
def sheet_pdf(
    area: Area,
    layers: PlanLayers,
    path: Path,
    paper: str = "A4",
    orientation: str = "landscape",
    lang: str = "fr",
) -> int:
    """Write the multi-page sheet to ``path`` (PDF); returns its page count."""
    return sheet_files(area, layers, paper, orientation, lang, pdf=path)[0]


@mpl.rc_context(PLAIN_TEXT)
def sheet_png(
    area: Area,
    layers: PlanLayers,
    path: Path,
    paper: str = "A4",
    orientation: str = "landscape",
    dpi: int = SHEET_DPI,
    lang: str = "fr",
) -> tuple[int, int]:
    """Write the map page alone to ``path`` (PNG); returns its (width, height) in pixels."""
    return sheet_files(area, layers, paper, orientation, lang, pngs={path: dpi})[1][path]


def sheet_files(
    area: Area,
    layers: PlanLayers,
    paper: str = "A4",
    orientation: str = "landscape",
    lang: str = "fr",
    pdf: Path | None = None,
    pngs: dict[Path, int] | None = None,
) -> tuple[int, dict[Path, tuple[int, int]]]:
    """The sheet as a PDF and/or PNGs of its map page (path → dpi), the map page drawn once.

    Returns the page count and each PNG's (width, height) in pixels.
    """
    sheet = Sheet(area, layers, paper, orientation, lang)
    if pdf is not None:
        sheet.pdf(pdf)
    return sheet.pages, {path: sheet.png(path, dpi) for path, dpi in (pngs or {}).items()}


class Sheet:
    """A sheet whose map page is drawn once: its PDF and PNGs are written from that drawing
    when asked (the app's preview first, the downloads later), one at a time (a lock: a
    matplotlib figure is not for two threads at once). Text is plain, never mathtext."""

    def __init__(
        self,
        area: Area,
        layers: PlanLayers,
        paper: str = "A4",
        orientation: str = "landscape",
        lang: str = "fr",
    ) -> None:
        self._lock = threading.Lock()
        self._layers, self._lang = layers, lang
        with mpl.rc_context(PLAIN_TEXT):
            self._layout, view, self._tables = _prepare(area, layers, paper, orientation, lang)
            self.pages = 1 + len(self._tables)
            self._figure = _map_figure(area, layers, self._layout, view, self.pages, lang)

    def pdf(self, path: Path) -> None:
        """Write every page to ``path`` (PDF)."""
        layers, layout, lang = self._layers, self._layout, self._lang
        meta = layers.meta
        metadata = {
            "Title": meta.title,
            "Author": meta.author or "",
            "Subject": f"{meta.event_name} · {version_text(layers, lang)}",
            "Keywords": meta.marking,
            "Creator": "Vigie",
        }
        with self._lock, mpl.rc_context(PLAIN_TEXT), PdfPages(Path(path), metadata=metadata) as doc:
            doc.savefig(self._figure)
            for n, draw in enumerate(self._tables, start=2):
                fig, page = new_page(layout)
                draw(fig, page)
                page_furniture(page, layers, layout, n, self.pages, lang)
                doc.savefig(fig)

    def png(self, path: Path, dpi: int = SHEET_DPI) -> tuple[int, int]:
        """Write the map page to ``path`` (PNG) at ``dpi``; its (width, height) in pixels."""
        with self._lock, mpl.rc_context(PLAIN_TEXT):
            self._figure.set_dpi(dpi)
            canvas = FigureCanvasAgg(self._figure)
            canvas.print_png(
                Path(path), metadata={"Title": self._layers.meta.title, "Software": "Vigie"}
            )
            width, height = canvas.get_width_height()
        return int(width), int(height)
