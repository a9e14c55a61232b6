"""A prefecture liaison opens the exported HTML map with no network: the plan is all there."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, OfflinePage
from tests.conftest import run_cli

pytestmark = pytest.mark.browser


def test_the_standalone_map_opens_offline(browser, tmp_path, monaco):
    from scenarios.examples import EXAMPLES_DIR

    out = tmp_path / "plan.html"
    done = run_cli(
        "export", str(EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json"), "--format", "html",
        "--out", str(out), "--marking", "Diffusion restreinte",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = OfflinePage(browser, out.as_uri())
    try:
        page.page.goto(page.url)
        view = page.page
        view.locator(".leaflet-container").wait_for(timeout=30_000)
        expect(view.locator(".vigie-title")).to_contain_text("Diffusion restreinte")
        expect(view.locator(".vigie-title")).to_contain_text("Exercice fuite de gaz")
        expect(view.locator(".vigie-checkpoint").first).to_be_visible(timeout=30_000)
        assert view.locator(".vigie-checkpoint").count() >= 10
        assert view.locator(".leaflet-overlay-pane canvas").count() >= 1  # vectors on canvas
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(ARTIFACTS / "export-html.png"))
        assert page.blocked == [], page.blocked[:5]
        assert page.console_errors == []
    finally:
        page.close()
