"""The sheet's crowd-simulation pages: simulated times beside the hand method, a density map.

Only simulations saved for the exported plan are printed (:attr:`PlanLayers.simulation`). The
density page draws each sector's outline and the 1 m cells where the simulated crowd passed 4
and 5 persons/m² (Still's intervene and dangerous thresholds), each cell marked at least a few
points wide so that it can be seen at sector scale. Names are drawn as plain text (the sheet's
rc context turns mathtext off).
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from layers.sheet import INK, MARGIN_MM, MUTED, Layout
from layers.sheet_pages import Column, PageDrawer, Paginator, Table, text
from planner import i18n
from planner.export_layers import PlanLayers
from planner.style import SIM_DENSITY, sector_colour

KEYS = ("agents", "t50_s", "t95_s", "t100_s", "hand_evacuation_s", "max_density_p_m2")


def simulation_pages(layers: PlanLayers, layout: Layout, lang: str) -> list[PageDrawer]:
    """The comparison table's pages and the density map page (none without simulations)."""
    table = layers.simulation
    if table is None or table.empty:
        return []
    columns = [Column("sector", 1.0), Column("sim_case", 1.6)]
    columns += [Column("sim_" + k, 1.0, "right") for k in KEYS]
    rows = []
    for _, row in table.iterrows():
        cells = [str(row["sector"]), text("sim_case_" + str(row["case"]), lang)]
        for k in KEYS:
            value = row.get(k)
            missing = value is None or (isinstance(value, float) and math.isnan(value))
            if missing:
                cells.append("—")
            elif k == "max_density_p_m2":
                cells.append(i18n.format_number(float(value), lang, 1))
            elif k == "agents":
                cells.append(i18n.format_number(float(value), lang))
            else:
                cells.append(_clock(float(value)))
        rows.append(cells)
    pages = Paginator(layout, layers, lang).pages(
        [Table(text("simulation", lang), columns, rows, lang, text("sim_note", lang))]
    )
    return [*pages, lambda fig, page: _density_page(fig, page, layers, layout, lang)]


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"


def _density_page(fig: Figure, page: Axes, layers: PlanLayers, layout: Layout, lang: str) -> None:
    """Sector outlines and the dense cells, on a map axis below the page's heading."""
    width, height = layout.width, layout.height
    page.text(
        MARGIN_MM,
        height - MARGIN_MM - 12 * layout.font_scale,
        text("density_page", lang),
        fontsize=11 * layout.font_scale,
        color=INK,
        weight="bold",
        va="top",
    )
    ax = fig.add_axes((MARGIN_MM / width, 0.12, 1 - 2 * MARGIN_MM / width, 0.70), frame_on=False)
    ax.set_axis_off()
    ax.set_aspect("equal")
    zones = layers.zones
    sectors = zones[zones["role"] == "sector"] if len(zones) else zones
    for i, (_, row) in enumerate(sectors.iterrows()):
        for part in getattr(row.geometry, "geoms", [row.geometry]):
            x, y = part.exterior.xy
            ax.plot(x, y, color=sector_colour(i), linewidth=1.2)
        centre = row.geometry.representative_point()
        ax.text(centre.x, centre.y, str(row["name"]), color=INK, fontsize=9)
    cells = layers.density_cells
    for key, low in (("over_4", 4.0), ("over_5", 5.0)):
        style = SIM_DENSITY[key]
        mine = cells[cells["density_p_m2"] > low] if len(cells) else cells
        if len(mine):
            ax.scatter(
                mine.geometry.x,
                mine.geometry.y,
                s=6,
                marker="s",
                color=style.fill,
                edgecolors=style.stroke,
                linewidths=style.width,
                zorder=3 if key == "over_5" else 2,
            )
    handles = [
        Patch(color=SIM_DENSITY[k].fill, label=text("density_" + k, lang)) for k in SIM_DENSITY
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    page.text(
        MARGIN_MM,
        MARGIN_MM + 8,
        text("density_note", lang),
        fontsize=7 * layout.font_scale,
        color=MUTED,
        va="bottom",
    )
