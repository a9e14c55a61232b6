"""Issue 14, section 8: zero-length routes drawn where they stand, one sector A everywhere, an
area without stations said as such, E2 from the response time's parts or the entered figure."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import shapely

from planner import access, pipeline
from planner.access import ResponseTime
from planner.replay import baseline_access, frame_at
from planner.routing import path_line
from planner.zones import PlanZones
from scenarios import convert
from scenarios.examples import load_example


def test_a_route_of_no_edge_is_drawn_at_its_node(monaco):
    walk = monaco.routing("walk")
    line = path_line(walk, [], 5)
    assert shapely.get_coordinates(line).tolist() == [walk.xy[5].tolist()] * 2
    with pytest.raises(ValueError):
        path_line(walk, [])


def test_a_station_inside_the_sector_gets_its_route_where_it_stands(monaco):
    stations = access.emergency_stations(monaco)
    fire = stations[stations["category"] == "fire_station"].iloc[0]
    sector = fire.geometry.buffer(120)
    zones = PlanZones(sector, {"A": sector})
    plan = access.emergency_access(monaco, zones)
    route = next(r for r in plan.routes() if r.origin == fire["label"])
    coords = shapely.get_coordinates(route.line)
    assert route.length_m == 0 and route.edges == ()  # it is already there
    drive = monaco.routing("drive")
    node = drive.nearest_nodes(np.array([[fire.geometry.x, fire.geometry.y]]))[0]
    assert coords.tolist() == [drive.xy[node].tolist()] * 2
    west, south, east, north = shapely.total_bounds(monaco.routing("drive").geometry)
    assert ((coords[:, 0] >= west) & (coords[:, 0] <= east)).all()  # never at the CRS origin
    assert ((coords[:, 1] >= south) & (coords[:, 1] <= north)).all()


def _without_stations(area):
    pois = area.pois[~area.pois["category"].isin(access.EMERGENCY_CATEGORIES)]
    return dataclasses.replace(area, pois=pois)


def test_an_area_without_stations_says_exactly_that(monaco):
    zones = convert.plan_zones(load_example("monaco-new-year-concert"), monaco.crs)
    plan = access.emergency_access(_without_stations(monaco), zones)
    keys = [p.key for p in plan.problems]
    assert "route_sector_unreachable" not in keys
    assert keys == ["route_no_station_in_area", "route_e2_needs_entry"]
    assert "fire_station, hospital, police" in plan.problems[0].message()
    assert all(s.e2 == 0.40 and s.e2_minutes["total"] is None for s in plan.sectors)


def test_e2_from_the_entered_sdis_figure(monaco):
    zones = convert.plan_zones(load_example("monaco-new-year-concert"), monaco.crs)
    plan = access.emergency_access(
        _without_stations(monaco), zones, response=ResponseTime(entered_min=14.0)
    )
    for sector in plan.sectors:
        assert sector.e2 == 0.30  # ≤ 20 min
        assert sector.e2_minutes == {
            "alert": None,
            "mobilisation": None,
            "drive": None,
            "total": 14.0,
            "entered": 14.0,
        }
    assert "14.0 min (as entered)" in plan.problems[-1].message()


def test_e2_adds_alert_and_mobilisation_to_the_drive(monaco):
    zones = convert.plan_zones(load_example("monaco-new-year-concert"), monaco.crs)
    plan = access.emergency_access(monaco, zones, response=ResponseTime(4.0, 5.0))
    for sector in plan.sectors:
        parts = sector.e2_minutes
        assert parts["drive"] == pytest.approx(sector.fastest_s["fire_station"] / 60)
        assert parts["total"] == pytest.approx(9.0 + parts["drive"])
        assert sector.e2 == (0.25 if parts["total"] <= 10 else 0.30)


def test_a_replay_without_sectors_times_sector_a(monaco):
    scenario = load_example("monaco-gas-leak-port")
    removed = {z.properties.id for z in scenario.zones if z.properties.role == "sector"}
    scenario.zones = [z for z in scenario.zones if z.properties.id not in removed]
    # the injects acting on the removed sectors go too
    scenario.injects = [
        i for i in scenario.injects if not i.effect or i.effect.target not in removed
    ]
    exercise = pipeline.exercise(monaco, convert.planning(scenario, monaco))
    baseline = baseline_access(monaco, exercise)
    assert [s.sector for s in baseline.sectors] == ["A"]
    assert baseline.sectors[0].fastest_s["fire_station"] is not None
    frame = frame_at(monaco, exercise, 0, baseline)
    assert [s.sector for s in frame.emergency.sectors] == ["A"]
