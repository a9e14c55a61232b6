"""Reprojection through one shared transformer: the same as geopandas', from any thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import geopandas as gpd
import numpy as np
import shapely

from planner.crs import LAMBERT_93, WGS84, projected_crs_for, reproject


def test_reproject_matches_geopandas_both_ways_and_in_other_threads(monaco):
    shapes = list(monaco.streets.geometry.values[:50]) + [shapely.Point(), shapely.Polygon()]
    expected = gpd.GeoSeries(shapes, crs=LAMBERT_93).to_crs(WGS84).values
    with ThreadPoolExecutor(4) as pool:  # as Streamlit's script threads use it
        results = list(pool.map(lambda _: reproject(shapes, LAMBERT_93, WGS84), range(8)))
    for moved in results:
        assert all(a.equals_exact(b, 1e-9) for a, b in zip(moved, expected, strict=True))
    back = reproject(results[0], WGS84, LAMBERT_93)
    assert np.allclose(shapely.get_coordinates(back), shapely.get_coordinates(shapes), atol=1e-3)
    assert reproject([], WGS84, LAMBERT_93).size == 0
    same = reproject(shapes, LAMBERT_93, "EPSG:2154")
    assert same[0] is shapes[0]  # the same CRS: nothing moved
    utm = projected_crs_for(24.94, 60.17)  # Helsinki: its UTM zone
    assert reproject([shapely.Point(24.94, 60.17)], WGS84, utm)[0].x > 300_000
