"""Hostile names in Chromium: the app and the standalone map show them, and nothing runs.

The hostile plan (every text field a payload) on the hostile OSM file (every street, station and
point-of-interest name a payload) is opened in the app, the map's layers are hovered (tooltips),
the replay is stepped through the closure of a hostile street, then the standalone HTML export is
opened and hovered the same way. A ``dialog`` listener, the page title and every request are
watched: no alert, no title change, no request to the beacon (127.0.0.1:9).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scenarios.accounts import Actor, Role
from scenarios.document import load_scenario
from scenarios.store import open_store
from tests.browser.conftest import MAP_FRAME, OfflinePage
from tests.browser.test_scenarios import open_in_sidebar
from tests.conftest import run_cli

pytestmark = pytest.mark.browser


class Watch:
    """Dialogs, the document's title and the requests of a page (its frames included)."""

    def __init__(self, page: OfflinePage) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.context.on("request", lambda r: self.requests.append(r.url))
        self.page = page

    def check(self, title: str) -> None:
        assert self.dialogs == []
        assert self.page.page.title() == title
        assert not [u for u in self.requests if "127.0.0.1:9/" in u or "beacon" in u]
        assert not [u for u in self.page.blocked if "beacon" in u]


def settle(page) -> None:
    """Wait until Streamlit's running indicator has been gone for one second."""
    quiet = 0
    while quiet < 4:
        page.wait_for_timeout(250)
        quiet = 0 if page.locator('[data-testid="stStatusWidget"]').count() else quiet + 1


def hover_grid(page, frame, box: dict, steps: int = 9) -> None:
    """Move the mouse over a grid of the box (tooltips of streets, zones, points open)."""
    for i in range(1, steps):
        for j in range(1, steps):
            page.mouse.move(
                box["x"] + box["width"] * i / steps, box["y"] + box["height"] * j / steps
            )
            page.wait_for_timeout(40)
    assert frame.locator("img[src='x'], svg[onload]").count() == 0


def test_the_app_shows_hostile_names_and_runs_none(offline_page, hostile):
    store = open_store()  # the test server's store (VIGIE_STORE of the session)
    store.create(load_scenario(hostile.scenario), Actor("planificateur", Role.PLANNER, demo=True))
    page = offline_page
    watch = Watch(page)
    page.open()
    title = page.page.title()
    open_in_sidebar(page, "title (v1")
    page.page.get_by_text("Rejeu de l'exercice").wait_for(timeout=90_000)
    settle(page.page)
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)  # the stale one gone
    page.map.locator(".leaflet-container").wait_for(timeout=90_000)
    page.page.wait_for_timeout(1500)
    hover_grid(page.page, page.map, page.map_box())
    for at in ("05:00", "12:00", "15:00"):  # the leak, then the hostile street closed
        settle(page.page)
        page.page.get_by_role("button", name="Inject suivant »").first.click()
        expect(page.page.get_by_text(f"Situation à {at}")).to_be_visible(timeout=60_000)
    settle(page.page)
    closed = page.page.locator("p").filter(has_text="Rues fermées")
    expect(closed).to_contain_text("$\\x$ n")  # the hostile street name, literally
    expect(page.map.locator(".vigie-hazard")).to_have_count(1, timeout=60_000)
    page.page.wait_for_timeout(1500)
    expect(page.page.locator(MAP_FRAME)).to_have_count(1, timeout=60_000)
    hover_grid(page.page, page.map, page.map_box())
    tooltips = page.map.locator(".leaflet-tooltip")
    if tooltips.count():
        assert "<" not in tooltips.first.inner_html().replace("<div", "").replace("</div>", "")
    expect(page.page.locator("body")).to_contain_text("${alert(1)}")  # shown as typed
    assert page.page.locator("img[src='x'], svg[onload]").count() == 0
    page.screenshot("hostile-app.png")
    watch.check(title)


def test_the_standalone_map_shows_hostile_names_and_runs_none(browser, hostile, tmp_path):
    out = tmp_path / "hostile.html"
    done = run_cli("export", str(hostile.scenario), "--format", "html", "--out", str(out))
    assert done.returncode == 0, done.stderr
    page = OfflinePage(browser, out.as_uri())
    try:
        watch = Watch(page)
        page.page.goto(page.url)
        view = page.page
        view.locator(".leaflet-container").wait_for(timeout=30_000)
        title = view.title()
        expect(view.locator(".vigie-title")).to_contain_text("<img src=x onerror=alert(1)>")
        box = view.locator(".leaflet-container").bounding_box()
        hover_grid(view, view, box)
        texts = view.locator(".leaflet-tooltip").all_inner_texts()
        assert all("alert" in t or t for t in texts)
        page.screenshot("hostile-standalone.png")
        watch.check(title)
    finally:
        page.close()
