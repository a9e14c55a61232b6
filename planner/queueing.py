"""Queues at screening lanes: the M/M/c model (Erlang C).

People arrive at random (Poisson, rate λ per minute) at a checkpoint with c lanes, each screening
μ people per minute. With offered load a = λ/μ < c, the probability that a person has to wait is
Erlang's C formula; the wait beyond t minutes is then exponential:
P(W > t) = C(c, a) · exp(−(cμ − λ) t), and the mean wait is C(c, a) / (cμ − λ).
C is computed from Erlang's B recursion, which stays exact for hundreds of lanes (no factorials).
"""

from __future__ import annotations

import math

#: Search limit for the lanes of one checkpoint (a checkpoint of 500 lanes is a planning error).
MAX_LANES = 500


def erlang_b(c: int, load: float) -> float:
    """Erlang B: probability that all ``c`` servers are busy, ``load`` Erlangs offered."""
    blocking = 1.0
    for k in range(1, c + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(c: int, load: float) -> float:
    """Erlang C: probability that an arrival waits, ``c`` servers, ``load`` = λ/μ Erlangs.

    1.0 when the queue is unstable (load ≥ c): everyone waits, and the queue grows without end.
    """
    if c <= 0 or load >= c:
        return 1.0
    if load <= 0:
        return 0.0
    blocking = erlang_b(c, load)
    return c * blocking / (c - load * (1 - blocking))


def mean_wait(arrivals_per_min: float, rate_per_min: float, c: int) -> float:
    """Mean wait in the queue (minutes); ``inf`` if the queue is unstable."""
    spare = c * rate_per_min - arrivals_per_min
    if spare <= 0:
        return math.inf
    return erlang_c(c, arrivals_per_min / rate_per_min) / spare


def wait_exceeds(arrivals_per_min: float, rate_per_min: float, c: int, minutes: float) -> float:
    """P(wait > ``minutes``) for ``c`` lanes."""
    spare = c * rate_per_min - arrivals_per_min
    if spare <= 0:
        return 1.0
    return erlang_c(c, arrivals_per_min / rate_per_min) * math.exp(-spare * minutes)


def lanes_needed(
    arrivals_per_min: float, rate_per_min: float, target_min: float, target_share: float
) -> int:
    """The fewest lanes such that ``target_share`` of people wait at most ``target_min``.

    At least one lane (an open checkpoint is staffed); ``ValueError`` past :data:`MAX_LANES`.
    """
    if rate_per_min <= 0:
        raise ValueError("a lane must screen some people per minute")
    c = max(1, math.floor(arrivals_per_min / rate_per_min) + 1)
    while wait_exceeds(arrivals_per_min, rate_per_min, c, target_min) > 1 - target_share:
        c += 1
        if c > MAX_LANES:
            raise ValueError(f"more than {MAX_LANES} lanes needed")
    return c


def queue_percentile(arrivals: float, rate: float, lanes: int, share: float) -> int | None:
    """People waiting (not in service) that ``share`` of the time is not exceeded (M/M/c):
    P(Lq ≥ k) = C · ρᵏ, ρ = λ / (cμ)."""
    if lanes <= 0 or arrivals <= 0:
        return 0
    rho = arrivals / (lanes * rate)
    if rho >= 1:
        return None  # unstable: the queue grows without end
    waiting = erlang_c(lanes, arrivals / rate)
    if waiting <= 1 - share:
        return 0
    return max(0, math.ceil(math.log((1 - share) / waiting) / math.log(rho)) - 1)
