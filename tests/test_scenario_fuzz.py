"""Property-based: malformed scenario documents never escape as anything but ScenarioError,
whose French and English messages are one clear line (tests.fuzzing)."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios.document import load_scenario
from scenarios.errors import ScenarioError
from scenarios.examples import EXAMPLES_DIR

from .conftest import version_1_document
from .fuzzing import assert_clear_refusal

BASE = json.loads((EXAMPLES_DIR / "monaco-gas-leak-port.vigie.json").read_text())
TEXT = json.dumps(BASE)
#: A version-1 document (the early layout, migrated on load), as test_scenarios has it.
BASE_V1 = version_1_document(BASE["zones"][0]["geometry"], BASE["zones"][0]["geometry"])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


PATHS = [p for p in _paths(BASE) if p]
PATHS_V1 = [p for p in _paths(BASE_V1) if p]


def _mutated(path, value, delete, base=BASE):
    doc = copy.deepcopy(base)
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


def _loads_or_refuses(data) -> None:
    try:
        load_scenario(data)
    except ScenarioError as err:
        assert_clear_refusal(err, data)


@settings(max_examples=700, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(PATHS), json_values, st.booleans())
def test_a_changed_value_anywhere(path, value, delete):
    _loads_or_refuses(json.dumps(_mutated(path, value, delete)))


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(TEXT)), st.binary(max_size=16))
def test_truncated_or_garbled_bytes(cut, noise):
    _loads_or_refuses(TEXT.encode()[:cut] + noise)


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_json_at_all(value):
    _loads_or_refuses(json.dumps(value))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(PATHS_V1), json_values, st.booleans())
def test_a_changed_value_in_a_version_1_document(path, value, delete):
    _loads_or_refuses(json.dumps(_mutated(path, value, delete, BASE_V1)))


def test_a_document_nested_too_deeply_is_refused():
    with pytest.raises(ScenarioError, match="nested too deeply"):
        load_scenario(b"[" * 100_000 + b"]" * 100_000)


def test_hostile_names_and_values_are_shown_on_one_short_line():
    unknown_field = {**BASE, "x\n" * 400: 1}
    not_vigie = {**BASE, "format": "x\n" * 400}
    for doc in (unknown_field, not_vigie):
        with pytest.raises(ScenarioError) as caught:
            load_scenario(json.dumps(doc))
        assert_clear_refusal(caught.value)
