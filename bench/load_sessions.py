"""Load driver: N concurrent browser sessions on one Streamlit server, each planning Monaco.

Used by ``bench/bench_load.py`` (figures) and ``tests/browser/test_load.py`` (0 errors, one
area load). One ``streamlit run app.py`` server is started with a private scenario store and
area cache (the user's are never touched); one Debian Chromium, driven by Playwright's async API,
opens one browser context per session (one context = one Streamlit session). Each session does
what a planner does: open the bundled New Year concert example, change the attendance (the plan
and its staffing are recomputed) and save it as a new scenario (each copy is then looked up in
the store). The server's memory is read in /proc (no extra package, no debug endpoint); area
loads are counted from the server's log (``area loaded: …``, one line per actual load).

The first session runs alone, then the N-1 others run together while it stays connected, so the
server's memory can be read with 1 and with N live sessions. Requests that leave the machine are
aborted and counted as errors, like the browser tests do.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from layers.labels import thousands  # noqa: E402
from scenarios.examples import load_example  # noqa: E402
from scenarios.store import ScenarioStore, open_store  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_FLAGS,
    LOCAL,
    MAP_FRAME,
)
from tests.browser.server import StreamlitServer  # noqa: E402

EXAMPLE = "monaco-new-year-concert"
#: Seconds a step may take per session running at once (measured here: about 15 s a session for
#: the open step with 20 sessions on 2 cores), and never less than MIN_STEP_TIMEOUT_S.
STEP_BUDGET_S = 45.0
MIN_STEP_TIMEOUT_S = 120.0
STEPS = ("open", "edit", "save")
SIDEBAR = '[data-testid="stSidebar"]'
ATTENDANCE = "Affluence maximale simultanée (P1)"
#: One server log line per actual area load (ui.resources.AreaRegistry.get).
AREA_LOADED = re.compile(r"area loaded: (\S+)")
TRACEBACK = "Traceback (most recent call last)"
#: An st.error that is a planning result, not a failure: the example's staff shortfall.
EXPECTED_ERROR_ALERTS = ("voir les cases en rouge",)
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
#: Keeps every exception box and st.error the page ever shows, even one replaced at once; looks
#: only at what was added or re-labelled (a scan of the whole page at each change costs CPU).
ERROR_WATCH = (
    """
window.__vigieErrors = new Set();
new MutationObserver((changes) => {
  for (const change of changes) {
    const nodes = change.type === "attributes" ? [change.target] : change.addedNodes;
    for (const node of nodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      if (node.matches(SELECTOR)) window.__vigieErrors.add(node);
      for (const found of node.querySelectorAll(SELECTOR)) window.__vigieErrors.add(found);
    }
  }
}).observe(document, {childList: true, subtree: true, attributeFilter: ["data-testid"]});
"""
).replace("SELECTOR", repr(ERRORS))
#: The errors kept, read when the session ends (a detached element keeps its text).
READ_ERRORS = """[...(window.__vigieErrors || [])].map(
    (el) => el.getAttribute("data-testid") + ": " + el.textContent)"""


@dataclass
class SessionResult:
    """What one browser session did: seconds per step done, errors seen, whether it saved."""

    index: int
    seconds: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    #: st.error boxes seen that are a planning result (EXPECTED_ERROR_ALERTS), not errors: the
    #: proof that the page's error watch sees Streamlit's real error boxes.
    expected_alerts: int = 0
    saved: bool = False


@dataclass
class Measures:
    """The server process's resident memory (MiB), CPU time (s) and the wall times (s)."""

    rss_idle: float = 0.0
    rss_one: float = 0.0
    rss_all: float = 0.0
    rss_peak: float = 0.0
    cpu_first: float = 0.0
    cpu_others: float = 0.0
    browsers_cpu_others: float = 0.0  # the browsers' CPU (Chromium and its driver) meanwhile
    wall_first: float = 0.0
    wall_others: float = 0.0

    def per_extra_session(self, sessions: int) -> float:
        """(RSS with N sessions − RSS with 1) / (N − 1), in MiB."""
        return (self.rss_all - self.rss_one) / max(sessions - 1, 1)


@dataclass
class LoadReport:
    """The run's outcome: per-session results, server log facts, measures."""

    sessions: list[SessionResult]
    measures: Measures
    area_loads: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    server_log: str = ""

    @property
    def errors(self) -> list[str]:
        """Every error: the sessions' (with their number) and the server log's."""
        found = [f"session {s.index + 1}: {e}" for s in self.sessions for e in s.errors]
        return found + [f"server: {e}" for e in self.server_errors]

    def lines(self) -> list[str]:
        """The figures, as printed by the bench and written by the test."""
        n, m = len(self.sessions), self.measures
        first, others = self.sessions[0], self.sessions[1:]
        out = [
            f"sessions: {n} (the first alone, then {n - 1} at once), "
            f"saved: {sum(s.saved for s in self.sessions)}, errors: {len(self.errors)}",
            f"area loads in the server log: {len(self.area_loads)} ({', '.join(self.area_loads)})",
            f"server RSS: idle {m.rss_idle:.0f} MiB, 1 session {m.rss_one:.0f} MiB, "
            f"{n} sessions {m.rss_all:.0f} MiB, peak {m.rss_peak:.0f} MiB",
            f"memory per extra session: {m.per_extra_session(n):.1f} MiB (target < 50)",
            f"wall time: first session {m.wall_first:.1f} s, "
            f"the other {n - 1} together {m.wall_others:.1f} s",
            f"server CPU: first session {m.cpu_first:.1f} s, "
            f"the other {n - 1} {m.cpu_others:.1f} s ({m.cpu_others / (n - 1):.1f} s each)",
            f"browsers' CPU (Chromium, same machine) for the other {n - 1}: "
            f"{m.browsers_cpu_others:.1f} s ({m.browsers_cpu_others / (n - 1):.1f} s each)",
            f"{'step':<6} {'first s':>8} {'median s':>9} {'max s':>7}  (the {n - 1} at once)",
        ]
        for step in STEPS:
            times = [s.seconds[step] for s in others if step in s.seconds]
            alone = f"{first.seconds[step]:8.1f}" if step in first.seconds else f"{'-':>8}"
            spread = f"{statistics.median(times):9.1f} {max(times):7.1f}" if times else ""
            out.append(f"{step:<6} {alone} {spread}")
        out += [f"error: {e}" for e in self.errors[:40]]
        return out


# --- The server --------------------------------------------------------------------------------


class Server(StreamlitServer):
    """The app's server with a store and a cache of its own, and its memory and CPU read from
    /proc."""

    def __init__(self, workdir: Path, cache_dir: Path | None = None) -> None:
        self.store_path = workdir / "scenarios.sqlite3"
        env = {
            "VIGIE_STORE": str(self.store_path),  # never the user's store
            "VIGIE_CACHE_DIR": str(cache_dir or workdir / "cache"),
            "VIGIE_DEMO": "1",  # the sessions are the demo's local planners (no account)
        }
        super().__init__(workdir / "streamlit.log", env)

    def status_mib(self, key: str) -> float:
        """A memory line of /proc/PID/status (VmRSS: now, VmHWM: peak), in MiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no {key} for the server process")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far (/proc/PID/stat)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def settled_rss(self, timeout_s: float = 30) -> float:
        """RSS once it stops moving (2 s within 1 MiB): the last reruns are over."""
        samples = [self.status_mib("VmRSS")]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            time.sleep(0.5)  # sampling a measure, not waiting for an event
            samples.append(self.status_mib("VmRSS"))
            recent = samples[-5:]
            if len(recent) == 5 and max(recent) - min(recent) < 1.0:
                break
        return samples[-1]


@contextmanager
def running_server(cache_dir: Path | None = None) -> Iterator[Server]:
    """A healthy server in a temporary directory (store, cache, log), stopped on exit."""
    with tempfile.TemporaryDirectory(prefix="vigie-load-") as tmp:
        server = Server(Path(tmp), cache_dir)
        server.wait_until_healthy()
        try:
            yield server
        finally:
            server.stop()


def attendance(index: int) -> int:
    """A different attendance per session: every session's plan is computed anew, and its saved
    copy in the store can be told from the others'."""
    return load_example(EXAMPLE).event.peak_attendance + 500 * (index + 1)


# --- One browser session -----------------------------------------------------------------------


class Session:
    """One browser context on the server: one Streamlit session, its errors collected."""

    def __init__(self, index: int, url: str, step_timeout_s: float) -> None:
        self.result = SessionResult(index)
        self.url = url
        self.timeout_s = step_timeout_s
        self.timeout_ms = step_timeout_s * 1000  # Playwright's unit (its expect() has its own)
        self.context = None
        self.page = None

    async def start(self, browser) -> None:
        self.context = await browser.new_context(
            viewport={"width": 1500, "height": 1000}, locale="fr-FR", reduced_motion="reduce"
        )
        self.context.set_default_timeout(self.timeout_ms)
        await self.context.add_init_script(ERROR_WATCH)
        self.page = await self.context.new_page()
        await self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self.result.errors.append(f"page error: {err}"))

    async def _route(self, route) -> None:
        if LOCAL.match(route.request.url):
            await route.continue_()
        else:
            self.result.errors.append(f"request left the machine: {route.request.url}")
            await route.abort()

    def _console(self, message) -> None:
        if message.type == "error":
            self.result.errors.append(f"console error: {message.text}")

    async def run(self) -> None:
        """Open, edit, save; a step that fails or times out ends the session, said."""
        for step in STEPS:
            start = time.perf_counter()
            try:
                async with asyncio.timeout(self.timeout_s):
                    await getattr(self, "_" + step)()
            except TimeoutError:
                self.result.errors.append(f"{step}: no result within {self.timeout_s:.0f} s")
                break
            except Exception as err:  # a Playwright error: said, and the session stops
                self.result.errors.append(f"{step}: {type(err).__name__}: {err}")
                break
            self.result.seconds[step] = time.perf_counter() - start
        await self._collect_page_errors()

    async def _open(self) -> None:
        from playwright.async_api import expect

        page = self.page
        await page.goto(self.url)
        await page.frame_locator(MAP_FRAME).locator(".leaflet-container").wait_for()
        sidebar = page.locator(SIDEBAR)
        await sidebar.get_by_text("Ouvrir", exact=True).first.click()  # the expander
        choice = sidebar.get_by_role("combobox", name="Scénarios enregistrés et exemples")
        await choice.click()
        title = load_example(EXAMPLE).title
        await choice.press_sequentially(title[:20], delay=20)  # the combobox filters
        await page.get_by_role("option").filter(has_text=f"{title} (exemple)").first.click()
        await sidebar.get_by_role("button", name="Ouvrir", exact=True).click()
        await page.get_by_text(f"Ouvert : « {title} ».").wait_for()  # that one, no other
        # the opened plan's map replaces the new plan's; the stale one goes when the run ends
        await expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=self.timeout_ms)
        await page.frame_locator(MAP_FRAME).locator(".leaflet-container").wait_for()
        await page.get_by_text("points de filtrage :").wait_for()
        await page.locator('[data-testid="stTable"]').first.wait_for()
        # the editors under the map show the opened plan: the whole run is on the page
        attendance = load_example(EXAMPLE).event.peak_attendance
        await expect(page.get_by_label(ATTENDANCE)).to_have_value(
            str(attendance), timeout=self.timeout_ms
        )

    async def _edit(self) -> None:
        from playwright.async_api import expect

        page = self.page
        value = attendance(self.result.index)
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_label(ATTENDANCE))
        await form.get_by_label(ATTENDANCE).fill(str(value))
        await form.get_by_role("button", name="Appliquer", exact=True).click()
        await page.get_by_text("Modifications appliquées au plan.").wait_for()
        # the staffing panel is drawn after the plan is computed: its figure is the new one
        public = page.locator('[data-testid="stMetric"]').filter(has_text="Public attendu")
        await expect(public).to_contain_text(thousands(value), timeout=self.timeout_ms)

    async def _save(self) -> None:
        page = self.page
        await page.locator(SIDEBAR).get_by_role("button", name="Enregistrer sous").click()
        saved = f"Enregistré : version 1 de « {load_example(EXAMPLE).title} »."
        success = page.locator('[data-testid="stAlertContentSuccess"]')
        await success.filter(has_text=saved).wait_for()
        self.result.saved = True  # said by the page; checked in the store by run_load()

    async def _collect_page_errors(self) -> None:
        try:
            seen = await self.page.evaluate(READ_ERRORS)
        except Exception as err:  # the page is gone: that is an error too
            self.result.errors.append(f"page unreadable: {err}")
            return
        for error in seen:
            if any(expected in error for expected in EXPECTED_ERROR_ALERTS):
                self.result.expected_alerts += 1
            else:
                self.result.errors.append(error)

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()


# --- The run -----------------------------------------------------------------------------------


def run_load(
    sessions: int = 20, step_budget_s: float = STEP_BUDGET_S, cache_dir: Path | None = None
) -> LoadReport:
    """Start a server, run ``sessions`` planners on it (the first alone), read the figures.

    A step may take ``step_budget_s`` per session running at once (at least 2 minutes): on a
    2-core machine the server computes the sessions' reruns one after the other.
    """
    if sessions < 2:
        raise ValueError("at least 2 sessions: memory is read with 1 and with N")
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian chromium is not installed: run `make test` (it installs it).")
    with running_server(cache_dir) as server:
        # asyncio in a thread of its own: the caller's thread may hold another event loop (the
        # browser tests' fixture does: Playwright's sync API)
        with ThreadPoolExecutor(max_workers=1) as thread:
            drive = thread.submit(lambda: asyncio.run(_drive(server, sessions, step_budget_s)))
            report = drive.result()
        _check_store(report.sessions, open_store(server.store_path))
        report.server_log = server.log()
    report.server_errors = _server_errors(report.server_log)
    report.area_loads = AREA_LOADED.findall(report.server_log)
    return report


def step_timeout(step_budget_s: float, at_once: int) -> float:
    return max(MIN_STEP_TIMEOUT_S, step_budget_s * at_once)


async def _drive(server: Server, count: int, step_budget_s: float) -> LoadReport:
    from playwright.async_api import async_playwright

    m = Measures(rss_idle=await asyncio.to_thread(server.settled_rss))
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        first = Session(0, server.url, step_timeout(step_budget_s, 1))
        others = [
            Session(i, server.url, step_timeout(step_budget_s, count - 1)) for i in range(1, count)
        ]
        try:
            cpu, start = server.cpu_seconds(), time.perf_counter()
            await first.start(browser)
            await first.run()
            m.wall_first = time.perf_counter() - start
            m.rss_one = await asyncio.to_thread(server.settled_rss)
            m.cpu_first = server.cpu_seconds() - cpu
            cpu, start = server.cpu_seconds(), time.perf_counter()
            browsers = browsers_cpu_seconds(server.process.pid)
            await asyncio.gather(*(s.start(browser) for s in others))
            await asyncio.gather(*(s.run() for s in others))
            m.wall_others = time.perf_counter() - start
            m.rss_all = await asyncio.to_thread(server.settled_rss)  # all still connected
            m.cpu_others = server.cpu_seconds() - cpu
            m.browsers_cpu_others = browsers_cpu_seconds(server.process.pid) - browsers
            m.rss_peak = server.status_mib("VmHWM")
        finally:
            await asyncio.gather(*(s.close() for s in [first, *others]))
            await browser.close()
    return LoadReport(sessions=[s.result for s in [first, *others]], measures=m)


def browsers_cpu_seconds(server_pid: int) -> float:
    """User + system CPU (s) of this process's descendants but the server: the Playwright
    driver and the Chromium processes it started (/proc; ended children are not counted)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [c for c in children.get(os.getpid(), []) if c != server_pid]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += children.get(pid, [])
    return total


def _check_store(sessions: list[SessionResult], store: ScenarioStore) -> None:
    """Each session that said "saved" has its own plan in the store, once; nothing else is."""
    stored = [store.open(item.scenario_id)[0].event.peak_attendance for item in store.list()]
    for result in sessions:
        copies = stored.count(attendance(result.index))
        if result.saved and copies != 1:
            result.saved = False
            result.errors.append(f"save: {copies} plans in the store have this session's edit")
    if len(stored) != sum(s.saved for s in sessions):
        sessions[0].errors.append(f"store: {len(stored)} plans stored for {len(sessions)} saves")


def _server_errors(log: str) -> list[str]:
    """Each Python traceback in the server's log, by its last line."""
    errors = []
    for chunk in log.split(TRACEBACK)[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        last = next((line for line in lines if not line.startswith((" ", "\t"))), "?")
        errors.append(f"traceback: {last}")
    return errors
