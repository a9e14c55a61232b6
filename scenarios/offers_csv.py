"""The communes' offers (agents lent by role, and their base) imported from a CSV table.

A table as communes send it: one row per commune, columns ``commune``, ``lon``, ``lat`` and one
column per role (``municipal_police``, ``private_security``, ``first_aiders``,
``national_police``; an absent role column means none of that role). French headers are
accepted (``longitude``, ``police_municipale``, ``securite_privee``, ``secouristes``,
``police_nationale``), as are the French spreadsheet habits: ``;`` separators, decimal commas and
Windows-1252 files.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import get_args

from pydantic import ValidationError

from scenarios.errors import ScenarioError
from scenarios.model import AgentRole, CommuneOffer, LonLat, Scenario

#: Largest offers file accepted (a row is about 50 bytes: 1 MB is some 20,000 communes).
MAX_CSV_BYTES = 1024 * 1024
#: Most communes a scenario holds (its ``resources`` list), so most rows an import may have.
MAX_COMMUNES = next(m.max_length for m in Scenario.model_fields["resources"].metadata)
#: Longest value of the user's file echoed in a message.
SHOWN_CHARS = 40
ROLES: tuple[str, ...] = get_args(AgentRole)
REQUIRED = ("commune", "lon", "lat")
ALIASES = {
    "nom": "commune",
    "longitude": "lon",
    "latitude": "lat",
    "police_municipale": "municipal_police",
    "securite_privee": "private_security",
    "agents_de_securite": "private_security",
    "secouristes": "first_aiders",
    "police_nationale": "national_police",
}
EXPECTED = ", ".join((*REQUIRED, *ROLES))


def read_offers_csv(data: bytes) -> list[CommuneOffer]:
    """The offers of a CSV file's bytes; ScenarioError naming the line or column at fault."""
    rows = read_table(data, MAX_COMMUNES)
    header = [column_name(name) for name in rows[0][1]]
    for name in header:
        if name not in REQUIRED and name not in ROLES:
            raise ScenarioError("offers_csv_unknown_column", column=shown(name), expected=EXPECTED)
    for name in REQUIRED:
        if name not in header:
            raise ScenarioError("offers_csv_missing_column", column=name, expected=EXPECTED)
    offers = [_offer(dict(zip(header, row, strict=False)), line) for line, row in rows[1:]]
    if not offers:
        raise ScenarioError("offers_csv_empty")
    return offers


def read_table(data: bytes, most_rows: int) -> list[tuple[int, list[str]]]:
    """The non-blank rows of a CSV file's bytes, each with its line number, header first (any
    of ``,``, ``;`` or tab separators, UTF-8 or Windows-1252); ScenarioError if unreadable,
    empty or over ``most_rows`` rows after the header."""
    if len(data) > MAX_CSV_BYTES:
        raise ScenarioError("offers_csv_too_large", limit_mb=MAX_CSV_BYTES // 2**20)
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)  # \r too: Excel for Mac
    try:  # a field over csv's size limit, a stray quote: csv.Error
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as err:
        detail = f"line {reader.line_num}: {str(err)[:80]}"
        raise ScenarioError("offers_csv_unreadable", detail=detail) from None
    if not rows:
        raise ScenarioError("offers_csv_empty")
    if len(rows) - 1 > most_rows:
        raise ScenarioError("offers_csv_too_many", count=len(rows) - 1, limit=most_rows)
    return rows


def _offer(row: dict[str, str], line: int) -> CommuneOffer:
    commune = (row.get("commune") or "").strip()
    if not commune:
        raise ScenarioError(
            "offers_csv_bad_value", line=line, commune="?", value="", column="commune"
        )

    def bad(column: str) -> ScenarioError:
        value = (row.get(column) or "").strip()
        return ScenarioError(
            "offers_csv_bad_value",
            line=line,
            commune=shown(commune),
            value=shown(value),
            column=column,
        )

    try:
        base = {c: float((row.get(c) or "").strip().replace(",", ".")) for c in ("lon", "lat")}
        position = LonLat(**base)
    except (ValueError, ValidationError):
        raise bad("lon" if not is_lon(row.get("lon")) else "lat") from None
    agents = {}
    for role in ROLES:
        cell = (row.get(role) or "").strip()
        if not cell:
            continue
        if not (cell.isascii() and cell.isdigit()) or int(cell) > 10_000:  # not "²", not "٣"
            raise bad(role)
        agents[role] = int(cell)
    try:
        return CommuneOffer(commune=commune, base=position, agents=agents)
    except ValidationError:  # a commune name longer than a scenario keeps
        raise bad("commune") from None


def shown(value: str) -> str:
    """A value of the user's file as a message shows it: on one line, cut to SHOWN_CHARS."""
    text = " ".join(value.split())  # line breaks of any kind become spaces
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def is_lon(cell: str | None) -> bool:
    try:
        return -180 <= float((cell or "").strip().replace(",", ".")) <= 180
    except ValueError:
        return False


def column_name(name: str) -> str:
    """A header cell normalised: lower case, no accents, underscores for spaces."""
    plain = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace(" ", "_")
    plain = plain.replace("-", "_").lstrip("\ufeff")
    return ALIASES.get(plain, plain)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ScenarioError("offers_csv_encoding")
