"""Reading and writing season documents, and finding a season's events (files, examples, store).

A season names its events by scenario: ``example:NAME`` (a bundled example), ``store:ID`` or a
bare store id (the latest version), or a scenario file's path (the command line). Each event's
id is the store id, the example's name or the file's stem.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.errors import SeasonError
from planner.limits import read_limited
from scenarios.document import _first_problem, _one_line, load_scenario
from scenarios.errors import ScenarioError, StoreError
from scenarios.examples import EXAMPLES_DIR, example_names, load_example
from scenarios.season_inputs import SeasonPlan, SeasonScenario, event_id, season_plan
from scenarios.season_model import SEASON_FORMAT, SEASON_VERSION, SeasonDocument

#: Largest season document read (5,000 offers of about 200 bytes: well under).
MAX_SEASON_BYTES = 2 * 1024 * 1024


def load_season(data: str | bytes | Path | dict[str, Any]) -> SeasonDocument:
    """A validated season from a path, JSON text or data; SeasonError naming the problem."""
    if isinstance(data, Path):
        data = read_limited(
            data,
            MAX_SEASON_BYTES,
            lambda: SeasonError("season_invalid", path="(document)", detail="file too large"),
        )
    if isinstance(data, (str, bytes)):
        if len(data) > MAX_SEASON_BYTES:
            raise SeasonError("season_invalid", path="(document)", detail="file too large")
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as err:
            raise SeasonError(
                "season_invalid", path="(document)", detail=_one_line(str(err), 120)
            ) from None
    if not isinstance(data, dict):
        raise SeasonError("season_invalid", path="(document)", detail="not a JSON object")
    if data.get("format") != SEASON_FORMAT:
        raise SeasonError("season_not_vigie", found=_one_line(repr(data.get("format")), 60))
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SEASON_VERSION:
        raise SeasonError("season_newer", found=version, current=SEASON_VERSION)
    try:
        return SeasonDocument.model_validate(data)
    except ValidationError as err:
        raise SeasonError("season_invalid", **_first_problem(err)) from None


def dump_season(season: SeasonDocument) -> str:
    """The season as compact JSON text, the form the store keeps."""
    return json.dumps(season.to_json_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def resolve_event(ref: str, store=None) -> SeasonScenario:
    """The scenario a season's reference names (SeasonError when none)."""
    if ref.startswith("example:") or ref in example_names():
        name = ref.removeprefix("example:")
        scenario = load_example(name)
        return SeasonScenario(name, scenario, scenario.authorship.updated_at)
    path = Path(ref)
    if not ref.startswith("store:") and path.suffix == ".json" and path.exists():
        scenario = load_scenario(path)
        return SeasonScenario(event_id(path), scenario, scenario.authorship.updated_at)
    if store is not None:
        scenario_id = ref.removeprefix("store:")
        try:
            scenario, info = store.open(scenario_id)
        except StoreError:
            raise SeasonError("season_scenario_unknown", ref=_one_line(ref, 80)) from None
        return SeasonScenario(scenario_id, scenario, info.saved_at)
    raise SeasonError("season_scenario_unknown", ref=_one_line(ref, 80))


def document_plan(season: SeasonDocument, store=None) -> SeasonPlan:
    """The allocation of a season document (its events found in the examples or the store)."""
    events = [resolve_event(e.scenario, store) for e in season.events]
    priorities = {
        source.id: ref.priority for source, ref in zip(events, season.events, strict=True)
    }
    return season_plan(events, season.offers or None, priorities, season.rules, season.period)


def example_seasons() -> list[str]:
    """Names of the bundled season documents."""
    return sorted(p.name.removesuffix(".season.json") for p in EXAMPLES_DIR.glob("*.season.json"))


def load_example_season(name: str) -> SeasonDocument:
    if name not in example_seasons():
        raise ScenarioError("example_unknown", name=name, available=", ".join(example_seasons()))
    return load_season(EXAMPLES_DIR / f"{name}.season.json")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
