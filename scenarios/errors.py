"""Errors of scenario files and of the store, with their French and English messages."""

from __future__ import annotations

from planner.errors import PlannerError


class ScenarioError(PlannerError):
    """A scenario file or document that cannot be used (its message says where and why)."""


class StoreError(PlannerError):
    """The store cannot do what was asked (unknown scenario or version, unavailable)."""


class ConflictError(StoreError):
    """Someone saved the scenario since the version this save was based on."""


class AccessDenied(StoreError):
    """The acting account's role does not allow this write (nothing was written)."""


class AccountError(StoreError):
    """An account cannot be created, found or signed in (bad name, role, password)."""
