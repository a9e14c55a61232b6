"""Bounded, thread-safe memos shared by every session of a server, and content keys for them.

The plan pipeline (:mod:`planner.pipeline`) and its stages (:mod:`planner.plan_stages`, the
ground at an access, a sector's measure) cache what they compute by the content of exactly
what decides it: :func:`content_key` hashes plain values, frozen dataclasses and shapely
geometries (by WKB, so projected geometries computed twice from the same inputs share a key).
Every memo registers itself, so :func:`clear_all` forgets every cached stage at once (tests).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from shapely.geometry.base import BaseGeometry

from planner.errors import PlannerError

T = TypeVar("T")

_REGISTRY: list[Memo] = []


class Memo(Generic[T]):
    """A bounded LRU cache, safe across threads; one computation per key at a time (a second
    caller of the same key waits for the first instead of computing it again). A PlannerError
    is an outcome too: kept and raised again to each caller."""

    def __init__(self, capacity: int, register: bool = True) -> None:
        """``register``: forgotten by :func:`clear_all` (a memo held by a cached object, such as
        a coverage scene's, is forgotten with it instead, and is not kept alive by the list)."""
        self._items: OrderedDict[Hashable, tuple[T | None, PlannerError | None]] = OrderedDict()
        self._pending: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self._capacity = capacity
        self.computed = 0  # how many times a value was computed (tests, bench)
        if register:
            _REGISTRY.append(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    value, error = self._items[key]
                    if error is not None:
                        raise error
                    return value  # type: ignore[return-value]
                waiting = self._pending.get(key)
                if waiting is None:
                    self._pending[key] = threading.Event()
            if waiting is not None:
                waiting.wait()
                continue
            try:
                outcome: tuple[T | None, PlannerError | None] = (compute(), None)
            except PlannerError as err:
                outcome = (None, err)
            except BaseException:
                with self._lock:
                    self._pending.pop(key).set()
                raise
            with self._lock:
                self._items[key] = outcome
                self.computed += 1
                while len(self._items) > self._capacity:
                    self._items.popitem(last=False)
                self._pending.pop(key).set()
            value, error = outcome
            if error is not None:
                raise error
            return value  # type: ignore[return-value]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def clear_all() -> None:
    """Forget what every memo holds (tests)."""
    for memo in _REGISTRY:
        memo.clear()


def content_key(*values: Any, ordered: bool = False) -> str:
    """The sha256 (hex) of ``values``' content (see :func:`canonical`); ``ordered`` keeps the
    order of dicts' items (a plan's sectors: their order is the order of its tables)."""
    content = [canonical(v, ordered) for v in values]
    text = json.dumps(content, sort_keys=not ordered, ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def canonical(value: Any, ordered: bool = False) -> Any:
    """``value`` as JSON-ready data that two equal values share (dataclasses by field, dicts
    sorted unless ``ordered``, bytes and geometries as hex WKB, floats by ``repr`` when not
    finite)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "__type__": type(value).__name__,
            **{
                f.name: canonical(getattr(value, f.name), ordered)
                for f in dataclasses.fields(value)
            },
        }
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, BaseGeometry):
        return value.wkb_hex
    if isinstance(value, dict):
        items = value.items() if ordered else sorted(value.items(), key=lambda kv: str(kv[0]))
        if ordered:
            return [[str(k), canonical(v, ordered)] for k, v in items]
        return {str(k): canonical(v, ordered) for k, v in items}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [canonical(v, ordered) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value
