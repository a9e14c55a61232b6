"""Online areas with no network: a clear message within seconds, never a hang."""

from __future__ import annotations

import contextlib
import time

import pytest

from planner.area import AreaSource, load_area
from planner.errors import OfflineError, PlaceNotFoundError


@pytest.fixture
def unreachable_servers(monkeypatch):
    """Point osmnx at a closed local port: 'no network' on any machine, deterministically."""
    import osmnx as ox

    monkeypatch.setattr(ox.settings, "nominatim_url", "http://127.0.0.1:9/")
    monkeypatch.setattr(ox.settings, "overpass_url", "http://127.0.0.1:9/api")


@pytest.mark.parametrize(
    "query", [{"place": "Vieux Lyon, Lyon, France"}, {"bbox": "4.826,45.760,4.830,45.764"}]
)
def test_no_network_fails_fast_with_a_clear_message(unreachable_servers, query):
    start = time.perf_counter()
    with pytest.raises(OfflineError) as err:
        load_area(AreaSource.online(**query), use_cache=False)
    assert time.perf_counter() - start < 10
    assert "No network" in str(err.value)
    assert "Pas de réseau" in err.value.message("fr")


def test_default_servers_fail_fast_here_too():
    """With the real osmnx servers: offline machines answer within seconds (no 60 s probe)."""
    start = time.perf_counter()
    with contextlib.suppress(OfflineError):  # the expected outcome on a machine without internet
        load_area(AreaSource.online(bbox="7.4200,43.7300,7.4210,43.7310"), use_cache=False)
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "10,45,5,46", "0,95,1,96"])
def test_malformed_bounding_boxes(bbox):
    with pytest.raises(PlaceNotFoundError, match="bounding box"):
        AreaSource.online(bbox=bbox)


def test_too_large_an_area_is_refused_before_downloading():
    with pytest.raises(PlaceNotFoundError, match="km²"):
        load_area(AreaSource.online(bbox="4.0,45.0,5.5,46.5"), use_cache=False)


def test_empty_query():
    with pytest.raises(PlaceNotFoundError):
        AreaSource.online(place="  ")
