"""The one text catalogue (gettext .po files read with Babel): parity, keys, numbers, dates,
plurals."""

from __future__ import annotations

import re
import string
from datetime import date, datetime
from pathlib import Path

import pytest

from planner import i18n
from planner.messages import register, text

ROOT = Path(__file__).resolve().parent.parent
CONTEXTS = ("ui", "messages", "map", "sheet", "sheet_pages", "highway", "effects", "legend",
            "after_action")  # fmt: skip
NNBSP = "\u202f"


def sample_params(raw: str) -> dict[str, object]:
    """A value for every placeholder of a template (a number where it formats one)."""
    return {field: 3 for _, field, _, _ in string.Formatter().parse(raw) if field}


def test_french_and_english_have_the_same_keys_and_placeholders():
    assert i18n.parity_problems() == []
    assert len(i18n.keys("ui")) > 300 and len(i18n.keys("messages")) > 80


@pytest.mark.parametrize("context", CONTEXTS)
def test_every_key_renders_in_both_languages(context):
    for key in i18n.keys(context):
        for lang in i18n.LANGS:
            raw = i18n.template(context, key, lang)
            rendered = i18n.text(context, key, lang, **sample_params(raw))
            assert rendered.strip(), (context, key, lang)
            assert "(s)" not in rendered, (context, key, lang)  # plurals, not "(s)"


def _literal_keys(pattern: str, folders: tuple[str, ...]) -> set[str]:
    found = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_every_key_the_code_names_is_in_the_catalogue():
    """Texts named by a literal key in the code: the interface's t("…"), the map's label("…"),
    the sheet's sheet_label("…"), and every error or notice key (PlannerError and its kin)."""
    key = r'\(\s*"([a-z0-9_]+)"\s*[,)]'  # a whole literal key, not a prefix ("step_" + …)
    ui = _literal_keys(r"\bt" + key, ("ui",))
    ui |= set(re.findall(r"\bt" + key, (ROOT / "app.py").read_text()))
    assert ui and not [k for k in ui if not i18n.has("ui", k)]
    labels = _literal_keys(r"\blabel" + key, ("layers", "ui"))
    assert labels and not [k for k in labels if not i18n.has("map", k)]
    sheet = _literal_keys(r"\bsheet_label" + key, ("layers",))
    assert sheet and not [k for k in sheet if not i18n.has("sheet", k)]
    code = ("planner", "scenarios", "layers", "ui")
    errors = _literal_keys(r"(?:Error|Notice|Denied)" + key, code)
    assert len(errors) > 30
    assert not [k for k in errors if not i18n.has("messages", k)]


def test_error_messages_keep_their_keys_in_both_languages():
    from planner.errors import PlannerError

    err = PlannerError("unknown_area", area="Lyon", available="monaco, helsinki")
    assert err.message("fr").startswith("Zone inconnue 'Lyon'")
    assert err.message("en").startswith("Unknown area 'Lyon'")


def test_numbers_are_grouped_as_each_language_writes_them():
    assert text("geojson_too_many_points", "fr", limit=12000).count(f"12{NNBSP}000") == 1
    assert "12,000" in text("geojson_too_many_points", "en", limit=12000)
    assert i18n.format_number(12000, "fr") == f"12{NNBSP}000"
    assert i18n.format_number(12000, "en") == "12,000"
    assert i18n.format_number(3.46, "fr", 1) == "3,5" and i18n.format_number(3.46, "en", 1) == "3.5"
    assert i18n.format_number(1234567.891, "fr", 2) == f"1{NNBSP}234{NNBSP}567,89"


def test_dates_are_written_out_by_babel():
    assert i18n.format_date(date(2026, 12, 31), "fr") == "31 décembre 2026"
    assert i18n.format_date(date(2026, 12, 31), "en") == "December 31, 2026"
    assert i18n.format_datetime(datetime(2027, 1, 1, 1, 30), "fr") == "1 janvier 2027 01:30"
    from layers.sheet import format_dates

    assert format_dates("2026-12-31T21:00", "2027-01-01T01:30", "fr") == (
        "31 décembre 2026 21:00 → 1 janvier 2027 01:30"
    )
    assert format_dates("2026-12-31T21:00", "2026-12-31T23:30", "en") == (
        "December 31, 2026 21:00 → 23:30"
    )


def test_plurals_follow_each_language_rule():
    say = i18n.text
    assert say("ui", "zones_imported", "fr", count=1, name="a") == "1 zone importée : a."
    assert say("ui", "zones_imported", "fr", count=0, name="a") == "0 zone importée : a."
    assert say("ui", "zones_imported", "fr", count=2, name="a") == "2 zones importées : a."
    assert say("ui", "zones_imported", "en", count=1, name="a") == "1 zone imported: a."
    assert say("ui", "zones_imported", "en", count=0, name="a") == "0 zones imported: a."
    assert text("perimeter_repaired", "fr", parts=3).endswith("en 3 polygones.")
    assert text("staffing_single_exit", "en", sector="A", exits=1).startswith(
        "Sector A has 1 exit:"
    )
    # issue 14's "way(s)": one way or several
    assert "la voie 7 " in text("access_override_dropped", "fr", ways="7", count=1)
    assert "les voies 7, 8 " in text("access_override_dropped", "fr", ways="7, 8", count=2)
    assert "crossing way 7 " in text("access_override_dropped", "en", ways="7", count=1)
    # issue 16x's extract size written as each language writes numbers
    assert say("ui", "extract_done", "fr", name="a", mb=3.46) == "Extrait découpé : a (3,5 Mo)."


def test_a_key_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="demo_missing"):
        register({"demo_missing": {"fr": "x", "en": "y"}})
    register({"test_only_notice": {"fr": "Note {n:,}", "en": "Note {n:,}"}})
    assert text("test_only_notice", "fr", n=1500) == f"Note 1{NNBSP}500"
    with pytest.raises(ValueError):
        register({"test_only_notice": {"fr": "x", "en": "y"}})


def test_the_catalogue_tool_adds_a_text_to_both_languages(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import po_catalogue

    for lang in i18n.LANGS:
        target = tmp_path / lang / "LC_MESSAGES" / "vigie.po"
        target.parent.mkdir(parents=True)
        target.write_bytes(i18n.po_path(lang).read_bytes())
    monkeypatch.setattr(po_catalogue, "po_path", lambda lang: tmp_path / lang / "LC_MESSAGES" /
                        "vigie.po")  # fmt: skip
    entries = tmp_path / "new.py"
    entries.write_text('NEW = {"new_key": {"fr": "Nouveau {n}", "en": "New {n}"}}\n')
    assert po_catalogue.main(["add", "ui", str(entries)]) == 0
    assert (
        'msgid "new_key"\nmsgstr "Nouveau {n}"'
        in (tmp_path / "fr" / "LC_MESSAGES" / "vigie.po").read_text()
    )
    with pytest.raises(SystemExit, match="already"):
        po_catalogue.main(["add", "ui", str(entries)])
    entries.write_text('NEW = {"new_key": {"fr": "Changé {n}", "en": "Changed {n}"}}\n')
    assert po_catalogue.main(["update", "ui", str(entries)]) == 0
    french = (tmp_path / "fr" / "LC_MESSAGES" / "vigie.po").read_text()
    assert 'msgstr "Changé {n}"' in french and "Nouveau {n}" not in french
    entries.write_text('NEW = {"absent_key": {"fr": "x", "en": "y"}}\n')
    with pytest.raises(SystemExit, match="add it"):
        po_catalogue.main(["update", "ui", str(entries)])


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_catalogue_header_has_no_placeholder_left(lang):
    header = i18n.po_path(lang).read_text(encoding="utf-8").split("\n\n", 1)[0]
    for placeholder in ("EMAIL@ADDRESS", "FULL NAME", "YEAR-MO-DA", "LL@li.org"):
        assert placeholder not in header, placeholder
    assert f'"Language: {lang}\\n"' in header
