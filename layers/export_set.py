"""Every export of one plan at one sheet setting, each written once, when first asked.

The app prepares a plan's exports for the prefecture: the sheet's preview at once, then each
file (PDF, PNG, GeoPackage, GeoJSON, KML, HTML) when its download is clicked, written by
:func:`layers.export_files.write_export` — the sheet's PDF, PNG and preview from one drawing of
its map page (:class:`layers.sheet.Sheet`). The sets are kept per server by content (the plan's
inputs, its title block — version, marking, fingerprint — and the sheet's paper, orientation
and language), so a plan exported twice, by one session or two, is written once.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Hashable
from pathlib import Path

from layers.export_files import write_export
from layers.sheet import SHEET_DPI, Sheet
from planner.area import Area
from planner.export_layers import PlanLayers
from planner.memo import Memo


class ExportSet:
    """A plan's exports at one setting; ``stem`` names the files (a GeoPackage's stored project
    refers to its own file by name)."""

    def __init__(
        self, area: Area, layers: PlanLayers, paper: str, orientation: str, lang: str, stem: str
    ) -> None:
        self._area, self._layers, self._stem = area, layers, stem
        self._paper, self._orientation, self._lang = paper, orientation, lang
        self._sheet: Sheet | None = None
        self._files: dict[str, bytes] = {}
        self._lock = threading.Lock()  # one file written at a time (the sheet's figure)
        self.version = layers.meta.version_label()

    def _drawn(self) -> Sheet:
        if self._sheet is None:
            self._sheet = Sheet(
                self._area, self._layers, self._paper, self._orientation, self._lang
            )
        return self._sheet

    def preview(self, dpi: int) -> bytes:
        """The map page as a PNG at ``dpi`` (the app's preview)."""
        return self._written(f"preview-{dpi}", lambda path: self._drawn().png(path, dpi), "png")

    def file(self, fmt: str) -> bytes:
        """The export as ``fmt`` (one of :data:`planner.exports.FORMATS`)."""

        def write(path: Path) -> None:
            if fmt == "pdf":
                self._drawn().pdf(path)
            elif fmt == "png":
                self._drawn().png(path, SHEET_DPI)
            else:
                write_export(
                    self._area, self._layers, fmt, path, self._paper, self._orientation, self._lang
                )

        return self._written(fmt, write, fmt)

    def _written(self, name: str, write, suffix: str) -> bytes:
        with self._lock:
            if name not in self._files:
                with tempfile.TemporaryDirectory(prefix="vigie-export-") as tmp:
                    path = Path(tmp) / f"{self._stem}.{suffix}"
                    write(path)
                    self._files[name] = path.read_bytes()
            return self._files[name]


#: A few plans' exports per server (files of a few MB each).
_SETS: Memo[ExportSet] = Memo(8)


def export_set(
    key: Hashable,
    area: Area,
    layers: PlanLayers,
    paper: str,
    orientation: str,
    lang: str,
    stem: str,
) -> ExportSet:
    """The export set of ``key`` (what decides the layers: the plan's inputs and its title
    block), made once per server."""
    return _SETS.get(
        (key, paper, orientation, lang, stem),
        lambda: ExportSet(area, layers, paper, orientation, lang, stem),
    )
