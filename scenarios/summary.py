"""One-line summary of a scenario (the CLI's `validate` output, the app's header)."""

from __future__ import annotations

from scenarios.model import CURRENT_VERSION, FORMAT, Scenario


def summary_line(scenario: Scenario) -> str:
    """``ok: <title> — event on demo:monaco (EPSG:2154): 1 perimeter, 3 sectors, …``."""
    area = scenario.area
    where = {
        "demo": f"demo:{area.id}",
        "file": f"file:{area.file_name or area.file_sha256}",
        "online": f"online:{area.place or area.bbox}",
    }[area.kind]
    roles = [z.properties.role for z in scenario.zones]
    agents = sum(sum(offer.agents.values()) for offer in scenario.resources)
    parts = [
        _count(roles.count("perimeter"), "perimeter"),
        _count(roles.count("sector"), "sector"),
        _count(roles.count("no_go"), "no-go zone"),
        _count(len(scenario.points), "designated point"),
        f"{_count(len(scenario.resources), 'commune')} ({agents} agents)",
        _count(len(scenario.hazards), "hazard"),
        _count(len(scenario.injects), "inject"),
    ]
    return (
        f"ok: {scenario.title} — {scenario.kind} on {where} ({area.crs}): "
        f"{', '.join(parts)}; format {FORMAT} v{CURRENT_VERSION}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
