"""The staffing panel in the app (AppTest): sheets, DPS, roster, assumptions, CSV, auto sectors."""

from __future__ import annotations

from tests.test_app_scenarios import (
    errors,
    event_form_button,
    new_app,
    open_choice,
    successes,
)


def concert(fake_map):
    return open_choice(new_app(), "example:monaco-new-year-concert")


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def sector_table(at):
    return next(d.value for d in at.dataframe if "Capacité" in d.value.columns)


def markdown(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_the_concert_gets_sector_sheets_dps_and_roster(fake_map, monaco):
    at = concert(fake_map)
    table = sector_table(at)
    assert list(table["Secteur"]) == ["A", "B", "C"]
    assert (table["Capacité"] > 0).all() and table["Public prévu"].sum() == 12000
    assert "DPS-PE" in markdown(at) and "12 secouristes" in markdown(at)
    assert metric(at, "Public attendu") == "12\u202f000"
    assert metric(at, "Secouristes — DPS-PE") == "12"
    # the example's communes do not lend enough private security: the shortfall is shown
    assert "agents : voir les cases en rouge" in errors(at)
    roster = next(d.value for d in at.dataframe if "Commune" in d.value.columns)
    assert "Beausoleil" in set(roster["Commune"])
    # the sectors are labelled on the map with their capacity
    labels = fake_map.markers("vigie-sector")
    assert len(labels) == 3 and "Capacité" in labels[0].icon.options["html"]  # in its title


def test_an_assumption_changes_the_capacity_at_once(fake_map, monaco):
    at = concert(fake_map)
    before = sector_table(at)["Capacité"].sum()
    # the assumptions are drawn once their section is opened
    assert not any(n.label.startswith("Densité de planification") for n in at.number_input)
    at.session_state["params-open"] = True
    at.run()
    density = next(n for n in at.number_input if n.label.startswith("Densité de planification"))
    assert density.value == 2.0
    density.set_value(1.0)
    next(b for b in at.form_submit_button if b.label == "Appliquer les hypothèses").click().run()
    assert not at.exception
    assert at.session_state["scenario"].staffing.density_p_m2 == 1.0
    assert sector_table(at)["Capacité"].sum() < before
    at.button(key=next(b.key for b in at.button if b.label.startswith("Revenir"))).click().run()
    assert at.session_state["scenario"].staffing.density_p_m2 is None
    assert sector_table(at)["Capacité"].sum() == before


def test_zero_attendance_is_said_and_the_map_stays(fake_map, monaco):
    at = concert(fake_map)
    attendance = next(n for n in at.number_input if "Affluence" in n.label)
    attendance.set_value(0)
    event_form_button(at).click().run()
    assert not at.exception
    assert "fréquentation attendue est de 0" in errors(at)
    assert len(fake_map.checkpoints()) > 20  # checkpoints still on the map


def test_offers_csv_import_and_its_errors(fake_map, monaco):
    at = concert(fake_map)
    at.file_uploader(key="offers_upload").upload(
        "moyens.csv", b"commune;lon;police_municipale\nNice;7,26;40\n", "text/csv"
    ).run()
    assert "pas de colonne 'lat'" in errors(at)
    assert len(at.session_state["scenario"].resources) == 5  # nothing lost
    csv = (
        "Commune;Longitude;Latitude;Police municipale;Sécurité privée;Secouristes\n"
        "Nice;7,2620;43,7034;40;150;20\n"
        "Menton;7,4977;43,7764;10;60;8\n"
    ).encode("cp1252")
    at.file_uploader(key="offers_upload").upload("moyens.csv", csv, "text/csv").run()
    assert not at.exception
    assert "2 communes importées" in successes(at)
    offers = at.session_state["scenario"].resources
    assert [o.commune for o in offers] == ["Nice", "Menton"]
    # Monaco no longer lends its placed camera: it stays placed, as the organiser's own.
    assert [(c.id, c.commune) for c in at.session_state["scenario"].cameras] == [("M1", None)]
    roster = next(d.value for d in at.dataframe if "Commune" in d.value.columns)
    assert set(roster["Commune"]) <= {"Nice", "Menton"} and len(roster) > 0


def test_splitting_the_perimeter_replaces_the_sectors(fake_map, monaco):
    at = concert(fake_map)
    at.session_state["split-open"] = True
    at.run()
    at.number_input(key="split_count").set_value(4)
    at.button(key="split_button").click().run()
    assert not at.exception, at.exception
    assert "4 secteurs créés : A, B, C, D" in successes(at)
    sectors = at.session_state["scenario"].zones_with_role("sector")
    assert [z.properties.name for z in sectors] == ["A", "B", "C", "D"]
    assert list(sector_table(at)["Secteur"]) == ["A", "B", "C", "D"]
    assert len(at.session_state["scenario"].zones_with_role("no_go")) == 1  # others kept


def test_the_panel_speaks_english(fake_map, monaco):
    at = concert(fake_map)
    at.radio(key="lang").set_value("en").run()
    assert any(h.value == "Sectors and staffing" for h in at.subheader)
    assert "12 first-aiders" in markdown(at)
