"""Exercise layers: hazard zones (isolation, plume at 10 % and 60 % of the LEL), closed streets,
closed checkpoints, at one time of a replay.

Drawn in the plan's dynamic group, so moving the time slider redraws them without reloading the
base map. A plume is labelled as a screening estimate.
"""

from __future__ import annotations

import folium
import shapely
from shapely.geometry import mapping

from layers.geometry import one_on_map
from layers.labels import label
from layers.style import leaflet
from planner.area import Area
from planner.checkpoints import Checkpoint
from planner.crs import WGS84, reproject
from planner.markup import html_text
from planner.replay import Frame
from planner.style import CHECKPOINTS, CLOSED_STREET, HAZARD_LABEL_FILL, HAZARDS

HAZARD_STYLES = {level: leaflet(style, camel=True) for level, style in HAZARDS.items()}
CLOSED_STREET_STYLE = leaflet(CLOSED_STREET, camel=True)
CLOSED = CHECKPOINTS["closed"]


def add_exercise(
    group: folium.FeatureGroup,
    frame: Frame,
    area: Area,
    checkpoints: list[Checkpoint],
    lang: str,
) -> None:
    """Hazards, closed streets and closed checkpoints of ``frame``."""
    for state in frame.hazards:
        zones, exposed = state.zones, state.exposure
        layers = [("lel_10", zones.plume.get("lel_10")), ("lel_60", zones.plume.get("lel_60"))]
        for key, shape in [*layers, ("isolation", zones.isolation)]:
            if shape is None or shape.is_empty:
                continue
            tooltip = label("hazard_" + key, lang)
            if key != "isolation":
                tooltip += " — " + label("screening_estimate", lang)
            folium.GeoJson(
                mapping(one_on_map(shape, area.crs)),
                style_function=lambda _, s=HAZARD_STYLES[key]: s,
                tooltip=html_text(tooltip),
            ).add_to(group)
        centre = reproject([zones.isolation.centroid], area.crs, WGS84)[0]
        text = (
            f"{label('hazard_kind_' + zones.kind, lang)} · {zones.radius_m:.0f} m · "
            f"~{exposed.people_estimate} {label('people', lang)}"
        )
        body = (
            f'<div class="vigie-hazard" data-hazard="{html_text(zones.id)}" style="'
            f"display:inline-block;transform:translate(-50%,-150%);background:{HAZARD_LABEL_FILL};"
            "color:#fff;"
            "border-radius:4px;padding:1px 6px;font:bold 11px sans-serif;white-space:nowrap;"
            f'box-shadow:0 0 3px rgba(0,0,0,.5)">⚠ {html_text(text)}</div>'
        )
        folium.Marker(
            [centre.y, centre.x], icon=folium.DivIcon(html=body, icon_size=(0, 0))
        ).add_to(group)
    _closed_streets(group, frame, area, lang)
    _closed_checkpoints(group, frame, checkpoints, lang)


def _closed_streets(group: folium.FeatureGroup, frame: Frame, area: Area, lang: str) -> None:
    names = {n.casefold() for n in frame.zones.closed_streets}
    if not names:
        return
    streets = area.streets[
        area.streets["name"].map(lambda n: isinstance(n, str) and n.casefold() in names)
    ]
    if streets.empty:
        return
    lines = one_on_map(shapely.union_all(streets.geometry.values), area.crs)
    folium.GeoJson(
        mapping(lines),
        style_function=lambda _: CLOSED_STREET_STYLE,
        tooltip=html_text(
            f"{label('closed_street', lang)} : {', '.join(frame.zones.closed_streets)}"
        ),
    ).add_to(group)


def _closed_checkpoints(
    group: folium.FeatureGroup, frame: Frame, checkpoints: list[Checkpoint], lang: str
) -> None:
    """A grey cross over each closed checkpoint (the plan overlay draws the markers)."""
    closed = set(frame.situation.closed_checkpoints)
    for checkpoint in checkpoints:
        if checkpoint.id in closed:
            folium.Marker(
                [checkpoint.lat, checkpoint.lon],
                icon=folium.DivIcon(
                    html='<div class="vigie-closed-checkpoint" style="font:bold '
                    f"{CLOSED.size:g}px sans-serif;color:{CLOSED.stroke};"
                    f'transform:translate(-50%,-50%)">{CLOSED.glyph[0]}</div>',
                    icon_size=(0, 0),
                ),
                tooltip=html_text(f"{checkpoint.id} — {label('closed_checkpoint', lang)}"),
            ).add_to(group)
