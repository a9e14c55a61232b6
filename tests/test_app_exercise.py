"""The exercise replay in the app (AppTest): slider and steps, map state, log, editors."""

from __future__ import annotations

from tests.test_app_scenarios import errors, new_app, open_choice


def gas_exercise():
    return open_choice(new_app(), "example:monaco-gas-leak-port")


def state_line(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Situation à"))


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_steps_and_slider_change_the_state(fake_map, monaco):
    at = gas_exercise()
    assert any(h.value == "Rejeu de l'exercice" for h in at.subheader)
    assert state_line(at) == "**Situation à 00:00**"
    assert fake_map.markers("vigie-hazard") == []
    at.button(key="replay_next").click().run()
    assert state_line(at) == "**Situation à 05:00**"
    (label,) = fake_map.markers("vigie-hazard")
    assert "Fuite de gaz · 50 m" in label.icon.options["html"]
    hazards = table_with(at, "Personnes (estim.)")
    assert hazards["Bâtiments"].iloc[0] > 0 and hazards["Personnes (estim.)"].iloc[0] > 0
    times = table_with(at, "Pompiers")
    fire_a = times.set_index("Secteur")["Pompiers"]["A"]
    assert fire_a.startswith("0.2 →") and not fire_a.endswith("0.2 min")  # the detour
    at.select_slider(key="replay_slider").set_value(1200).run()
    assert state_line(at) == "**Situation à 20:00**"
    assert any("Secteurs en évacuation* : A" in m.value for m in at.markdown)
    log = table_with(at, "De → À")
    assert len(log) == 5 and log.iloc[0]["Heure (MM:SS)"] == "20:00"  # newest first
    at.button(key="replay_back").click().run()
    assert state_line(at) == "**Situation à 19:00**"
    at.select_slider(key="replay_slider").set_value(5700).run()
    assert fake_map.markers("vigie-hazard") == []  # cleared at 90:00


def test_a_hazard_that_cannot_be_drawn_is_said(fake_map, monaco):
    at = gas_exercise()
    hazards = at.session_state["scenario"].hazards
    broken = hazards[0].model_copy(
        update={"parameters": {**hazards[0].parameters, "wind_speed_m_s": 0}}
    )
    at.session_state["scenario"] = at.session_state["scenario"].model_copy(
        update={"hazards": [broken]}
    )
    at.run()
    assert not at.exception
    assert "Exercice non rejouable" in errors(at) and "vent" in errors(at)
    assert len(fake_map.checkpoints()) > 0  # the plan's checkpoints are still drawn


def test_the_after_action_summary_is_offered(fake_map, monaco):
    at = gas_exercise()
    assert any("retour d'expérience" in b.label for b in at.get("download_button"))


def test_the_timeline_tables_apply_their_rows_to_the_plan(fake_map, monaco):
    """Each table's "Appliquer" rebuilds its part of the plan from the rows shown: unchanged
    rows give the same injects and hazards, and the plan is marked as edited."""
    at = gas_exercise()
    before = at.session_state.scenario
    for field in ("injects", "hazards", "points", "resources"):
        at.button(key=f"apply-{field}").click().run()
        assert not at.exception, at.exception
        assert "Modifications appliquées au plan." in [s.value for s in at.success], field
    after = at.session_state.scenario
    assert after.injects == before.injects and after.hazards == before.hazards
    assert after.points == before.points and after.resources == before.resources
    assert at.session_state.dirty
