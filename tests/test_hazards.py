"""Hazards on the real Monaco extract: plume maths by hand, zones, errors, exposure."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, box

from planner.checkpoints import Checkpoint
from planner.crs import projected_crs_for
from planner.errors import HazardError
from planner.hazards import (
    HazardSpec,
    briggs_urban_sigmas,
    building_levels,
    exposure,
    hazard_zones,
    plume_concentration,
    plume_zone,
)

# The gas leak example's point (monaco-gas-leak-port): in Port Hercule, on Route de la Piscine,
# about 100 m from Boulevard Albert 1er.
EXAMPLE = (7.42255, 43.73505)
# The point of Boulevard Albert 1er nearest to it.
ALBERT_1ER = (7.42128, 43.73494)
PLUME = {
    "release_rate_kg_s": 0.4,
    "wind_speed_m_s": 3,
    "wind_from_deg": 200,
    "stability_class": "D",
}
PIPELINE = {"pipeline_diameter_mm": 200, "pressure_bar": 16}


def xy(area, lon: float, lat: float) -> tuple[float, float]:
    point = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs(area.crs).iloc[0]
    return point.x, point.y


def gas(area, parameters: dict, where=EXAMPLE, hazard: str = "gas-1") -> HazardSpec:
    return HazardSpec(hazard, "gas_leak", *xy(area, *where), parameters)


def hand_plume(q, u, sy, sz, y=0.0, z=0.0, h=0.0) -> float:
    """C = Q/(2π u σy σz) · exp(−y²/2σy²) · [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)]."""
    lateral = math.exp(-(y**2) / (2 * sy**2))
    vertical = math.exp(-((z - h) ** 2) / (2 * sz**2)) + math.exp(-((z + h) ** 2) / (2 * sz**2))
    return q / (2 * math.pi * u * sy * sz) * lateral * vertical


def d_sigmas(x: float) -> tuple[float, float]:
    return 0.16 * x / math.sqrt(1 + 0.0004 * x), 0.14 * x / math.sqrt(1 + 0.0003 * x)


# --- Plume maths -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "z", "h", "expected"),
    [
        (10, 0, 0, 0, hand_plume(0.4, 3, *d_sigmas(10))),
        (50, 0, 0, 0, hand_plume(0.4, 3, *d_sigmas(50))),
        (200, 0, 0, 0, hand_plume(0.4, 3, *d_sigmas(200))),
        (50, 5, 0, 0, hand_plume(0.4, 3, *d_sigmas(50), y=5)),
        (30, 2, 1.5, 2, hand_plume(0.4, 3, *d_sigmas(30), y=2, z=1.5, h=2)),
    ],
)
def test_plume_class_d_matches_hand_calculation(x, y, z, h, expected):
    got = plume_concentration(0.4, 3.0, "D", x, y, z, h)
    assert got == pytest.approx(expected, rel=0.01)


def test_plume_hand_values_written_out():
    # Centreline at ground, H = 0: C = Q / (π u σy σz).
    sy = 0.16 * 50 / math.sqrt(1.02)  # 7.921 m
    sz = 0.14 * 50 / math.sqrt(1.015)  # 6.948 m
    assert 0.4 / (math.pi * 3 * sy * sz) == pytest.approx(7.711e-4, rel=1e-3)
    assert plume_concentration(0.4, 3, "D", 50.0, 0.0) == pytest.approx(7.711e-4, rel=0.01)
    # Class F at 100 m: σy = 0.11·100/√1.04, σz = 0.08·100/√1.15.
    sy, sz = 11 / math.sqrt(1.04), 8 / math.sqrt(1.15)
    expected = 0.4 / (math.pi * 3 * sy * sz)
    assert plume_concentration(0.4, 3, "F", 100.0, 0.0) == pytest.approx(expected, rel=0.01)


def test_plume_is_zero_upwind_and_vectorised():
    c = plume_concentration(0.4, 3, "D", np.array([-10.0, 0.0, 10.0]), 0.0)
    assert c[0] == 0 and c[1] == 0 and c[2] > 0


def ab(x):
    return 0.32 * x * (1 + 0.0004 * x) ** -0.5, 0.24 * x * (1 + 0.001 * x) ** 0.5


def c(x):
    return 0.22 * x * (1 + 0.0004 * x) ** -0.5, 0.20 * x


def d(x):
    return 0.16 * x * (1 + 0.0004 * x) ** -0.5, 0.14 * x * (1 + 0.0003 * x) ** -0.5


def ef(x):
    return 0.11 * x * (1 + 0.0004 * x) ** -0.5, 0.08 * x * (1 + 0.0015 * x) ** -0.5


@pytest.mark.parametrize(("classes", "formulas"), [("AB", ab), ("C", c), ("D", d), ("EF", ef)])
def test_briggs_urban_sigmas(classes, formulas):
    x = np.array([1.0, 10.0, 100.0, 1000.0, 10000.0])
    for cls in classes:
        got_y, got_z = briggs_urban_sigmas(cls, x)
        assert got_y == pytest.approx([formulas(v)[0] for v in x], rel=1e-9)
        assert got_z == pytest.approx([formulas(v)[1] for v in x], rel=1e-9)


def test_plume_zone_points_downwind_with_the_right_length():
    lel_10 = plume_zone(0.4, 3, 200, "D", 0.0033, 1000.0, 2000.0)
    lel_60 = plume_zone(0.4, 3, 200, "D", 0.0198, 1000.0, 2000.0)
    centroid = lel_10.centroid
    bearing = math.degrees(math.atan2(centroid.x - 1000, centroid.y - 2000)) % 360
    assert bearing == pytest.approx(20, abs=1)  # wind FROM 200° (SSW) blows NNE
    assert lel_60.difference(lel_10).area < 1e-6 * lel_60.area
    assert 0 < lel_60.area < lel_10.area
    # Where the centreline falls to the threshold, by bisection on the hand formula.
    lo, hi = 1.0, 10_000.0
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if hand_plume(0.4, 3, *d_sigmas(mid)) > 0.0033 else (lo, mid)
    length = shapely.hausdorff_distance(Point(1000, 2000), lel_10)  # its farthest vertex
    assert length == pytest.approx(lo, rel=0.01)


def test_plume_zone_empty_when_never_reached():
    assert plume_zone(1e-6, 3, 200, "D", 0.0198, 0.0, 0.0).is_empty


def test_hazard_plume_points_to_true_north_north_east(monaco):
    spec = gas(monaco, {"isolation_radius_m": 50, **PLUME})
    zones = hazard_zones(monaco, spec)
    assert zones.screening_estimate and set(zones.plume) == {"lel_10", "lel_60"}
    source = gpd.GeoSeries([Point(spec.x, spec.y)], crs=monaco.crs).to_crs(4326).iloc[0]
    tip = gpd.GeoSeries([zones.plume["lel_10"].centroid], crs=monaco.crs).to_crs(4326).iloc[0]
    azimuth = Geod(ellps="WGS84").inv(source.x, source.y, tip.x, tip.y)[0] % 360
    assert azimuth == pytest.approx(20, abs=1)  # bearing from true north, not grid north
    assert zones.footprint.covers(zones.isolation)
    assert zones.footprint.area >= zones.isolation.area


# --- Isolation radius ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameters", "radius", "source"),
    [
        ({}, 50, "pgr_street_main"),
        ({"isolation_basis": "erg_115"}, 100, "erg_115"),
        ({"isolation_radius_m": 80}, 80, "parameter"),
        ({"isolation_radius_m": 80, **PIPELINE}, 80, "parameter"),
        (PIPELINE, 0.0315 * 200 * 4, "pipeline_pir"),
    ],
)
def test_gas_isolation_radius(monaco, parameters, radius, source):
    zones = hazard_zones(monaco, gas(monaco, parameters))
    assert zones.radius_m == pytest.approx(radius, rel=0.01)
    assert zones.radius_source == source
    assert zones.isolation.area == pytest.approx(math.pi * radius**2, rel=0.01)
    assert zones.plume == {} and not zones.screening_estimate
    assert zones.footprint.equals(zones.isolation)


def test_pipeline_constant_from_imperial_formula():
    # r = 0.69 · d[in] · √p[psig] ft, with d = 200 mm, p = 16 bar gauge.
    feet = 0.69 * (200 / 25.4) * math.sqrt(16 * 14.503774)
    assert feet * 0.3048 == pytest.approx(0.0315 * 200 * 4, rel=0.01)


# --- Errors ----------------------------------------------------------------------------


def test_no_wind_is_refused(monaco):
    with pytest.raises(HazardError) as err:
        hazard_zones(monaco, gas(monaco, {**PLUME, "wind_speed_m_s": 0}))
    assert "wind speed must be above 0 m/s" in str(err.value)
    assert "isolation circle" in str(err.value)
    assert "vitesse du vent doit dépasser 0 m/s" in err.value.message("fr")


def test_unknown_stability_class_is_named(monaco):
    with pytest.raises(HazardError) as err:
        hazard_zones(monaco, gas(monaco, {**PLUME, "stability_class": "G"}))
    assert "'G'" in str(err.value) and "A, B, C, D, E, F" in str(err.value)
    assert "doit valoir A, B, C, D, E, F (reçu 'G')" in err.value.message("fr")


def test_security_perimeter_needs_a_radius(monaco):
    spec = HazardSpec("vip-1", "security_perimeter", *xy(monaco, *EXAMPLE), {})
    with pytest.raises(HazardError, match="radius_m"):
        hazard_zones(monaco, spec)
    spec = HazardSpec("vip-1", "security_perimeter", *xy(monaco, *EXAMPLE), {"radius_m": -5})
    with pytest.raises(HazardError, match="must be above 0"):
        hazard_zones(monaco, spec)


def test_hazard_outside_the_area(monaco):
    crs = projected_crs_for(24.9384, 60.1699)  # Helsinki's UTM zone, as its demo area uses
    x, y = gpd.GeoSeries([Point(24.9384, 60.1699)], crs=4326).to_crs(crs).iloc[0].coords[0]
    with pytest.raises(HazardError) as err:
        hazard_zones(monaco, HazardSpec("gas-1", "gas_leak", x, y, {}))
    assert str(err.value).startswith("The hazard gas-1 lies outside the loaded area")
    assert err.value.message("fr").startswith("Le danger gas-1 est en dehors de la zone chargée")


def test_unknown_kind(monaco):
    with pytest.raises(HazardError, match="unknown kind 'flood'"):
        hazard_zones(monaco, HazardSpec("h", "flood", *xy(monaco, *EXAMPLE), {}))


def test_plume_needs_its_parameters(monaco):
    parameters = {k: v for k, v in PLUME.items() if k != "wind_from_deg"}
    with pytest.raises(HazardError, match="wind_from_deg"):
        hazard_zones(monaco, gas(monaco, parameters))
    with pytest.raises(HazardError, match="0 to 360"):
        hazard_zones(monaco, gas(monaco, {**PLUME, "wind_from_deg": 400}))


# --- Security perimeter ---------------------------------------------------------------------


def test_security_perimeter_on_a_building(monaco):
    buildings = monaco.buildings[monaco.buildings.area > 500]
    building = buildings.sort_values("osm_id").geometry.iloc[0]
    point = building.representative_point()
    spec = HazardSpec("vip-1", "security_perimeter", point.x, point.y, {"radius_m": 30})
    zones = hazard_zones(monaco, spec)
    assert zones.radius_source == "building"
    assert zones.isolation.contains(building)
    assert zones.isolation.area == pytest.approx(building.buffer(30).area, rel=0.01)
    parameters = {"radius_m": 30, "around_building": 0}
    plain = hazard_zones(monaco, HazardSpec("vip-1", spec.kind, point.x, point.y, parameters))
    assert plain.radius_source == "parameter"
    assert plain.isolation.area == pytest.approx(math.pi * 30**2, rel=0.01)


def test_security_perimeter_on_open_ground(monaco):
    x, y = xy(monaco, *EXAMPLE)  # 80 m from the nearest building
    zones = hazard_zones(monaco, HazardSpec("vip-1", "security_perimeter", x, y, {"radius_m": 40}))
    assert zones.radius_source == "parameter"
    assert zones.isolation.area == pytest.approx(math.pi * 40**2, rel=0.01)
    assert zones.footprint.equals(zones.isolation) and not zones.screening_estimate


# --- Exposure ------------------------------------------------------------------------------


def test_building_levels():
    tags = ["5", "5;6", "3.5", None, float("nan"), "abc", "0", 7]
    assert building_levels(tags).tolist() == [5, 5, 3.5, 3, 3, 3, 0, 7]


def test_exposure_on_boulevard_albert_1er(monaco):
    zones = hazard_zones(monaco, gas(monaco, {}, where=ALBERT_1ER))
    x, y = xy(monaco, *ALBERT_1ER)
    sector = box(x - 200, y - 200, x + 200, y + 200)
    elsewhere = box(x + 1000, y, x + 1100, y + 100)
    checkpoints = [
        Checkpoint("P1", None, "secondary", "vehicle", 0, 0, x + 10, y, 1, ()),
        Checkpoint("P2", None, "secondary", "vehicle", 0, 0, x + 53, y, 1, ()),  # 3 m out
        Checkpoint("P3", None, "secondary", "vehicle", 0, 0, x + 300, y, 1, ()),
    ]
    found = exposure(
        monaco, zones.footprint, {"A": sector, "B": elsewhere}, {"A": 1000, "B": 500}, checkpoints
    )
    assert found.buildings > 0 and found.residents_estimate > 0
    assert "Boulevard Albert 1er" in found.closed_streets
    assert list(found.closed_streets) == sorted(set(found.closed_streets))
    assert found.public_estimate == pytest.approx(1000 * zones.footprint.area / sector.area, abs=1)
    assert found.checkpoints == ("P1", "P2")
    assert found.sectors == ("A",)
    assert found.people_estimate == found.residents_estimate + found.public_estimate


def test_exposure_of_one_building_counts_its_floors(monaco):
    tagged = monaco.buildings[monaco.buildings["building:levels"] == "4"]
    building = tagged.loc[tagged.area.idxmax()].geometry
    found = exposure(monaco, building, {}, {}, [])
    assert found.buildings >= 1
    # Neighbours touching it add no floor area: 4 storeys, 40 m² per person.
    assert found.residents_estimate == round(building.area * 4 / 40)


def test_exposure_of_the_example(monaco):
    zones = hazard_zones(monaco, gas(monaco, {"isolation_radius_m": 50, **PLUME}))
    found = exposure(monaco, zones.footprint, {}, {}, [])
    assert "Route de la Piscine" in found.closed_streets
    assert found.public_estimate == 0 and found.sectors == ()
