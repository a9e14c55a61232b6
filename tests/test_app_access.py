"""The access plan in the app (AppTest): a role changed by clicking the access on the map, the
staffing and the material following; the roles table and its apply button."""

from __future__ import annotations

import re

from tests.test_app_scenarios import new_app, open_choice

SUMMARY = re.compile(
    r"(\d+) points de filtrage, (\d+) accès fermés, (\d+) accès secours · (\d+) barrières"
)


def concert(fake_map):
    return open_choice(new_app(), "example:monaco-new-year-concert")


def summary(at) -> tuple[int, ...]:
    text = next(m.value for m in at.markdown if SUMMARY.search(m.value))
    return tuple(int(x) for x in SUMMARY.search(text).groups())


def agents(at) -> str:
    return next(m.value for m in at.metric if m.label == "Agents nécessaires")


def test_clicking_an_access_changes_its_role(fake_map, monaco):
    at = concert(fake_map)
    before, staff_before = summary(at), agents(at)
    markers = fake_map.checkpoints()
    assert len(markers) == 34
    filtering = [m for m in markers if m["properties"]["role"] == "filtering"]
    assert len(filtering) == before[0] > 0
    fake_map.click(filtering[0])
    at.run()
    radio = next(r for r in at.radio if r.label.startswith("Rôle de "))
    access_id = radio.label.removeprefix("Rôle de ")
    assert radio.value == "auto"
    radio.set_value("closed").run()
    assert not at.exception
    stored = at.session_state["scenario"].access_roles
    assert len(stored) == 1 and stored[0].role == "closed" and stored[0].near is not None
    table = next(d for d in at.dataframe if "Rôle choisi" in d.value.columns).value
    row = table[table["N°"] == access_id].iloc[0]
    assert row["Rôle"] == "fermé" and row["Rôle choisi"] == "fermé" and row["Barrières"] >= 1
    assert summary(at) != before or agents(at) != staff_before  # the plan was re-proposed
    # only that access shows the role set (a neighbour sharing one of its ways does not)
    assert list(table["Rôle choisi"]).count("fermé") == 1
    closed = next(m for m in fake_map.checkpoints() if m["properties"]["id"] == access_id)
    assert closed["properties"]["role"] == "closed"
    # back to the proposal
    next(r for r in at.radio if r.label == f"Rôle de {access_id}").set_value("auto").run()
    assert at.session_state["scenario"].access_roles == []
    assert summary(at) == before and agents(at) == staff_before


def test_the_roles_table_lists_every_access(fake_map, monaco):
    at = concert(fake_map)
    table = next(d for d in at.dataframe if "Rôle choisi" in d.value.columns).value
    assert len(table) == 34
    assert set(table["Rôle"]) <= {"filtrage", "fermé", "secours"}
    assert set(table["Rôle choisi"]) == {"proposé"}
    assert any(b.label == "Appliquer les rôles" for b in at.button)
