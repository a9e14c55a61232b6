"""Importing the communes' offers from the CSV tables communes send."""

from __future__ import annotations

import pytest

from scenarios.errors import ScenarioError
from scenarios.offers_csv import read_offers_csv


def test_comma_separated_offers():
    data = (
        b"commune,lon,lat,municipal_police,private_security,first_aiders,national_police\n"
        b"Beausoleil,7.4238,43.7432,8,0,6,0\n"
        b"Cap-d'Ail,7.4046,43.7212,4,,,\n"
    )
    offers = read_offers_csv(data)
    assert [o.commune for o in offers] == ["Beausoleil", "Cap-d'Ail"]
    assert offers[0].agents == {
        "municipal_police": 8,
        "private_security": 0,
        "first_aiders": 6,
        "national_police": 0,
    }
    assert offers[1].agents == {"municipal_police": 4}
    assert (offers[1].base.lon, offers[1].base.lat) == (7.4046, 43.7212)


def test_a_french_spreadsheet_export():
    # Excel in French: semicolons, decimal commas, accented headers, Windows-1252
    data = (
        "Commune;Longitude;Latitude;Police municipale;Sécurité privée;Secouristes\r\n"
        "Roquebrune-Cap-Martin;7,4616;43,7613;6;10;0\r\n"
        "Èze;7,3617;43,7283;2;0;4\r\n"
    ).encode("cp1252")
    offers = read_offers_csv(data)
    assert offers[1].commune == "Èze"
    assert offers[0].base.lon == pytest.approx(7.4616)
    assert offers[0].agents == {"municipal_police": 6, "private_security": 10, "first_aiders": 0}


def test_a_missing_column_is_named():
    data = b"commune,lon,municipal_police\nBeausoleil,7.42,8\n"
    with pytest.raises(ScenarioError) as caught:
        read_offers_csv(data)
    assert "no column 'lat'" in str(caught.value)
    assert "colonne 'lat'" in caught.value.message("fr")


def test_an_unknown_column_is_named():
    data = b"commune,lon,lat,polic_municipale\nBeausoleil,7.42,43.74,8\n"
    with pytest.raises(ScenarioError, match="unknown column 'polic_municipale'"):
        read_offers_csv(data)


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (b"Beausoleil,7.42,43.74,huit", "municipal_police"),
        (b"Beausoleil,7.42,43.74,-3", "municipal_police"),
        (b"Beausoleil,7.42,143.74,8", "lat"),
        (b"Beausoleil,east,43.74,8", "lon"),
        (b",7.42,43.74,8", "commune"),
    ],
)
def test_a_bad_value_is_located(row, column):
    data = b"commune,lon,lat,municipal_police\nMonaco,7.41,43.73,1\n" + row + b"\n"
    with pytest.raises(ScenarioError) as caught:
        read_offers_csv(data)
    assert "line 3" in str(caught.value) and column in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"\n\n", b"commune,lon,lat\n", b"\xff\xfe\x00garbage"])
def test_empty_or_unreadable_files(data):
    with pytest.raises(ScenarioError):
        read_offers_csv(data)
