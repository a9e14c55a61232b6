"""Seasons in the store: versions, conflicts, roles, and kept apart from the scenario list."""

from __future__ import annotations

import pytest

from scenarios.accounts import Actor, Role
from scenarios.errors import AccessDenied, ConflictError, StoreError
from scenarios.examples import load_example
from scenarios.season_document import load_example_season
from scenarios.season_model import SeasonEventRef
from scenarios.season_store import create_season, list_seasons, open_season, save_season
from tests.conftest import add_test_accounts

ALICE = Actor("alice", Role.PLANNER)
BOB = Actor("bob", Role.PLANNER)
LIAISON = Actor("louis", Role.LIAISON)
LEAD = Actor("lea", Role.EXERCISE_LEAD)


@pytest.fixture(autouse=True)
def accounts(store_url):
    add_test_accounts(store_url)


def test_seasons_are_versioned_and_listed_apart(store):
    season = load_example_season("monaco-new-year-season")
    info = create_season(store, season, ALICE)
    scenario = store.create(load_example("monaco-new-year-concert"), ALICE)
    assert [s.scenario_id for s in store.list()] == [scenario.scenario_id]
    assert [s.scenario_id for s in list_seasons(store)] == [info.scenario_id]
    changed = season.model_copy(
        update={"events": [*season.events[:2], SeasonEventRef(scenario=scenario.scenario_id)]}
    )
    second = save_season(store, info.scenario_id, changed, BOB, base_version=1, comment="store")
    assert second.version == 2
    opened, version = open_season(store, info.scenario_id)
    assert opened.events[2].scenario == scenario.scenario_id and version.author == "bob"
    assert opened.authorship.created_by == "alice" and opened.authorship.updated_by == "bob"
    first, _ = open_season(store, info.scenario_id, 1)
    assert first.events == season.events
    with pytest.raises(ConflictError):
        save_season(store, info.scenario_id, season, ALICE, base_version=1)
    with pytest.raises(StoreError):
        open_season(store, scenario.scenario_id)  # a scenario is not a season


@pytest.mark.parametrize("actor", [LIAISON, LEAD])
def test_only_planners_write_seasons(store, actor):
    with pytest.raises(AccessDenied):
        create_season(store, load_example_season("monaco-new-year-season"), actor)
