"""Reading and writing scenario files: size limit, JSON, migration, validation.

Every failure is a :class:`ScenarioError` that names the first problem and where it is in the
document (``zones[2].geometry``), so a planner can fix the file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.limits import read_limited
from scenarios.errors import ScenarioError
from scenarios.migrations import migrate
from scenarios.model import CURRENT_VERSION, FORMAT, Scenario

#: Largest scenario document accepted, in UTF-8 bytes of its stored form (compact JSON, as
#: :func:`dump_scenario` writes it, in the store and in exported files): a plan with hundreds of
#: zones is well under 1 MB. What is written within it can always be read again.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def load_scenario(data: str | bytes | Path | dict[str, Any]) -> Scenario:
    """A validated Scenario from a file path, JSON text/bytes or parsed data."""
    if isinstance(data, Path):
        data = read_limited(data, MAX_DOCUMENT_BYTES, _too_large)
    if isinstance(data, (str, bytes)):
        size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
        if size > MAX_DOCUMENT_BYTES:
            raise _too_large()
        try:
            data = json.loads(data, parse_constant=_not_json_number)
        except UnicodeDecodeError:
            raise ScenarioError("scenario_not_json", detail="not UTF-8 text") from None
        except json.JSONDecodeError as err:
            detail = f"{err.msg} at line {err.lineno}, column {err.colno}"
            raise ScenarioError("scenario_not_json", detail=detail) from None
        except RecursionError:  # "[[[[…" a hundred thousand times: no scenario is that deep
            raise ScenarioError("scenario_not_json", detail="nested too deeply") from None
    if not isinstance(data, dict):
        raise ScenarioError("scenario_invalid", path="(document)", detail="not a JSON object")
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise ScenarioError(
            "scenario_not_vigie",
            found=found if len(repr(found)) <= 60 else _one_line(repr(found), 60),
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ScenarioError("scenario_invalid", path="version", detail="not an integer")
    if version > CURRENT_VERSION:
        raise ScenarioError("scenario_newer", found=version, current=CURRENT_VERSION)
    try:
        return Scenario.model_validate(migrate(data, CURRENT_VERSION))
    except ValidationError as err:
        raise ScenarioError("scenario_invalid", **_first_problem(err)) from None
    except (TypeError, ValueError, RecursionError) as err:  # data pydantic could not even walk
        detail = _one_line(str(err), 120)
        raise ScenarioError("scenario_invalid", path="(document)", detail=detail) from None


def load_stored(document: str) -> Scenario:
    """A scenario as the store keeps it. The limit applies to the compact form: a version an
    earlier Vigie stored indented (up to about three times larger) still opens."""
    if len(document) <= MAX_DOCUMENT_BYTES // 4 or len(document.encode()) <= MAX_DOCUMENT_BYTES:
        return load_scenario(document)
    try:
        data = json.loads(document, parse_constant=_not_json_number)
    except (ValueError, RecursionError):
        return load_scenario(document)  # says what is wrong with it
    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(compact.encode()) + 1 > MAX_DOCUMENT_BYTES:
        raise _too_large()
    return load_scenario(data)


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as compact JSON text (UTF-8; standard JSON only), the form the store keeps
    and the app exports; ScenarioError if it is over the read limit, so that nothing is ever
    accepted that could not be opened again."""
    text = (
        json.dumps(
            scenario.to_json_dict(), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        + "\n"
    )
    if len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise _too_large()
    return text


def _too_large() -> ScenarioError:
    return ScenarioError("scenario_too_large", limit_mb=MAX_DOCUMENT_BYTES // 2**20)


def _not_json_number(constant: str) -> float:
    """``NaN`` and ``Infinity`` are not JSON (Python's reader accepts them): refused."""
    raise ScenarioError("scenario_not_json", detail=f"{constant} is not a JSON number")


def export_filename(scenario: Scenario) -> str:
    """A safe file name for an exported scenario (its title, never a path)."""
    return f"{file_stem(scenario.title)}.vigie.json"


def file_stem(text: str, default: str = "scenario") -> str:
    """``text`` (a title) as the stem of a downloaded file's name: lower-case ASCII letters and
    digits joined by dashes, at most 60 characters, so never a path nor a hidden file."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60].strip("-") or default


def _first_problem(err: ValidationError) -> dict[str, str]:
    problem = err.errors(include_url=False)[0]
    path = _path(problem["loc"])
    if problem["type"] == "extra_forbidden":
        detail = "unknown field (the file may come from a newer Vigie)"
    else:
        detail = problem["msg"].removeprefix("Value error, ")
    return {"path": _one_line(path, 120) or "(document)", "detail": _one_line(detail, 200)}


def _one_line(text: str, limit: int) -> str:
    """Text of the user's document as a message shows it: line breaks as spaces, cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or str(part).startswith("function-"):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out
