"""The projected CRS of an area: Lambert-93 in metropolitan France (and Monaco), else UTM.

Metric work (distances, buffers, surfaces) happens in this CRS; WGS84 is used only at the edges
(map display, GeoJSON in and out).
"""

from __future__ import annotations

from pyproj import CRS
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info

WGS84 = "EPSG:4326"
LAMBERT_93 = "EPSG:2154"

# Lambert-93's area of use: metropolitan France with Corsica (Monaco lies inside it).
_LAMBERT_93_BOUNDS = (-9.86, 41.15, 10.38, 51.56)


def projected_crs_for(lon: float, lat: float) -> str:
    """Projected CRS for a place given in WGS84: EPSG:2154 in France, else its UTM zone."""
    west, south, east, north = _LAMBERT_93_BOUNDS
    if west <= lon <= east and south <= lat <= north:
        return LAMBERT_93
    infos = query_utm_crs_info(
        datum_name="WGS 84",
        area_of_interest=AreaOfInterest(lon, lat, lon, lat),
    )
    code = infos[0].code if infos else "32631"
    return CRS.from_epsg(int(code)).to_string()
