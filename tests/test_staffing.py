"""Staffing of the bundled Monaco concert, end to end: the CLI report and its consistency."""

from __future__ import annotations

import json
import math

import pytest

from planner.dps import dps
from planner.report import REPORT_VERSION
from planner.staffing import ROLES
from scenarios.examples import EXAMPLES_DIR

from .conftest import example_data, run_cli

CONCERT = EXAMPLES_DIR / "monaco-new-year-concert.vigie.json"


@pytest.fixture(scope="module")
def report(tmp_path_factory, monaco) -> dict:
    out = tmp_path_factory.mktemp("plan")
    done = run_cli("plan", str(CONCERT), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "DPS-PE (12 first-aiders)" in done.stdout
    return json.loads((out / "report.json").read_text())


def test_sectors_carry_the_contract_fields(report):
    assert [s["name"] for s in report["sectors"]] == ["A", "B", "C"]
    for sector in report["sectors"]:
        for key in ("name", "area_m2", "capacity", "evacuation_min", "staff"):
            assert sector[key] is not None, key
        assert set(sector["staff"]) == set(ROLES)
        assert 0 < sector["usable_m2"] < sector["area_m2"]
        assert sum(sector["surface_estimate_m2"].values()) == pytest.approx(
            sector["usable_m2"], abs=1
        )
        # capacity = min(surface × 2/m², exits without the widest × 82/m/min × 8 min)
        assert sector["capacity_by_surface"] == math.floor(sector["usable_m2"] * 2.0 + 1e-6) or (
            abs(sector["capacity_by_surface"] - sector["usable_m2"] * 2.0) <= 1
        )
        assert sector["capacity"] == min(sector["capacity_by_surface"], sector["capacity_by_exits"])
        assert sector["public"] <= sector["capacity"]
        assert len(sector["exits"]) >= 2 and all(e["width_m"] > 0 for e in sector["exits"])
        assert sector["evacuation_widest_blocked_min"] >= sector["evacuation_min"] > 0


def test_the_public_is_shared_over_the_sectors(report):
    assert sum(s["public"] for s in report["sectors"]) == 12_000
    assert report["staffing"]["capacity"] == sum(s["capacity"] for s in report["sectors"])


def test_checkpoints_have_lanes_and_waits_under_the_target(report):
    """Every crossing is listed with its role; only filtering points get lanes (report v3)."""
    checkpoints = report["checkpoints"]
    assert len(checkpoints) >= 20
    for c in checkpoints:
        for key in ("lon", "lat", "street", "kind", "sector", "lanes", "expected_wait_min"):
            assert key in c
        assert c["sector"] in {"A", "B", "C"}
        if c["role"] == "filtering":
            assert 1 <= c["lanes"] <= c["max_lanes"] and c["wait_95_min"] <= 10
            assert c["peak_arrivals_per_min"] > 0  # no filtering point without arrivals
        else:
            assert c["lanes"] == c["screening_agents"] == 0
            assert c["expected_wait_min"] is None and c["wait_95_min"] is None
    filtering = [c for c in checkpoints if c["role"] == "filtering"]
    assert 0 < len(filtering) < len(checkpoints)
    # the peak quarter-hour holds 35 % of 12,000 people: 280 per minute over the filtering points
    assert sum(c["peak_arrivals_per_min"] for c in checkpoints) == pytest.approx(280, abs=1)
    busiest = max(filtering, key=lambda c: c["peak_arrivals_per_min"])
    assert busiest["lanes"] > busiest["peak_arrivals_per_min"] / 7  # 7 persons/min per lane
    by_sector = {}
    for c in checkpoints:
        by_sector[c["sector"]] = by_sector.get(c["sector"], 0) + c["screening_agents"]
    for sector in report["sectors"]:
        assert sector["tasks"]["screening"] == by_sector.get(sector["name"], 0)


def test_report_v3_contract(report):
    assert report["version"] == REPORT_VERSION
    for c in report["checkpoints"]:
        assert c["role"] in {"filtering", "closed", "emergency"}
        assert isinstance(c["step_free"], bool) and isinstance(c["queue_fits"], bool)
        assert isinstance(c["barrier_units"], int) and isinstance(c["anti_ram"], bool)
        assert c["frontage_m"] > 0 and c["queue_m2"] >= 0
        assert c["anti_ram"] == (c["kind"] == "vehicle")
    materials = report["materials"]
    assert materials["barrier_units"] == sum(c["barrier_units"] for c in report["checkpoints"])
    assert materials["anti_ram_accesses"] == sum(c["anti_ram"] for c in report["checkpoints"])
    assert materials["fence_m"] == 0
    for sector in report["sectors"]:
        walk, flow = sector["walk_to_exit_min"], sector["flow_min"]
        assert walk > 0 and flow > 0
        assert sector["evacuation_min"] == pytest.approx(walk + flow, abs=0.11)
        parts = sector["e2_minutes"]
        assert parts["total"] == pytest.approx(
            parts["alert"] + parts["mobilisation"] + parts["drive"], abs=0.11
        )
        assert (parts["alert"], parts["mobilisation"]) == (2.5, 3.0)
    worst = max(s["e2_minutes"]["total"] for s in report["sectors"])
    assert report["dps"]["e2_minutes"]["total"] == worst


def test_dps_follows_the_rule_with_e2_from_the_routes(report):
    # 12,000 at a static show (P2 0.35), clear streets (E1 0.25), fire station ≤ 10 min (E2 0.25)
    expected = dps(12_000, 0.35, 0.25, 0.25)
    assert report["dps"]["ris"] == expected.ris == 10.2
    assert report["dps"]["category"] == "DPS-PE"
    assert (
        report["dps"]["first_aiders"]
        == 12
        == sum(s["staff"]["first_aiders"] for s in report["sectors"])
    )


def test_roster_and_shortfall_add_up_to_the_needs(report):
    for sector in report["sectors"]:
        for role in ROLES:
            sent = sum(
                per_role.get(role, {}).get(sector["name"], 0)
                for per_role in report["roster"].values()
            )
            missing = report["shortfall"].get(sector["name"], {}).get(role, 0)
            assert sent + missing == sector["staff"][role], (sector["name"], role)
    offers = {
        o["commune"]: o["agents"] for o in example_data("monaco-new-year-concert")["resources"]
    }
    for commune, per_role in report["roster"].items():
        for role, per_sector in per_role.items():
            spare = report["spare"].get(commune, {}).get(role, 0)
            assert sum(per_sector.values()) + spare == offers[commune][role]


def _concert_with(tmp_path, change) -> str:
    doc = example_data("monaco-new-year-concert")
    change(doc)
    path = tmp_path / "plan.vigie.json"
    path.write_text(json.dumps(doc))
    return str(path)


def _shift(geometry: dict, dlon: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x + dlon, y] for x, y in ring] for ring in geometry["coordinates"]],
    }


def test_zero_attendance_is_a_clear_error(tmp_path, monaco):
    def zero(doc):
        doc["event"]["peak_attendance"] = 0

    done = run_cli("plan", _concert_with(tmp_path, zero), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "attendance is 0" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "report.json").exists()


def test_a_sector_outside_the_perimeter_is_named(tmp_path, monaco):
    def outside(doc):
        sector = next(z for z in doc["zones"] if z["properties"].get("name") == "B")
        sector["geometry"] = _shift(sector["geometry"], 0.004)

    done = run_cli("plan", _concert_with(tmp_path, outside), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "B" in done.stderr and "outside the perimeter" in done.stderr
    assert "Traceback" not in done.stderr


def test_overlapping_sectors_are_named(tmp_path, monaco):
    def overlap(doc):
        a = next(z for z in doc["zones"] if z["properties"].get("name") == "A")
        b = next(z for z in doc["zones"] if z["properties"].get("name") == "B")
        b["geometry"] = _shift(a["geometry"], 0.0003)

    done = run_cli("plan", _concert_with(tmp_path, overlap), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "overlap" in done.stderr and "A" in done.stderr and "B" in done.stderr


def test_a_plan_without_sectors_staffs_its_perimeter_as_sector_a(tmp_path, monaco):
    def no_sectors(doc):
        doc["zones"] = [z for z in doc["zones"] if z["properties"]["role"] != "sector"]

    out = tmp_path / "out"
    done = run_cli("plan", _concert_with(tmp_path, no_sectors), "--out", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text())
    assert [s["name"] for s in report["sectors"]] == ["A"]
    assert report["sectors"][0]["public"] == 12_000
    # one sector A everywhere: its emergency route times and E2 parts too
    assert report["sectors"][0]["emergency_fastest_s"]["fire_station"] > 0
    assert report["sectors"][0]["e2_minutes"]["drive"] > 0
