"""The replayed agents of a crowd simulation on the map: one GeoJSON layer of small circles.

Positions come in the area's CRS and are turned to WGS84 here, at the edge.
"""

from __future__ import annotations

import folium
import numpy as np
from pyproj import Transformer

from planner.crs import WGS84
from planner.style import SIM_AGENT


def agents_layer(group: folium.FeatureGroup, xy: np.ndarray, crs: str, name: str) -> None:
    """Add the agents at ``xy`` (n × 2, area's CRS) to ``group`` as one layer."""
    if not len(xy):
        return
    lon, lat = Transformer.from_crs(crs, WGS84, always_xy=True).transform(xy[:, 0], xy[:, 1])
    points = {
        "type": "Feature",
        "properties": {"layer": "simulation_agents"},
        "geometry": {
            "type": "MultiPoint",
            "coordinates": [[round(a, 7), round(b, 7)] for a, b in zip(lon, lat, strict=True)],
        },
    }
    folium.GeoJson(
        points,
        name=name,
        marker=folium.CircleMarker(
            radius=SIM_AGENT.size / 2,
            color=SIM_AGENT.stroke,
            weight=SIM_AGENT.width,
            fill=True,
            fill_color=SIM_AGENT.fill,
            fill_opacity=SIM_AGENT.fill_opacity,
        ),
    ).add_to(group)
