"""The style specification (:mod:`planner.style`) as Leaflet path options and matplotlib
keyword arguments: the live map, the standalone HTML and the sheet translate it, never restate it.
"""

from __future__ import annotations

from typing import Any

from matplotlib.colors import to_rgba

from planner.style import PX_PT, Style


def leaflet(style: Style, camel: bool = False) -> dict[str, Any]:
    """Leaflet path options: snake_case for folium's vector classes (``folium.Polygon``), or
    camelCase for a ``folium.GeoJson`` ``style_function`` (``camel=True``)."""
    options: dict[str, Any] = {"color": style.stroke, "weight": style.width}
    if style.opacity != 1.0:
        options["opacity"] = style.opacity
    if style.dash:
        options["dash_array"] = " ".join(f"{d:g}" for d in style.dash)
    if style.fill:
        options |= {"fill_color": style.fill, "fill_opacity": style.fill_opacity}
    if camel:
        return {_camel(k): v for k, v in options.items()}
    return options


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(w.title() for w in rest)


def mpl_area(style: Style, width_pt: float | None = None) -> dict[str, Any]:
    """``PathPatch`` keyword arguments of an area (fill with its opacity, outline, hatching)."""
    kwargs: dict[str, Any] = {
        "fc": to_rgba(style.fill, style.fill_opacity) if style.fill else "none",
        "ec": style.stroke,
        "lw": style.width * PX_PT * 1.4 if width_pt is None else width_pt,
    }
    if style.dash:
        kwargs["ls"] = (0, tuple(d * 0.6 for d in style.dash))
    if style.hatch:
        kwargs["hatch"] = style.hatch
    return kwargs


def mpl_dashes(style: Style) -> tuple | str:
    """A matplotlib line style: solid, or the spec's dash pattern scaled to paper."""
    return (0, tuple(d * 0.65 for d in style.dash)) if style.dash else "-"


#: matplotlib markers of the spec's point shapes.
MPL_MARKERS = {"circle": "o", "square": "s", "diamond": "D", "cross": "x"}
