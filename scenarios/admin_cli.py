"""The administrator's commands: ``python -m planner accounts add|list|passwd|role|disable|enable``.

Run on the server by whoever administers the store (it needs the store's URL, as the app does).
Passwords are read from the terminal without echo (twice), or from standard input with
``--password-stdin`` for automation; never from the command line, where they would stay in the
shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from scenarios.accounts import Role
from scenarios.errors import AccountError
from scenarios.store import open_store

STORE_HELP = "store URL or SQLite path (default: VIGIE_STORE, else the data directory's SQLite)"


def add_accounts_command(commands: argparse._SubParsersAction) -> None:
    """The ``accounts`` command and its sub-commands."""
    accounts = commands.add_parser("accounts", help="user accounts and roles (administrator)")
    actions = accounts.add_subparsers(required=True, metavar="ACTION")
    roles = [r.value for r in Role]

    add = actions.add_parser("add", help="create an account")
    add.add_argument("username", help="user name (an e-mail for a single-sign-on account)")
    add.add_argument("--role", required=True, help=f"one of: {', '.join(roles)}")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--sso", action="store_true", help="signs in through the identity provider")
    add.add_argument("--password-stdin", action="store_true", help="read the password on stdin")
    add.set_defaults(run=_add)

    listing = actions.add_parser("list", help="the accounts: name, role, kind, state")
    listing.set_defaults(run=_list)

    passwd = actions.add_parser("passwd", help="set a new password")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(run=_passwd)

    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("username")
    role.add_argument("role", help=f"one of: {', '.join(roles)}")
    role.set_defaults(run=_role)

    for name, disabled in [("disable", True), ("enable", False)]:
        toggle = actions.add_parser(name, help=f"{name} an account (nothing is deleted)")
        toggle.add_argument("username")
        toggle.set_defaults(run=_toggle, disabled=disabled)

    for parser in actions.choices.values():
        parser.add_argument("--store", help=STORE_HELP)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise AccountError("password_mismatch")
    return first


def _add(args: argparse.Namespace) -> int:
    store = open_store(args.store)
    password = None if args.sso else _password(args)
    account = store.add_account(args.username, args.role, password, args.name, sso=args.sso)
    print(f"{account.username}\t{account.role.value}\t{'sso' if account.sso else 'local'}")
    return 0


def _list(args: argparse.Namespace) -> int:
    for account in open_store(args.store, create=args.store is None).accounts():
        print(
            f"{account.username}\t{account.role.value}\t{'sso' if account.sso else 'local'}"
            f"\t{'disabled' if account.disabled else 'active'}\t{account.display_name}"
        )
    return 0


def _passwd(args: argparse.Namespace) -> int:
    open_store(args.store, create=args.store is None).set_password(args.username, _password(args))
    print(f"{args.username}\tpassword changed")
    return 0


def _role(args: argparse.Namespace) -> int:
    open_store(args.store, create=args.store is None).set_role(args.username, args.role)
    print(f"{args.username}\t{args.role}")
    return 0


def _toggle(args: argparse.Namespace) -> int:
    open_store(args.store, create=args.store is None).set_disabled(args.username, args.disabled)
    print(f"{args.username}\t{'disabled' if args.disabled else 'active'}")
    return 0
