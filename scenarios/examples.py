"""Bundled example scenarios (scenarios/examples/*.json): they load offline, on the demo areas."""

from __future__ import annotations

import functools
from pathlib import Path

from scenarios.document import load_scenario
from scenarios.errors import ScenarioError
from scenarios.model import Scenario

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"


def example_names() -> list[str]:
    """Names of the bundled examples (file stems)."""
    return sorted(p.name.removesuffix(".vigie.json") for p in EXAMPLES_DIR.glob("*.vigie.json"))


def load_example(name: str) -> Scenario:
    """A bundled example by name (never a path: the name must be one of example_names())."""
    names = example_names()
    if name not in names:
        raise ScenarioError("example_unknown", name=name, available=", ".join(names))
    return load_scenario(EXAMPLES_DIR / f"{name}.vigie.json")


def example_title(name: str) -> str:
    """The title of a bundled example (read once per file version: the open section lists
    every example's title on each of its runs)."""
    path = EXAMPLES_DIR / f"{name}.vigie.json"
    return _title(name, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _title(name: str, _mtime_ns: int) -> str:
    return load_example(name).title
