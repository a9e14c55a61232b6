"""Property-based: a communes' offers CSV upload is imported or refused with one clear line.

The upload goes the app's way: ``read_offers_csv`` (what the file uploader calls), then, when it
is accepted, the step the app takes next: the offers become the plan's resources, which the
scenario model must accept. Inputs: random bytes and text, and tables as communes send them,
with wrong headers and values, any delimiter, encoding, line ending, BOM, NUL bytes, huge fields.
"""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from planner.errors import PlannerError
from scenarios.editing import new_scenario
from scenarios.errors import ScenarioError
from scenarios.model import AreaRef, Scenario
from scenarios.offers_csv import MAX_COMMUNES, MAX_CSV_BYTES, ROLES, read_offers_csv

from .fuzzing import FUZZ, assert_clear_refusal, sometimes

#: Headers communes write (French ones, a BOM, accents) and wrong ones.
HEADERS = [
    "Nom",
    "Longitude",
    "Latitude",
    "Police municipale",
    "Sécurité privée",
    "\ufeffcommune",
    "polic_municipale",
    "",
    "commune",
]
communes = st.sampled_from(["Beausoleil", "Èze", "Cap-d'Ail", "La Turbie"]) | st.text(
    min_size=1, max_size=12
)
longitudes = st.floats(7.2, 7.6).map(lambda x: f"{x:.4f}")
latitudes = st.floats(43.6, 43.9).map(lambda x: f"{x:.4f}".replace(".", ","))  # decimal comma
agent_counts = st.integers(0, 30).map(str) | st.just("")
cells = st.one_of(
    st.floats(-200, 200).map(str),
    st.integers(-5, 20_000).map(str),
    st.sampled_from(["nan", "inf", "-0", "1_000", "²", "٣", "1e400", "  8 ", "\x00", '"', "\r"]),
    st.text(max_size=10),
    st.text(min_size=150, max_size=300),  # longer than a name may be
)
DELIMITERS = [",", ",", ";", ";", "\t", "|"]  # "|" is not one a spreadsheet writes
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "cp1252", "cp1252", "latin-1", "utf-16"]


@st.composite
def offer_tables(draw: st.DrawFn) -> bytes:
    """A plausible offers table: the expected columns in any order (now and then a wrong one),
    good values with bad ones here and there, any delimiter, encoding, line ending and quoting,
    now and then a huge field or more rows than a scenario holds."""
    header = draw(
        st.permutations(["commune", "lon", "lat", *draw(st.sets(st.sampled_from(ROLES)))])
    )
    if sometimes(draw, 5):
        header[draw(st.integers(0, len(header) - 1))] = draw(st.sampled_from(HEADERS))
    good = {"commune": communes, "lon": longitudes, "lat": latitudes}
    row = st.fixed_dictionaries({c: good.get(c, agent_counts) for c in header}).map(
        lambda values: [values[c] for c in header]
    )
    rows = draw(st.lists(row, min_size=1, max_size=5))
    for values in rows:
        if sometimes(draw, 4):  # a bad cell
            values[draw(st.integers(0, len(values) - 1))] = draw(cells)
        if sometimes(draw, 10):  # a missing or an extra cell
            values[:] = values[:-1] if draw(st.booleans()) else [*values, draw(cells)]
    if sometimes(draw, 20):  # a huge field, over csv's field limit
        rows.append(["x" * draw(st.integers(130_000, 140_000))])
    if sometimes(draw, 40):  # more communes than a scenario holds
        rows += [["Nice", "7.26", "43.70", "1"]] * (MAX_COMMUNES + 1 - len(rows))
    delimiter = draw(st.sampled_from(DELIMITERS))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    quote = draw(st.booleans())

    def line(values: list[str]) -> str:
        if quote:
            values = ['"' + v.replace('"', '""') + '"' for v in values]
        return delimiter.join(values)

    text = newline.join(line(r) for r in [header, *rows]) + newline
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, "replace")


csv_uploads = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    offer_tables(),
)

BLANK = new_scenario(AreaRef(kind="demo", id="monaco"), "fuzz")


def _import_offers(data: bytes) -> None:
    """What the app does with an offers upload: read it, then make it the plan's resources."""
    try:
        offers = read_offers_csv(data)
    except PlannerError as err:
        assert_clear_refusal(err, data)
        event(f"refused: {err.key}")
        return
    Scenario.model_validate(BLANK.model_copy(update={"resources": offers}).model_dump())
    event("imported")


@FUZZ
@given(csv_uploads)
def test_any_offers_upload_is_imported_or_refused_clearly(data: bytes) -> None:
    _import_offers(data)


def test_an_offers_upload_over_the_limit_is_refused_with_the_limit() -> None:
    data = b"commune,lon,lat\nMonaco,7.42,43.73\n"
    data += b"\n" * (MAX_CSV_BYTES + 1 - len(data))
    with pytest.raises(ScenarioError) as caught:
        read_offers_csv(data)
    assert "1 MB" in caught.value.message("en") and "1 Mo" in caught.value.message("fr")
    assert len(read_offers_csv(data[:-1])) == 1  # at the limit: accepted


def test_more_communes_than_a_scenario_holds_are_refused() -> None:
    rows = "".join(f"Commune {i},7.42,43.73\n" for i in range(MAX_COMMUNES + 1))
    with pytest.raises(ScenarioError, match=f"holds {MAX_COMMUNES} at most"):
        read_offers_csv(("commune,lon,lat\n" + rows).encode())
    offers = read_offers_csv(("commune,lon,lat\n" + rows.rsplit("C", 1)[0]).encode())
    assert len(offers) == MAX_COMMUNES
