"""The audit log: who did what and when (sign-ins, imports, clears, downloads of customer lists…).

Rows are only ever added. Writing one does not bump the data version: the log is not data the
pages analyse, so a download never makes the dashboard recompute.
"""

from __future__ import annotations

import getpass

import duckdb
import pandas as pd

#: The actions the log records, so that a typo cannot invent a new one.
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "session_expired",
    "import",
    "clear",
    "demo_load",
    "demo_remove",
    "download",
    "export",
    "report",
    "campaign_create",
    "customer_merge",
    "customer_unmerge",
    "account_create",
    "account_change",
    "account_remove",
)


def record(
    conn: duckdb.DuckDBPyConnection,
    actor: str,
    action: str,
    detail: str = "",
    rows: int | None = None,
) -> None:
    """Add one event: ``actor`` (a user name, ``cli:<os user>``), ``action`` (one of
    :data:`ACTIONS`), what it was about and how many rows it touched."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}.")
    conn.execute(
        "INSERT INTO audit_log "
        "SELECT coalesce(max(event_id), 0) + 1, now(), ?, ?, ?, ? FROM audit_log",
        [str(actor), action, str(detail or ""), None if rows is None else int(rows)],
    )


def command_actor() -> str:
    """How the log names whoever runs a command on the server: ``cli:<operating-system user>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (a container)
        return "cli:unknown"


def recent(
    conn: duckdb.DuckDBPyConnection, limit: int = 200, action: str | None = None
) -> pd.DataFrame:
    """The latest events first: event_id, occurred_at, actor, action, detail, rows."""
    where, params = ("WHERE action = ?", [action]) if action else ("", [])
    return conn.execute(
        f"SELECT event_id, occurred_at, actor, action, detail, rows FROM audit_log {where} "
        "ORDER BY event_id DESC LIMIT ?",
        [*params, int(limit)],
    ).df()
