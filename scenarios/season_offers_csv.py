"""The communes' offers over time imported from a CSV table (the season's availability).

One row per commune, role and window: columns ``commune``, ``role``, ``agents``, ``from``,
``to`` and optional ``lon``, ``lat`` of the commune's base (else the base of the commune's entry
in the events' scenarios). French headers are accepted (``rôle``/``fonction``,
``effectif``/``nombre``, ``du``/``début``, ``au``/``fin``, ``longitude``/``latitude``), French
role names (``police_municipale``, ``securite_privee``, ``secouristes``, ``police_nationale``,
``cameras``), and the French spreadsheet habits of :mod:`scenarios.offers_csv` (``;``,
decimal commas, Windows-1252). Times are ISO 8601 or ``31/12/2026 18:00`` (``18h00``); without
an offset they are Europe/Paris.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import get_args

from pydantic import ValidationError

from scenarios.errors import ScenarioError
from scenarios.offers_csv import column_name, read_table, shown
from scenarios.season_model import OfferRole, SeasonOffer

#: Most rows of a season's offers file (the document's limit).
MAX_ROWS = 5000
REQUIRED = ("commune", "role", "agents", "from", "to")
OPTIONAL = ("lon", "lat")
EXPECTED = ", ".join(REQUIRED + OPTIONAL)
ALIASES = {
    "role": "role",
    "fonction": "role",
    "type": "role",
    "effectif": "agents",
    "nombre": "agents",
    "nb_agents": "agents",
    "unites": "agents",
    "du": "from",
    "de": "from",
    "debut": "from",
    "depuis": "from",
    "au": "to",
    "a": "to",
    "fin": "to",
    "jusqu'a": "to",
}
ROLE_ALIASES = {"cameras": "camera", "cameras_mobiles": "camera", "camera_mobile": "camera"}
ROLES = tuple(r for kind in get_args(OfferRole) for r in get_args(kind))
_FRENCH_TIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T]+(\d{1,2})[:hH](\d{2})?$")


def read_season_offers(data: bytes) -> list[SeasonOffer]:
    """The offers of a CSV file's bytes; ScenarioError naming the line or column at fault."""
    rows = read_table(data, MAX_ROWS)
    header = [_season_column(name) for name in rows[0][1]]
    for name in REQUIRED:
        if name not in header:
            raise ScenarioError("season_csv_missing_column", column=name, expected=EXPECTED)
    return [_offer(dict(zip(header, row, strict=False)), line) for line, row in rows[1:]]


def _season_column(name: str) -> str:
    plain = column_name(name)
    return ALIASES.get(plain, plain)


def _offer(row: dict[str, str], line: int) -> SeasonOffer:
    commune = (row.get("commune") or "").strip()

    def bad(column: str) -> ScenarioError:
        return ScenarioError(
            "season_csv_bad_value",
            line=line,
            commune=shown(commune) or "?",
            value=shown((row.get(column) or "").strip()),
            column=column,
        )

    if not commune:
        raise bad("commune")
    role = column_name(row.get("role") or "")
    role = ROLE_ALIASES.get(role, role)
    if role not in ROLES:
        raise ScenarioError(
            "season_unknown_role", role=shown(row.get("role") or ""), roles=", ".join(ROLES)
        )
    agents = (row.get("agents") or "").strip()
    if not (agents.isascii() and agents.isdigit()) or int(agents) > 10_000:
        raise bad("agents")
    times = {}
    for column in ("from", "to"):
        try:
            times[column] = parse_time(row.get(column) or "")
        except ValueError:
            raise bad(column) from None
    base = None
    if (row.get("lon") or "").strip() or (row.get("lat") or "").strip():
        try:
            base = {c: float((row.get(c) or "").strip().replace(",", ".")) for c in OPTIONAL}
        except ValueError:
            raise bad("lon") from None
    try:
        return SeasonOffer(commune=commune, role=role, agents=int(agents), base=base, **times)
    except ValidationError as err:
        problem = err.errors(include_url=False)[0]
        where = str(problem["loc"][0]) if problem["loc"] else "to"
        if problem["type"] == "value_error":  # the window ends before it starts
            raise ScenarioError(
                "season_ends_before_start", who=f"{shown(commune)} (line {line})", what=role
            ) from None
        raise bad({"base": "lon", "start": "from", "end": "to"}.get(where, where)) from None


def parse_time(text: str) -> datetime:
    """An ISO 8601 time or a French ``31/12/2026 18:00``; ValueError otherwise."""
    text = text.strip()
    found = _FRENCH_TIME.match(text)
    if found:
        day, month, year, hour, minute = found.groups()
        return datetime(int(year), int(month), int(day), int(hour), int(minute or 0))
    return datetime.fromisoformat(text)
