"""Reading a user's file within a size limit: at most the limit + 1 byte is ever read.

A path given on the command line may be a link to ``/dev/zero``, a FIFO or a device: only a
regular file is read, and never more than one byte past the limit, so a special or huge file
fails at once with one clear message instead of reading until memory runs out.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from planner.errors import InputFileError, PlannerError


def read_limited(path: Path, limit: int, too_large: Callable[[], PlannerError]) -> bytes:
    """The bytes of the regular file ``path`` (symbolic links followed); ``too_large()`` is
    raised if it holds more than ``limit`` bytes, InputFileError if it is missing or special."""
    try:
        mode = path.stat().st_mode
    except OSError:
        raise InputFileError("input_file_missing", name=path.name) from None
    if not stat.S_ISREG(mode):
        raise InputFileError("input_file_special", name=path.name)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as err:
        raise InputFileError("input_file_unreadable", name=path.name, reason=err.strerror) from None
    if len(data) > limit:
        raise too_large()
    return data
