"""Routes under closures on the real Monaco extract, checked edge by edge and against networkx."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely.geometry import box

from planner import access
from planner.checkpoints import find_checkpoints
from planner.doctrine import WALKING_SPEED_M_S, e2_indicator
from planner.routing import _parse_maxspeed, all_pairs_seconds, search
from planner.zones import PlanZones
from scenarios.convert import perimeter, plan_zones
from scenarios.examples import EXAMPLES_DIR, load_example
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def concert():
    return load_example("monaco-new-year-concert")


@pytest.fixture(scope="module")
def zones(monaco, concert):
    return plan_zones(concert, monaco.crs)


@pytest.fixture(scope="module")
def masks(monaco, zones):
    return access.closures(monaco, zones)


def test_every_sector_has_an_emergency_route_on_open_streets_only(monaco, zones, masks):
    drive = monaco.routing("drive")
    plan = access.emergency_access(monaco, zones, masks)
    assert plan.problems == ()
    blocked = zones.blocked()
    for sector in plan.sectors:
        assert sector.reachable and sector.routes
        assert sector.fastest_s["fire_station"] is not None
        for route in sector.routes:
            for edge in route.edges:  # edge by edge: open to emergency vehicles, not in a no-go
                assert masks.emergency[edge], (sector.sector, route.origin, edge)
                assert not drive.geometry[edge].intersects(blocked)
            assert route.length_m == pytest.approx(sum(drive.length_m[e] for e in route.edges))
            # consecutive edges chain head to tail
            for a, b in zip(route.edges, route.edges[1:], strict=False):
                assert drive.v[a] == drive.u[b]


def test_closures_follow_the_rules(monaco, zones, masks):
    drive = monaco.routing("drive")
    meets_perimeter = drive.edges_intersecting(zones.perimeter)
    assert meets_perimeter.any()
    assert not (masks.general & meets_perimeter).any()  # closed to general traffic
    assert (masks.emergency & ~masks.general).sum() >= 0
    lane = zones.perimeter.intersection(
        shapely.union_all([drive.geometry[i].buffer(4) for i in np.flatnonzero(meets_perimeter)])
    )
    with_lane = PlanZones(zones.perimeter, zones.sectors, zones.no_go, (lane,))
    opened = access.closures(monaco, with_lane)
    newly = opened.emergency & ~masks.emergency
    assert newly.any(), "an emergency lane along the closed streets opens them to emergency"
    assert not (opened.general & meets_perimeter).any(), "… but not to general traffic"


def test_a_no_go_zone_closes_its_streets_to_everyone(monaco, zones):
    drive = monaco.routing("drive")
    sector = zones.sectors["A"]
    no_go = sector.buffer(150).difference(sector.buffer(40))  # a ring around sector A
    cut = PlanZones(zones.perimeter, {"A": sector}, (no_go,))
    masks = access.closures(monaco, cut)
    assert not (masks.emergency & drive.edges_intersecting(no_go)).any()
    plan = access.emergency_access(monaco, cut, masks)
    for route in plan.routes():
        assert not any(drive.geometry[e].intersects(no_go) for e in route.edges)


def test_an_unreachable_sector_is_flagged_not_a_crash(monaco, zones):
    sea = box(1057500.0, 6302000.0, 1057600.0, 6302100.0)  # off Monaco, in the sea
    far = PlanZones(zones.perimeter, {"Z": sea})
    plan = access.emergency_access(monaco, far)
    [sector] = plan.sectors
    assert not sector.reachable and sector.e2 == 0.40
    assert [p.key for p in plan.problems] == ["route_sector_unreachable"]
    assert "aucun véhicule de secours" in plan.problems[0].message("fr")


def test_csgraph_times_equal_networkx_dijkstra(monaco):
    drive = monaco.routing("drive")
    graph = nx.DiGraph()
    for i in range(drive.n_edges):
        u, v, w = int(drive.u[i]), int(drive.v[i]), float(drive.seconds[i])
        if not graph.has_edge(u, v) or graph[u][v]["w"] > w:
            graph.add_edge(u, v, w=w)
    rng = np.random.default_rng(7)
    sources = rng.choice(drive.n_nodes, 5, replace=False)
    seconds, _ = all_pairs_seconds(drive, sources)
    for row, source in enumerate(sources):
        reference = nx.single_source_dijkstra_path_length(graph, int(source), weight="w")
        for target, expected in list(reference.items())[:200]:
            assert seconds[row, target] == pytest.approx(expected)


def test_evacuation_routes_end_outside_the_perimeter(monaco, zones, masks):
    walk = monaco.routing("walk")
    routes, problems = access.evacuation_routes(monaco, zones, masks)
    assert problems == [] and {r.origin for r in routes} == set(zones.sectors)
    for route in routes:
        last = route.edges[-1]
        end = walk.xy[walk.v[last]]
        assert not zones.perimeter.contains(shapely.Point(end))
        assert route.duration_s == pytest.approx(route.length_m / WALKING_SPEED_M_S, rel=1e-3)
        assert route.properties["worst_case_s"] >= route.duration_s


def test_each_stop_goes_to_its_nearest_checkpoint(monaco, concert, zones, masks):
    walk = monaco.routing("walk")
    checkpoints = list(find_checkpoints(monaco, perimeter(concert)).checkpoints)
    routes, load, _ = access.approach_routes(monaco, zones, checkpoints, masks)
    assert routes and sum(load.values()) == len(routes)
    nodes = walk.nearest_nodes(np.array([(c.x, c.y) for c in checkpoints]))
    per_checkpoint = [search(walk, [n], masks.approach, reverse=True).seconds for n in nodes]
    for route in routes[:25]:
        start = int(walk.u[route.edges[0]]) if route.edges else None
        if start is None:
            continue
        best = min(s[start] for s in per_checkpoint)
        assert route.duration_s == pytest.approx(best)


def test_isochrones_are_nested(monaco, masks):
    areas = access.isochrones(monaco, masks)
    assert set(areas) == {5, 10, 15}
    assert areas[5].area > 0
    assert areas[5].difference(areas[10]).area < 1.0
    assert areas[10].difference(areas[15]).area < 1.0


def test_e2_from_response_time():
    assert [e2_indicator(m) for m in (8, 10, 15, 25, 45, None)] == [
        0.25,
        0.25,
        0.30,
        0.35,
        0.40,
        0.40,
    ]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("50", 50.0),
        ("30 mph", 48.28),
        ("FR:urban", 50.0),
        (["30", "50"], 30.0),
        ("none", None),
        ("", None),
        (None, None),
        ("0", None),
    ],
)
def test_maxspeed_parsing(raw, expected):
    value = _parse_maxspeed(raw)
    assert value == (pytest.approx(expected, rel=1e-3) if expected else None)


@pytest.mark.parametrize("kind", ["emergency", "evacuation", "approach"])
def test_routes_cli_on_a_scenario(monaco, kind):
    result = run_cli(
        "routes",
        str(EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"),
        "--kind",
        kind,
    )
    assert result.returncode == 0, result.stderr
    features = json.loads(result.stdout)["features"]
    assert features
    for feature in features:
        assert feature["geometry"]["type"] == "LineString"
        props = feature["properties"]
        assert props["kind"] == kind
        assert {"from", "to", "length_m", "duration_s"} <= set(props)
        assert props["length_m"] >= 0 and props["duration_s"] >= 0


def test_plan_report_carries_the_routes(tmp_path, monaco):
    result = run_cli(
        "plan",
        str(EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert [s["name"] for s in report["sectors"]] == ["A", "B", "C"]
    for sector in report["sectors"]:
        assert sector["emergency_reachable"] and sector["e2"] == 0.25
        assert sector["evacuation_walk_s"] > 0 and sector["area_m2"] > 0
    kinds = {f["properties"]["kind"] for f in report["routes"]["features"]}
    assert kinds == {"emergency", "evacuation", "approach", "detour"}  # detours: report v3
    assert sum(c["approach_stops"] for c in report["checkpoints"]) > 0
    assert {f["properties"]["minutes"] for f in report["isochrones"]["features"]} == {5, 10, 15}


def test_a_station_off_the_street_graph_is_flagged(monaco, zones):
    import dataclasses

    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    far = gpd.GeoDataFrame(
        {
            "osm_id": [1],
            "category": ["fire_station"],
            "kind": ["fire_station"],
            "name": ["Caserne au large"],
            "emergency": [None],
        },
        geometry=[Point(1058500.0, 6301000.0)],
        crs=monaco.crs,
    )  # 1.5 km out at sea
    with_far = dataclasses.replace(monaco, pois=pd.concat([monaco.pois, far], ignore_index=True))
    plan = access.emergency_access(with_far, zones)
    keys = [p.key for p in plan.problems]
    assert keys == ["route_station_off_graph"]
    assert "Caserne au large" in plan.problems[0].message()
    assert all(s.reachable for s in plan.sectors)  # the other stations still serve
    assert all(s.station_s["Caserne au large"] is None for s in plan.sectors)
