"""Errors of the planning core.

Every failure a user can cause (a bad file, a perimeter in the wrong place, no network) raises a
subclass of :class:`PlannerError`. It carries a message key of :mod:`planner.messages`, so the UI
shows it in French or English; ``str(err)`` is the English sentence the CLI prints. Anything else
is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.messages import Lang, text


class PlannerError(Exception):
    """Base class of the errors a user can cause."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(text(key, "en", **params))

    def message(self, lang: Lang = "en") -> str:
        """The error as one sentence in ``lang``."""
        return text(self.key, lang, **self.params)


@dataclass(frozen=True)
class Notice:
    """Something done to the user's input that they should know (a repair, a partial result)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: Lang = "en") -> str:
        return text(self.key, lang, **self.params)


class DemoDataMissingError(PlannerError):
    """A bundled demo area's data was not fetched by the set-up command."""


class NotOSMError(PlannerError):
    """A file that should hold OpenStreetMap data does not."""


class EmptyAreaError(PlannerError):
    """An OSM file or download that holds no street network."""


class OfflineError(PlannerError):
    """An online source was asked for with no network (or the server did not answer)."""


class PlaceNotFoundError(PlannerError):
    """An online place name that the geocoder does not know, or a malformed bounding box."""


class ClipError(PlannerError):
    """A regional extract that cannot be clipped as asked (an unknown commune, a box outside the
    file, nothing left in the clip, no osmium-tool)."""


class UnknownAreaError(PlannerError):
    """An area id that is neither a demo area nor a cached one."""


class InputFileError(PlannerError):
    """A file given by path that cannot be read as data: missing, or not a regular file."""


class PerimeterError(PlannerError):
    """A perimeter that is not a usable polygon (broken GeoJSON, no polygon, empty)."""


class OutsideAreaError(PerimeterError):
    """A perimeter that does not overlap the loaded area."""


class SectorError(PlannerError):
    """Sectors that cannot be planned: outside the perimeter, overlapping, or not splittable."""


class StaffingError(PlannerError):
    """A staffing input that cannot give a plan (no attendance, a broken offers CSV, …)."""


class HazardError(PlannerError):
    """A hazard that cannot be drawn: outside the area, of an unknown kind, a bad parameter."""


class ReplayError(PlannerError):
    """An exercise that cannot be replayed (a time that is not MM:SS, an unknown target)."""


class ExportError(PlannerError):
    """An export that cannot be written (unknown format, a folder that does not exist)."""


class SeasonError(PlannerError):
    """A season's input it cannot take (overlapping shifts, an offer ending before it starts…)."""
