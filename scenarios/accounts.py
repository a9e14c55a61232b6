"""Accounts and roles: who may change what in a scenario, and how passwords are kept.

Three roles (the services that work on one metropolitan plan):

- ``planner`` edits plans: every part of a scenario, creates and restores scenarios;
- ``exercise_lead`` edits the exercise timeline (injects and hazards) and runs replays; creates
  exercise scenarios;
- ``liaison`` (prefecture) reads and exports only.

The rules are checked by the store on every write (:func:`authorize_create`,
:func:`authorize_save`), whatever the caller: hiding buttons in the app is a convenience, not the
enforcement. Passwords are hashed with Argon2id (argon2-cffi, OWASP's first choice); a hash never
leaves the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from scenarios.errors import AccessDenied, AccountError
from scenarios.model import Scenario


class Role(StrEnum):
    PLANNER = "planner"
    EXERCISE_LEAD = "exercise_lead"
    LIAISON = "liaison"


#: The parts of a scenario that make up the exercise timeline (the exercise lead's).
EXERCISE_FIELDS = frozenset({"hazards", "injects"})
#: Stamped by the store on every save: never a user's change.
STORE_FIELDS = frozenset({"authorship"})
MIN_PASSWORD_LENGTH = 10
USERNAME = re.compile(r"^[a-z0-9._@-]{2,64}$")

_HASHER = PasswordHasher()  # Argon2id, the library's (RFC 9106) defaults


@dataclass(frozen=True)
class Actor:
    """Who is acting: the account name recorded with every save, and its role. ``demo`` marks
    the demo's local planner (``VIGIE_DEMO=1``), who has no account: the store accepts it only
    while it holds no account at all."""

    username: str
    role: Role
    display_name: str = ""
    demo: bool = False

    @property
    def label(self) -> str:
        return self.display_name or self.username

    def can_edit_plan(self) -> bool:
        return self.role is Role.PLANNER

    def can_edit_exercise(self) -> bool:
        return self.role in (Role.PLANNER, Role.EXERCISE_LEAD)

    def can_create(self) -> bool:
        return self.role in (Role.PLANNER, Role.EXERCISE_LEAD)

    def editable_fields(self, fields: set[str]) -> set[str]:
        """Which of ``fields`` (top-level scenario fields) this actor may change."""
        if self.role is Role.PLANNER:
            return set(fields)
        if self.role is Role.EXERCISE_LEAD:
            return fields & EXERCISE_FIELDS
        return set()


@dataclass(frozen=True)
class Account:
    """A stored account, as listed (never with its password hash)."""

    username: str
    role: Role
    display_name: str
    sso: bool
    disabled: bool
    created_at: datetime


def parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(
            "account_bad_role", role=role, roles=", ".join(r.value for r in Role)
        ) from None


def check_username(username: str) -> str:
    if not USERNAME.fullmatch(username):
        raise AccountError("account_bad_name", username=username[:80])
    return username


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short", minimum=MIN_PASSWORD_LENGTH)
    return _HASHER.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with no hash (unknown user, SSO account) a dummy hash is
    still verified, so a wrong user name costs as long as a wrong password."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = _HASHER.hash("not a password of anyone")


def changed_fields(before: Scenario, after: Scenario) -> set[str]:
    """The top-level fields in which two documents differ (authorship excepted)."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)} - set(
        STORE_FIELDS
    )


def authorize_create(actor: Actor, scenario: Scenario) -> None:
    """AccessDenied unless ``actor`` may store ``scenario`` as a new scenario."""
    if actor.role is Role.LIAISON:
        raise AccessDenied("access_denied_liaison", who=actor.label, role=actor.role.value)
    if actor.role is Role.EXERCISE_LEAD and scenario.kind != "exercise":
        raise AccessDenied("access_denied_create", who=actor.label, role=actor.role.value)


def authorize_save(actor: Actor, head: Scenario, scenario: Scenario) -> None:
    """AccessDenied unless ``actor`` may turn the latest version ``head`` into ``scenario``."""
    if actor.role is Role.LIAISON:
        raise AccessDenied("access_denied_liaison", who=actor.label, role=actor.role.value)
    changed = changed_fields(head, scenario)
    refused = changed - actor.editable_fields(changed)
    if refused:
        raise AccessDenied(
            "access_denied_fields",
            who=actor.label,
            role=actor.role.value,
            fields=", ".join(sorted(refused)),
        )
