"""What the fuzz tests share: the check of a refusal, and two ways of drawing rare cases.

An upload that cannot be used must come out as a :class:`planner.errors.PlannerError` whose
French and English messages are one short line, with no traceback and no path of this machine
(library error text can carry both, and the UI shows the message as it is).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from planner.errors import PlannerError

ROOT = Path(__file__).resolve().parent.parent

#: Prefixes of this machine's paths and traces that a message must not show.
MACHINE_MARKERS = ("/tmp/", "/work/", "/root/", "/home/", "/usr/", "/var/", "site-packages")
#: The settings of a fuzz test: a thousand cases, however long each takes.
FUZZ = settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Longest message accepted: echoed values are cut, a message is read at a glance.
MAX_MESSAGE_CHARS = 500


def assert_clear_refusal(err: BaseException, given: object = b"") -> None:
    """``err`` is a PlannerError whose FR and EN messages are one non-empty line showing no
    path of this machine and no traceback (unless the input ``given`` held that text itself)."""
    assert isinstance(err, PlannerError), f"{type(err).__name__}: {err}"
    if isinstance(given, bytes):
        echoed = given.decode("utf-8", "replace") + given.decode("latin-1")
    else:
        echoed = str(given)
    markers = (*MACHINE_MARKERS, str(ROOT), tempfile.gettempdir(), sys.prefix, "Traceback")
    for lang in ("fr", "en"):
        line = err.message(lang)
        assert line.strip(), f"empty {lang} message for {err.key}"
        assert len(line.splitlines()) == 1, f"{lang} message on several lines: {line!r}"
        assert len(line) <= MAX_MESSAGE_CHARS, f"{lang} message of {len(line)} characters"
        shown = [m for m in markers if m in line and m not in echoed]
        assert not shown, f"{lang} message shows {shown}: {line!r}"


def weighted(draw: st.DrawFn, weights: dict[str, int]) -> str:
    """A key drawn with its weight (the first and last keys also get Hypothesis's bias to the
    bounds of a range: put common ones there)."""
    pick = draw(st.integers(0, sum(weights.values()) - 1))
    for key, weight in weights.items():
        if pick < weight:
            return key
        pick -= weight
    raise AssertionError("unreachable")


def sometimes(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in ``one_in`` draws. A value in the middle of the range: Hypothesis draws
    the bounds far more often than the rest."""
    return draw(st.integers(1, one_in)) == one_in // 2 + 1
