"""Load: 20 planners at once on one server open the Monaco concert, edit it and save a copy.

Runs bench/load_sessions.py (its own server, store and cache; one Chromium, one context per
session). Asserts what must hold under load: no error anywhere, every save in the store, the
area loaded once for all. Memory and times are written to tests/artifacts/load.txt, not asserted
(the targets are measured by ``bench/bench_load.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.load_sessions import run_load
from tests.browser.conftest import CHROMIUM
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SESSIONS = 20


def test_twenty_concurrent_planners_without_error_on_one_area_load():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: run `make test` (it installs it).")
    report = run_load(SESSIONS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    figures = "\n".join(report.lines()) + "\n"
    (ARTIFACTS / "load.txt").write_text(figures)
    (ARTIFACTS / "load-server.log").write_text(report.server_log)
    print(figures)

    assert report.errors == []
    assert [s.index for s in report.sessions if not s.saved] == []
    assert report.area_loads == ["monaco"], report.area_loads
    # the page watch saw each session's real st.error box (the example's staff shortfall,
    # a result): it would have seen an error box too
    assert all(s.expected_alerts >= 1 for s in report.sessions)
