"""A standalone HTML map of a plan: one file that opens offline in any browser.

The same folium map as the app (vector base map clipped around the plan, zones, hazard zones,
routes, numbered checkpoints, points of interest), without the drawing tools, with a title block
(title, scenario version, marking), and with every script and style sheet copied into the file
from the npm packages the set-up installed — no CDN, no tile server.
"""

from __future__ import annotations

import re
from datetime import datetime

import folium
import shapely
from branca.element import Element

from layers.assets import STATIC_DIR, localize_assets
from layers.basemap import base_geojson, make_map
from layers.exercise import HAZARD_STYLES
from layers.labels import label
from layers.routes import ROUTE_STYLES
from planner.area import Area
from planner.crs import WGS84
from planner.export_layers import PlanLayers
from planner.markup import html_text
from planner.style import PLAN_POINTS, feature_style, route_key

#: Margin of the base map around the plan (metres): context without a heavy file.
MARGIN_M = 400.0
_PLACEHOLDER = "vigie-inline:"
_TAG = re.compile(
    r'<script src="' + _PLACEHOLDER + r'([^"]+)"></script>'
    r'|<link rel="stylesheet" href="' + _PLACEHOLDER + r'([^"]+)"\s*/?>'
)


def standalone_html(area: Area, layers: PlanLayers, lang: str = "fr") -> str:
    """The plan as one self-contained HTML page."""
    west, south, east, north = layers.extent()
    view = shapely.box(west, south, east, north).buffer(MARGIN_M)
    plan_points = layers.pois[layers.pois["category"].isin(PLAN_POINTS)]
    fmap = make_map(
        area,
        base_geojson(area, within=view),
        lang,
        draw=False,
        zones=[
            {
                "geometry": shapely.geometry.mapping(g),
                "properties": {"role": r["role"], "id": r["id"], "name": r["name"] or None},
            }
            for r, g in _records(layers.zones)
        ],
        points=[
            {
                "geometry": shapely.geometry.mapping(g),
                "properties": {
                    "role": r["category"],
                    "id": r["id"] or r["category"],
                    "name": r["name"] or None,
                },
            }
            for r, g in _records(plan_points)
        ],
        focus=[(p.x, p.y) for p in layers.hazard_zones.geometry.centroid.to_crs(WGS84)],
    )
    plan = folium.FeatureGroup(name=label("checkpoints", lang))
    _hazards(plan, layers)
    _routes(plan, layers)
    _checkpoints(plan, layers)
    plan.add_to(fmap)
    fmap.get_root().html.add_child(Element(_title_block(layers)))
    localize_assets(fmap, prefix=_PLACEHOLDER)
    return _inline(fmap.get_root().render())


def _hazards(group: folium.FeatureGroup, layers: PlanLayers) -> None:
    for record, shape in _records(layers.hazard_zones):
        zone, people = record["zone"], record["people_estimate"]
        style = HAZARD_STYLES.get(zone, HAZARD_STYLES["isolation"])
        folium.GeoJson(
            shapely.geometry.mapping(shape),
            style_function=lambda _, s=style: s,
            tooltip=html_text(f"{zone} · ~{people}"),
        ).add_to(group)


def _routes(group: folium.FeatureGroup, layers: PlanLayers) -> None:
    for record, line in _records(layers.routes):
        style = ROUTE_STYLES[route_key(record["kind"], record["station_kind"])]
        latlngs = [[y, x] for x, y in shapely.get_coordinates(line)]
        caption = (
            f"{record['origin']} → {record['destination']} · {record['length_m']} m · "
            f"{record['duration_min']} min"
        )
        folium.PolyLine(latlngs, tooltip=html_text(caption), **style).add_to(group)


def _checkpoints(group: folium.FeatureGroup, layers: PlanLayers) -> None:
    for record, point in _records(layers.checkpoints):
        style = feature_style("checkpoints", record)
        body = (
            f'<div class="vigie-checkpoint" style="width:22px;height:22px;line-height:18px;'
            f"border-radius:50%;background:{style.colour};color:#fff;"
            f"border:{style.width:g}px solid {style.stroke};"
            f'text-align:center;font:bold 10px sans-serif">{html_text(record["id"])}</div>'
        )
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=body, icon_size=(22, 22), icon_anchor=(11, 11)),
            tooltip=html_text(f"{record['id']} · {record['street'] or record['highway']}"),
        ).add_to(group)


def _records(frame) -> list[tuple[dict, object]]:
    """(attributes, WGS84 geometry) of each row of a projected layer."""
    if not len(frame):
        return []
    wgs84 = frame.to_crs(WGS84)
    records = wgs84.drop(columns="geometry").to_dict("records")
    return list(zip(records, wgs84.geometry.values, strict=True))


def _title_block(layers: PlanLayers) -> str:
    meta = layers.meta
    marking = (
        f'<div style="color:#c0392b;font-weight:bold">{html_text(meta.marking)}</div>'
        if meta.marking
        else ""
    )
    return (
        '<div class="vigie-title" style="position:fixed;top:10px;left:60px;z-index:1000;'
        "background:rgba(255,255,255,.92);padding:6px 10px;border-radius:4px;"
        'font:13px sans-serif;box-shadow:0 0 4px rgba(0,0,0,.4)">'
        f"{marking}<b>{html_text(meta.title)}</b><br>{html_text(meta.event_name)} · "
        f"{html_text(meta.event_start[:16].replace('T', ' '))}<br>"
        f"{html_text(meta.version_label())} · {datetime.now():%Y-%m-%d %H:%M}"
        "</div>"
    )


def _inline(page: str) -> str:
    """Every placeholder script and style sheet replaced by the file's content."""

    def content(match: re.Match) -> str:
        script, sheet = match.group(1), match.group(2)
        text = (STATIC_DIR / (script or sheet)).read_text(encoding="utf-8")
        if script:
            return "<script>" + text.replace("</script", "<\\/script") + "</script>"
        return "<style>" + text + "</style>"

    return _TAG.sub(content, page)


def assets_missing(page: str) -> list[str]:
    """Scripts, style sheets and images still fetched from the network (none, standalone)."""
    return re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', page)
