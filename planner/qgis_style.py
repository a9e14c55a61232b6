"""QGIS styles of the export layers, generated from the style specification (:mod:`planner.style`).

Each layer gets a categorised renderer over the attribute the specification styles by — zones by
role (each sector in its own colour, no-go zones hatched), hazard zones by level, checkpoints by
kind and access role (labelled with their number, P1…), routes by kind with direction arrows,
points of interest by category, base streets by class, buildings, water and parks. The same XML
elements are the ``styleQML`` of the GeoPackage's ``layer_styles`` table and the ``<maplayer>``
content of the stored project (:mod:`planner.qgis_project`). Sizes are millimetres on screen;
labels and legends take their text from ``text`` (a catalogue lookup, in the export's language).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd

from planner.style import (
    BLIND_SPOTS,
    CAMERA_VIEWS,
    CAMERAS,
    CHECKPOINTS,
    HAZARDS,
    LANDCOVER,
    PLAN_POINTS,
    POIS,
    PX_MM,
    QUEUE_AREAS,
    ROLE_ATTRIBUTE,
    ROUTES,
    STREETS,
    UNKNOWN,
    ZONES,
    Style,
    feature_style,
    zone_style,
)

QGIS_VERSION = "3.22.16-Białowieża"
Text = Callable[[str], str]
QML_MARKERS = {"circle": "circle", "square": "square", "diamond": "diamond", "cross": "cross2"}
LABEL_FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Category:
    """One class of a categorised renderer: the attribute (or expression) value, its legend
    text, its style."""

    value: str
    label: str
    style: Style


def layer_style(name: str, frame: gpd.GeoDataFrame, text: Text) -> list[ET.Element]:
    """The ``renderer-v2`` (and ``labeling``) elements of export layer ``name``."""
    geometry = _geometry_kind(frame)
    attribute, categories = _categories(name, frame, text)
    renderer = _categorized(attribute, categories, geometry, arrows=name == "routes")
    if name in DRAWING_ORDER:
        renderer.set("enableorderby", "1")
        order = ET.SubElement(renderer, "orderby")
        clause = ET.SubElement(order, "orderByClause", asc="1", nullsFirst="0")
        clause.text = DRAWING_ORDER[name]
    elements = [renderer]
    label = _label_field(name, text)
    if label:
        elements.append(_labeling(label, name))
    return elements


def qml(name: str, frame: gpd.GeoDataFrame, text: Text) -> str:
    """The layer's style as a QML document (``layer_styles.styleQML``)."""
    root = ET.Element(
        "qgis",
        version=QGIS_VERSION,
        styleCategories="Symbology|Labeling",
        labelsEnabled="1" if _label_field(name, text) else "0",
    )
    root.extend(layer_style(name, frame, text))
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(
        root, encoding="unicode"
    )


def _categories(name: str, frame: gpd.GeoDataFrame, text: Text) -> tuple[str, list[Category]]:
    """(attribute or expression, categories) of a layer, from the specification."""
    if name == "zones":
        sectors = [str(n) for n in frame.loc[frame["role"] == "sector", "name"]]
        categories = [
            Category(f"sector:{n}", f"{text('role_sector')} {n}", zone_style("sector", i))
            for i, n in enumerate(dict.fromkeys(sectors))
        ]
        categories += [
            Category(role, text("role_" + role), style)
            for role, style in ZONES.items()
            if role != "sector"
        ]
        expression = """CASE WHEN "role" = 'sector' THEN 'sector:' || "name" ELSE "role" END"""
        return expression, categories
    if name == "hazard_zones":
        return "zone", [Category(k, text("hazard_" + k), s) for k, s in HAZARDS.items()]
    if name == "checkpoints":
        keys = [k for k in CHECKPOINTS if k in ("vehicle", "pedestrian")]
        if ROLE_ATTRIBUTE in frame.columns and frame[ROLE_ATTRIBUTE].astype(bool).any():
            keys = list(CHECKPOINTS)
            expression = (  # the access role once known (issue 14's "role"), else the kind
                f"""CASE WHEN "{ROLE_ATTRIBUTE}" IN ('filtering', 'closed', 'emergency') """
                f"""THEN "{ROLE_ATTRIBUTE}" ELSE "kind" END"""
            )
        else:
            expression = "kind"
        names = {"vehicle": "checkpoint_vehicle", "pedestrian": "checkpoint_pedestrian",
                 "filtering": "access_filtering", "closed": "access_closed",
                 "emergency": "access_emergency"}  # fmt: skip
        return expression, [Category(k, text(names[k]), CHECKPOINTS[k]) for k in keys]
    if name == "materials":  # one point per access, drawn as the checkpoints by role
        roles = ("filtering", "closed", "emergency")
        return ROLE_ATTRIBUTE, [Category(k, text("access_" + k), CHECKPOINTS[k]) for k in roles]
    if name == "queue_areas":
        expression = """CASE WHEN "fits" THEN 'fits' ELSE 'spills' END"""
        return expression, [Category(k, text("queue_" + k), s) for k, s in QUEUE_AREAS.items()]
    if name == "routes":
        expression = """CASE WHEN "kind" = 'emergency' THEN "station_kind" ELSE "kind" END"""
        return expression, [
            Category(
                k,
                text("route_" + ("emergency" if k in POIS else k))
                + (f" — {text(k)}" if k in POIS else ""),
                s,
            )  # fmt: skip
            for k, s in ROUTES.items()
        ]
    if name == "points_of_interest":
        present = set(frame["category"])
        return "category", [
            Category(c, text(("point_" if c in PLAN_POINTS else "") + c), style)
            for c, style in POIS.items()
            if c in present
        ]
    if name == "cameras":
        return "source", [Category(k, text("camera_" + k), s) for k, s in CAMERAS.items()]
    if name == "camera_views":
        return "level", [Category(k, text("dori_" + k), s) for k, s in CAMERA_VIEWS.items()]
    if name == "blind_spots":
        return "", [Category("", text("blind_spots"), BLIND_SPOTS)]
    if name == "base_streets":
        return "class", [Category(k, text("street_" + k), s) for k, s in STREETS.items()]
    if name == "base_landcover":
        return "kind", [Category(k, text("landcover_" + k), s) for k, s in LANDCOVER.items()]
    if name == "base_buildings":
        return "", [Category("", text("building"), feature_style("base_buildings", {}))]
    return "", [Category("", name, UNKNOWN)]


#: Features drawn bottom to top, as on the sheet: sectors under the other zones and the perimeter
#: on top; the plume at 10 % of the LEL under the one at 60 % under the isolation circle.
DRAWING_ORDER = {
    "zones": """CASE WHEN "role" = 'sector' THEN 0 WHEN "role" = 'perimeter' THEN 2 ELSE 1 END""",
    "hazard_zones": """CASE WHEN "zone" = 'lel_10' THEN 0 WHEN "zone" = 'lel_60' THEN 1 """
    """ELSE 2 END""",
}


def _label_field(name: str, text: Text) -> str | None:
    """The label expression of a layer: checkpoint numbers (P1…), sector and zone names (the
    perimeter's is in the legend), the names of services and of the plan's points."""
    if name in ("checkpoints", "materials"):
        return '"id"'
    if name == "zones":
        sector = _literal(text("role_sector") + " ")
        return (f"""CASE WHEN "role" = 'sector' THEN {sector} || "name" """
                """WHEN "role" <> 'perimeter' THEN "name" END""")  # fmt: skip
    if name == "points_of_interest":
        return """CASE WHEN "category" NOT IN ('transit', 'camera') THEN "name" END"""
    return None


def _literal(constant: str) -> str:
    """A catalogue constant as a QGIS expression string literal (never user text: that stays
    in the data, in fields)."""
    return "'" + constant.replace("'", "''") + "'"


def category_colours(name: str, frame: gpd.GeoDataFrame) -> dict[str, str]:
    """The colour (``#rrggbb``) each category of layer ``name`` is drawn in: what a test reads
    back from QGIS's renderer."""
    _, categories = _categories(name, frame, lambda key: key)
    return {c.value: c.style.colour for c in categories}


def _categorized(
    attribute: str, categories: list[Category], geometry: str, arrows: bool
) -> ET.Element:
    if not attribute:  # one symbol for the whole layer
        renderer = ET.Element("renderer-v2", type="singleSymbol", symbollevels="0",
                              enableorderby="0", forceraster="0")  # fmt: skip
        symbols = ET.SubElement(renderer, "symbols")
        symbols.append(_symbol("0", categories[0].style, geometry, arrows))
        return renderer
    renderer = ET.Element("renderer-v2", type="categorizedSymbol", attr=attribute,
                          symbollevels="0", enableorderby="0", forceraster="0")  # fmt: skip
    listed = ET.SubElement(renderer, "categories")
    symbols = ET.SubElement(renderer, "symbols")
    for i, category in enumerate(categories):
        ET.SubElement(listed, "category", symbol=str(i), value=category.value,
                      label=category.label, render="true", type="string")  # fmt: skip
        symbols.append(_symbol(str(i), category.style, geometry, arrows))
    return renderer


def _symbol(name: str, style: Style, geometry: str, arrows: bool) -> ET.Element:
    symbol = ET.Element("symbol", type=geometry, name=name, alpha="1", clip_to_extent="1",
                        force_rhr="0")  # fmt: skip
    if geometry == "fill":
        if style.fill:
            _layer(symbol, "SimpleFill", color=_rgba(style.fill, style.fill_opacity),
                   outline_style="no", style="solid")  # fmt: skip
        if style.hatch:
            pattern = _layer(symbol, "LinePatternFill", angle="45", distance="2",
                             distance_unit="MM", line_width="0.3", line_width_unit="MM",
                             color=_rgba(style.stroke))  # fmt: skip
            hatch = Style(style.stroke, 0.3 / PX_MM, opacity=0.8)
            pattern.append(_line_symbol("@0@1", hatch))
        _line_layer(symbol, style)
    elif geometry == "line":
        _line_layer(symbol, style)
        if arrows:
            marker_line = _layer(symbol, "MarkerLine", placement="interval", interval="25",
                                 interval_unit="MM", offset_along_line="12",
                                 offset_along_line_unit="MM", rotate="1")  # fmt: skip
            head = Style("#ffffff", 0.5, fill=style.stroke, size=max(style.width * 2.6, 10))
            marker_line.append(_marker_symbol("@0@1", head, "filled_arrowhead"))
    else:
        for layer in _marker_symbol(name, style).findall("layer"):
            symbol.append(layer)
    return symbol


def _line_layer(symbol: ET.Element, style: Style) -> ET.Element:
    options = {
        "line_color": _rgba(style.stroke, style.opacity),
        "line_width": f"{style.width * PX_MM:.3f}",
        "line_width_unit": "MM",
        "line_style": "solid",
        "capstyle": "round",
        "joinstyle": "round",
    }
    if style.dash:
        options |= {"use_custom_dash": "1", "customdash_unit": "Pixel",
                    "customdash": ";".join(f"{d:g}" for d in style.dash),
                    "capstyle": "flat"}  # fmt: skip
    return _layer(symbol, "SimpleLine", **options)


def _line_symbol(name: str, style: Style) -> ET.Element:
    symbol = ET.Element("symbol", type="line", name=name, alpha="1", clip_to_extent="1",
                        force_rhr="0")  # fmt: skip
    _line_layer(symbol, style)
    return symbol


def _marker_symbol(name: str, style: Style, shape: str | None = None) -> ET.Element:
    symbol = ET.Element("symbol", type="marker", name=name, alpha="1", clip_to_extent="1",
                        force_rhr="0")  # fmt: skip
    cross = style.marker == "cross"
    _layer(symbol, "SimpleMarker", name=shape or QML_MARKERS[style.marker],
           color=_rgba(style.fill or style.stroke), outline_color=_rgba(style.stroke),
           outline_width=f"{style.width * PX_MM * (1.6 if cross else 1):.3f}",
           outline_width_unit="MM", outline_style="solid", size=f"{style.size * PX_MM:.2f}",
           size_unit="MM", scale_method="diameter", angle="0")  # fmt: skip
    return symbol


def _layer(symbol: ET.Element, kind: str, **props: str) -> ET.Element:
    """A symbol layer with its properties (QGIS 3.22's ``<Option type="Map">`` form)."""
    layer = ET.SubElement(symbol, "layer", {"class": kind, "enabled": "1", "locked": "0",
                                            "pass": "0"})  # fmt: skip
    options = ET.SubElement(layer, "Option", type="Map")
    for key, value in props.items():
        ET.SubElement(options, "Option", name=key, value=str(value), type="QString")
    return layer


def _labeling(field: str, layer: str) -> ET.Element:
    """Simple labels from ``field``: white bold numbers on checkpoints, names elsewhere."""
    checkpoints = layer == "checkpoints"
    labeling = ET.Element("labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    text_style = ET.SubElement(
        settings, "text-style", fieldName=field, isExpression="1", fontFamily=LABEL_FONT,
        fontSize="6.5" if checkpoints else "7.5", fontSizeUnit="Point",
        fontWeight="75" if checkpoints or layer == "zones" else "50",
        namedStyle="Bold" if checkpoints or layer == "zones" else "Book",
        textColor="255,255,255,255" if checkpoints else "27,27,27,255", textOpacity="1",
        fontItalic="0", fontUnderline="0", fontStrikeout="0", multilineHeight="1",
        capitalization="0", blendMode="0", previewBkgrdColor="255,255,255,255",
    )  # fmt: skip
    ET.SubElement(text_style, "text-buffer", bufferDraw="0" if checkpoints else "1",
                  bufferSize="0.8", bufferSizeUnits="MM", bufferColor="255,255,255,255",
                  bufferOpacity="0.9", bufferJoinStyle="128", bufferNoFill="1")  # fmt: skip
    ET.SubElement(text_style, "background", shapeDraw="0")
    ET.SubElement(text_style, "shadow", shadowDraw="0")
    ET.SubElement(settings, "text-format", wrapChar="", autoWrapLength="0", plussign="0",
                  formatNumbers="0", decimals="3", leftDirectionSymbol="<",
                  rightDirectionSymbol=">", reverseDirectionSymbol="0", addDirectionSymbol="0",
                  placeDirectionSymbol="0", multilineAlign="3")  # fmt: skip
    ET.SubElement(settings, "placement", placement="1" if checkpoints else "0",
                  dist="1.5", distUnits="MM", quadOffset="4", offsetType="0", xOffset="0",
                  yOffset="0", offsetUnits="MM", priority="10" if checkpoints else "5",
                  placementFlags="10", centroidWhole="0", centroidInside="1",
                  fitInPolygonOnly="0")  # fmt: skip
    ET.SubElement(settings, "rendering", displayAll="1" if checkpoints else "0",
                  obstacle="1", obstacleType="0", zIndex="2" if checkpoints else "1",
                  drawLabels="1", scaleVisibility="0", limitNumLabels="0",
                  upsidedownLabels="0", labelPerPart="0", mergeLines="0",
                  fontLimitPixelSize="0")  # fmt: skip
    return labeling


def _rgba(colour: str, opacity: float = 1.0) -> str:
    """``#rrggbb`` and an opacity as QGIS's ``r,g,b,a`` (0–255 each)."""
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{round(opacity * 255)}"


def _geometry_kind(frame: gpd.GeoDataFrame) -> str:
    """QGIS's symbol type of a layer: ``fill``, ``line`` or ``marker``."""
    kinds = set(frame.geom_type) if len(frame) else {"Point"}
    if kinds & {"Polygon", "MultiPolygon"}:
        return "fill"
    if kinds & {"LineString", "MultiLineString"}:
        return "line"
    return "marker"
