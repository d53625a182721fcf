"""When sign-in is required and how long a signed-in session lasts.

Sign-in is off when the app is served on this machine only (``make run`` listens on 127.0.0.1)
and on as soon as it is served on another address, or when the settings say so
(``DASHBOARD_SIGN_IN=on`` or ``sign_in = "on"`` in ``.streamlit/secrets.toml``; ``off`` turns it
off even on an office server, for a trusted network only).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

MODES = ("auto", "on", "off")
SIGN_IN_ENV_VAR = "DASHBOARD_SIGN_IN"
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_local_address(address: str | None) -> bool:
    """True for an address that only this machine reaches (127.0.0.0/8, ::1, localhost).

    No address (``streamlit run`` without ``--server.address``) means every interface: not local.
    """
    if not address:
        return False
    host = address.strip().strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def sign_in_required(mode: str | None, server_address: str | None) -> bool:
    """Whether the app asks people to sign in, from the setting and the served address."""
    mode = (mode or "auto").strip().lower()
    if mode not in MODES:
        raise ValueError(
            f"The sign-in setting must be one of {', '.join(MODES)}, not {mode!r}: "
            f"set {SIGN_IN_ENV_VAR}=on, off or auto."
        )
    if mode == "auto":
        return not is_local_address(server_address)
    return mode == "on"


@dataclass(frozen=True)
class SessionRules:
    """A session ends after ``idle_minutes`` without a page run, and after ``max_hours`` at most."""

    idle_minutes: int = 30
    max_hours: int = 12

    def expired(self, signed_in_at: datetime, last_seen: datetime, now: datetime) -> bool:
        """True when a session signed in at ``signed_in_at`` and last used at ``last_seen`` is over."""
        return (now - last_seen > timedelta(minutes=self.idle_minutes)) or (
            now - signed_in_at > timedelta(hours=self.max_hours)
        )
