"""The staffing rules against their sources: the DPS worked example, Erlang tables, pooling."""

from __future__ import annotations

import math

import pytest

from planner import queueing
from planner.dps import category_of, counted_public, dps
from planner.errors import StaffingError
from planner.pooling import Offer, pool
from planner.screening import arrival_profile, entry_shares, screen, wait_quantile

from .conftest import run_cli


def test_dps_worked_example_of_domain_md():
    # 10,000 standing spectators at a static concert, streets with clear access, station 8 min
    result = dps(10_000, p2=0.35, e1=0.25, e2=0.25)
    assert result.indicator == 0.85
    assert result.ris == 8.5
    assert result.category == "DPS-PE"
    assert result.first_aiders == 10
    assert result.posts == 1


def test_public_beyond_100000_counts_half():
    assert counted_public(100_000) == 100_000
    assert counted_public(150_000) == 125_000
    assert dps(150_000, 0.25, 0.25, 0.25).ris == pytest.approx(0.75 * 125)


@pytest.mark.parametrize(
    ("ris", "category"),
    [
        (0.25, "none"),
        (0.2501, "PAPS"),
        (1.125, "PAPS"),
        (1.126, "DPS-PE"),
        (12, "DPS-PE"),
        (12.01, "DPS-ME"),
        (36, "DPS-ME"),
        (36.5, "DPS-GE"),
    ],
)
def test_categories_at_their_bounds(ris, category):
    assert category_of(ris) == category


@pytest.mark.parametrize(
    ("public", "e2", "category", "first_aiders"),
    [
        (250, 0.25, "none", 0),  # RIS 0.2125
        (1_000, 0.25, "PAPS", 2),  # RIS 0.85
        (1_000, 0.40, "DPS-PE", 4),  # a PAPS with rescue > 30 min away is a small DPS of 4
        (3_000, 0.25, "DPS-PE", 4),  # RIS 2.55: the minimum team
        (5_000, 0.25, "DPS-PE", 6),  # RIS 4.25 → 5 → even: 6
        (20_000, 0.25, "DPS-ME", 18),  # RIS 17
        (60_000, 0.25, "DPS-GE", 52),  # RIS 51
    ],
)
def test_first_aiders_by_the_rule(public, e2, category, first_aiders):
    result = dps(public, p2=0.35, e1=0.25, e2=e2)
    assert (result.category, result.first_aiders) == (category, first_aiders)


def test_indicators_outside_the_grid_are_refused():
    with pytest.raises(StaffingError, match="P2 must be one of 0.25, 0.30, 0.35, 0.40"):
        dps(1000, 0.5, 0.25, 0.25)


def test_erlang_values_of_textbook_tables():
    # Erlang B table: 10 servers, 8 Erlangs → 12.17 % blocked
    assert queueing.erlang_b(10, 8) == pytest.approx(0.1217, abs=5e-5)
    # Erlang C tables: C(5, 4) = 0.5541, C(10, 8) = 0.4092
    assert queueing.erlang_c(5, 4) == pytest.approx(0.5541, abs=5e-5)
    assert queueing.erlang_c(10, 8) == pytest.approx(0.4092, abs=5e-5)
    # closed forms: M/M/1 waits with probability rho, M/M/2 with 2ρ²/(1+ρ)
    assert queueing.erlang_c(1, 0.7) == pytest.approx(0.7)
    rho = 0.6
    assert queueing.erlang_c(2, 2 * rho) == pytest.approx(2 * rho**2 / (1 + rho))
    # M/M/1 mean wait in queue: ρ / (μ − λ)
    assert queueing.mean_wait(6, 10, 1) == pytest.approx(0.6 / 4)


def test_unstable_queues_wait_for_ever():
    assert queueing.erlang_c(3, 3.0) == 1.0
    assert math.isinf(queueing.mean_wait(30, 10, 3))


def test_lanes_needed_is_the_fewest_meeting_the_target():
    arrivals, rate = 70.0, 7.0  # 10 Erlangs
    lanes = queueing.lanes_needed(arrivals, rate, target_min=2, target_share=0.95)
    assert queueing.wait_exceeds(arrivals, rate, lanes, 2) <= 0.05
    assert queueing.wait_exceeds(arrivals, rate, lanes - 1, 2) > 0.05
    assert queueing.lanes_needed(0.0, 7.0, 10, 0.95) == 1


def test_screening_a_checkpoint_meets_its_target():
    result = screen(
        "P1",
        0.5,
        peak_arrivals_per_min=280.0,
        lane_rate_per_min=7.0,
        agents_per_lane=2,
        target_min=10,
        target_share=0.95,
    )
    assert result.arrivals_per_min == 140.0
    assert result.lanes >= 21  # 140/7 = 20 lanes would never empty the queue
    assert result.agents == 2 * result.lanes
    assert result.wait_at_target_share_min <= 10
    assert wait_quantile(140.0, 7.0, result.lanes - 1, 0.95) > 10
    curve = result.wait_curve()
    assert [c for c, _ in curve] == list(range(19, result.lanes + 4))
    assert math.isinf(curve[0][1]) and math.isinf(curve[1][1])  # 19 and 20 lanes: no end
    assert math.isfinite(curve[2][1])  # 21 lanes: stable
    assert [w for _, w in curve] == sorted((w for _, w in curve), reverse=True)


def test_arrival_profile_holds_the_peak_share():
    profile = arrival_profile(0.35, window_min=120)
    assert len(profile.shares) == 8 and profile.ends_min[-1] == 0
    assert sum(profile.shares) == pytest.approx(1)
    assert max(profile.shares) == pytest.approx(0.35) == profile.shares[-1]
    assert list(profile.shares) == sorted(profile.shares)
    even = arrival_profile(0.05, window_min=120)  # below an even spread: even
    assert even.shares == pytest.approx([1 / 8] * 8)


def test_entries_follow_the_transit_stops_else_split_evenly():
    assert entry_shares(["P1", "P2"], {"P1": 3, "P2": 1}) == {"P1": 0.75, "P2": 0.25}
    assert entry_shares(["P1", "P2", "P3", "P4"], {}) == dict.fromkeys(
        ["P1", "P2", "P3", "P4"], 0.25
    )


def _offers():
    return [
        Offer("Near", 0, 0, {"municipal_police": 3, "private_security": 4}),
        Offer("Far", 0, 0, {"municipal_police": 10}),
    ]


def _distances(near_a=1000, near_b=2000, far_a=9000, far_b=8000):
    return {
        ("Near", "A"): (near_a, "road"),
        ("Near", "B"): (near_b, "road"),
        ("Far", "A"): (far_a, "straight"),
        ("Far", "B"): (far_b, "straight"),
    }


def test_pooling_sends_the_nearest_agents_first():
    needs = {"A": {"municipal_police": 5}, "B": {"municipal_police": 2}}
    result = pool(needs, _offers(), _distances())
    roster = result.roster()
    # Near's 3 go to A (its nearest); Far completes A and covers B
    assert roster["Near"]["municipal_police"] == {"A": 3}
    assert roster["Far"]["municipal_police"] == {"A": 2, "B": 2}
    assert result.shortfall == {}
    assert result.spare == {"Far": {"municipal_police": 6}, "Near": {"private_security": 4}}


def test_pooling_minimises_the_total_distance_not_each_choice():
    # both sectors are nearest to Near, but sending Near to B and Far to A costs more
    needs = {"A": {"municipal_police": 3}, "B": {"municipal_police": 3}}
    result = pool(needs, _offers(), _distances(near_a=1000, near_b=1100, far_a=20000, far_b=5000))
    assert result.roster()["Near"]["municipal_police"] == {"A": 3}


def test_pooling_reports_the_shortfall_by_sector_and_role():
    needs = {"A": {"municipal_police": 10, "first_aiders": 4}, "B": {"municipal_police": 8}}
    result = pool(needs, _offers(), _distances())
    assert result.total_shortfall() == 5 + 4
    assert result.shortfall["A"]["first_aiders"] == 4
    assert sum(result.shortfall.get(s, {}).get("municipal_police", 0) for s in "AB") == 5


def test_dps_cli_prints_ris_and_category():
    done = run_cli("dps", "--public", "10000", "--p2", "0.35", "--e1", "0.25", "--e2", "0.25")
    assert done.returncode == 0, done.stderr
    lines = dict(line.split("\t") for line in done.stdout.splitlines())
    assert lines["RIS"] == "8.5" and lines["category"] == "DPS-PE"
    assert lines["first_aiders"] == "10"


def test_dps_cli_refuses_a_value_outside_the_grid():
    done = run_cli("dps", "--public", "10000", "--p2", "0.7", "--e1", "0.25", "--e2", "0.25")
    assert done.returncode == 2
    assert "P2 must be one of" in done.stderr and "Traceback" not in done.stderr
