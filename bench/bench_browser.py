"""Benchmark: one planner's actions as the browser sees them, and the server's CPU per flow.

Run by hand (``make bench``). One ``streamlit run app.py`` server (private store and cache, see
``bench/load_sessions.py``) and Debian Chromium driven by Playwright. Each run is a new browser
context (a new Streamlit session) doing, in order: the first page, opening the New Year concert
example, editing the attendance, drawing a sector on the map, saving a copy, opening the gas-leak
exercise and stepping its replay by one minute, and preparing the exports. Each action is timed
from the click to the page settling: the expected result is on the page and Streamlit's running
indicator (``stStatusWidget``) has been absent for one second (the time counted stops where that
second starts). The server's CPU time (/proc) is read around open + edit + save.

Prints p50 and p95 of each action over the runs, against the targets (every action under 1.0 s,
exports under 2.5 s, the first page under 3 s, server CPU per flow at most 1.0 s). The first run
pays the server's first area load and plan computations; ``--warm`` runs first are left out.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load_sessions import ATTENDANCE, SIDEBAR, running_server  # noqa: E402
from layers.labels import thousands  # noqa: E402
from scenarios.examples import load_example  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, LOCAL, MAP_FRAME  # noqa: E402

STATUS = '[data-testid="stStatusWidget"]'
QUIET_S = 1.0
ACTIONS = ("first page", "open", "edit", "draw sector", "replay step", "exports")
TARGETS_S = {"first page": 3.0, "exports": 2.5}
DEFAULT_TARGET_S = 1.0
CPU_TARGET_S = 1.0


def settle(page, start: float, timeout_s: float = 120) -> float:
    """Seconds from ``start`` until the page settled (status widget absent for QUIET_S)."""
    deadline = time.perf_counter() + timeout_s
    quiet_since = None
    while time.perf_counter() < deadline:
        running = page.locator(STATUS).count() > 0
        now = time.perf_counter()
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= QUIET_S:
            return quiet_since - start
        page.wait_for_timeout(25)  # polling the page's state, not waiting for a fixed time
    raise TimeoutError("the page did not settle")


def open_example(page, title: str) -> float:
    """Pick the example ``title`` in the open section and click "Ouvrir"; the click's time
    (the typing of the search before it is the user's, not the app's)."""
    sidebar = page.locator(SIDEBAR)
    expander = sidebar.get_by_text("Ouvrir", exact=True).first
    if not sidebar.get_by_role("combobox", name="Scénarios enregistrés et exemples").is_visible():
        expander.click()
    choice = sidebar.get_by_role("combobox", name="Scénarios enregistrés et exemples")
    choice.click()
    choice.press_sequentially(title[:20], delay=20)
    page.get_by_role("option").filter(has_text=f"{title} (exemple)").first.click()
    settle(page, time.perf_counter())
    clicked = time.perf_counter()
    sidebar.get_by_role("button", name="Ouvrir", exact=True).click()
    return clicked


def one_run(browser, url: str, server, index: int) -> tuple[dict[str, float], float]:
    """The actions' settle times (s) of one session, and the server CPU of open+edit+save."""
    context = browser.new_context(
        viewport={"width": 1500, "height": 1000}, locale="fr-FR", reduced_motion="reduce"
    )
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if LOCAL.match(r.request.url) else r.abort())
    times: dict[str, float] = {}
    concert = load_example("monaco-new-year-concert")
    try:
        start = time.perf_counter()
        page.goto(url)
        page.frame_locator(MAP_FRAME).locator(".leaflet-vigieBase-pane canvas").wait_for()
        times["first page"] = settle(page, start)

        cpu = server.cpu_seconds()
        start = open_example(page, concert.title)
        page.get_by_text(f"Ouvert : « {concert.title} ».").wait_for()
        page.get_by_text("points de filtrage :").wait_for()
        times["open"] = settle(page, start)

        value = concert.event.peak_attendance + 500 * (index + 1)
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_label(ATTENDANCE))
        start = time.perf_counter()
        form.get_by_label(ATTENDANCE).fill(str(value))
        form.get_by_role("button", name="Appliquer", exact=True).click()
        page.locator('[data-testid="stMetric"]').filter(has_text=thousands(value)).wait_for()
        times["edit"] = settle(page, start)

        page.locator(SIDEBAR).get_by_role("button", name="Enregistrer sous").click()
        page.locator('[data-testid="stAlertContentSuccess"]').filter(
            has_text="Enregistré : version 1"
        ).wait_for()
        settle(page, time.perf_counter())
        cpu_flow = server.cpu_seconds() - cpu

        page.locator(SIDEBAR).get_by_role(
            "radiogroup", name="Ce que je trace sur la carte"
        ).get_by_text("Secteur", exact=True).click()
        settle(page, time.perf_counter())
        container = page.frame_locator(MAP_FRAME).locator(".leaflet-container")
        box = container.bounding_box()
        cx, cy = box["width"] / 2, box["height"] / 2
        page.frame_locator(MAP_FRAME).locator("a.leaflet-draw-draw-polygon").click()
        # a square north-east of the concert's sectors (positions in the map's own frame)
        square = ((150, -200), (260, -200), (260, -110), (150, -110))
        corners = [{"x": cx + dx, "y": cy + dy} for dx, dy in square]
        for corner in corners:
            container.click(position=corner, force=True)
            page.wait_for_timeout(350)  # Leaflet.draw drops clicks that come too fast
        start = time.perf_counter()
        container.click(position=corners[0], force=True)  # closing the ring sends the drawing
        try:
            page.get_by_text("4 × Secteur").wait_for(timeout=30_000)
        finally:
            page.screenshot(path="/tmp/wt16-draw.png")
        times["draw sector"] = settle(page, start)

        gas = load_example("monaco-gas-leak-port")
        open_example(page, gas.title)
        # the drawn sector is an unsaved edit: Open asks first
        page.get_by_role("button", name="Continuer sans enregistrer").click()
        page.get_by_text(f"Ouvert : « {gas.title} ».").wait_for()
        settle(page, time.perf_counter())
        start = time.perf_counter()
        page.get_by_role("button", name="+ 1 min").click()
        page.get_by_text("Situation à 01:00").first.wait_for()
        times["replay step"] = settle(page, start)

        page.get_by_text("Exports pour la préfecture").click()
        start = time.perf_counter()
        page.get_by_role("button", name="Préparer les exports").click()
        page.get_by_role("button", name="PDF").wait_for()
        times["exports"] = settle(page, start)
    finally:
        context.close()
    return times, cpu_flow


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs (default 5)")
    parser.add_argument("--warm", type=int, default=1, help="runs first, not counted")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: list[dict[str, float]] = []
    flows: list[float] = []
    with running_server() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for index in range(args.warm + args.runs):
                times, cpu = one_run(browser, server.url, server, index)
                if index >= args.warm:
                    results.append(times)
                    flows.append(cpu)
        finally:
            browser.close()
    print(f"{args.runs} runs after {args.warm} warm-up (one new session each)")
    print(f"{'action':<12} {'p50 s':>6} {'p95 s':>6} {'target':>7}")
    for action in ACTIONS:
        values = [r[action] for r in results]
        target = TARGETS_S.get(action, DEFAULT_TARGET_S)
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"{action:<12} {p50:6.2f} {p95:6.2f} {target:7.1f}{'' if p50 < target else '  MISS'}")
    p50 = statistics.median(flows)
    print(
        f"server CPU per flow (open+edit+save): p50 {p50:.2f} s, "
        f"p95 {percentile(flows, 0.95):.2f} s (target ≤ {CPU_TARGET_S:.1f})"
    )


if __name__ == "__main__":
    main()
