"""Hostile names: one scenario whose every text field, and one OSM file whose every name, carry
the classic payloads (script, HTML, Markdown image beacon, template literal, mathtext).

Used by the hostile-names tests (``tests/test_hostile_names.py``, and the browser's
``tests/browser/test_hostile_names.py``): every renderer of user or OSM text must show these
names literally and run, load or parse nothing from them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import osmium

from scenarios.document import dump_scenario
from scenarios.examples import load_example
from scenarios.model import AreaRef, MobileCamera, Scenario

BEACON = "http://127.0.0.1:9/beacon.png"
PAYLOADS: tuple[str, ...] = (
    "${alert(1)}",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    f"![x]({BEACON})",
    "$\\x$",
)
#: What must never appear in the page title or fire as a dialog if a payload ran.
PAGE_EFFECTS = ("alert", "beacon")


def hostile(index: int, label: str = "") -> str:
    """The ``index``-th payload (cycling), with a short readable label."""
    return f"{PAYLOADS[index % len(PAYLOADS)]} {label}".strip()


def hostile_osm(source: Path, target: Path) -> dict[str, str]:
    """``source`` (an OSM file) written to ``target`` with every ``name`` tag replaced by a
    payload; the map from each original name to its hostile name."""
    renamed: dict[str, str] = {}

    def rename(obj):
        tags = dict(obj.tags)
        if "name" not in tags:
            return obj
        original = tags["name"]
        if original not in renamed:
            renamed[original] = hostile(len(renamed), f"n{len(renamed)}")
        tags["name"] = renamed[original]
        return obj.replace(tags=tags)

    with osmium.SimpleWriter(str(target)) as writer:
        for obj in osmium.FileProcessor(str(source)):
            writer.add(rename(obj))
    return renamed


def hostile_scenario(osm: Path, renamed: dict[str, str]) -> Scenario:
    """The Monaco gas-leak exercise on the hostile OSM file with every text field hostile:
    title, event, zone and point names and notes, injects (senders, recipients, messages,
    expected actions, the closed street), the offers' commune (also lending a placed camera)."""
    doc = load_example("monaco-gas-leak-port")
    sha = hashlib.sha256(osm.read_bytes()).hexdigest()
    counter = iter(range(10_000))

    def text(label: str) -> str:
        return hostile(next(counter), label)

    zones = [
        z.model_copy(
            update={
                "properties": z.properties.model_copy(
                    update={"name": text(f"zone {z.properties.id}"), "notes": text("notes")}
                )
            }
        )
        for z in doc.zones
    ]
    points = [
        p.model_copy(update={"properties": p.properties.model_copy(update={"name": text("point")})})
        for p in doc.points
    ]
    street = renamed["Boulevard Albert 1er"]
    injects = []
    for inject in doc.injects:
        effect = inject.effect
        if effect is not None and effect.action in ("close_street", "reopen_street"):
            effect = effect.model_copy(update={"target": street})
        injects.append(
            inject.model_copy(
                update={
                    "message": text("message"),
                    "sender": text("from"),
                    "recipient": text("to"),
                    "expected_action": text("expected"),
                    "effect": effect,
                }
            )
        )
    resources = [r.model_copy(update={"commune": text("commune")}) for r in doc.resources]
    # The first commune lends a mobile camera, placed on the port: its name reaches the cameras
    # layer's tooltip.
    resources[0] = resources[0].model_copy(update={"equipment": {"camera": 1}})
    camera = MobileCamera(
        id="M1",
        commune=resources[0].commune,
        location={"lon": 7.4219, "lat": 43.7347},
        directions=[90.0],
    )
    return doc.model_copy(
        update={
            "title": text("title"),
            "event": doc.event.model_copy(update={"name": text("event")}),
            "area": AreaRef(kind="file", file_name=text("file"), file_sha256=sha),
            "zones": zones,
            "points": points,
            "injects": injects,
            "resources": resources,
            "cameras": [camera],
        }
    )


@dataclass(frozen=True)
class HostileFiles:
    """The hostile OSM file, its renamed names, the hostile scenario file on it, and every
    hostile text of the scenario (its title first)."""

    osm: Path
    renamed: dict[str, str]
    scenario: Path
    names: tuple[str, ...]


def hostile_files(folder: Path, source: Path) -> HostileFiles:
    """Write the hostile OSM file (kept in the cache's uploads, as the app keeps an upload) and
    the hostile scenario file on it into ``folder``."""
    from planner.area import store_upload

    osm = folder / "hostile.osm.pbf"
    renamed = hostile_osm(source, osm)
    store_upload(osm.read_bytes())
    doc = hostile_scenario(osm, renamed)
    path = folder / "hostile.vigie.json"
    path.write_text(dump_scenario(doc))
    names = (
        doc.title,
        doc.event.name,
        *(z.properties.name for z in doc.zones),
        *(p.properties.name for p in doc.points),
        *(i.message for i in doc.injects),
    )
    return HostileFiles(osm, renamed, path, tuple(n for n in names if n))
