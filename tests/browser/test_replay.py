"""An exercise lead replays the Monaco gas leak: steps, moves the slider, reads the state."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_scenarios import open_in_sidebar

pytestmark = pytest.mark.browser


def test_replay_the_gas_leak_with_the_slider(offline_page):
    page = offline_page
    page.open()
    open_in_sidebar(page, "Exercice fuite de gaz")
    page.page.get_by_text("Rejeu de l'exercice").wait_for(timeout=90_000)
    expect(page.page.get_by_text("Situation à 00:00")).to_be_visible(timeout=60_000)
    expect(page.map.locator(".vigie-hazard")).to_have_count(0)
    # step to the next inject: the leak is confirmed, its zone appears on the map
    page.page.get_by_role("button", name="Inject suivant »").click()
    expect(page.page.get_by_text("Situation à 05:00")).to_be_visible(timeout=60_000)
    hazard = page.map.locator(".vigie-hazard")
    expect(hazard).to_have_count(1, timeout=60_000)
    expect(hazard).to_contain_text("Fuite de gaz · 50 m")
    page.page.wait_for_timeout(1500)
    page.screenshot("replay-05-00.png")
    # move the slider with the keyboard, as a person would: four minutes on → 09:00 …
    slider = page.page.get_by_role("slider")
    slider.focus()
    for _ in range(4):
        slider.press("ArrowRight")
    expect(page.page.get_by_text("Situation à 09:00")).to_be_visible(timeout=60_000)
    # … then to the end: the leak is cleared and the quay road reopened
    slider.press("End")
    expect(page.page.get_by_text("Situation à 96:00")).to_be_visible(timeout=60_000)
    expect(page.map.locator(".vigie-hazard")).to_have_count(0, timeout=60_000)
    evacuating = page.page.locator("p").filter(has_text="Secteurs en évacuation")
    expect(evacuating).to_contain_text(": A")
    page.page.wait_for_timeout(1000)
    page.screenshot("replay-96-00.png")
    assert page.blocked == []
