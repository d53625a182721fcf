"""Local accounts with Argon2id password hashes, single sign-on accounts, and sign-in checks.

No default account and no default password exist: the first administrator is created with
``python -m dashboard users add NAME --role admin``. Failed sign-ins are counted per account;
from the third in a row, each further try waits (2, 4, 8 … up to 300 seconds) before the password
is even checked, so guessing is slow, and the count and the lock are kept in the database.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from dashboard.access.roles import ROLES, User
from dashboard.errors import DashboardError

#: OWASP's minimum for a password without other factors.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
#: Failed sign-ins in a row that are free; each one after that doubles the wait.
FREE_FAILURES = 2
MAX_LOCK_SECONDS = 300
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$")

_hasher = PasswordHasher()  # Argon2id with argon2-cffi's RFC 9106 low-memory profile
#: Verified against when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class AccountError(DashboardError):
    """An account cannot be created or changed as asked."""


class SignInFailed(DashboardError):
    """The user name or password is wrong, the account is disabled, or tries are slowed down."""


def _check_username(username: str) -> str:
    if not isinstance(username, str) or not USERNAME.match(username):
        raise AccountError(key="errors.bad_username", username=repr(username))
    return username


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(key="errors.bad_role", role=repr(role), roles=", ".join(ROLES))
    return role


def _check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(key="errors.short_password", length=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(key="errors.long_password", length=MAX_PASSWORD_LENGTH)
    return password


def _exists(conn: duckdb.DuckDBPyConnection, username: str) -> bool:
    row = conn.execute("SELECT 1 FROM accounts WHERE username = ?", [username]).fetchone()
    return row is not None


def _need(conn: duckdb.DuckDBPyConnection, username: str) -> None:
    if not _exists(conn, username):
        raise AccountError(key="errors.no_account", username=repr(username))


def create_account(
    conn: duckdb.DuckDBPyConnection, username: str, password: str | None, role: str
) -> None:
    """Create an account. ``password=None`` makes a single sign-on account (the e-mail as
    user name), which can only sign in through the identity provider."""
    _check_username(username)
    _check_role(role)
    hashed = None if password is None else _hasher.hash(_check_password(password))
    if _exists(conn, username):
        raise AccountError(key="errors.account_exists", username=repr(username))
    conn.execute(
        "INSERT INTO accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, now())",
        [username, hashed, role],
    )


def set_password(conn: duckdb.DuckDBPyConnection, username: str, password: str) -> None:
    """A new password; failed sign-ins and the lock are cleared."""
    _need(conn, username)
    hashed = _hasher.hash(_check_password(password))
    conn.execute(
        "UPDATE accounts SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL "
        "WHERE username = ?",
        [hashed, username],
    )


def set_role(conn: duckdb.DuckDBPyConnection, username: str, role: str) -> None:
    """Give an account another role (the last enabled administrator keeps theirs)."""
    _need(conn, username)
    _check_role(role)
    if role != "admin":
        _keep_an_admin(conn, username)
    conn.execute("UPDATE accounts SET role = ? WHERE username = ?", [role, username])


def set_disabled(conn: duckdb.DuckDBPyConnection, username: str, disabled: bool) -> None:
    """Disable an account (it can no longer sign in) or enable it again."""
    _need(conn, username)
    if disabled:
        _keep_an_admin(conn, username)
    conn.execute(
        "UPDATE accounts SET disabled = ?, failed_sign_ins = 0, locked_until = NULL "
        "WHERE username = ?",
        [disabled, username],
    )


def remove_account(conn: duckdb.DuckDBPyConnection, username: str) -> None:
    """Delete an account (the audit log keeps what it did)."""
    _need(conn, username)
    _keep_an_admin(conn, username)
    conn.execute("DELETE FROM accounts WHERE username = ?", [username])


def _keep_an_admin(conn: duckdb.DuckDBPyConnection, username: str) -> None:
    others = conn.execute(
        "SELECT count(*) FROM accounts WHERE role = 'admin' AND NOT disabled AND username <> ?",
        [username],
    ).fetchone()[0]
    is_admin = conn.execute(
        "SELECT count(*) FROM accounts WHERE role = 'admin' AND NOT disabled AND username = ?",
        [username],
    ).fetchone()[0]
    if is_admin and not others:
        raise AccountError(key="errors.last_admin", username=repr(username))


def list_accounts(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash: username, role, kind (local or sso), disabled, failed
    sign-ins, locked until, created, last sign-in."""
    return conn.execute(
        "SELECT username, role, CASE WHEN password_hash IS NULL THEN 'sso' ELSE 'local' END "
        "AS kind, disabled, failed_sign_ins, locked_until, created_at, last_sign_in "
        "FROM accounts ORDER BY username"
    ).df()


def has_accounts(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when at least one enabled account exists (sign-in can work)."""
    return conn.execute("SELECT count(*) FROM accounts WHERE NOT disabled").fetchone()[0] > 0


def lock_seconds(failures: int) -> int:
    """How long the next try waits after ``failures`` failed sign-ins in a row."""
    if failures <= FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS)


def authenticate(
    conn: duckdb.DuckDBPyConnection, username: str, password: str, now: datetime | None = None
) -> User:
    """The account's user when the password matches; else :class:`SignInFailed` (the message
    does not say whether the name or the password was wrong)."""
    now = now or datetime.now()
    row = conn.execute(
        "SELECT password_hash, role, disabled, failed_sign_ins, locked_until "
        "FROM accounts WHERE username = ?",
        [username],
    ).fetchone()
    if row is None or row[0] is None:
        _verify(_DUMMY_HASH, password)
        raise SignInFailed(key="errors.sign_in_failed")
    hashed, role, disabled, failures, locked_until = row
    if locked_until is not None and locked_until > now:
        wait = max(1, int((locked_until - now).total_seconds() + 0.999))
        raise SignInFailed(key="errors.sign_in_locked", seconds=wait)
    if disabled or not _verify(hashed, password):
        failures += 1
        lock = lock_seconds(failures)
        conn.execute(
            "UPDATE accounts SET failed_sign_ins = ?, locked_until = ? WHERE username = ?",
            [failures, now + timedelta(seconds=lock) if lock else None, username],
        )
        raise SignInFailed(key="errors.sign_in_failed")
    conn.execute(
        "UPDATE accounts SET failed_sign_ins = 0, locked_until = NULL, last_sign_in = ? "
        "WHERE username = ?",
        [now, username],
    )
    if _hasher.check_needs_rehash(hashed):
        conn.execute(
            "UPDATE accounts SET password_hash = ? WHERE username = ?",
            [_hasher.hash(password), username],
        )
    return User(username, role, "local")


def _verify(hashed: str, password: str) -> bool:
    if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def sso_user(conn: duckdb.DuckDBPyConnection, email: str | None, default_role: str | None) -> User:
    """The user for a person signed in through the identity provider: the role of their
    account (user name = e-mail), else ``default_role``; refused when neither exists."""
    if not email:
        raise SignInFailed(key="errors.sso_no_email")
    row = conn.execute(
        "SELECT username, role, disabled FROM accounts WHERE lower(username) = lower(?)", [email]
    ).fetchone()
    if row is not None:
        username, role, disabled = row
        if disabled:
            raise SignInFailed(key="errors.sso_disabled", email=email)
        conn.execute("UPDATE accounts SET last_sign_in = now() WHERE username = ?", [username])
        return User(username, role, "sso")
    if default_role in ROLES:
        return User(email, default_role, "sso")
    raise SignInFailed(key="errors.sso_unknown", email=email)
