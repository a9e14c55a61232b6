"""Shared fixtures: real OSM extracts (Monaco, Helsinki) loaded once, in a private cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import folium
import geopandas as gpd
import osmium
import pytest
from shapely.geometry import Point, box, mapping

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Processed areas go to a fresh cache: every run exercises the cold path once."""
    cache = tmp_path_factory.mktemp("vigie-cache")
    os.environ["VIGIE_CACHE_DIR"] = str(cache)
    os.environ["VIGIE_STORE"] = str(cache / "scenarios.sqlite3")  # never the user's own store
    os.environ["VIGIE_DEMO"] = "1"  # the app tests run the demo unless they set accounts up
    return cache


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a schema of its own in the test PostgreSQL
    (``VIGIE_TEST_DATABASE_URL``, started by ``make test``)."""
    if request.param == "sqlite":
        yield str(tmp_path / "scenarios.sqlite3")
        return
    with postgres_schema() as url:
        yield url


def add_test_accounts(url: str) -> None:
    """The accounts of :data:`STORE_TEST_ACCOUNTS` in the store at ``url`` (the store re-reads
    each writer's account: an actor without one writes nothing)."""
    from scenarios.store import open_store

    store = open_store(url)
    for name, role in STORE_TEST_ACCOUNTS.items():
        store.add_account(name, role, sso=True, display_name=STORE_TEST_NAMES.get(name, ""))
    store.close()


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a fresh schema in the test PostgreSQL, dropped afterwards."""
    import psycopg

    server = os.environ.get("VIGIE_TEST_DATABASE_URL")
    if not server:
        pytest.fail("The store tests need PostgreSQL: run `make test` (it starts a local one).")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


#: Accounts of the store tests' actors (SSO accounts: no password to hash).
STORE_TEST_ACCOUNTS = {
    "alice": "planner",
    "bob": "planner",
    "carol": "planner",
    "crasher": "planner",
    "lea": "exercise_lead",
    "louis": "liaison",
    **{f"user{i}": "planner" for i in range(8)},
}
STORE_TEST_NAMES = {"louis": "Louis (préfecture)"}


ROLE_TEST_PASSWORD = "mot de passe de test"


@pytest.fixture
def accounts_store(tmp_path, monkeypatch):
    """A store with one account per role and the Monaco concert saved by a planner; the app's
    cached store is dropped before and after so that other tests keep the demo mode."""
    from scenarios.accounts import Actor, Role
    from scenarios.examples import load_example
    from scenarios.store import open_store
    from ui.session import scenario_store

    path = tmp_path / "accounts.sqlite3"
    store = open_store(path)
    store.add_account("alice", "planner", ROLE_TEST_PASSWORD, "Alice Martin")
    store.add_account("bruno", "planner", ROLE_TEST_PASSWORD)
    store.add_account("lea", "exercise_lead", ROLE_TEST_PASSWORD)
    store.add_account("louis", "liaison", ROLE_TEST_PASSWORD, "Louis (préfecture)")
    store.add_account("claire@prefecture.gouv.fr", "liaison", sso=True)
    concert = load_example("monaco-new-year-concert")
    store.sid = store.create(concert, Actor("alice", Role.PLANNER)).scenario_id
    monkeypatch.setenv("VIGIE_STORE", str(path))
    scenario_store.clear()
    yield store
    scenario_store.clear()


@pytest.fixture
def store(store_url):
    """The store at ``store_url``, closed after the test."""
    from scenarios.store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def monaco(private_cache):
    from planner.area import AreaSource, load_area

    return load_area(AreaSource.demo("monaco"))


@pytest.fixture(scope="session")
def helsinki(private_cache):
    from planner.area import AreaSource, load_area

    return load_area(AreaSource.demo("helsinki"))


@pytest.fixture(scope="session")
def monaco_pbf() -> Path:
    from planner.demo_data import DEMO_AREAS

    return DEMO_AREAS["monaco"].path()


@pytest.fixture(scope="session")
def hostile(private_cache: Path, monaco_pbf: Path, tmp_path_factory):
    """The hostile-names files (:mod:`tests.hostile`): an OSM file and a scenario on it."""
    from tests.hostile import hostile_files

    return hostile_files(tmp_path_factory.mktemp("hostile"), monaco_pbf)


@pytest.fixture(scope="session")
def monaco_xml(tmp_path_factory: pytest.TempPathFactory, monaco_pbf: Path) -> Path:
    """The Monaco extract written as OSM XML by osmium (a real .osm file)."""
    target = tmp_path_factory.mktemp("xml") / "monaco.osm"
    with osmium.SimpleWriter(str(target)) as writer:
        for obj in osmium.FileProcessor(str(monaco_pbf)):
            writer.add(obj)
    return target


@pytest.fixture(scope="session")
def regional_pbf(tmp_path_factory: pytest.TempPathFactory, monaco_pbf: Path) -> Path:
    """A small regional extract: Monaco replicated 2 × 2 (shifted, ids offset) with synthetic
    communes (tests/synthetic_osm.py)."""
    from tests.synthetic_osm import replicated_monaco

    target = tmp_path_factory.mktemp("regional") / "copies-maritimes.osm.pbf"
    return replicated_monaco(monaco_pbf, target, cols=2, rows=2)


def square(lon: float, lat: float, half_side_m: float, crs: str = "EPSG:2154") -> dict:
    """GeoJSON Polygon (WGS84) of a square of ``2 * half_side_m`` metres centred on lon/lat."""
    centre = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs(crs).iloc[0]
    square_m = box(
        centre.x - half_side_m,
        centre.y - half_side_m,
        centre.x + half_side_m,
        centre.y + half_side_m,
    )
    return mapping(gpd.GeoSeries([square_m], crs=crs).to_crs("EPSG:4326").iloc[0])


def write_geojson(path: Path, geometry: dict) -> Path:
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {}, "geometry": geometry}],
            }
        )
    )
    return path


def example_data(name: str = "monaco-new-year-concert") -> dict:
    """A bundled example scenario as plain JSON data (to alter in a test)."""
    from scenarios.examples import EXAMPLES_DIR

    return json.loads((EXAMPLES_DIR / f"{name}.vigie.json").read_text())


def version_1_document(perimeter: dict, sector: dict) -> dict:
    """A scenario in the format's version 1 (the early layout, migrated on load)."""
    return {
        "format": "vigie.scenario",
        "version": 1,
        "name": "Braderie 2019",
        "area": "monaco",
        "perimeter": perimeter,
        "sectors": [{"name": "Nord", "geometry": sector}],
        "event": {"name": "Braderie", "date": "2019-09-01", "attendance": 5000},
        "created_by": "ancien outil",
        "created_at": "2019-08-01T10:00:00",
    }


def example_layers(area, name: str, with_plan: bool = True, version: int | None = 3):
    """The export layers of a bundled example, its plan through the plan pipeline (without its
    perimeter, hence without a plan, when ``with_plan`` is off)."""
    from scenarios import convert
    from scenarios.examples import load_example

    scenario = load_example(name)
    if not with_plan:
        kept = [z for z in scenario.zones if z.properties.role != "perimeter"]
        scenario = scenario.model_copy(update={"zones": kept})
    planned = convert.planning(scenario, area)
    return convert.export_layers(scenario, area, planned, "s-1", version, "Diffusion restreinte")


def run_cli(
    *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """The CLI run as automation runs it: a subprocess, its stdout, stderr and exit code
    (``env``: variables added to the test session's environment)."""
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        input=input,
        cwd=ROOT,
        env=os.environ | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
    )


# A bow tie over Port Hercule: a polygon that crosses itself.
BOWTIE_GEOJSON = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [
            [[7.426, 43.740], [7.430, 43.7375], [7.430, 43.740], [7.426, 43.7375], [7.426, 43.740]]
        ],
    }
)

# Place du Casino, Monte-Carlo: the square in front of the casino and its gardens.
CASINO = (7.4283, 43.7393)
# A point on Avenue Princesse Grace (Larvotto), a dual carriageway.
PRINCESSE_GRACE = (7.43186, 43.7452)


@pytest.fixture(autouse=True, scope="session")
def quiet_streamlit_bare_mode():
    """AppTest's callbacks log 'missing ScriptRunContext' by the hundred: not a problem."""
    import logging

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(
        logging.ERROR
    )


# --- The map's browser side, for AppTest ------------------------------------------------


class FakeMap:
    """Stands in for the browser: returns the polygons 'drawn' so far."""

    def __init__(self) -> None:
        self.drawings: list[dict] = []
        self.calls: list[dict] = []
        self.key = None
        self.clicked: dict | None = None

    def __call__(self, fig, key=None, feature_group_to_add=None, **kwargs):
        if key != self.key:  # a new map is mounted: no drawing event yet
            self.key = key
            self.drawings = []
            self.clicked = None
        self.calls.append({"map": fig, "key": key, "overlay": feature_group_to_add})
        return {"all_drawings": self.drawings or None, "last_object_clicked": self.clicked}

    def draw(self, geometry: dict) -> None:
        self.drawings.append({"type": "Feature", "properties": {}, "geometry": geometry})

    def click(self, marker: folium.Marker | dict) -> None:
        """A click on a marker or a checkpoint (a GeoJSON feature): st_folium returns its
        position as the last clicked object."""
        if isinstance(marker, dict):
            lng, lat = marker["geometry"]["coordinates"]
        else:
            lat, lng = marker.location
        self.clicked = {"lat": lat, "lng": lng}

    def checkpoints(self) -> list[dict]:
        """The checkpoints drawn on the map: the overlay's checkpoint layer's features."""
        from layers.overlays import CheckpointLayer

        overlay = self.calls[-1]["overlay"]
        layers = [c for c in overlay._children.values() if isinstance(c, CheckpointLayer)]
        return [f for layer in layers for f in layer.features]

    def markers(self, css_class: str) -> list[folium.Marker]:
        """The overlay's markers whose icon carries ``css_class`` (hazards, sector labels…)."""
        overlay = self.calls[-1]["overlay"]
        return [
            c
            for c in overlay._children.values()
            if isinstance(c, folium.Marker)
            and isinstance(getattr(c, "icon", None), folium.DivIcon)
            and css_class in c.icon.options.get("html", "")
        ]


@pytest.fixture
def fake_map(monkeypatch) -> FakeMap:
    """st_folium replaced by a FakeMap for the test (AppTest runs no JavaScript)."""
    import streamlit_folium

    fake = FakeMap()
    monkeypatch.setattr(streamlit_folium, "st_folium", fake)
    return fake
