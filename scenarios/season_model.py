"""The season document: a period, its events by scenario, the coordinator's priorities, the
communes' offers over time and the rules. Format ``vigie.season``, version
:data:`SEASON_VERSION`; stored with versions like a scenario (:mod:`scenarios.season_store`).
See docs/scenario-format.md, "Season documents".
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from planner import doctrine
from scenarios.model import AgentRole, Authorship, LonLat, Name, ShiftEquipment, Strict, paris

SEASON_FORMAT = "vigie.season"
SEASON_VERSION = 1
#: A scenario reference: a store id, ``example:NAME`` or ``store:ID``.
ScenarioRef = Annotated[str, Field(min_length=1, max_length=200)]
OfferRole = AgentRole | ShiftEquipment
Share = Annotated[float, Field(ge=0, lt=1)]


class SeasonEventRef(Strict):
    """An event of the season: its scenario and the coordinator's priority (1 to 5, the higher
    served first)."""

    scenario: ScenarioRef
    priority: int = Field(default=1, ge=1, le=doctrine.MAX_PRIORITY)


class SeasonOffer(Strict):
    """Agents (or equipment units) of one commune and role available over a window; its base
    (None: the base of the commune's entry in the events' scenarios). Times without an offset
    are Europe/Paris."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    commune: Name
    role: OfferRole
    agents: int = Field(ge=0, le=10_000)
    start: datetime = Field(alias="from")
    end: datetime = Field(alias="to")
    base: LonLat | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> SeasonOffer:
        if paris(self.end) <= paris(self.start):
            raise ValueError(f"the offer of {self.commune} ({self.role}) ends before it starts")
        return self


class SeasonRules(Strict):
    """The rules: daily rest, longest shift, the share each commune keeps (None: doctrine)."""

    rest_h: float | None = Field(default=None, ge=0, le=48)
    max_shift_h: float | None = Field(default=None, gt=0, le=doctrine.MAX_SHIFT_LIMIT_H)
    kept_share: Share | None = None
    kept_by_commune: dict[Name, Share] = Field(default_factory=dict, max_length=500)


class Period(Strict):
    start: datetime
    end: datetime

    @model_validator(mode="after")
    def _ends_after_start(self) -> Period:
        if paris(self.end) <= paris(self.start):
            raise ValueError("the period must end after it starts")
        return self


class SeasonDocument(Strict):
    """A metropolitan season."""

    format: Literal["vigie.season"] = SEASON_FORMAT
    version: Literal[1] = SEASON_VERSION
    title: Name
    period: Period | None = None  # None: the events' own span
    events: list[SeasonEventRef] = Field(min_length=1, max_length=100)
    offers: list[SeasonOffer] = Field(default_factory=list, max_length=5000)  # none: scenarios'
    rules: SeasonRules = Field(default_factory=lambda: SeasonRules())
    authorship: Authorship

    @model_validator(mode="after")
    def _unique_events(self) -> SeasonDocument:
        refs = [e.scenario for e in self.events]
        duplicates = sorted({r for r in refs if refs.count(r) > 1})
        if duplicates:
            raise ValueError(f"events listed twice: {', '.join(duplicates)}")
        return self

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
