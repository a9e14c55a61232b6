"""Online areas: a place name or a bounding box downloaded from OpenStreetMap through osmnx.

osmnx is set to fail fast: no rate-limit probe (which sleeps about 60 s when offline), no
DNS-over-HTTPS, a short timeout. With no network the user gets :class:`OfflineError` within a
few seconds. Downloads go through osmnx's own HTTP cache in the planner's cache directory.
"""

from __future__ import annotations

import os

import geopandas as gpd
import networkx as nx
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from planner import osm_io
from planner.crs import WGS84, projected_crs_for
from planner.errors import EmptyAreaError, OfflineError, PlaceNotFoundError
from planner.paths import cache_dir

#: Largest surface downloaded online (km²); a whole metropolis comes from a local extract.
MAX_ONLINE_KM2 = 60.0

#: Seconds osmnx waits for an answer (overridable for slow links: VIGIE_OSM_TIMEOUT).
REQUEST_TIMEOUT_S = int(os.environ.get("VIGIE_OSM_TIMEOUT", "8"))


def configure_osmnx() -> None:
    """Fail-fast, cached osmnx settings (idempotent)."""
    import osmnx as ox

    ox.settings.overpass_rate_limit = False
    ox.settings.requests_timeout = REQUEST_TIMEOUT_S
    ox.settings.doh_url_template = None
    ox.settings.use_cache = True
    ox.settings.cache_folder = str(cache_dir() / "osmnx")
    ox.settings.log_console = False
    extra = ["footway", "motor_vehicle", "layer"]
    ox.settings.useful_tags_way = list(dict.fromkeys([*ox.settings.useful_tags_way, *extra]))


def online_ref(place: str | None = None, bbox: str | None = None) -> str:
    """The source reference of an online query: ``place:NAME`` or ``bbox:W,S,E,N``."""
    if bbox:
        west, south, east, north = parse_bbox(bbox)
        return f"bbox:{west},{south},{east},{north}"
    if place and place.strip():
        return f"place:{place.strip()}"
    raise PlaceNotFoundError("place_not_found", place=place or "")


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``west,south,east,north`` in degrees, checked."""
    try:
        west, south, east, north = (float(v) for v in text.replace(";", ",").split(","))
    except ValueError:
        raise PlaceNotFoundError("bad_bbox", bbox=text) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise PlaceNotFoundError("bad_bbox", bbox=text)
    return west, south, east, north


def download_frames(ref: str, progress: osm_io.Progress = None) -> osm_io.OsmFrames:
    """Download an online area's frames; OfflineError when the servers can't be reached."""
    import osmnx as ox
    import requests

    configure_osmnx()
    report = progress or (lambda step: None)
    try:
        polygon = _query_polygon(ref)
        _check_size(polygon)
        report("graphs")
        drive = _graph(polygon, "drive")
        walk = _graph(polygon, "walk")
        streets = _streets(_graph(polygon, "all", simplify=False))
        report("features")
        buildings = _features(polygon, {"building": True}, osm_io.BUILDING_COLUMNS)
        pois = osm_io.categorise_pois(_features(polygon, osm_io.merged_poi_filter(), None))
        open_spaces = osm_io.classify_open_spaces(
            _features(polygon, osm_io.OPEN_SPACE_FILTER, None)
        )
        landcover = osm_io.classify_landcover(_features(polygon, osm_io.LANDCOVER_FILTER, None))
    except requests.exceptions.RequestException as err:
        raise OfflineError("offline", detail=type(err).__name__) from None
    except ox._errors.ResponseStatusCodeError as err:
        raise OfflineError("offline", detail=str(err).splitlines()[0][:80]) from None
    return osm_io.OsmFrames(streets, drive, walk, buildings, pois, open_spaces, landcover=landcover)


def _query_polygon(ref: str) -> BaseGeometry:
    import osmnx as ox

    kind, _, value = ref.partition(":")
    if kind == "bbox":
        return box(*parse_bbox(value))
    try:
        geocoded = ox.geocode_to_gdf(value)
    except ox._errors.InsufficientResponseError:
        raise PlaceNotFoundError("place_not_found", place=value) from None
    polygon = geocoded.geometry.iloc[0]
    if polygon.geom_type not in ("Polygon", "MultiPolygon"):
        polygon = box(*geocoded.total_bounds)  # a point place: its bounding box from Nominatim
    return polygon


def _check_size(polygon: BaseGeometry) -> None:
    centre = polygon.centroid
    crs = projected_crs_for(centre.x, centre.y)
    km2 = gpd.GeoSeries([polygon], crs=WGS84).to_crs(crs).area.iloc[0] / 1e6
    if km2 > MAX_ONLINE_KM2:
        raise PlaceNotFoundError("area_too_large", km2=km2, limit_km2=MAX_ONLINE_KM2)


def _graph(polygon: BaseGeometry, network_type: str, simplify: bool = True) -> nx.MultiDiGraph:
    import osmnx as ox

    try:
        return ox.graph_from_polygon(
            polygon,
            network_type=network_type,
            simplify=simplify,
            retain_all=True,
            truncate_by_edge=True,
        )
    except ox._errors.InsufficientResponseError:
        raise EmptyAreaError("osm_no_streets") from None


def _streets(graph: nx.MultiDiGraph) -> gpd.GeoDataFrame:
    """One row per street segment (osmnx gives each two-way segment twice)."""
    import osmnx as ox

    edges = ox.convert.graph_to_gdfs(graph, nodes=False).reset_index()
    key = [frozenset(uv) for uv in zip(edges["u"], edges["v"], strict=True)]
    edges = edges.assign(_uv=key).drop_duplicates(subset=["osmid", "_uv"])
    return osm_io.select_columns(edges.rename(columns={"osmid": "osm_id"}), osm_io.STREET_COLUMNS)


def _features(polygon: BaseGeometry, tags: dict, columns: list[str] | None) -> gpd.GeoDataFrame:
    import osmnx as ox

    try:
        found = ox.features_from_polygon(polygon, tags).reset_index()
    except ox._errors.InsufficientResponseError:
        found = gpd.GeoDataFrame(columns=["id", "geometry"], geometry="geometry", crs=WGS84)
    found = found.rename(columns={"id": "osm_id"})
    if columns is None:
        return found
    polygons = found[shapely.get_type_id(found.geometry.values) >= 3]  # polygons only
    return osm_io.select_columns(polygons, columns)
