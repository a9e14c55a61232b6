"""The checkpoints' overlay: one GeoJSON layer whose labels and tooltips stay text."""

from __future__ import annotations

import json
from dataclasses import replace

from layers.basemap import base_geojson, make_map
from layers.overlays import CheckpointLayer, plan_overlay
from planner.checkpoints import find_checkpoints
from planner.perimeter import parse_perimeter
from planner.style import CHECKPOINTS, checkpoint_key
from tests.conftest import CASINO, square
from tests.hostile import PAYLOADS


def casino_plan(monaco):
    return find_checkpoints(monaco, parse_perimeter(square(*CASINO, 150)))


def test_the_checkpoints_are_one_geojson_layer_with_one_feature_each(monaco):
    plan = casino_plan(monaco)
    group = plan_overlay(plan, "fr")
    (layer,) = group._children.values()
    assert isinstance(layer, CheckpointLayer)
    features = layer.features
    assert [f["properties"]["id"] for f in features] == [c.id for c in plan.checkpoints]
    first, checkpoint = features[0], plan.checkpoints[0]
    assert first["geometry"]["coordinates"] == [checkpoint.lon, checkpoint.lat]
    props = first["properties"]
    assert props["role"] == "" and props["kind"] == checkpoint.kind
    assert CHECKPOINTS[checkpoint_key(checkpoint.kind, None)].colour in props["style"]
    assert props["tooltip"].startswith(f"{checkpoint.id} · ")
    assert plan_overlay(None, "fr")._children == {}


def test_hostile_names_reach_the_page_as_json_text_only(monaco):
    plan = casino_plan(monaco)
    names = [replace(c, street=PAYLOADS[i % len(PAYLOADS)]) for i, c in enumerate(plan.checkpoints)]
    hostile = replace(plan, checkpoints=tuple(names))
    fmap = make_map(monaco, base_geojson(monaco), "fr")
    group = plan_overlay(hostile, "fr")
    group.add_to(fmap)
    page = fmap.get_root().render()
    for payload in ("<img src=x", "<script>alert", "<svg onload"):
        assert payload not in page
    checkpoints = next(c for c in group._children.values() if isinstance(c, CheckpointLayer))
    script = checkpoints._template.module.script(checkpoints)
    data = json.loads(script[script.index("L.geoJSON(") + 10 : script.index(", { pointToLayer")])
    assert [f["properties"]["tooltip"].split(" · ")[1] for f in data["features"]] == [
        c.street for c in names
    ]  # the names arrive whole, as JSON strings the browser sets as text
    assert "textContent = p.tooltip" in script and "innerHTML" not in script
