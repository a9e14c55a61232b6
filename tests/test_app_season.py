"""The "Saison métropolitaine" view in the app (AppTest): the bundled season, its conflicts and
roster, priorities set there, an offers CSV imported or refused, the season saved."""

from __future__ import annotations

from scenarios.examples import EXAMPLES_DIR
from tests.test_app_scenarios import errors, new_app, successes


def season_app(fake_map):
    at = new_app()
    at.sidebar.radio(key="view-fr").set_value("season").run()
    assert not at.exception, at.exception
    return at


def table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_bundled_season_shows_conflicts_and_roster(fake_map, monaco):
    at = season_app(fake_map)
    assert at.title[0].value == "Saison métropolitaine"
    assert metric(at, "Événements") == "3" and metric(at, "Vacations") == "7"
    conflicts = table(at, "Demandés")
    beausoleil = conflicts[
        (conflicts["Commune"] == "Beausoleil") & (conflicts["Rôle"] == "Police municipale")
    ].iloc[0]
    assert beausoleil["Disponibles"] == 6
    assert beausoleil["Obtenus"] == "Concert du Nouvel An — Place du Casino : 6"
    assert "Feu d'artifice du Nouvel An — Port Hercule : 6" in beausoleil["Demandés"]
    roster = table(at, "Groupe")
    assert set(roster["Événement"]) >= {"Concert du Nouvel An — Place du Casino"}
    # the map shows every event's perimeter, read-only
    drawn = fake_map.calls[-1]["map"].get_root().render()
    assert "Port Hercule" in drawn and "Fontvieille" in drawn and "leaflet-draw" not in drawn
    labels = [b.label for b in at.get("download_button")]
    assert "PDF imprimable (une page par commune)" in labels


def test_priorities_are_set_in_the_view(fake_map, monaco):
    at = season_app(fake_map)
    key = "season_priority_example:monaco-fireworks-port"
    at.number_input(key=key).set_value(5).run()
    assert not at.exception, at.exception
    assert at.session_state["season_doc"].events[1].priority == 5
    conflicts = table(at, "Demandés")
    row = conflicts[
        (conflicts["Commune"] == "Beausoleil") & (conflicts["Rôle"] == "Police municipale")
    ].iloc[0]
    assert row["Obtenus"].startswith("Feu d'artifice du Nouvel An — Port Hercule : 6")


def test_an_offers_csv_is_imported_or_refused_in_one_line(fake_map, monaco):
    at = season_app(fake_map)
    at.file_uploader(key="season_offers_upload").upload(
        "offres.csv",
        b"commune;role;agents;from\nMonaco;secouristes;3;31/12/2026 18:00\n",
        "text/csv",
    ).run()
    assert not at.exception, at.exception
    assert 'missing column "to"' in errors(at) or "colonne « to » manquante" in errors(at)
    assert at.session_state["season_doc"].offers == []  # the season is kept as it was
    data = (EXAMPLES_DIR / "monaco-new-year-offers.csv").read_bytes()
    at.file_uploader(key="season_offers_upload").upload("offres.csv", data, "text/csv").run()
    assert not at.exception, at.exception
    assert "12 offres importées de offres.csv." in successes(at)
    assert len(at.session_state["season_doc"].offers) == 12
    roster = table(at, "Groupe")
    assert len(roster) > 0
    assert metric(at, "Conflits") != "0"


def test_the_season_is_saved_with_versions(fake_map, monaco, tmp_path, monkeypatch):
    from ui.session import scenario_store

    monkeypatch.setenv("VIGIE_STORE", str(tmp_path / "store.sqlite3"))
    scenario_store.clear()
    try:
        at = season_app(fake_map)
        at.button(key="season_save").click().run()
        assert not at.exception, at.exception
        assert "Saison enregistrée (version 1)." in successes(at)
        at.button(key="season_save").click().run()
        assert "Saison enregistrée (version 2)." in successes(at)
        assert at.session_state["season_source"].startswith("store:season-")
    finally:
        scenario_store.clear()
