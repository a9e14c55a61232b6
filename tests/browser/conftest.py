"""A real Streamlit server and Debian Chromium (driven by Playwright), offline.

Every request that is not to the local server is aborted and recorded, so a test sees the app as
it is on a machine with no internet, and can assert that nothing tried to leave.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.server import StreamlitServer
from tests.conftest import ARTIFACTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = re.compile(r"^(https?|wss?)://(localhost|127\.0\.0\.1)(:\d+)?/|^(data|blob|about|file):")
#: The map's component iframe, leaving out a stale one: when an opened plan re-mounts the map,
#: Streamlit keeps the previous element (``data-stale="true"``) until its run ends, so two
#: iframes coexist for a moment and a plain selector would catch the old one.
MAP_FRAME = (
    '[data-testid="stElementContainer"]:not([data-stale="true"]) '
    'iframe[title="streamlit_folium.st_folium"]'
)


@pytest.fixture(scope="session")
def server(private_cache: Path) -> Iterator[str]:
    """The app served by `streamlit run` on a free local port (the demo: no account)."""
    with serve(private_cache / "streamlit.log") as url:
        yield url


@contextmanager
def serve(log_path: Path, **env: str) -> Iterator[str]:
    """A `streamlit run app.py` server on a free local port, with ``env`` added to its
    environment; its URL while the block runs."""
    server = StreamlitServer(log_path, env)
    try:
        server.wait_until_healthy()
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: run `make test` (it installs it).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class OfflinePage:
    """A page whose non-local requests are aborted and listed in ``blocked``."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="fr-FR")
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.url = url

    def _route(self, route) -> None:
        if LOCAL.match(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self) -> None:
        self.page.goto(self.url)
        self.map.locator(".leaflet-container").wait_for(timeout=90_000)

    @property
    def map(self):
        return self.page.frame_locator(MAP_FRAME)

    def map_box(self) -> dict:
        return self.page.locator(MAP_FRAME).bounding_box()

    def draw_polygon(self, offsets: list[tuple[float, float]]) -> None:
        """Draw with Leaflet.draw's polygon tool: vertices at offsets from the map's centre."""
        self.map.locator("a.leaflet-draw-draw-polygon").click()
        box = self.map_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        points = [(cx + dx, cy + dy) for dx, dy in offsets]
        for x, y in points:
            self.page.mouse.click(x, y)
            self.page.wait_for_timeout(350)  # Leaflet.draw drops clicks that come too fast
        self.page.mouse.click(*points[0])  # close the ring on the first vertex

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def offline_page(request, browser, server) -> Iterator[OfflinePage]:
    page = OfflinePage(browser, server)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:  # what the page showed when the test failed
        page.screenshot(f"failed-{request.node.name}.png")
    page.close()
