"""The three roles and what each may do; masking of personal data for those who may not see it.

- **viewer**: every page, no personal data (names, e-mails and phones masked), no downloads of
  customer lists, no changes.
- **analyst**: what a marketer does: personal data, audiences and campaigns, segmentation runs and
  picks, analysis settings (cost model, tier rules), downloads of customer lists.
- **admin**: all of that, plus imports, clearing tables, demo data, accounts and the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.errors import DashboardError

ROLES = ("viewer", "analyst", "admin")

#: Each permission and the roles that hold it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLES),
    "personal_data": frozenset({"analyst", "admin"}),
    "download_customers": frozenset({"analyst", "admin"}),
    "campaigns": frozenset({"analyst", "admin"}),
    "segments": frozenset({"analyst", "admin"}),
    "settings": frozenset({"analyst", "admin"}),
    "import": frozenset({"admin"}),
    "clear": frozenset({"admin"}),
    "demo": frozenset({"admin"}),
    "accounts": frozenset({"admin"}),
    "audit": frozenset({"admin"}),
}

#: Columns that hold personal data; a viewer sees them masked.
PERSONAL_COLUMNS = ("name", "email", "phone")
MASK = "•••"


class AccessDenied(DashboardError):
    """The signed-in user's role does not allow the action."""


@dataclass(frozen=True)
class User:
    """Who is using the dashboard now.

    ``source`` is ``'local'`` (a password account), ``'sso'`` (single sign-on), ``'localhost'``
    (sign-in is off: the app is served on this machine only) or ``'cli'`` (a command).
    """

    name: str
    role: str
    source: str = "local"

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"Unknown role {self.role!r}: choose one of {', '.join(ROLES)}.")

    @property
    def actor(self) -> str:
        """How the audit log names this user."""
        return self.name if self.source in ("local", "sso") else f"{self.source}:{self.name}"


def allowed(user: User | None, permission: str) -> bool:
    """True when ``user`` holds ``permission`` (nobody signed in holds none)."""
    if permission not in PERMISSIONS:
        raise ValueError(f"Unknown permission {permission!r}.")
    return user is not None and user.role in PERMISSIONS[permission]


def require(user: User | None, permission: str) -> None:
    """Raise :class:`AccessDenied` unless ``user`` holds ``permission``."""
    if allowed(user, permission):
        return
    needed = min(PERMISSIONS[permission], key=ROLES.index)
    role = user.role if user else "nobody"
    raise AccessDenied(
        key="errors.access_denied",
        role=role,
        permission=permission,
        needed=needed,
    )


def mask_personal(frame: pd.DataFrame, user: User | None) -> pd.DataFrame:
    """The frame with names, e-mails and phones masked unless ``user`` may see personal data."""
    if allowed(user, "personal_data"):
        return frame
    columns = [c for c in frame.columns if c in PERSONAL_COLUMNS]
    if not columns:
        return frame
    masked = frame.copy()
    for column in columns:
        masked[column] = masked[column].map(lambda v: v if v is None or v != v else MASK)
    return masked


def mask_value(value, user: User | None):
    """One personal value (a name in a heading), masked unless ``user`` may see personal data."""
    if allowed(user, "personal_data") or value is None:
        return value
    return MASK
