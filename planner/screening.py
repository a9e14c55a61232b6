"""Screening at the checkpoints: the arrival profile, lanes per checkpoint and the expected wait.

The public arrives over a window before the event starts; the busiest quarter-hour holds the
event's peak share (``arrival_peak_share``). That peak rate is split over the checkpoints by the
transit stops each one serves (the approach routes), evenly when no stop reaches any; each
checkpoint then gets the fewest lanes that keep the wait under the target (M/M/c, Erlang C, see
:mod:`planner.queueing`) and the agents those lanes need.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner import doctrine, queueing


@dataclass(frozen=True)
class ArrivalProfile:
    """Shares of the public arriving in each slot before the start (slots end at ``ends_min``)."""

    slot_min: int
    ends_min: tuple[int, ...]  # end of each slot, minutes relative to the start (≤ 0)
    shares: tuple[float, ...]
    peak_share: float  # the busiest slot's share, as modelled (may differ from the one asked)

    def arrivals(self, attendance: int) -> list[float]:
        """People arriving in each slot."""
        return [attendance * share for share in self.shares]


def arrival_profile(
    peak_share: float,
    window_min: int = doctrine.ARRIVAL_WINDOW_MIN,
    slot_min: int = doctrine.ARRIVAL_SLOT_MIN,
) -> ArrivalProfile:
    """Arrivals over ``window_min`` minutes, busiest in the last slot, decreasing geometrically.

    The ratio r of one slot to the next is chosen so that the busiest slot holds ``peak_share``
    and the shares add up to 1 (peak × (1 − rⁿ)/(1 − r) = 1). A peak share below 1/n (fewer than
    an even spread) gives the even spread.
    """
    n = max(1, math.ceil(window_min / slot_min))
    peak = min(max(peak_share, 1 / n), 1.0)
    if math.isclose(peak, 1 / n):
        ratio = 1.0
    else:
        low, high = 0.0, 1.0  # total(r) grows with r: bisect for total == 1
        for _ in range(60):
            ratio = (low + high) / 2
            total = peak * sum(ratio**j for j in range(n))
            low, high = (ratio, high) if total < 1 else (low, ratio)
    shares = [peak * ratio ** (n - 1 - i) for i in range(n)]
    total = sum(shares)
    shares = [s / total for s in shares]
    ends = tuple(-slot_min * (n - 1 - i) for i in range(n))
    return ArrivalProfile(slot_min, ends, tuple(shares), max(shares))


@dataclass(frozen=True)
class CheckpointScreening:
    """Screening at one checkpoint at the peak quarter-hour."""

    checkpoint: str
    share: float  # of the public entering here
    arrivals_per_min: float
    lane_rate_per_min: float
    lanes: int
    agents: int
    expected_wait_min: float  # mean wait with ``lanes``
    wait_at_target_share_min: float  # e.g. 95 % wait less than this

    def wait_curve(self, below: int = 2, extra: int = 3) -> list[tuple[int, float]]:
        """(lanes, mean wait in minutes) around the lanes chosen: from ``below`` lanes under the
        fewest that keep the queue stable (their wait is infinite: the queue grows without end)
        to ``extra`` lanes over the lanes chosen."""
        stable = max(1, math.floor(self.arrivals_per_min / self.lane_rate_per_min) + 1)
        return [
            (c, queueing.mean_wait(self.arrivals_per_min, self.lane_rate_per_min, c))
            for c in range(max(1, stable - below), max(stable, self.lanes) + extra + 1)
        ]


def entry_shares(checkpoints: list[str], stops_served: dict[str, int]) -> dict[str, float]:
    """Share of the public entering at each checkpoint: by transit stops served, else evenly."""
    if not checkpoints:
        return {}
    total = sum(stops_served.get(c, 0) for c in checkpoints)
    if total == 0:
        return {c: 1 / len(checkpoints) for c in checkpoints}
    return {c: stops_served.get(c, 0) / total for c in checkpoints}


def screen(
    checkpoint: str,
    share: float,
    peak_arrivals_per_min: float,
    lane_rate_per_min: float,
    agents_per_lane: int,
    target_min: float = doctrine.WAIT_TARGET_MIN,
    target_share: float = doctrine.WAIT_TARGET_SHARE,
) -> CheckpointScreening:
    """Lanes, agents and waits at a checkpoint receiving ``share`` of the peak arrivals."""
    arrivals = peak_arrivals_per_min * share
    lanes = queueing.lanes_needed(arrivals, lane_rate_per_min, target_min, target_share)
    return CheckpointScreening(
        checkpoint=checkpoint,
        share=share,
        arrivals_per_min=arrivals,
        lane_rate_per_min=lane_rate_per_min,
        lanes=lanes,
        agents=lanes * agents_per_lane,
        expected_wait_min=queueing.mean_wait(arrivals, lane_rate_per_min, lanes),
        wait_at_target_share_min=wait_quantile(arrivals, lane_rate_per_min, lanes, target_share),
    )


def wait_quantile(arrivals: float, rate: float, lanes: int, share: float) -> float:
    """The wait (minutes) that ``share`` of people do not exceed."""
    spare = lanes * rate - arrivals
    if spare <= 0:
        return math.inf
    waiting = queueing.erlang_c(lanes, arrivals / rate)
    if waiting <= 1 - share:
        return 0.0
    return math.log(waiting / (1 - share)) / spare
