"""The accounts table of the store: local accounts (Argon2id hashes) and single-sign-on accounts.

An administrator creates accounts with ``python -m planner accounts add``; the app signs users in
against them. A single-sign-on (OIDC) account has no password: the identity provider vouches for
the e-mail, the store gives the role. When the store holds no account, the app runs as one local
planner (the demo).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from scenarios.accounts import (
    Account,
    Actor,
    Role,
    check_username,
    hash_password,
    parse_role,
    password_matches,
)
from scenarios.errors import AccessDenied, AccountError

ACCOUNT_COLUMNS = "username, role, display_name, sso, disabled, created_at"


class AccountStore:
    """Account methods shared by every store (the base of :class:`ScenarioStore`, whose
    backends give the connection and the write transaction)."""

    def _connect(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _execute(self, conn: Any, query: str, params: tuple = ()) -> Any:
        raise NotImplementedError

    def add_account(
        self,
        username: str,
        role: Role | str,
        password: str | None = None,
        display_name: str = "",
        sso: bool = False,
    ) -> Account:
        """A new account: a local one needs a password, an SSO one has none."""
        username = check_username(username.strip().lower())
        role = parse_role(str(role))
        password_hash = None if sso else hash_password(password or "")
        now = datetime.now(UTC).replace(microsecond=0)
        with self._transaction() as conn:
            if self._account_row(conn, username) is not None:
                raise AccountError("account_exists", username=username)
            self._execute(
                conn,
                "INSERT INTO accounts (username, display_name, role, password_hash, sso, "
                "disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)",
                (username, display_name, role.value, password_hash, int(sso), now.isoformat()),
            )
        return Account(username, role, display_name, sso, False, now)

    def accounts(self) -> list[Account]:
        with self._connect() as conn:
            rows = self._execute(
                conn, f"SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY username"
            ).fetchall()
        return [_account(row) for row in rows]

    def has_accounts(self) -> bool:
        """Whether any account exists, disabled ones included (the demo is refused once one
        does: disabling every account never opens the app to anonymous planners)."""
        with self._connect() as conn:
            return self._has_accounts(conn)

    def _has_accounts(self, conn: Any) -> bool:
        return self._execute(conn, "SELECT 1 FROM accounts LIMIT 1").fetchone() is not None

    def live_actor(self, actor: Actor) -> Actor:
        """``actor`` as its account is now (role and name re-read); AccessDenied if the account
        is disabled or gone, or if a demo actor meets a store that holds accounts."""
        with self._connect() as conn:
            return self._live_actor(conn, actor)

    def _live_actor(self, conn: Any, actor: Actor) -> Actor:
        """:meth:`live_actor` on ``conn`` (a write transaction re-reads it there)."""
        if actor.demo:
            if self._has_accounts(conn):
                raise AccessDenied("demo_refused")
            return actor
        row = self._account_row(conn, actor.username)
        if row is None or row[4]:
            raise AccessDenied("account_inactive", who=actor.label)
        account = _account(row[:-1])
        return Actor(account.username, account.role, account.display_name)

    def authenticate(self, username: str, password: str) -> Actor:
        """The actor for a user name and password; one message for every failure (no hint
        whether the name exists)."""
        with self._connect() as conn:
            row = self._account_row(conn, username.strip().lower()[:80])
        password_hash = row[-1] if row is not None and not row[4] else None
        if not password_matches(password_hash, password[:1024]):
            raise AccountError("login_failed")
        account = _account(row[:-1])
        return Actor(account.username, account.role, account.display_name)

    def sso_actor(self, email: str) -> Actor:
        """The actor of a user signed in by the identity provider with this e-mail."""
        with self._connect() as conn:
            row = self._account_row(conn, email.strip().lower()[:80])
        if row is None or row[4] or not row[3]:
            raise AccountError("sso_unknown", email=email[:80])
        account = _account(row[:-1])
        return Actor(account.username, account.role, account.display_name)

    def set_password(self, username: str, password: str) -> None:
        self._update_account(username, "password_hash = ?, sso = 0", hash_password(password))

    def set_role(self, username: str, role: Role | str) -> None:
        self._update_account(username, "role = ?", parse_role(str(role)).value)

    def set_disabled(self, username: str, disabled: bool) -> None:
        self._update_account(username, "disabled = ?", int(disabled))

    def _update_account(self, username: str, assignment: str, value: Any) -> None:
        with self._transaction() as conn:
            if self._account_row(conn, username) is None:
                raise AccountError("account_unknown", username=username)
            self._execute(
                conn, f"UPDATE accounts SET {assignment} WHERE username = ?", (value, username)
            )

    def _account_row(self, conn: Any, username: str) -> tuple | None:
        return self._execute(
            conn,
            f"SELECT {ACCOUNT_COLUMNS}, password_hash FROM accounts WHERE username = ?",
            (username,),
        ).fetchone()


def _account(row: tuple) -> Account:
    username, role, display_name, sso, disabled, created_at = row
    return Account(
        username,
        Role(role),
        display_name,
        bool(sso),
        bool(disabled),
        datetime.fromisoformat(created_at),
    )
