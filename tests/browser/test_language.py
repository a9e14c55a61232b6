"""A French officer opens the app: the page speaks French only, and no developer toolbar shows.

The visible text of the page (and of the map's frame) is read after the first run has settled;
none of the English catalogue's texts that differ from their French ones may be in it (each
checked by its literal parts between placeholders, long enough to mean something).
"""

from __future__ import annotations

import string
import time

import pytest

from planner import i18n

pytestmark = pytest.mark.browser

MIN_FRAGMENT = 12  # characters: shorter literal parts ("min", "P2 ") prove nothing


def english_only_fragments() -> dict[str, tuple[str, str]]:
    """Literal parts of the English interface and map texts that differ from the French ones
    and appear in no French text: fragment → (context, key)."""
    french = " ".join(
        " ".join(_forms(c, k, "fr")) for c in ("ui", "map", "messages") for k in i18n.keys(c)
    )
    out = {}
    for context in ("ui", "map"):
        for key in i18n.keys(context):
            english = _forms(context, key, "en")
            if english == _forms(context, key, "fr"):
                continue
            for form in english:
                for literal, *_ in string.Formatter().parse(form):
                    for part in literal.replace("*", "").split("\n"):
                        part = part.strip(" .:;,·—()")
                        if len(part) >= MIN_FRAGMENT and part not in french:
                            out.setdefault(part, (context, key))
    return out


def _forms(context: str, key: str, lang: str) -> list[str]:
    return [i18n.template(context, key, lang, count=n) for n in (1, 2)]


def settle(page, quiet_s: float = 1.0, timeout_s: float = 60.0) -> None:
    """Until Streamlit's running indicator has been absent for ``quiet_s``."""
    start = quiet = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if page.locator('[data-testid="stStatusWidget"]').count():
            quiet = time.monotonic()
        elif time.monotonic() - quiet >= quiet_s:
            return
        page.wait_for_timeout(200)


def test_the_french_page_shows_no_english_text_and_no_deploy_button(offline_page):
    offline_page.open()
    page = offline_page.page
    settle(page)
    visible = page.locator("body").inner_text()
    visible += "\n" + offline_page.map.locator("body").inner_text()
    assert i18n.text("ui", "title", "fr") in visible
    fragments = english_only_fragments()
    assert len(fragments) > 200  # the check has something to check
    found = {f: source for f, source in fragments.items() if f in visible}
    assert found == {}, found
    # client.toolbarMode = "viewer": Streamlit's developer options are hidden from users
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0
    assert "Deploy" not in visible
    offline_page.screenshot("french-page.png")
