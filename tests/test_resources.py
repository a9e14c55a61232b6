"""The server's area registry: one lock per area, so a slow load holds up no other area."""

from __future__ import annotations

import threading

from planner.area import AreaSource
from ui import resources


def test_a_slow_area_does_not_block_another(monkeypatch, monaco):
    slow, fast = AreaSource.demo("helsinki"), AreaSource.demo("monaco")
    release, started = threading.Event(), threading.Event()

    def load_area(source, progress=None):
        if source == slow:
            started.set()
            assert release.wait(10)
        return monaco

    monkeypatch.setattr(resources, "load_area", load_area)
    monkeypatch.setattr(resources, "base_geojson", lambda area: {})
    monkeypatch.setattr(resources, "publish_base", lambda base: "base.json")
    registry = resources.AreaRegistry()
    results: list = []
    waiting = [threading.Thread(target=lambda: results.append(registry.get(slow))) for _ in "ab"]
    for thread in waiting:
        thread.start()
    assert started.wait(10)
    got = []
    other = threading.Thread(target=lambda: got.append(registry.get(fast)))
    other.start()
    other.join(5)
    assert got and not results  # the other area came while the slow one still loads
    release.set()
    for thread in waiting:
        thread.join(10)
    assert len(results) == 2 and registry.loads == 2  # the slow area loaded once for both
