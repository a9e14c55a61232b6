"""Where the planner keeps its files: fetched demo data and processed-area caches.

Both live in the user's data/cache directories by default and can be moved with environment
variables (``VIGIE_DATA_DIR``, ``VIGIE_CACHE_DIR``), which tests and CI use.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "vigie"


def data_dir() -> Path:
    """Directory of fetched data (demo extracts); created on demand."""
    path = Path(os.environ.get("VIGIE_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Directory of processed areas and converted uploads; safe to delete."""
    path = Path(os.environ.get("VIGIE_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
