"""Access roles on real extracts: the proposal is minimal, the walk limit holds, overrides keyed by
OSM ways, the bad inputs of issue 14 each give one message with the plan kept."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from planner import pipeline, queueing
from planner.access_roles import RoleOverride
from planner.checkpoints import find_checkpoints
from planner.filtering import lane_capacity
from planner.inputs import AccessRoleInput
from scenarios import convert
from scenarios.document import load_scenario
from scenarios.examples import load_example
from scenarios.model import CURRENT_VERSION

from .conftest import example_data, run_cli


def _plan(area, scenario, overrides=None):
    """The scenario's plan through the pipeline, or with ``overrides`` given as the core's."""
    plan = convert.planning(scenario, area).required()
    if overrides is not None:
        checkpoints = list(find_checkpoints(area, convert.perimeter(scenario)).checkpoints)
        from planner.plan import make_plan

        plan = make_plan(
            area,
            convert.plan_zones(scenario, area.crs),
            checkpoints,
            public=convert.public(scenario),
            parameters=convert.staffing_parameters(scenario),
            with_isochrones=False,
            overrides=overrides,
        )
    return plan


@pytest.fixture(scope="module")
def concert(monaco):
    return _plan(monaco, load_example("monaco-new-year-concert"))


@pytest.fixture(scope="module")
def senate(helsinki):
    """The Senate Square concert at 3,000 people (the bundled 8,000 with bag searches at 4/min
    cannot enter in 10 minutes through the square's streets: the plan says so)."""
    doc = example_data("helsinki-senate-square")
    doc["event"]["peak_attendance"] = 3000
    return _plan(helsinki, load_scenario(json.dumps(doc)))


def test_the_bundled_senate_square_concert_says_its_arrivals_do_not_fit(helsinki):
    plan = _plan(helsinki, load_example("helsinki-senate-square"))
    assert not plan.roles.feasible
    assert [p.key for p in plan.problems].count("access_arrivals_do_not_fit") == 1
    assert plan.staffing is not None


def _chosen(plan) -> list[int]:
    ids = set(plan.roles.filtering())
    return [i for i, c in enumerate(plan.checkpoints) if c.id in ids]


@pytest.mark.parametrize("which", ["concert", "senate"])
def test_the_proposal_is_minimal(which, request):
    """Every proposed filtering point is needed: without it the wait target (lanes within the
    frontage) or the walk limit breaks."""
    plan = request.getfixturevalue(which)
    problem = plan.roles.problem
    chosen = _chosen(plan)
    assert plan.roles.feasible and problem.feasible(chosen)
    assert 0 < len(chosen) < len(plan.checkpoints)
    for point in chosen:
        assert not problem.feasible([c for c in chosen if c != point]), plan.checkpoints[point].id


@pytest.mark.parametrize("which", ["concert", "senate"])
def test_the_walk_limit_holds_and_every_point_has_arrivals(which, request):
    plan = request.getfixturevalue(which)
    problem, roles = plan.roles.problem, plan.roles
    limit = roles.parameters.walk_limit_m
    chosen = _chosen(plan)
    nearest = problem.d_acc[chosen].min(axis=0)
    assert (nearest[problem.coverable()] <= limit).all()
    for a in roles.accesses:
        if a.role == "filtering":
            assert a.arrivals_per_min > 0 and 1 <= a.lanes <= a.max_lanes
            assert a.wait_95_min <= roles.parameters.wait_target_min + 1e-6
        else:
            assert a.lanes == 0 and a.arrivals_per_min == 0
    peak = sum(a.arrivals_per_min for a in roles.accesses)
    expected = plan.staffing.dps.public * plan.staffing.profile.peak_share / 15
    assert peak == pytest.approx(expected, rel=1e-6)  # the arrivals sum to the peak


def test_lanes_fit_the_frontage(concert):
    p = concert.roles.parameters
    for a in concert.roles.accesses:
        assert a.max_lanes == max(0, math.floor((a.frontage_m - p.steward_space_m) / 1.8))
        if a.role == "filtering":
            assert a.lanes * p.lane_frontage_m + p.steward_space_m <= a.frontage_m + 1e-9


def test_materials_per_access(concert):
    by_id = {c.id: c for c in concert.checkpoints}
    for a in concert.roles.accesses:
        if a.role == "closed":
            assert a.barrier_units == math.ceil(a.frontage_m / 2.0)  # 2.0 m Vauban units
        assert a.anti_ram == (by_id[a.id].kind == "vehicle")
        if a.role == "emergency":
            assert a.anti_ram_means == "vehicle"  # a removable obstacle
    assert concert.roles.materials.barrier_units == sum(
        a.barrier_units for a in concert.roles.accesses
    )


def test_staff_follow_the_roles(concert):
    roles = concert.roles.by_id()
    staffing = concert.staffing
    for sheet in staffing.sectors:
        mine = [roles[c] for c in sheet.checkpoints]
        filtering = [a for a in mine if a.role == "filtering"]
        assert sheet.tasks["screening"] == sum(a.lanes * 2 for a in filtering)
        assert sheet.tasks["supervisors"] == len(filtering)
        assert sheet.tasks["emergency_access"] == 2 * sum(a.role == "emergency" for a in mine)
    # only filtering points are screened: no idle agent at a closed access
    assert {s.checkpoint for s in staffing.screening} == set(concert.roles.filtering())


def test_queue_percentile_by_hand():
    # 20/min at 4 lanes of 7/min: a = 20/7, rho = 20/28; P(Lq >= k) = C rho^k
    a, c = 20 / 7, 4
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    erlang_c = c * b / (c - a * (1 - b))
    k = next(k for k in range(200) if erlang_c * (20 / 28) ** (k + 1) <= 0.05)
    assert queueing.queue_percentile(20, 7, 4, 0.95) == k


def test_one_lane_capacity_by_hand():
    # M/M/1: P(W > 10) = rho e^{-(mu - lam) 10} = 0.05 at the capacity
    cap = lane_capacity(1, 7.0, 10.0, 0.95)[1]
    assert (cap / 7) * math.exp(-(7 - cap) * 10) == pytest.approx(0.05, rel=1e-3)


def test_an_override_is_kept_by_way_ids_and_changes_the_plan(monaco, concert):
    scenario = load_example("monaco-new-year-concert")
    first = next(a for a in concert.roles.accesses if a.role == "filtering")
    ways = next(c.osm_ways for c in concert.checkpoints if c.id == first.id)
    closed = _plan(monaco, scenario, (RoleOverride(ways, "closed"),))
    again = next(c for c in closed.checkpoints if c.osm_ways == ways)
    assert closed.roles.by_id()[again.id].role == "closed"
    assert closed.roles.by_id()[again.id].overridden
    assert closed.roles.feasible  # another point takes its arrivals
    assert closed.roles.filtering() != concert.roles.filtering()


def test_an_override_whose_access_is_gone_is_said_and_dropped(monaco):
    scenario = load_example("monaco-new-year-concert")
    plan = _plan(monaco, scenario, (RoleOverride((1,), "filtering"),))
    assert [o.ways for o in plan.roles.dropped_overrides] == [(1,)]
    assert "access_override_dropped" in {p.key for p in plan.problems}


def _cli_plan(tmp_path, change) -> tuple[dict, str]:
    doc = example_data("monaco-new-year-concert")
    change(doc)
    path = tmp_path / "plan.vigie.json"
    path.write_text(json.dumps(doc))
    done = run_cli("plan", str(path), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads((tmp_path / "report.json").read_text()), done.stderr


def _only(report: dict, key: str, stderr: str, words: str) -> None:
    assert [p["key"] for p in report["problems"]].count(key) == 1
    assert stderr.count(words) == 1
    assert report["dps"] is not None and report["sectors"]  # the rest is still computed


def test_an_override_leaving_no_filtering_point(tmp_path, monaco, concert):
    every = [
        {"ways": list(c.osm_ways), "role": "closed", "near": {"lon": c.lon, "lat": c.lat}}
        for c in concert.checkpoints
        if concert.roles.by_id()[c.id].role != "emergency"
    ]
    report, stderr = _cli_plan(tmp_path, lambda d: d.__setitem__("access_roles", every))
    _only(report, "access_no_filtering_point", stderr, "No filtering point is left")
    assert all(c["lanes"] == 0 for c in report["checkpoints"])


def test_no_crossing_wide_enough(tmp_path, monaco):
    def wide_lanes(doc):
        doc["staffing"] = {"lane_frontage_m": 10}

    report, stderr = _cli_plan(tmp_path, wide_lanes)
    _only(report, "access_none_wide_enough", stderr, "wide enough for one screening lane")


def test_arrivals_that_cannot_fit(tmp_path, monaco):
    def crowd(doc):
        doc["event"]["peak_attendance"] = 60_000

    report, stderr = _cli_plan(tmp_path, crowd)
    _only(report, "access_arrivals_do_not_fit", stderr, "cannot enter within the wait target")
    assert any(c["role"] == "filtering" for c in report["checkpoints"])


def test_checkpoints_cli_keeps_listing_every_crossing(tmp_path, monaco, concert):
    perimeter = example_data("monaco-new-year-concert")["zones"][0]["geometry"]
    path = tmp_path / "perimeter.geojson"
    path.write_text(json.dumps(perimeter))
    done = run_cli("checkpoints", "--area", "monaco", "--perimeter", str(path))
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["features"]) == len(concert.checkpoints)


def test_version_3_documents_migrate_without_overrides():
    doc = example_data("monaco-new-year-concert")
    doc["version"] = 3
    scenario = load_scenario(json.dumps(doc))
    assert scenario.version == CURRENT_VERSION and scenario.access_roles == []


def test_access_roles_round_trip(monaco):
    doc = example_data("monaco-new-year-concert")
    doc["access_roles"] = [{"ways": [35092475], "role": "closed"}]
    scenario = load_scenario(json.dumps(doc))
    assert convert.plan_inputs(scenario).access_roles == (AccessRoleInput((35092475,), "closed"),)
    assert pipeline.project(monaco.crs, convert.plan_inputs(scenario)).overrides == (
        RoleOverride((35092475,), "closed"),
    )
    doc["access_roles"] = [{"ways": [35092475], "role": "open"}]
    with pytest.raises(Exception, match="access_roles"):
        load_scenario(json.dumps(doc))


def test_capacity_leaves_out_closed_ground(monaco):
    from planner.staffing import StaffingParameters, measure_sector

    scenario = load_example("monaco-new-year-concert")
    zones = convert.plan_zones(scenario, monaco.crs)
    sector = zones.sectors["A"]
    bare = measure_sector(monaco, sector, StaffingParameters())
    inner = sector.centroid.buffer(30)
    from dataclasses import replace

    closed = measure_sector(
        monaco, sector, StaffingParameters(), replace(zones, inner_zones=(inner,))
    )
    assert closed.surface.usable_m2 < bare.surface.usable_m2
    assert not closed.surface.geometry.intersects(inner.buffer(-0.5))


def test_exits_never_on_an_internal_boundary(concert):
    outline = concert.zones.perimeter.boundary
    import shapely

    for sheet in concert.staffing.sectors:
        assert sheet.exits
        for e in sheet.exits:
            assert shapely.Point(e.x, e.y).distance(outline) <= 5.0


def test_a_sector_without_safe_exit_evacuates_through_its_neighbour(monaco):
    import shapely

    from planner.staffing import Public, plan_staffing
    from planner.zones import PlanZones

    scenario = load_example("monaco-new-year-concert")
    perimeter = convert.plan_zones(scenario, monaco.crs).perimeter
    core = perimeter.centroid.buffer(50)
    zones = PlanZones(perimeter, {"A": shapely.difference(perimeter, core), "B": core})
    from planner.access import plan_access

    routed = plan_access(monaco, zones, [], with_isochrones=False)
    staffing = plan_staffing(
        monaco, zones, [], routed, Public(12000, 0.35, "static_show", "hand_search_mixed")
    )
    b = next(s for s in staffing.sectors if s.name == "B")
    assert b.evacuation.through == "A"
    assert "staffing_through_neighbour" in {p.key for p in staffing.problems}
    assert b.evacuation.walk_min > 0 and b.evacuation_min > b.evacuation.walk_min


def test_evacuation_is_walk_plus_flow(concert):
    for sheet in concert.staffing.sectors:
        ev = sheet.evacuation
        assert sheet.evacuation_min == pytest.approx(ev.walk_min + ev.flow_min)
        assert sheet.evacuation_widest_blocked_min >= sheet.evacuation_min
        flows = [e.width_m * (66 if e.stairs else 82) for e in sheet.exits]  # Green Guide flows
        assert ev.flow_min == pytest.approx(sheet.public / sum(flows))


def test_detours_go_from_closed_accesses_to_filtering_points(concert):
    filtering = set(concert.roles.filtering())
    for route in concert.roles.detours:
        assert route.origin not in filtering and route.destination in filtering
        assert np.isfinite(route.length_m)


def test_the_sheet_says_a_sector_evacuates_through_its_neighbour(monaco, concert):
    import shapely

    from layers.sheet_pages import _staffing
    from planner.export_layers import ExportMeta, collect_layers
    from planner.plan import make_plan
    from planner.zones import PlanZones

    scenario = load_example("monaco-new-year-concert")
    perimeter = convert.plan_zones(scenario, monaco.crs).perimeter
    core = perimeter.centroid.buffer(50)
    zones = PlanZones(perimeter, {"A": shapely.difference(perimeter, core), "B": core})
    plan = make_plan(
        monaco, zones, list(concert.checkpoints), convert.public(scenario), with_isochrones=False
    )
    meta = ExportMeta("t", "e", "2027-01-01T20:00", "2027-01-01T23:00", "event", "Monaco")
    layers = collect_layers(monaco, plan, [], [], [], [], meta)
    row = layers.staffing.set_index("sector").loc["B"]
    assert row["evacuates_through"] == "A" and row["walk_to_exit_min"] > 0
    assert "Le secteur B n'a pas de sortie vers un lieu sûr" in _staffing(layers, "fr").note
