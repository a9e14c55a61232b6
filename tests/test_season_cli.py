"""The ``season`` command: season.json as the issue specifies, and one line per bad input."""

from __future__ import annotations

import json
from datetime import datetime

from scenarios.examples import EXAMPLES_DIR

from .conftest import example_data, run_cli

EVENTS = (
    "example:monaco-new-year-concert",
    "example:monaco-fireworks-port",
    "example:monaco-festival-of-lights",
)


def test_season_writes_season_json(tmp_path, monaco):
    offers = EXAMPLES_DIR / "monaco-new-year-offers.csv"
    done = run_cli(
        "season",
        *EVENTS,
        "--offers",
        str(offers),
        "--priority",
        "monaco-new-year-concert=2",
        "--out",
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(tmp_path / "season.json"))
    report = json.loads((tmp_path / "season.json").read_text())
    assert [e["id"] for e in report["events"]] == [e.removeprefix("example:") for e in EVENTS]
    assert [e["priority"] for e in report["events"]] == [2, 1, 1]
    menton = [o for o in report["offers"] if o["commune"] == "Menton"]
    assert {o["role"] for o in menton} == {"private_security", "municipal_police"}
    assert menton[1]["from"] == "2026-12-31T18:00:00+01:00"
    for key in ("assignments", "shortfall", "conflicts", "spare"):
        assert isinstance(report[key], list)
    conflict = report["conflicts"][0]
    assert set(conflict) == {"commune", "role", "from", "to", "available", "requested", "granted"}
    assert datetime.fromisoformat(conflict["from"]).utcoffset() is not None
    cameras = [a for a in report["assignments"] if a["role"] == "camera"]
    assert cameras and cameras[0]["sector"] is None and cameras[0]["agents"] == 2


def test_season_of_files_names_events_by_stem(tmp_path, monaco):
    path = tmp_path / "concert.vigie.json"
    path.write_text(json.dumps(example_data()))
    done = run_cli("season", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out" / "season.json").read_text())
    assert report["events"][0]["id"] == "concert"
    assert report["events"][0]["shifts"][0]["name"] == "event"


def _fails(*args: str) -> str:
    done = run_cli("season", *args)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_bad_season_input_is_one_line(tmp_path, monaco):
    out = str(tmp_path / "out")
    missing = tmp_path / "missing.csv"
    missing.write_text("commune;role;agents;from\nMonaco;secouristes;3;31/12/2026 18:00\n")
    assert 'missing column "to"' in _fails(*EVENTS[:1], "--offers", str(missing), "--out", out)
    backwards = tmp_path / "backwards.csv"
    backwards.write_text(
        "commune,role,agents,from,to,lon,lat\n"
        "Monaco,first_aiders,3,2027-01-01T04:00,2026-12-31T18:00,7.42,43.73\n"
    )
    assert "ends before it starts" in _fails(*EVENTS[:1], "--offers", str(backwards), "--out", out)
    role = tmp_path / "role.csv"
    role.write_text(
        "commune,role,agents,from,to\nMonaco,pilote,3,2026-12-31T18:00,2027-01-01T04:00\n"
    )
    assert 'Unknown role "pilote"' in _fails(*EVENTS[:1], "--offers", str(role), "--out", out)
    assert "expected EVENT=N" in _fails(*EVENTS[:1], "--priority", "concert", "--out", out)
    assert "not an event of the season" in _fails(
        *EVENTS[:1], "--priority", "nowhere=2", "--out", out
    )
    data = example_data()
    data["event"]["shifts"] = [
        {"name": "a", "start": "2026-12-31T21:00:00+01:00", "end": "2026-12-31T23:00:00+01:00"},
        {"name": "b", "start": "2026-12-31T22:00:00+01:00", "end": "2027-01-01T01:00:00+01:00"},
    ]
    overlapping = tmp_path / "overlap.vigie.json"
    overlapping.write_text(json.dumps(data))
    assert "overlap" in _fails(str(overlapping), "--out", out)
    assert "not found" in _fails("example-of-nothing.vigie.json", "--out", out)
    assert "No scenario store" in _fails("abc123", "--out", out, "--store", str(tmp_path / "x.db"))


def test_report_json_keeps_its_peak_shift(tmp_path, monaco):
    """The four-night festival's report is made for its peak shift (6,000 on the 31st)."""
    from planner.report import REPORT_VERSION

    path = EXAMPLES_DIR / "monaco-festival-of-lights.vigie.json"
    done = run_cli("plan", str(path), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["version"] == REPORT_VERSION
    assert report["peak_shift"] == {
        "name": "Nuit 2 — Saint-Sylvestre",
        "start": "2026-12-31T18:00:00+01:00",
        "end": "2026-12-31T23:30:00+01:00",
        "attendance": 6000,
    }
    assert [s["name"] for s in report["shifts"]][0] == "Montage" and len(report["shifts"]) == 5
    assert sum(s["public"] for s in report["sectors"]) == 6000
