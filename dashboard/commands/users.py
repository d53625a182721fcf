"""`python -m dashboard users ...` (accounts) and `python -m dashboard audit` (the audit log).

Whoever runs a command on the server holds the database file, so commands act as an
administrator; the audit log names them ``cli:<operating-system user>``.
"""

from __future__ import annotations

import getpass
import sys

from dashboard import cli
from dashboard.access import accounts, audit
from dashboard.access.roles import ROLES
from dashboard.errors import DashboardError


def register(subparsers) -> None:
    """Add the `users` and `audit` commands."""
    users = subparsers.add_parser(
        "users", help="accounts for sign-in: add, list, passwd, role, disable, enable, remove"
    )
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="create an account (the first one: --role admin)")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument(
        "--sso",
        action="store_true",
        help="a single sign-on account: the user name is the e-mail the identity provider "
        "gives; no password",
    )
    _password_options(add)
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="every account with its role (no passwords)")
    listing.set_defaults(handler=run_list)

    passwd = actions.add_parser("passwd", help="set a new password (clears a lock)")
    passwd.add_argument("username")
    _password_options(passwd)
    passwd.set_defaults(handler=run_passwd)

    role = actions.add_parser("role", help="give an account another role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(handler=run_role)

    for name, disabled in (("disable", True), ("enable", False)):
        parser = actions.add_parser(name, help=f"{name} an account")
        parser.add_argument("username")
        parser.set_defaults(handler=run_disable, disabled=disabled)

    remove = actions.add_parser("remove", help="delete an account (the audit log keeps its deeds)")
    remove.add_argument("username")
    remove.set_defaults(handler=run_remove)

    for parser in actions.choices.values():
        cli.add_common(parser)

    log = subparsers.add_parser("audit", help="the audit log: who did what, when, how many rows")
    log.add_argument("--limit", type=int, default=100, help="how many events (latest first)")
    log.add_argument("--action", choices=audit.ACTIONS, help="only this kind of event")
    cli.add_common(log)
    log.set_defaults(handler=run_audit)


def _password_options(parser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts); "
        "otherwise it is asked for twice, without echo",
    )


NO_PASSWORD = "No password given: type it when asked, or pipe it in with --password-stdin."


def read_password(args) -> str:
    """The new password: one line of stdin with --password-stdin, else asked twice."""
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        if not password:
            raise DashboardError(NO_PASSWORD)
        return password
    if not sys.stdin.isatty():
        raise DashboardError(NO_PASSWORD)
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise DashboardError("The two passwords differ: type the same password twice.")
    return first


def _change(args, change, action: str, detail: str) -> dict:
    conn = cli.open_database(args, create=action == "account_create")
    try:
        conn.execute("BEGIN TRANSACTION")
        try:
            change(conn)
            audit.record(conn, audit.command_actor(), action, detail)
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        return {"accounts": accounts.list_accounts(conn).to_dict("records")}
    finally:
        conn.close()


def run_add(args) -> dict:
    """Create an account; its password is read before the database is touched."""
    password = None if args.sso else read_password(args)
    return _change(
        args,
        lambda conn: accounts.create_account(conn, args.username, password, args.role),
        "account_create",
        f"{args.username} ({args.role}{', sso' if args.sso else ''})",
    )


def run_passwd(args) -> dict:
    """Set a new password."""
    password = read_password(args)
    return _change(
        args,
        lambda conn: accounts.set_password(conn, args.username, password),
        "account_change",
        f"{args.username}: new password",
    )


def run_role(args) -> dict:
    """Change an account's role."""
    return _change(
        args,
        lambda conn: accounts.set_role(conn, args.username, args.role),
        "account_change",
        f"{args.username}: role {args.role}",
    )


def run_disable(args) -> dict:
    """Disable or enable an account."""
    state = "disabled" if args.disabled else "enabled"
    return _change(
        args,
        lambda conn: accounts.set_disabled(conn, args.username, args.disabled),
        "account_change",
        f"{args.username}: {state}",
    )


def run_remove(args) -> dict:
    """Delete an account."""
    return _change(
        args,
        lambda conn: accounts.remove_account(conn, args.username),
        "account_remove",
        args.username,
    )


def run_list(args) -> dict:
    """Every account."""
    conn = cli.open_database(args)
    try:
        return {"accounts": accounts.list_accounts(conn).to_dict("records")}
    finally:
        conn.close()


def run_audit(args) -> dict:
    """The latest events of the audit log."""
    conn = cli.open_database(args)
    try:
        events = audit.recent(conn, limit=args.limit, action=args.action)
        return {"events": events.to_dict("records")}
    finally:
        conn.close()
