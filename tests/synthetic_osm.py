"""A synthetic regional extract: the Monaco extract replicated on a grid, for clipping tests
and the large-extract bench.

Copy ``k`` (column ``k % cols``, row ``k // cols``) is Monaco shifted by ``k``'s cell and with
every id offset by ``k * ID_OFFSET``, so the file stays sorted by type then id (what osmium and
pyrosm expect of a PBF). Copy 0 is the original, with its own administrative boundaries (Monaco
at admin_level 8; Beausoleil and the other French communes only partly inside the file); the
other copies drop theirs (they would repeat the same names). A few communes named like French
ones are added (squares and one diamond, admin_level 8, ``ref:INSEE``), and one département
around the whole grid (admin_level 6). Written by streaming with pyosmium: only Monaco (30,626
nodes) is held in memory, whatever the number of copies.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import osmium

#: Ids of copy k are the original ids plus k * ID_OFFSET (Monaco's largest id is 1.15e10).
ID_OFFSET = 10**11
#: The grid's cell, in degrees: wider than Monaco's data (0.041° × 0.030°), so copies never
#: overlap.
CELL_DEG = (0.05, 0.035)
#: Monaco's centre, in copy 0.
MONACO_CENTRE = (7.4262, 43.7380)


@dataclass(frozen=True)
class SyntheticCommune:
    """A square (or diamond) commune centred on a copy's Monaco centre (half-sides or
    half-diagonals in degrees)."""

    name: str
    insee: str
    copy: int
    half_deg: tuple[float, float] = (0.010, 0.007)
    diamond: bool = False


#: Communes named like French ones; "Saint-Martin" twice (homonyms, told apart by INSEE code).
SYNTHETIC_COMMUNES = (
    SyntheticCommune("Sainte-Agnès-sur-Grille", "06901", 1, (0.014, 0.010), diamond=True),
    SyntheticCommune("Saint-Martin", "06902", 2),
    SyntheticCommune("Saint-Martin", "06903", 3),
    SyntheticCommune("Beaulieu-les-Copies", "06904", 1, (0.004, 0.003)),
)
DEPARTEMENT_NAME = "Copies-Maritimes"


def copy_offset(copy: int, cols: int) -> tuple[float, float]:
    """(dlon, dlat) of a copy, in degrees."""
    return (copy % cols) * CELL_DEG[0], (copy // cols) * CELL_DEG[1]


def copy_centre(copy: int, cols: int) -> tuple[float, float]:
    """(lon, lat) of a copy's Monaco centre."""
    dlon, dlat = copy_offset(copy, cols)
    return MONACO_CENTRE[0] + dlon, MONACO_CENTRE[1] + dlat


def replicated_monaco(
    source: Path,
    target: Path,
    cols: int,
    rows: int,
    communes: tuple[SyntheticCommune, ...] = SYNTHETIC_COMMUNES,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Write ``cols × rows`` copies of the Monaco extract ``source`` to the PBF ``target``
    (atomically), with the synthetic communes of copies that exist; returns ``target``."""
    copies = cols * rows
    nodes, ways, relations = _read(source)
    extra_nodes, extra_ways, extra_relations = _boundaries(
        [c for c in communes if c.copy < copies], cols, rows, base=copies * ID_OFFSET
    )
    header = osmium.io.Header()
    west, south = MONACO_CENTRE[0] - CELL_DEG[0] / 2, MONACO_CENTRE[1] - CELL_DEG[1] / 2
    header.add_box(
        osmium.osm.Box(west, south, west + cols * CELL_DEG[0], south + rows * CELL_DEG[1])
    )
    partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.part")
    done = 0
    total = 3 * copies
    with osmium.SimpleWriter(osmium.io.File(str(partial), "pbf"), header=header) as writer:
        for kind, objects, add in (
            ("n", nodes, writer.add_node),
            ("w", ways, writer.add_way),
            ("r", relations, writer.add_relation),
        ):
            for copy in range(copies):
                for obj in _shifted(kind, objects, copy, cols):
                    add(obj)
                done += 1
                if progress is not None:
                    progress(done / total)
            extra = {"n": extra_nodes, "w": extra_ways, "r": extra_relations}[kind]
            for obj in extra:
                add(obj)
    partial.replace(target)
    return target


def _read(source: Path) -> tuple[list, list, list]:
    """Monaco's nodes, ways and relations as plain tuples (ids, coordinates, tags, members)."""
    nodes, ways, relations = [], [], []
    for obj in osmium.FileProcessor(str(source)):
        tags = [(t.k, t.v) for t in obj.tags]
        if obj.is_node():
            nodes.append((obj.id, obj.location.lon, obj.location.lat, tags))
        elif obj.is_way():
            ways.append((obj.id, [n.ref for n in obj.nodes], tags))
        elif obj.is_relation():
            members = [(m.type, m.ref, m.role) for m in obj.members]
            relations.append(
                (obj.id, members, tags, dict(tags).get("boundary") == "administrative")
            )
    return nodes, ways, relations


def _shifted(kind: str, objects: list, copy: int, cols: int) -> Iterator:
    """Copy ``copy`` of Monaco's objects of one kind, as pyosmium mutable objects."""
    offset = copy * ID_OFFSET
    if kind == "n":
        dlon, dlat = copy_offset(copy, cols)
        for oid, lon, lat, tags in objects:
            yield osmium.osm.mutable.Node(
                id=oid + offset, location=(lon + dlon, lat + dlat), tags=tags
            )
    elif kind == "w":
        for oid, refs, tags in objects:
            yield osmium.osm.mutable.Way(
                id=oid + offset, nodes=[r + offset for r in refs], tags=tags
            )
    else:
        for oid, members, tags, administrative in objects:
            if administrative and copy > 0:
                continue
            shifted = [(t, ref + offset, role) for t, ref, role in members]
            yield osmium.osm.mutable.Relation(id=oid + offset, members=shifted, tags=tags)


def _boundaries(
    communes: list[SyntheticCommune], cols: int, rows: int, base: int
) -> tuple[list, list, list]:
    """Nodes, closed ways and boundary relations of the communes and of the département
    around the grid (ids from ``base`` up, above every copy's)."""
    shapes = [
        (c.name, c.insee, "8", copy_centre(c.copy, cols), c.half_deg, c.diamond) for c in communes
    ]
    centre = (
        MONACO_CENTRE[0] + (cols - 1) * CELL_DEG[0] / 2,
        MONACO_CENTRE[1] + (rows - 1) * CELL_DEG[1] / 2,
    )
    half = (cols * CELL_DEG[0] / 2, rows * CELL_DEG[1] / 2)
    shapes.append((DEPARTEMENT_NAME, "06", "6", centre, half, False))
    nodes, ways, relations = [], [], []
    for index, (name, ref, level, (lon, lat), (hx, hy), diamond) in enumerate(shapes):
        corners = (
            [(lon, lat - hy), (lon + hx, lat), (lon, lat + hy), (lon - hx, lat)]
            if diamond
            else [
                (lon - hx, lat - hy),
                (lon + hx, lat - hy),
                (lon + hx, lat + hy),
                (lon - hx, lat + hy),
            ]
        )
        ids = [base + 4 * index + i + 1 for i in range(4)]
        nodes += [
            osmium.osm.mutable.Node(id=i, location=c) for i, c in zip(ids, corners, strict=True)
        ]
        way_id = base + index + 1
        ways.append(
            osmium.osm.mutable.Way(
                id=way_id, nodes=[*ids, ids[0]], tags=[("boundary", "administrative")]
            )
        )
        tags = [
            ("type", "boundary"),
            ("boundary", "administrative"),
            ("admin_level", level),
            ("name", name),
            ("ref:INSEE", ref),
        ]
        relations.append(
            osmium.osm.mutable.Relation(id=way_id, members=[("w", way_id, "outer")], tags=tags)
        )
    return nodes, ways, relations
