"""First-aiders by the French DPS rule (dispositif prévisionnel de secours).

The référentiel national (arrêté du 7 novembre 2006) sizes the first-aid cover of a public event
from its public and three risk indicators: RIS = (P2 + E1 + E2) × P / 1000, where P is the public
counted (in full up to 100,000 people, half beyond), P2 the public's activity, E1 the site and its
access, E2 the public emergency response time. The RIS gives the category (PAPS, small, medium or
large DPS) and the number of first-aiders. Numbers and their sources: :mod:`planner.doctrine`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner import doctrine
from planner.errors import StaffingError


@dataclass(frozen=True)
class DpsResult:
    """The DPS sizing of an event."""

    public: int  # P1, the maximum public present at the same time
    counted_public: float  # P
    p2: float
    e1: float
    e2: float
    ris: float
    category: str  # "none", "PAPS", "DPS-PE", "DPS-ME", "DPS-GE"
    first_aiders: int
    posts: int

    @property
    def indicator(self) -> float:
        """i = P2 + E1 + E2."""
        return round(self.p2 + self.e1 + self.e2, 2)


def counted_public(public: int) -> float:
    """P: the public in full up to 100,000 people, plus half of the public beyond."""
    full = doctrine.DPS_PUBLIC_FULL
    return float(public) if public <= full else full + (public - full) / 2


def category_of(ris: float) -> str:
    """The DPS category of a RIS."""
    for bound, category in doctrine.DPS_CATEGORY_BOUNDS:
        if ris <= bound:
            return category
    return doctrine.DPS_CATEGORY_BEYOND


def first_aiders_for(ris: float, e2: float) -> int:
    """First-aiders (intervenants secouristes) for a RIS.

    None below a PAPS; 2 for a PAPS, or 4 when public rescue is more than 30 minutes away
    (E2 = 0.40 turns a PAPS into a small DPS); else the RIS rounded up, at least 4, and above 4
    rounded up to an even number.
    """
    category = category_of(ris)
    if category == "none":
        return 0
    if category == "PAPS":
        far = e2 >= doctrine.DPS_INDICATOR_VALUES[-1]
        return doctrine.DPS_MIN_TEAM if far else doctrine.DPS_PAPS_FIRST_AIDERS
    whole = math.ceil(round(ris, 6))
    if whole <= doctrine.DPS_MIN_TEAM:
        return doctrine.DPS_MIN_TEAM
    return whole + whole % 2


def dps(public: int, p2: float, e1: float, e2: float) -> DpsResult:
    """Size the first-aid cover of an event of ``public`` people with indicators P2, E1, E2."""
    if public < 0:
        raise StaffingError("dps_negative_public", public=public)
    for name, value in (("P2", p2), ("E1", e1), ("E2", e2)):
        if not any(math.isclose(value, v) for v in doctrine.DPS_INDICATOR_VALUES):
            allowed = ", ".join(f"{v:.2f}" for v in doctrine.DPS_INDICATOR_VALUES)
            raise StaffingError("dps_bad_indicator", name=name, value=value, allowed=allowed)
    p = counted_public(public)
    ris = round((p2 + e1 + e2) * p / 1000, 4)
    category = category_of(ris)
    if category == "PAPS" and e2 >= doctrine.DPS_INDICATOR_VALUES[-1]:
        category = "DPS-PE"
    aiders = first_aiders_for(ris, e2)
    posts = math.ceil(aiders / doctrine.DPS_FIRST_AIDERS_PER_POST) if aiders else 0
    return DpsResult(public, p, p2, e1, e2, ris, category, aiders, posts)
