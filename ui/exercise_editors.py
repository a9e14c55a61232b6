"""The exercise's tables: the inject timeline (master events list) and the hazards.

Times are ``MM:SS`` from the exercise start, as on the replay slider. Effect and hazard
parameters are written ``key=value; key=value`` (e.g. ``dx_m=30; dy_m=0`` to move the
perimeter, ``radius_m=100`` for a security perimeter).
"""

from __future__ import annotations

from typing import Any, get_args

import pandas as pd
import streamlit as st

from planner.replay import clock, parse_clock
from scenarios.model import EffectAction, Hazard, Inject
from ui.edit_helpers import apply_button, filled, table_editor
from ui.i18n import t
from ui.session import scenario

EFFECTS: tuple[str, ...] = get_args(EffectAction)
HAZARD_KINDS = ("gas_leak", "security_perimeter")


def injects_editor() -> None:
    """The master events list as an editable table."""
    doc = scenario()
    rows = [
        {
            "time": clock(inject.at_s),
            "from": inject.sender,
            "to": inject.recipient,
            "message": inject.message,
            "expected": inject.expected_action,
            "effect": inject.effect.action if inject.effect else None,
            "target": inject.effect.target if inject.effect else None,
            "params": format_parameters(inject.effect.parameters) if inject.effect else None,
        }
        for inject in sorted(doc.injects, key=lambda i: i.at_s)
    ]
    columns = ["time", "from", "to", "message", "expected", "effect", "target", "params"]
    config = {
        "time": st.column_config.TextColumn(t("col_time"), required=True),
        "from": st.column_config.TextColumn(t("col_from"), required=True),
        "to": st.column_config.TextColumn(t("col_to"), required=True),
        "message": st.column_config.TextColumn(t("col_message"), required=True, width="large"),
        "expected": st.column_config.TextColumn(t("col_expected")),
        "effect": st.column_config.SelectboxColumn(t("col_effect"), options=list(EFFECTS)),
        "target": st.column_config.TextColumn(t("col_target")),
        "params": st.column_config.TextColumn(t("col_params")),
    }
    edited = table_editor("injects", pd.DataFrame(rows, columns=columns), config)

    def build() -> list[Inject]:
        return [
            Inject(
                at_s=parse_clock(str(row["time"])),
                sender=row["from"],
                recipient=row["to"],
                message=row["message"],
                expected_action=row["expected"] if filled(row["expected"]) else None,
                effect={
                    "action": row["effect"],
                    "target": row["target"] if filled(row["target"]) else None,
                    "parameters": parse_parameters(row["params"]),
                }
                if filled(row["effect"])
                else None,
            )
            for row in edited.to_dict("records")
            if filled(row["message"])
        ]

    apply_button("injects", build)


def hazards_editor() -> None:
    """The exercise's hazards as an editable table."""
    doc = scenario()
    rows = [
        {
            "id": h.id,
            "kind": h.kind,
            "lon": h.location.lon,
            "lat": h.location.lat,
            "at": clock(h.at_s),
            "params": format_parameters(h.parameters),
        }
        for h in doc.hazards
    ]
    config = {
        "id": st.column_config.TextColumn("Id", required=True),
        "kind": st.column_config.SelectboxColumn(
            t("col_kind"), options=list(HAZARD_KINDS), required=True
        ),
        "lon": st.column_config.NumberColumn("Lon", format="%.6f", required=True),
        "lat": st.column_config.NumberColumn("Lat", format="%.6f", required=True),
        "at": st.column_config.TextColumn(t("col_at")),
        "params": st.column_config.TextColumn(t("col_params"), width="large"),
    }
    columns = ["id", "kind", "lon", "lat", "at", "params"]
    edited = table_editor("hazards", pd.DataFrame(rows, columns=columns), config)
    st.caption(t("hazards_help"))

    def build() -> list[Hazard]:
        return [
            Hazard(
                id=str(row["id"]),
                kind=row["kind"],
                location={"lon": row["lon"], "lat": row["lat"]},
                at_s=parse_clock(str(row["at"])) if filled(row["at"]) else 0,
                parameters=parse_parameters(row["params"]),
            )
            for row in edited.to_dict("records")
            if filled(row["id"])
        ]

    apply_button("hazards", build)


def format_parameters(parameters: dict[str, Any]) -> str:
    """``{"radius_m": 50}`` → ``radius_m=50``."""
    return "; ".join(f"{k}={v}" for k, v in parameters.items())


def parse_parameters(text: Any) -> dict[str, float | int | str]:
    """``radius_m=50; stability_class=D`` → numbers and words (ValueError if malformed)."""
    if not filled(text):
        return {}
    out: dict[str, float | int | str] = {}
    for part in str(text).split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"{part.strip()!r}: expected key=value")
        out[key.strip()] = _number(value.strip())
    return out


def _number(text: str) -> float | int | str:
    for kind in (int, float):
        try:
            return kind(text.replace(",", ".") if kind is float else text)
        except ValueError:
            continue
    return text
