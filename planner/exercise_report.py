"""What a replay says: the state at a time as JSON, and the after-action summary in Markdown.

The state (``python -m planner replay FILE --at MM:SS``) lists the injects fired so far, the
active hazards with what they expose, the closed streets, and the emergency routes recomputed
under the closures. The after-action summary puts the timeline next to what the plan predicted
at each step: exposed buildings and people, route times before and during the incident,
evacuations.
"""

from __future__ import annotations

from typing import Any

from planner import i18n
from planner.markup import markdown_text
from planner.replay import Exercise, Frame, Inject, clock
from planner.report import rounded


def _l(key: str, lang: str, **params: object) -> str:
    return i18n.text("after_action", key, lang, **params)


def frame_state(frame: Frame, crs: str) -> dict[str, Any]:
    """The state of a frame as JSON-ready data."""
    situation = frame.situation
    hazard_streets = sorted({s for h in frame.hazards for s in h.exposure.closed_streets})
    return {
        "at": clock(situation.at_s),
        "at_s": situation.at_s,
        "injects": [_inject(i) for i in situation.fired],
        "hazards": [
            {
                "id": h.zones.id,
                "kind": h.zones.kind,
                "radius_m": round(h.zones.radius_m, 1),
                "radius_source": h.zones.radius_source,
                "area_m2": round(h.zones.footprint.area, 1),
                "plume_area_m2": {k: round(v.area, 1) for k, v in h.zones.plume.items()},
                "screening_estimate": h.zones.screening_estimate,
                "buildings": h.exposure.buildings,
                "people_estimate": h.exposure.people_estimate,
                "residents_estimate": h.exposure.residents_estimate,
                "public_estimate": h.exposure.public_estimate,
                "streets": list(h.exposure.closed_streets),
                "checkpoints": list(h.exposure.checkpoints),
                "sectors": list(h.exposure.sectors),
            }
            for h in frame.hazards
        ],
        "closed_streets": sorted(set(situation.closed_streets) | set(hazard_streets)),
        "closed_zones": list(situation.closed_zones),
        "closed_checkpoints": list(situation.closed_checkpoints),
        "evacuating": list(situation.evacuating),
        "route_times": {
            sector: {
                kind: {"before_s": rounded(before), "now_s": rounded(now)}
                for kind, (before, now) in kinds.items()
            }
            for sector, kinds in frame.route_times().items()
        },
        "routes": {
            "type": "FeatureCollection",
            "features": [r.to_feature(crs) for r in [*frame.emergency.routes(), *frame.evacuation]],
        },
        "problems": [{"key": p.key, "message": p.message()} for p in frame.problems],
    }


def summary_times(exercise: Exercise) -> list[int]:
    """The times the after-action summary reads a frame at: the start, each inject and hazard."""
    return sorted({0, *(i.at_s for i in exercise.injects), *(h.at_s for h in exercise.hazards)})


def after_action_markdown(
    exercise: Exercise, frames: list[Frame], title: str, lang: str = "fr"
) -> str:
    """The after-action summary: the timeline, then what the plan predicted at each step.

    ``frames``: the exercise's frames at :func:`summary_times` (the pipeline's cached ones).
    """
    lines = [
        f"# {_l('title', lang)} — {markdown_text(title)}",
        "",
        f"## {_l('timeline', lang)}",
        "",
    ]
    header = [_l(k, lang) for k in ("time", "from_to", "message", "expected", "effect")]
    lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for inject in exercise.injects:
        effect = inject.effect
        cells = [
            f"{inject.sender} → {inject.recipient}",
            inject.message,
            inject.expected_action or "",
            f"{effect.action} {effect.target or ''}".strip() if effect else "",
        ]
        shown = [clock(inject.at_s), *(markdown_text(c) for c in cells)]
        lines.append("| " + " | ".join(shown) + " |")
    lines += ["", f"## {_l('predicted', lang)}", ""]
    seen: set[str] = set()
    worst = max(frames, key=_delay)
    for frame in frames:
        for state in frame.hazards:
            if state.zones.id in seen:
                continue
            seen.add(state.zones.id)
            lines += _hazard_lines(state, frame.situation.at_s, lang)
    lines += ["", f"### {_l('routes', lang)}", ""]
    kinds = ("fire_station", "hospital", "police")
    lines.append(f"| {_l('sector', lang)} | " + " | ".join(_l(k, lang) for k in kinds) + " |")
    lines.append("|" + " --- |" * (len(kinds) + 1))
    for sector, times_by_kind in worst.route_times().items():
        cells = [f"{_minutes(*times_by_kind[k], lang=lang)}" for k in kinds]
        lines.append(f"| {markdown_text(sector)} | " + " | ".join(cells) + " |")
    lines += ["", f"### {_l('evacuations', lang)}", ""]
    evacuations = _evacuation_lines(exercise, frames, lang)
    lines += evacuations or [f"- {_l('none', lang)}"]
    return "\n".join(lines) + "\n"


def _hazard_lines(state, at_s: int, lang: str) -> list[str]:
    zones, exposed = state.zones, state.exposure
    lines = [
        f"### {_l('hazard', lang)} {markdown_text(zones.id)} ({zones.kind}) — "
        f"{_l('active', lang)} {clock(at_s)}",
        "",
        f"- {_l('isolation', lang)} : {zones.radius_m:.0f} m ({zones.radius_source})",
    ]
    if zones.plume:
        areas = {k: i18n.format_number(v.area, lang) for k, v in zones.plume.items()}
        lines.append(
            f"- {_l('plume', lang, lel_10=areas.get('lel_10'), lel_60=areas.get('lel_60'))}"
        )
    lines.append(
        "- "
        + _l(
            "exposed",
            lang,
            buildings=exposed.buildings,
            people=exposed.people_estimate,
            residents=exposed.residents_estimate,
            public=exposed.public_estimate,
        )
    )
    streets = ", ".join(map(markdown_text, exposed.closed_streets)) or _l("none", lang)
    lines += [f"- {_l('closed_streets', lang)} : {streets}", ""]
    return lines


def _evacuation_lines(exercise: Exercise, frames: list[Frame], lang: str) -> list[str]:
    names = {z.id: z.name or z.id for z in exercise.zones}
    lines, done = [], set()
    for frame in frames:
        for zone_id in frame.situation.evacuating:
            if zone_id in done:
                continue
            done.add(zone_id)
            route = next((r for r in frame.evacuation if r.origin == names[zone_id]), None)
            minutes = f"{route.duration_s / 60:.1f}" if route else "—"
            target = route.destination if route else "—"
            lines.append(
                "- "
                + _l(
                    "evacuated",
                    lang,
                    sector=markdown_text(names[zone_id]),
                    at=clock(frame.situation.at_s),
                    minutes=minutes,
                    to=markdown_text(target),
                )
            )
    return lines


def _delay(frame: Frame) -> float:
    """How much the closures slow emergency vehicles in a frame (an unreachable sector: 1 h)."""
    return sum(
        (now if now is not None else 3600.0) - (before or 0.0)
        for kinds in frame.route_times().values()
        for before, now in kinds.values()
        if before is not None
    )


def _inject(inject: Inject) -> dict[str, Any]:
    out: dict[str, Any] = {
        "at": clock(inject.at_s),
        "from": inject.sender,
        "to": inject.recipient,
        "message": inject.message,
        "expected_action": inject.expected_action,
    }
    if inject.effect:
        out["effect"] = {
            "action": inject.effect.action,
            "target": inject.effect.target,
            **({"parameters": inject.effect.parameters} if inject.effect.parameters else {}),
        }
    return out


def _minutes(before: float | None, now: float | None, lang: str) -> str:
    def shown(value: float | None) -> str:
        return _l("unreachable", lang) if value is None else f"{value / 60:.1f} min"

    return f"{shown(before)} → {shown(now)}"
