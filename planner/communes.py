"""Communes of a regional extract: the file's own boundaries (``boundary=administrative``
relations of ``admin_level=8``), found by name (case, accents and hyphens aside) or INSEE code.

``osmium tags-filter`` keeps those relations with their ways and nodes (a few MB of a
département's hundreds) in one streaming pass; pyosmium builds their polygons from that small
file. The index is cached by the extract's content hash.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import osmium
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from planner import osm_io
from planner.errors import ClipError, NotOSMError
from planner.osmium_tool import (
    ClipProgress,
    extracts_dir,
    osmium_format,
    read_json,
    run_osmium,
    scratch,
    write_json,
)

#: Bump when the index's content changes: older indexes are then rebuilt.
INDEX_VERSION = 1
#: The admin_level of communes in France.
COMMUNE_ADMIN_LEVEL = "8"
#: Close names listed when a commune is not found, and example names when none is close.
CLOSE_NAMES = 5


@dataclass(frozen=True)
class Commune:
    """A commune's boundary found in an extract (WGS84)."""

    name: str
    insee: str | None
    relation_id: int
    geometry: BaseGeometry


@dataclass(frozen=True)
class CommuneIndex:
    """The communes of an extract, and the names of those whose boundary is cut by its edge."""

    communes: tuple[Commune, ...]
    incomplete: tuple[str, ...] = ()

    def find(self, query: str) -> Commune:
        """The commune named ``query`` (case, accents and hyphens aside) or with that INSEE
        code; ClipError, with close names, otherwise."""
        wanted = normalized(query)
        found = [c for c in self.communes if query.strip() == c.insee]
        found = found or [c for c in self.communes if normalized(c.name) == wanted]
        if len(found) == 1:
            return found[0]
        if found:
            codes = ", ".join(sorted(c.insee or f"r{c.relation_id}" for c in found))
            raise ClipError("commune_ambiguous", name=query, count=len(found), codes=codes)
        if any(normalized(name) == wanted for name in self.incomplete):
            raise ClipError("commune_incomplete", name=query)
        if not self.communes:
            raise ClipError("commune_none_in_file")
        names = sorted({c.name for c in self.communes})
        by_key = {normalized(name): name for name in names}
        close = difflib.get_close_matches(wanted, list(by_key), n=CLOSE_NAMES, cutoff=0.7)
        close += [key for key in by_key if wanted and wanted in key and key not in close]
        if close:
            listed = ", ".join(by_key[key] for key in close[:CLOSE_NAMES])
            raise ClipError("commune_unknown", name=query, close=listed)
        examples = ", ".join(names[:CLOSE_NAMES])
        raise ClipError(
            "commune_unknown_far", name=query, count=len(self.communes), examples=examples
        )

    def to_json(self) -> dict:
        return {
            "communes": [
                {
                    "name": c.name,
                    "insee": c.insee,
                    "relation": c.relation_id,
                    "geometry": mapping(c.geometry),
                }
                for c in self.communes
            ],
            "incomplete": list(self.incomplete),
        }

    @staticmethod
    def from_json(data: dict) -> CommuneIndex:
        communes = tuple(
            Commune(c["name"], c["insee"], c["relation"], shape(c["geometry"]))
            for c in data["communes"]
        )
        return CommuneIndex(communes, tuple(data["incomplete"]))


def normalized(name: str) -> str:
    """A place name compared without case, accents, hyphens or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-'’_.]", " ", plain).split())


def commune_index(
    path: Path, fmt: str, source_sha: str, progress: ClipProgress = None
) -> CommuneIndex:
    """The communes of an extract (cached by its content hash)."""
    index_path = extracts_dir() / f"communes-{INDEX_VERSION}-{source_sha}.json"
    cached = read_json(index_path)
    if cached is not None:
        return CommuneIndex.from_json(cached)
    report = progress or (lambda step, share: None)
    with scratch() as tmp:
        boundaries = tmp / "boundaries.osm.pbf"
        run_osmium(
            ["tags-filter", "--input-format", osmium_format(fmt), "--output-format", "pbf"]
            + ["--overwrite", "-o", str(boundaries), str(path), "r/boundary=administrative"],
            "boundaries",
            report,
        )
        index = read_communes(boundaries)
    write_json(index_path, index.to_json())
    return index


def read_communes(path: Path) -> CommuneIndex:
    """The admin_level-8 boundaries of a (small, boundaries-only) PBF file, as polygons."""
    relations: dict[int, tuple[str, str | None]] = {}
    polygons: dict[int, BaseGeometry] = {}
    wkb = osmium.geom.WKBFactory()
    try:
        processor = osmium.FileProcessor(osmium.io.File(str(path), "pbf")).with_areas()
        for obj in processor:
            tags = obj.tags
            if tags.get("admin_level") != COMMUNE_ADMIN_LEVEL or "name" not in tags:
                continue
            if obj.is_relation():
                relations[obj.id] = (tags["name"], tags.get("ref:INSEE"))
            elif obj.is_area() and not obj.from_way():
                geometry = shapely.from_wkb(wkb.create_multipolygon(obj))
                if not geometry.is_empty:
                    polygons[obj.orig_id()] = geometry
    except osm_io.OSMIUM_ERRORS as err:
        raise NotOSMError("osm_unreadable", detail=osm_io.short_reason(err)) from None
    communes = tuple(
        Commune(name, insee, rid, polygons[rid])
        for rid, (name, insee) in sorted(relations.items())
        if rid in polygons
    )
    incomplete = tuple(name for rid, (name, _) in sorted(relations.items()) if rid not in polygons)
    return CommuneIndex(communes, incomplete)
