"""The season's roster as a printable PDF: one A4 page per commune (when, where, how many, role).

Drawn with matplotlib's PDF backend (never pyplot), mathtext off: names are text, never markup
(see planner/markup.py). Texts from the one catalogue (``sheet`` context), dates by Babel.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib as mpl
from babel.dates import format_date as babel_date
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from planner import i18n
from planner.season import PARIS, WHOLE_EVENT, Season

PLAIN_TEXT = {"text.parse_math": False}
A4_PORTRAIT_IN = (8.27, 11.69)
ROWS_PER_PAGE = 32


def roster_pdf(season: Season, titles: dict[str, str], lang: str = "fr") -> bytes:
    """The roster, a page (or more) per commune, as PDF bytes."""
    out = io.BytesIO()
    with mpl.rc_context(PLAIN_TEXT), PdfPages(out) as pdf:
        for commune in season.communes():
            rows = [_row(a, titles, lang) for a in season.roster(commune)]
            for first in range(0, max(len(rows), 1), ROWS_PER_PAGE):
                figure = _page(commune, rows[first : first + ROWS_PER_PAGE], season, lang)
                pdf.savefig(figure)
        info = pdf.infodict()
        info["Title"] = _text("season_roster_title", lang)
    return out.getvalue()


def _text(key: str, lang: str, **params) -> str:
    return i18n.text("sheet", key, lang, **params)


def _row(assignment, titles: dict[str, str], lang: str) -> list[str]:
    start, end = assignment.start.astimezone(PARIS), assignment.end.astimezone(PARIS)
    when = f"{_day(start, lang)} {start:%H:%M} – "
    when += f"{end:%H:%M}" if start.date() == end.date() else f"{_day(end, lang)} {end:%H:%M}"
    sector = assignment.sector if assignment.sector != WHOLE_EVENT else _text("season_whole", lang)
    return [
        when,
        _cut(titles.get(assignment.event, assignment.event), 27),
        _cut(sector, 20),
        role_label(assignment.role, lang),
        assignment.group.rsplit(" · ", 1)[-1],
        i18n.format_number(assignment.agents, lang),
    ]


def _day(moment, lang: str) -> str:
    """``jeu. 31 déc.`` / ``Thu, Dec 31``."""
    return babel_date(
        moment, "EEE d MMM" if lang == "fr" else "EEE, MMM d", locale=i18n.LOCALES.get(lang, "en")
    )


def role_label(role: str, lang: str) -> str:
    """A role's name (agents or equipment) in ``lang``."""
    return _text("season_role_" + role, lang)


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _page(commune: str, rows: list[list[str]], season: Season, lang: str):
    figure = Figure(figsize=A4_PORTRAIT_IN)
    figure.text(0.07, 0.955, _cut(commune, 60), fontsize=18, weight="bold")
    figure.text(0.07, 0.93, _text("season_roster_subtitle", lang), fontsize=10, color="#444")
    total = sum(a.agents for a in season.roster(commune))
    figure.text(0.07, 0.905, _text("season_roster_total", lang, total=total), fontsize=10)
    axes = figure.add_axes((0.07, 0.08, 0.86, 0.8))
    axes.axis("off")
    if not rows:
        axes.text(0, 1, _text("season_roster_none", lang), va="top", fontsize=11)
        return figure
    header = [
        _text(k, lang)
        for k in (
            "season_col_when",
            "season_col_event",
            "season_col_sector",
            "season_col_role",
            "season_col_group",
            "season_col_agents",
        )
    ]
    table = axes.table(
        cellText=rows,
        colLabels=header,
        loc="upper left",
        cellLoc="left",
        colWidths=[0.31, 0.25, 0.17, 0.13, 0.07, 0.07],
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7.5)
    table.scale(1, 1.35)
    for (row, _), cell in table.get_celld().items():
        cell.get_text().set_parse_math(False)
        if row == 0:
            cell.set_text_props(weight="bold")
            cell.set_facecolor("#e8ecf2")
    rules = _text(
        "season_roster_rules", lang, rest=season.rules.rest_h, longest=season.rules.max_shift_h
    )
    figure.text(0.07, 0.03, "\n".join(textwrap.wrap(rules, 110)), fontsize=7.5, color="#444")
    return figure
